import { Injectable } from '@nestjs/common';
import { CooperativeSettings, CourierOnShiftRow, HeldOrderRow, WaitingOrderRow } from '@lib/database';
import { BIKE_DETOUR_FACTOR, BIKE_SPEED_METERS_PER_MINUTE, LatLng, LocalProjection } from '@lib/geo';
import { CourierSnapshot, CourierStatus, DispatchSnapshot, planarTravelModel, TravelModel, WaitingOrder, WorkOutlook } from '@lib/dispatch-policy';
import type { LivePosition } from '@lib/positions';

/** A courier who gave no planned end is assumed to ride a usual shift from now on (it ends it by toggling it off). */
const OPEN_SHIFT_MINUTES = 8 * 60;
const SERVICE_MINUTES = { pickup: 4, dropoff: 2 };

export interface DispatchState {
  now: Date;
  settings: CooperativeSettings;
  waiting: WaitingOrderRow[];
  couriers: CourierOnShiftRow[];
  held: HeldOrderRow[];
  positions: LivePosition[];
  /** The co-op's expected jobs per courier-hour, learnt from its past days (none while it has too little history). */
  workOutlook?: WorkOutlook;
}

const toMinutes = (date: Date) => date.getTime() / 60_000;

/**
 * The production adapter's half of "one policy, two worlds": turns database rows and live
 * positions into the policy's planar, minute-based snapshot, with what the policy needs to
 * apply the co-op's rules itself: each courier's spare capacity (what it holds and is being
 * offered counts), each order's declined and expired offers, the co-op's offer limit.
 * Couriers without a recent position or past the end they planned for their shift are left
 * out; they cannot take work now.
 */
@Injectable()
export class SnapshotBuilder {
  build(state: DispatchState): DispatchSnapshot {
    const projection = new LocalProjection(centreOf(state));
    const travel = planarTravelModel({ metresPerMinute: BIKE_SPEED_METERS_PER_MINUTE, detourFactor: BIKE_DETOUR_FACTOR });
    const now = toMinutes(state.now);
    const positionOf = new Map(state.positions.map((position) => [position.courierId, position]));
    const heldBy = groupBy(state.held, (order) => order.courierId);
    const couriers: CourierSnapshot[] = [];
    for (const courier of state.couriers) {
      const position = positionOf.get(courier.id);
      const held = heldBy.get(courier.id) ?? [];
      const shiftEndsAt = courier.shiftEndsAt ? toMinutes(courier.shiftEndsAt) : now + OPEN_SHIFT_MINUTES;
      if (!position || shiftEndsAt <= now) continue;
      const at = projection.toPlanar(position);
      couriers.push({
        id: courier.id,
        position: at,
        shiftEndsAt,
        status: statusOf(held, at, now, projection, travel),
        ordersToday: courier.deliveredToday,
        earningsToday: courier.earnedToday,
        onShiftMinutesToday: courier.onShiftMinutesToday,
        spareCapacity: Math.max(0, courier.capacity - held.length),
      });
    }
    const orders: WaitingOrder[] = state.waiting.map((order) => ({
      id: order.id,
      restaurantId: order.merchantId,
      pickup: projection.toPlanar(order.pickup),
      dropoff: projection.toPlanar(order.dropoff),
      placedAt: toMinutes(order.createdAt),
      readyAt: Math.max(toMinutes(order.readyAt), toMinutes(order.createdAt)),
      excludedCourierIds: order.excludedCourierIds,
      offersMade: order.offersMade,
    }));
    return {
      now,
      couriers,
      orders,
      weights: {
        fairness: state.settings.fairnessWeight,
        fairnessTarget: state.settings.fairnessTarget,
        guaranteedHourlyPay: state.settings.guaranteedHourlyPay,
      },
      limits: { maxOffersPerOrder: state.settings.maxOffersPerOrder },
      service: SERVICE_MINUTES,
      travel,
      workOutlook: state.workOutlook,
    };
  }
}

function statusOf(held: HeldOrderRow[], at: { x: number; y: number }, now: number, projection: LocalProjection, travel: TravelModel): CourierStatus {
  if (!held.length) return { kind: 'idle' };
  const carrying = held.filter((order) => order.status === 'picked_up');
  if (carrying.length) {
    // Free again after the remaining drop-offs, in the order they were taken.
    let from = at;
    let time = now;
    for (const order of carrying) {
      const to = projection.toPlanar(order.dropoff);
      time += travel.minutes(from, to) + SERVICE_MINUTES.dropoff;
      from = to;
    }
    return { kind: 'delivering', availableAt: time, availableFrom: from };
  }
  const pickup = projection.toPlanar(held[0].pickup);
  return {
    kind: 'heading-to-pickup',
    pickupGroup: held[0].merchantId,
    pickup,
    arrivesAt: now + travel.minutes(at, pickup),
    orders: held.map((order) => ({
      id: order.id,
      dropoff: projection.toPlanar(order.dropoff),
      placedAt: toMinutes(order.createdAt),
      readyAt: toMinutes(order.readyAt),
    })),
  };
}

/** Any point inside the city will do as the projection's origin; the mean keeps errors smallest. */
function centreOf(state: DispatchState): LatLng {
  const points: LatLng[] = [...state.waiting.map((order) => order.pickup), ...state.positions];
  if (!points.length) return { lat: 0, lng: 0 };
  return {
    lat: points.reduce((sum, point) => sum + point.lat, 0) / points.length,
    lng: points.reduce((sum, point) => sum + point.lng, 0) / points.length,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
