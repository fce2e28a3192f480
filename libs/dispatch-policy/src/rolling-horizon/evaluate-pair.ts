import { CommittedOrder, DispatchSnapshot } from '../model/snapshot';
import { FairnessTerm } from '../shared/fairness-term';
import { planRoute, RoutePlan } from '../shared/route-plan';
import { Bundle, latestReady } from './bundle';
import { RollingHorizonConfig } from './config';
import { CourierSlot } from './courier-slots';
import { physicalLimitDropoff } from './order-limits';
import { SystemPressure } from './system-pressure';

/** One courier considered for one bundle: the plan it would follow and the
 *  named terms of its score (all in customer-minutes, lower is better). */
export interface PairEvaluation {
  readonly slot: CourierSlot;
  readonly plan: RoutePlan;
  readonly terms: PairTerms;
  readonly score: number;
}

export interface PairTerms {
  /** Minutes the bundle's orders arrive later than the fastest delivery still
   *  possible from now (food picked up the moment it is ready, or now if it is
   *  waiting already). Lateness already incurred is sunk and not counted. */
  readonly delay: number;
  /** Minutes added to orders the courier already holds (job extensions). */
  readonly heldDelay: number;
  /** Courier-minutes used, priced by how scarce couriers are right now. */
  readonly courierTime: number;
  /** Co-op fairness weight × how far above the mean pay per shift-hour the courier is (see fairness-term). */
  readonly fairness: number;
}

export interface PairContext {
  readonly snapshot: DispatchSnapshot;
  readonly pressure: SystemPressure;
  readonly config: RollingHorizonConfig;
  readonly fairness: FairnessTerm;
}

export function evaluatePair(bundle: Bundle, slot: CourierSlot, ctx: PairContext): PairEvaluation | null {
  const { snapshot } = ctx;
  const courierId = slot.courier.id;
  if (bundle.orders.some((o) => o.excludedCourierIds.includes(courierId))) return null;
  const planned = slot.kind === 'fresh' ? planFresh(bundle, slot, ctx) : planExtension(bundle, slot, ctx);
  if (!planned || planned.plan.pickupAt > slot.courier.shiftEndsAt) return null;
  const { plan, heldDelay, courierMinutes } = planned;
  const offered = new Set(bundle.orders.map((o) => o.id));
  let delay = 0;
  plan.sequence.forEach((o, i) => {
    if (offered.has(o.id)) delay += plan.dropoffAt[i] - earliestDropoffFromNow(o, bundle, snapshot);
  });
  const terms: PairTerms = {
    delay,
    heldDelay,
    courierTime: ctx.pressure.courierMinutePrice * courierMinutes,
    fairness: ctx.fairness(courierId, bundle.orders.length),
  };
  return { slot, plan, terms, score: terms.delay + terms.heldDelay + terms.courierTime + terms.fairness };
}

interface Planned {
  readonly plan: RoutePlan;
  readonly heldDelay: number;
  readonly courierMinutes: number;
}

function planFresh(bundle: Bundle, slot: Extract<CourierSlot, { kind: 'fresh' }>, ctx: PairContext): Planned {
  const { snapshot } = ctx;
  const approach = snapshot.travel.minutes(slot.from, bundle.pickup);
  const plan = planRoute({ departsAt: slot.departsAt, from: slot.from, notBefore: snapshot.now }, bundle.pickup, bundle.orders, snapshot.service, snapshot.travel);
  // An idle courier will be sent just in time, so waiting at the restaurant is not courier time spent.
  const justInTimeDeparture = Math.max(slot.departsAt, latestReady(bundle.orders) - snapshot.service.pickup / 2 - approach);
  return { plan, heldDelay: 0, courierMinutes: plan.freeAt - justInTimeDeparture };
}

function planExtension(bundle: Bundle, slot: Extract<CourierSlot, { kind: 'extend' }>, ctx: PairContext): Planned | null {
  const { snapshot, config } = ctx;
  if (slot.job.pickupGroup !== bundle.restaurantId) return null;
  if (slot.held.length + bundle.orders.length > config.maxBundleSize) return null;
  const start = { arrivesAt: slot.job.arrivesAt, notBefore: snapshot.now };
  const before = planRoute(start, slot.job.pickup, slot.held, snapshot.service, snapshot.travel);
  const plan = planRoute(start, slot.job.pickup, [...slot.held, ...bundle.orders], snapshot.service, snapshot.travel);
  const heldDelay = before.sequence.reduce((sum, o, i) => sum + plan.dropoffAt[plan.sequence.indexOf(o)] - before.dropoffAt[i], 0);
  return { plan, heldDelay, courierMinutes: plan.freeAt - before.freeAt };
}

function earliestDropoffFromNow(order: CommittedOrder, bundle: Bundle, snapshot: DispatchSnapshot): number {
  const waited = Math.max(0, snapshot.now - order.readyAt);
  return physicalLimitDropoff(order, bundle.pickup, snapshot.service, snapshot.travel) + waited;
}
