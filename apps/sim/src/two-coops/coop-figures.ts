import { MdrpCourier, MdrpInstance } from '../mdrp/instance';
import { courierPay } from '../metrics/courier-pay';
import { gini, mean, percentile } from '../metrics/statistics';
import { MdrpSolution } from '../solution/solution';
import { CoopName, COOPS, TwoCoopDay } from './coop-split';
import { orderPrice } from './order-price';
import { SharedOrder } from './replay-two-coops';

/** One co-op's day (or both together), from the written solution, as the lab measures it. */
export interface CoopFigures {
  readonly coop: CoopName | 'total';
  readonly couriers: number;
  readonly courierHours: number;
  /** Its own orders (a shared order stays its home co-op's). */
  readonly orders: number;
  readonly delivered: number;
  readonly undelivered: number;
  readonly clickToDoorMean: number;
  readonly clickToDoorP90: number;
  readonly shareOverTarget: number;
  /** Its orders it handed to the partner, how many the partner gave back, and how many the
   *  partner's couriers delivered. */
  readonly overflowed: number;
  readonly givenBack: number;
  readonly overflowedDelivered: number;
  /** The partner's orders its couriers delivered, and what it earned for them (price × share). */
  readonly carriedForPartner: number;
  readonly partnerShareEarned: number;
  /** Same figures the one-co-op lab reports, over this co-op's couriers (their deliveries
   *  include orders carried for the partner: the courier did the work). */
  readonly giniOrderEarningsPerShiftHour: number;
  readonly giniEarningsPerShiftHour: number;
  /** Delivered orders whose courier is not of the co-op that dispatched them at the end (the
   *  carrier while shared, else the home co-op): must be 0. */
  readonly crossedUnshared: number;
}

export function coopFigures(day: TwoCoopDay, solution: MdrpSolution, shared: readonly SharedOrder[], shareOfPrice: number): CoopFigures[] {
  const perCoop = COOPS.map((coop) => figuresOf(day, solution, shared, shareOfPrice, coop));
  return [...perCoop, figuresOf(day, solution, shared, shareOfPrice, 'total')];
}

function figuresOf(day: TwoCoopDay, solution: MdrpSolution, shared: readonly SharedOrder[], shareOfPrice: number, coop: CoopName | 'total'): CoopFigures {
  const { instance } = day;
  const mine = (owner: CoopName | undefined) => coop === 'total' || owner === coop;
  const couriers = instance.couriers.filter((courier) => mine(day.coopOfCourier.get(courier.id)));
  const orders = instance.orders.filter((order) => mine(day.homeOfOrder.get(order.id)));
  const delivered = solution.orders.filter((line) => mine(day.homeOfOrder.get(line.orderId)));
  const clickToDoor = delivered.map((line) => line.dropoffAt - line.placedAt);
  const courierOfOrder = new Map(solution.orders.map((line) => [line.orderId, line.courierId]));
  const carriedBy = (share: SharedOrder) => share.givenBackAt === undefined && courierOfOrder.has(share.orderId);
  const carrierOf = new Map(shared.filter((share) => share.givenBackAt === undefined).map((share) => [share.orderId, share.carrier]));
  const overflowed = shared.filter((share) => mine(share.home));
  const carried = shared.filter((share) => mine(share.carrier) && carriedBy(share));
  const pay = courierPays(instance, couriers, solution);
  return {
    coop,
    couriers: couriers.length,
    courierHours: pay.reduce((sum, courier) => sum + courier.shiftHours, 0),
    orders: orders.length,
    delivered: delivered.length,
    undelivered: orders.length - delivered.length,
    clickToDoorMean: mean(clickToDoor),
    clickToDoorP90: percentile(clickToDoor, 90),
    shareOverTarget: clickToDoor.filter((minutes) => minutes > instance.parameters.targetClickToDoor).length / Math.max(1, clickToDoor.length),
    overflowed: overflowed.length,
    givenBack: overflowed.filter((share) => share.givenBackAt !== undefined).length,
    overflowedDelivered: overflowed.filter(carriedBy).length,
    carriedForPartner: carried.length,
    partnerShareEarned: carried.reduce((sum, order) => sum + shareOfPrice * priceOf(instance, order.orderId), 0),
    giniOrderEarningsPerShiftHour: gini(pay.map((courier) => courier.orderPayPerShiftHour)),
    giniEarningsPerShiftHour: gini(pay.map((courier) => courier.payPerShiftHour)),
    crossedUnshared: delivered.filter((line) => day.coopOfCourier.get(line.courierId) !== (carrierOf.get(line.orderId) ?? day.homeOfOrder.get(line.orderId))).length,
  };
}

function courierPays(instance: MdrpInstance, couriers: readonly MdrpCourier[], solution: MdrpSolution) {
  const deliveredBy = new Map<string, number>();
  for (const line of solution.orders) deliveredBy.set(line.courierId, (deliveredBy.get(line.courierId) ?? 0) + 1);
  return couriers.map((courier) => courierPay(courier, deliveredBy.get(courier.id) ?? 0, instance.parameters));
}

function priceOf(instance: MdrpInstance, orderId: string): number {
  const order = instance.orders.find((candidate) => candidate.id === orderId)!;
  return orderPrice(instance.restaurants.get(order.restaurantId)!, order.dropoff);
}
