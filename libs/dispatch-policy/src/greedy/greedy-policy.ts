import { Assignment, Candidate, Deferral, DispatchDecisions } from '../model/decisions';
import { DispatchPolicy } from '../model/policy';
import { CourierSnapshot, DispatchSnapshot, WaitingOrder } from '../model/snapshot';
import { decideWithinCoopRules, Proposal } from '../shared/coop-rules';
import { planRoute } from '../shared/route-plan';

const CANDIDATES_LOGGED = 5;

/** Baseline: oldest order first, each to the nearest idle courier, at once,
 *  one order per job, no fairness. What a plain "closest rider" dispatcher does. */
export class GreedyPolicy implements DispatchPolicy {
  readonly name = 'greedy';
  readonly cadenceMinutes = 1;

  decide(snapshot: DispatchSnapshot): DispatchDecisions {
    return decideWithinCoopRules(snapshot, propose);
  }
}

function propose(snapshot: DispatchSnapshot): Proposal {
  const idle = snapshot.couriers.filter((c) => c.status.kind === 'idle' && c.shiftEndsAt >= snapshot.now);
  const taken = new Set<string>();
  const assignments: Assignment[] = [];
  const deferred: Deferral[] = [];
  const oldestFirst = [...snapshot.orders].sort((a, b) => a.placedAt - b.placedAt || a.id.localeCompare(b.id));
  for (const order of oldestFirst) {
    const candidates = rankIdleCouriers(snapshot, order, idle.filter((c) => !taken.has(c.id)));
    if (candidates.length === 0) {
      deferred.push({ orderId: order.id, reason: 'no idle courier can reach the restaurant before the end of its shift' });
      continue;
    }
    const chosen = candidates[0];
    taken.add(chosen.courier.id);
    assignments.push(toAssignment(snapshot, order, chosen, candidates));
  }
  return { assignments, deferred };
}

interface RankedCourier {
  readonly courier: CourierSnapshot;
  readonly travelMinutes: number;
}

function rankIdleCouriers(snapshot: DispatchSnapshot, order: WaitingOrder, idle: CourierSnapshot[]): RankedCourier[] {
  return idle
    .filter((c) => !order.excludedCourierIds.includes(c.id))
    .map((courier) => ({ courier, travelMinutes: snapshot.travel.minutes(courier.position, order.pickup) }))
    .filter((r) => pickupTime(snapshot, order, r.travelMinutes) <= r.courier.shiftEndsAt)
    .sort((a, b) => a.travelMinutes - b.travelMinutes || a.courier.id.localeCompare(b.courier.id));
}

function pickupTime(snapshot: DispatchSnapshot, order: WaitingOrder, travelMinutes: number): number {
  return Math.max(snapshot.now + travelMinutes + snapshot.service.pickup / 2, order.readyAt);
}

function toAssignment(snapshot: DispatchSnapshot, order: WaitingOrder, chosen: RankedCourier, ranked: RankedCourier[]): Assignment {
  const plan = planRoute(
    { departsAt: snapshot.now, from: chosen.courier.position, notBefore: snapshot.now },
    order.pickup,
    [order],
    snapshot.service,
    snapshot.travel,
  );
  const candidates: Candidate[] = ranked
    .slice(0, CANDIDATES_LOGGED)
    .map((r) => ({ courierId: r.courier.id, score: r.travelMinutes, terms: { travelMinutes: r.travelMinutes } }));
  return {
    courierId: chosen.courier.id,
    orderIds: [order.id],
    newOrderIds: [order.id],
    pickupGroup: order.restaurantId,
    expectedPickupAt: plan.pickupAt,
    expectedDropoffAt: plan.dropoffAt,
    score: chosen.travelMinutes,
    reason: `nearest idle courier: ${round(chosen.travelMinutes)} min from ${order.restaurantId} (of ${ranked.length} idle)`,
    candidates,
  };
}

function round(minutes: number): number {
  return Math.round(minutes * 10) / 10;
}
