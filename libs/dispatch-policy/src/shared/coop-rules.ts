import { Assignment, Deferral, DispatchDecisions, NeedsAttention } from '../model/decisions';
import { DispatchSnapshot, WaitingOrder } from '../model/snapshot';
import { spareCapacityOf, trimToSpareCapacity } from './spare-capacity';

/** What a policy's matching proposes for the orders and couriers the co-op's rules leave it. */
export interface Proposal {
  readonly assignments: readonly Assignment[];
  readonly deferred: readonly Deferral[];
}

/**
 * The co-op's rules around a policy's matching, the same for every policy, so that each
 * returns an outcome for every waiting order and the adapters only act:
 * - an order whose declined or expired offers reached `maxOffersPerOrder` waits for a person;
 * - a courier with no spare capacity is not offered anything (the matching does not see it);
 * - an order that every courier able to take work now turned down (or with no such courier)
 *   is flagged for a person, while it stays in the matching for a courier coming on shift;
 * - an assignment beyond its courier's spare capacity is cut, the rest planned next round.
 */
export function decideWithinCoopRules(snapshot: DispatchSnapshot, propose: (snapshot: DispatchSnapshot) => Proposal): DispatchDecisions {
  const limit = snapshot.limits?.maxOffersPerOrder ?? Infinity;
  const exhausted = snapshot.orders.filter((order) => order.offersMade >= limit);
  const orders = exhausted.length ? snapshot.orders.filter((order) => order.offersMade < limit) : snapshot.orders;
  const couriers = snapshot.couriers.filter((courier) => spareCapacityOf(courier) > 0);
  const dispatchable = orders === snapshot.orders && couriers.length === snapshot.couriers.length ? snapshot : { ...snapshot, orders, couriers };
  const proposal = propose(dispatchable);
  const trimmed = trimToSpareCapacity(proposal.assignments, couriers);
  const unservable = new Set(orders.filter((order) => !couriers.some((courier) => !order.excludedCourierIds.includes(courier.id))).map((order) => order.id));
  const deferred = [...proposal.deferred, ...trimmed.deferred];
  return {
    assignments: trimmed.assignments,
    deferred: deferred.filter((deferral) => !unservable.has(deferral.orderId)),
    needsAttention: [
      ...exhausted.map((order) => offerLimitReached(order, limit)),
      ...deferred.filter((deferral) => unservable.has(deferral.orderId)).map((deferral): NeedsAttention => ({ orderId: deferral.orderId, cause: 'no-courier', reason: deferral.reason })),
    ],
  };
}

function offerLimitReached(order: WaitingOrder, limit: number): NeedsAttention {
  return { orderId: order.id, cause: 'offer-limit', reason: `${order.offersMade} offers declined or expired, the co-op's limit is ${limit}: a dispatcher decides` };
}
