import { Point, ServiceMinutes, TravelModel } from '@lib/dispatch-policy';
import { MdrpCourier, MdrpInstance, MdrpOrder } from '../mdrp/instance';
import { mdrpTravelModel } from '../mdrp/mdrp-travel';

/** The in-memory world the simulator replays: what PostgreSQL and Redis hold
 *  in production (couriers, their jobs, waiting orders), nothing more. */
export interface SimWorld {
  readonly instance: MdrpInstance;
  readonly travel: TravelModel;
  readonly service: ServiceMinutes;
  readonly couriers: ReadonlyMap<string, SimCourier>;
  readonly orders: ReadonlyMap<string, SimOrder>;
}

export interface SimCourier {
  readonly spec: MdrpCourier;
  /** Where it waits between jobs, and that place's id in the solution files
   *  ('0' = its on-location, otherwise the last order it dropped off). */
  position: Point;
  locationLabel: string;
  /** Orders it may hold at once (the MDRP sets no limit: Infinity). */
  readonly capacity: number;
  job?: SimJob;
  readonly finishedJobs: SimJob[];
  ordersAccepted: number;
}

/** One assignment: ride to a restaurant, pick up, drop off in sequence. */
export interface SimJob {
  readonly courierId: string;
  readonly restaurantId: string;
  readonly pickup: Point;
  readonly origin: string;
  readonly departedAt: number;
  readonly arrivesAt: number;
  /** Drop-off sequence; grows only before pickup (same restaurant). */
  orderIds: string[];
  /** Last time orders were added: the assignment time the evaluator sees. */
  changedAt: number;
  pickedUpAt?: number;
  dropoffAt?: number[];
  freeAt?: number;
}

export interface SimOrder {
  readonly spec: MdrpOrder;
  readonly pickup: Point;
  readonly excludedCourierIds: string[];
  /** Offers declined so far (production also counts expired ones; the simulator has no expiry). */
  offersMade: number;
  /** Flagged by the policy for a person, as production's `needs_attention`; cleared by a new offer. */
  needsAttention: boolean;
  courierId?: string;
}

/** Rules of the simulated co-op beyond the published day (which sets none). */
export interface WorldRules {
  readonly courierCapacity: number;
}

export const MDRP_RULES: WorldRules = { courierCapacity: Infinity };

export function createWorld(instance: MdrpInstance, rules: WorldRules = MDRP_RULES): SimWorld {
  const couriers = new Map<string, SimCourier>(
    instance.couriers.map((spec) => [spec.id, { spec, position: spec.start, locationLabel: '0', capacity: rules.courierCapacity, finishedJobs: [], ordersAccepted: 0 }]),
  );
  const orders = new Map<string, SimOrder>(
    instance.orders.map((spec) => [spec.id, { spec, pickup: instance.restaurants.get(spec.restaurantId)!, excludedCourierIds: [], offersMade: 0, needsAttention: false }]),
  );
  const { pickupServiceMinutes, dropoffServiceMinutes, metresPerMinute } = instance.parameters;
  return {
    instance,
    travel: mdrpTravelModel(metresPerMinute),
    service: { pickup: pickupServiceMinutes, dropoff: dropoffServiceMinutes },
    couriers,
    orders,
  };
}
