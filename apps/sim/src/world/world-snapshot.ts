import { CoopLimits, CoopWeights, CourierSnapshot, CourierStatus, DispatchSnapshot, WaitingOrder, WorkOutlook } from '@lib/dispatch-policy';
import { onShiftAt } from '../mdrp/instance';
import { SimCourier, SimOrder, SimWorld } from './sim-world';

/** What the simulated co-op tells the policy besides its world. */
export interface SimCoop {
  readonly weights: CoopWeights;
  readonly workOutlook?: WorkOutlook;
  /** Absent: no offer limit (the MDRP has none). */
  readonly limits?: CoopLimits;
  /** Which couriers and waiting orders are this co-op's to dispatch (absent: all of the
   *  world's, the one-co-op replay). Two co-ops share one world and each sees its part. */
  readonly scope?: CoopScope;
}

export interface CoopScope {
  hasCourier(courierId: string): boolean;
  dispatchesOrder(orderId: string): boolean;
}

/** The in-memory adapter: the same snapshot production builds from its
 *  database, built from the simulated world. Only couriers on shift and only
 *  orders already placed are visible. */
export function worldSnapshot(world: SimWorld, now: number, coop: SimCoop): DispatchSnapshot {
  const couriers: CourierSnapshot[] = [];
  for (const courier of world.couriers.values()) {
    if (!onShiftAt(courier.spec, now) || (coop.scope && !coop.scope.hasCourier(courier.spec.id))) continue;
    couriers.push(courierSnapshot(world, courier, now));
  }
  const orders: WaitingOrder[] = [];
  for (const order of world.orders.values()) {
    if (order.spec.placedAt > now || order.courierId !== undefined) continue;
    if (coop.scope && !coop.scope.dispatchesOrder(order.spec.id)) continue;
    orders.push(waitingOrder(order));
  }
  const { weights, workOutlook, limits } = coop;
  return { now, couriers, orders, weights, service: world.service, travel: world.travel, workOutlook, limits };
}

/** A waiting order as the policy sees it, with its declined offers so far. */
export function waitingOrder(order: SimOrder): WaitingOrder {
  const { id, dropoff, placedAt, readyAt, restaurantId } = order.spec;
  return { id, dropoff, placedAt, readyAt, restaurantId, pickup: order.pickup, excludedCourierIds: [...order.excludedCourierIds], offersMade: order.offersMade };
}

function courierSnapshot(world: SimWorld, courier: SimCourier, now: number): CourierSnapshot {
  const { payPerOrder } = world.instance.parameters;
  return {
    id: courier.spec.id,
    position: courier.position,
    shiftEndsAt: courier.spec.offAt,
    status: courierStatus(world, courier),
    ordersToday: courier.ordersAccepted,
    earningsToday: courier.ordersAccepted * payPerOrder,
    onShiftMinutesToday: now - courier.spec.onAt,
    // Like production, every order of its job counts, picked up or not.
    spareCapacity: courier.capacity - (courier.job?.orderIds.length ?? 0),
  };
}

function courierStatus(world: SimWorld, courier: SimCourier): CourierStatus {
  const job = courier.job;
  if (!job) return { kind: 'idle' };
  if (job.pickedUpAt !== undefined) {
    const last = world.orders.get(job.orderIds[job.orderIds.length - 1])!;
    return { kind: 'delivering', availableAt: job.freeAt!, availableFrom: last.spec.dropoff };
  }
  const orders = job.orderIds.map((id) => {
    const { dropoff, placedAt, readyAt } = world.orders.get(id)!.spec;
    return { id, dropoff, placedAt, readyAt };
  });
  return { kind: 'heading-to-pickup', pickupGroup: job.restaurantId, pickup: job.pickup, arrivesAt: job.arrivesAt, orders };
}
