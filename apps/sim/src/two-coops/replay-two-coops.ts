import { performance } from 'node:perf_hooks';
import { CoopLimits, CoopWeights, DispatchPolicy, NeedsAttention, seededRng } from '@lib/dispatch-policy';
import { decideTick } from '../replay/decide-tick';
import { advanceWorld } from '../world/advance-world';
import { OfferResponder } from '../world/offer-responder';
import { createWorld, MDRP_RULES, SimWorld, WorldRules } from '../world/sim-world';
import { CoopScope, SimCoop } from '../world/world-snapshot';
import { CoopName, COOPS, partnerOf, TwoCoopDay } from './coop-split';
import { partnerCanTake } from './partner-trial';
import { ordersToShare, Partnership } from './partnership';

export interface TwoCoopReplayOptions {
  /** One policy per co-op (the same code; each decides over its own snapshot only). */
  readonly policies: Readonly<Record<CoopName, DispatchPolicy>>;
  readonly weights: Readonly<Record<CoopName, CoopWeights>>;
  readonly responder: OfferResponder;
  readonly seed: number;
  readonly limits?: CoopLimits;
  readonly rules?: WorldRules;
  /** Absent: no partnership, each co-op's orders wait for its own couriers. */
  readonly partnership?: Partnership;
  /** Not production's rule, an experiment: also hand over an order still without a courier
   *  this many minutes after its food is ready (absent: only needs-attention orders). */
  readonly overflowLateAfterMinutes?: number;
}

/** An order one co-op handed to its partner (the share record). */
export interface SharedOrder {
  readonly orderId: string;
  readonly home: CoopName;
  readonly carrier: CoopName;
  readonly sharedAt: number;
  /** When the carrier gave it back because it could not serve it either. */
  givenBackAt?: number;
}

export interface TwoCoopReplay {
  readonly world: SimWorld;
  readonly shared: readonly SharedOrder[];
  /** Policy time per decision minute, both co-ops and partner trials together, ms. */
  readonly decisionMillis: readonly number[];
  readonly offersAccepted: number;
  readonly offersDeclined: number;
  readonly wallMillis: number;
}

/**
 * Replays one day with two co-ops in one shared world (same couriers, orders and travel
 * as the one-co-op replay). Each minute the policy runs, west decides over its own snapshot
 * (its couriers, the orders it dispatches), then east, each through the same tick as the
 * one-co-op replay. With a partnership, after a co-op's tick, as production's dispatcher:
 * - hand over: its own orders its policy returned as needs attention go to the partner
 *   (`ordersToShare`: in the area, under the cap, and only if the partner's own policy has
 *   a courier for it); the partner then dispatches them with its weights under the same
 *   offer protocol, its offer count starting afresh; they leave the home co-op's snapshot;
 * - give back: orders it carries for the partner that its policy returned as needs
 *   attention go back to their home co-op, flagged, and are never handed over again.
 * West's overflow reaches east the same minute, east's reaches west the next one.
 */
export function replayTwoCoops(day: TwoCoopDay, options: TwoCoopReplayOptions): TwoCoopReplay {
  const started = performance.now();
  const { instance } = day;
  const world = createWorld(instance, options.rules ?? MDRP_RULES);
  const exchange = new OverflowExchange(day);
  const coops = Object.fromEntries(COOPS.map((coop) => [coop, coopView(day, coop, exchange, options)])) as Record<CoopName, SimCoop>;
  const rngs = Object.fromEntries(COOPS.map((coop, index) => [coop, seededRng(options.seed + index)]));
  const cadence = Math.max(...COOPS.map((coop) => options.policies[coop].cadenceMinutes));
  const firstMinute = Math.min(...instance.couriers.map((c) => c.onAt), ...instance.orders.map((o) => o.placedAt));
  const lastPickupMinute = Math.max(...instance.couriers.map((c) => c.offAt));
  const decisionMillis: number[] = [];
  let offersAccepted = 0;
  let offersDeclined = 0;
  for (let now = firstMinute; now <= lastPickupMinute; now++) {
    advanceWorld(world, now);
    if ((now - firstMinute) % cadence !== 0) continue;
    let spent = 0;
    for (const coop of COOPS) {
      const tick = decideTick(world, now, coops[coop], options.policies[coop], options.responder, rngs[coop]);
      spent += tick.policyMillis;
      offersAccepted += tick.accepted;
      offersDeclined += tick.declined;
      if (!options.partnership) continue;
      const t0 = performance.now();
      const partner = partnerOf(coop);
      const trial = (orderId: string) => partnerCanTake(world, now, coops[partner], options.policies[partner], orderId);
      const late = options.overflowLateAfterMinutes === undefined ? [] : lateOrders(world, now, coops[coop], options.overflowLateAfterMinutes);
      exchange.handOver(world, coop, [...tick.needsAttention.map((flag) => flag.orderId), ...late], options.partnership, trial, now);
      exchange.giveBack(world, coop, tick.needsAttention, now);
      spent += performance.now() - t0;
    }
    if (spent > 0) decisionMillis.push(spent);
  }
  advanceWorld(world, Infinity);
  return { world, shared: exchange.shared, decisionMillis, offersAccepted, offersDeclined, wallMillis: performance.now() - started };
}

