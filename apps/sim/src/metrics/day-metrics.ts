import { MdrpInstance } from '../mdrp/instance';
import { mdrpTravelModel } from '../mdrp/mdrp-travel';
import { MdrpSolution } from '../solution/solution';
import { courierPay } from './courier-pay';
import { gini, mean, percentile } from './statistics';

/** Service and fairness figures of one replayed day, computed from the
 *  solution files (what the evaluator sees), not from simulator internals. */
export interface DayMetrics {
  readonly orders: number;
  readonly delivered: number;
  readonly clickToDoorMean: number;
  readonly clickToDoorP90: number;
  /** Share of delivered orders over the target click-to-door (40 min), 0..1. */
  readonly shareOverTarget: number;
  readonly readyToPickupMean: number;
  readonly ordersPerBundle: number;
  readonly ordersPerCourierHour: number;
  /** Gini over couriers of pay (orders × p1, at least p2 × shift hours). */
  readonly giniEarnings: number;
  readonly giniEarningsPerShiftHour: number;
  /** Same without the hourly guarantee: order earnings only. */
  readonly giniOrderEarnings: number;
  readonly giniOrderEarningsPerShiftHour: number;
  /** Mean over all orders of ready + half pickup + ride + half drop-off - placement. */
  readonly physicalLimitMean: number;
}

export function dayMetrics(instance: MdrpInstance, solution: MdrpSolution): DayMetrics {
  const p = instance.parameters;
  const travel = mdrpTravelModel(p.metresPerMinute);
  const clickToDoor = solution.orders.map((o) => o.dropoffAt - o.placedAt);
  const perCourier = new Map(instance.couriers.map((c) => [c.id, 0]));
  for (const o of solution.orders) perCourier.set(o.courierId, (perCourier.get(o.courierId) ?? 0) + 1);
  const pay = instance.couriers.map((c) => courierPay(c, perCourier.get(c.id) ?? 0, p));
  const courierHours = pay.reduce((s, c) => s + c.shiftHours, 0);
  const limits = instance.orders.map((o) => {
    const ride = travel.minutes(instance.restaurants.get(o.restaurantId)!, o.dropoff);
    return o.readyAt + p.pickupServiceMinutes / 2 + ride + p.dropoffServiceMinutes / 2 - o.placedAt;
  });
  return {
    orders: instance.orders.length,
    delivered: solution.orders.length,
    clickToDoorMean: mean(clickToDoor),
    clickToDoorP90: percentile(clickToDoor, 90),
    shareOverTarget: clickToDoor.filter((m) => m > p.targetClickToDoor).length / Math.max(1, clickToDoor.length),
    readyToPickupMean: mean(solution.orders.map((o) => o.pickupAt - o.readyAt)),
    ordersPerBundle: solution.orders.length / Math.max(1, solution.assignments.length),
    ordersPerCourierHour: solution.orders.length / courierHours,
    giniEarnings: gini(pay.map((c) => c.pay)),
    giniEarningsPerShiftHour: gini(pay.map((c) => c.payPerShiftHour)),
    giniOrderEarnings: gini(pay.map((c) => c.orderPay)),
    giniOrderEarningsPerShiftHour: gini(pay.map((c) => c.orderPayPerShiftHour)),
    physicalLimitMean: mean(limits),
  };
}
