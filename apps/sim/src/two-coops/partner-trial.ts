import { DispatchPolicy, seededRng } from '@lib/dispatch-policy';
import { SimWorld } from '../world/sim-world';
import { SimCoop, waitingOrder, worldSnapshot } from '../world/world-snapshot';

/**
 * Whether the partner's own policy, with its weights, over a snapshot of its couriers with
 * only this order waiting (no offers declined yet: the partner's protocol starts afresh),
 * has a courier for it (offers it or plans it) rather than flagging it: production's trial
 * before handing an order over. A partner with no courier that could take it is not asked.
 */
export function partnerCanTake(world: SimWorld, now: number, partner: SimCoop, policy: DispatchPolicy, orderId: string): boolean {
  const order = world.orders.get(orderId)!;
  const snapshot = { ...worldSnapshot(world, now, partner), orders: [{ ...waitingOrder(order), excludedCourierIds: [], offersMade: 0 }] };
  // Seeded by the minute, as production seeds each decision.
  const decisions = policy.decide(snapshot, { rng: seededRng(now) });
  return !decisions.needsAttention.some((flag) => flag.orderId === orderId);
}