/** The share records of the day and who dispatches each order because of them. */
class OverflowExchange {
  readonly shared: SharedOrder[] = [];
  private readonly active = new Map<string, SharedOrder>();

  constructor(private readonly day: TwoCoopDay) {}

  dispatcherOf(orderId: string): CoopName {
    return this.active.get(orderId)?.carrier ?? this.day.homeOfOrder.get(orderId)!;
  }

  handOver(world: SimWorld, home: CoopName, orderIds: readonly string[], partnership: Partnership, partnerCanTake: (orderId: string) => boolean, now: number): void {
    const ownFlagged = [...new Set(orderIds)]
      .map((orderId) => world.orders.get(orderId)!)
      .filter((order) => this.day.homeOfOrder.get(order.spec.id) === home && !this.active.has(order.spec.id) && !this.wasGivenBack(order.spec.id))
      .map((order) => ({ orderId: order.spec.id, placedAt: order.spec.placedAt, pickup: order.pickup, dropoff: order.spec.dropoff }));
    if (ownFlagged.length === 0) return;
    const carrier = partnerOf(home);
    const carriedToday = this.shared.filter((share) => share.carrier === carrier && share.givenBackAt === undefined).length;
    for (const orderId of ordersToShare(ownFlagged, partnership, carriedToday, partnerCanTake)) {
      const share: SharedOrder = { orderId, home, carrier, sharedAt: now };
      this.shared.push(share);
      this.active.set(orderId, share);
      const order = world.orders.get(orderId)!;
      order.offersMade = 0; // the partner's offer protocol starts afresh
      order.needsAttention = false; // nobody at home is asked to look at it
    }
  }

  giveBack(world: SimWorld, carrier: CoopName, flags: readonly NeedsAttention[], now: number): void {
    for (const { orderId } of flags) {
      const share = this.active.get(orderId);
      if (!share || share.carrier !== carrier || world.orders.get(orderId)!.courierId !== undefined) continue;
      share.givenBackAt = now;
      this.active.delete(orderId); // back in its home co-op's snapshot, still flagged
    }
  }

  private wasGivenBack(orderId: string): boolean {
    return this.shared.some((share) => share.orderId === orderId && share.givenBackAt !== undefined);
  }
}

/** The co-op's waiting orders (its own or carried) whose food has been ready for `minutes` or more. */
function lateOrders(world: SimWorld, now: number, coop: SimCoop, minutes: number): string[] {
  const late: string[] = [];
  for (const order of world.orders.values()) {
    if (order.courierId !== undefined || order.spec.placedAt > now || now < order.spec.readyAt + minutes) continue;
    if (coop.scope?.dispatchesOrder(order.spec.id)) late.push(order.spec.id);
  }
  return late;
}

function coopView(day: TwoCoopDay, coop: CoopName, exchange: OverflowExchange, options: TwoCoopReplayOptions): SimCoop {
  const scope: CoopScope = {
    hasCourier: (courierId) => day.coopOfCourier.get(courierId) === coop,
    dispatchesOrder: (orderId) => exchange.dispatcherOf(orderId) === coop,
  };
  return { weights: options.weights[coop], limits: options.limits, scope };
}
