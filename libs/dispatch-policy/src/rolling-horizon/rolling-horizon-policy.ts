import { Assignment, Deferral, DispatchDecisions } from '../model/decisions';
import { DispatchPolicy } from '../model/policy';
import { DispatchSnapshot } from '../model/snapshot';
import { decideWithinCoopRules, Proposal } from '../shared/coop-rules';
import { fairnessTerm } from '../shared/fairness-term';
import { buildBundles } from './build-bundles';
import { decideCommitment } from './commitment';
import { DEFAULT_ROLLING_HORIZON_CONFIG, RollingHorizonConfig } from './config';
import { courierSlots } from './courier-slots';
import { deferralsFor } from './deferrals';
import { candidatesOf, explainAssignment } from './explain';
import { BundleMatch, matchByPriority } from './match-by-priority';
import { systemPressure } from './system-pressure';

/** Every round: bundle the orders ready within the horizon, match bundles to
 *  couriers (idle, free soon, or already heading to that restaurant) by urgency
 *  group, and commit only the matches that cannot wait for the next round. */
export class RollingHorizonPolicy implements DispatchPolicy {
  readonly name = 'rolling-horizon';
  readonly cadenceMinutes: number;

  constructor(private readonly config: RollingHorizonConfig = DEFAULT_ROLLING_HORIZON_CONFIG) {
    this.cadenceMinutes = config.cadenceMinutes;
  }

  decide(snapshot: DispatchSnapshot): DispatchDecisions {
    return decideWithinCoopRules(snapshot, (dispatchable) => this.propose(dispatchable));
  }

  private propose(snapshot: DispatchSnapshot): Proposal {
    const config = this.config;
    const horizon = snapshot.now + config.orderHorizonMinutes;
    const planned = snapshot.orders.filter((o) => o.readyAt <= horizon || fewCouriersLeftBy(snapshot, o.readyAt, config));
    const slots = courierSlots(snapshot, config);
    const pressure = systemPressure(snapshot, slots, config);
    const bundles = buildBundles(planned, snapshot, pressure, config);
    const fairness = fairnessTerm(snapshot, config.fairnessDecidedMinutes);
    const matches = matchByPriority(bundles, slots, { snapshot, pressure, config, fairness });

    const assignments: Assignment[] = [];
    const deferred: Deferral[] = [];
    for (const match of matches) {
      const commitment = decideCommitment(match, snapshot, config);
      if (commitment.kind === 'commit') assignments.push(toAssignment(match, snapshot, pressure));
      else deferred.push(...deferralsFor(match, commitment));
    }
    for (const order of snapshot.orders) {
      if (!planned.includes(order)) deferred.push({ orderId: order.id, reason: `food ready in ${order.readyAt - snapshot.now} min: planned closer to that time` });
    }
    return { assignments, deferred };
  }
}

function toAssignment(match: BundleMatch, snapshot: DispatchSnapshot, pressure: ReturnType<typeof systemPressure>): Assignment {
  const chosen = match.chosen!;
  return {
    courierId: chosen.slot.courier.id,
    orderIds: chosen.plan.sequence.map((o) => o.id),
    newOrderIds: match.bundle.orders.map((o) => o.id),
    pickupGroup: match.bundle.restaurantId,
    expectedPickupAt: chosen.plan.pickupAt,
    expectedDropoffAt: chosen.plan.dropoffAt,
    score: Math.round(chosen.score * 10) / 10,
    reason: explainAssignment(match, snapshot, pressure),
    candidates: candidatesOf(match),
  };
}

function fewCouriersLeftBy(snapshot: DispatchSnapshot, readyAt: number, config: RollingHorizonConfig): boolean {
  return snapshot.couriers.filter((c) => c.shiftEndsAt >= readyAt).length <= config.lastCouriersToPlanEarly;
}
