import { Point } from '@lib/dispatch-policy';

/** The MDRP days carry no prices: a shared order is priced the way production prices a
 *  new co-op's small parcel by default (libs/database cooperative-settings: 4.50 base fee
 *  + 1.20 per km), on the straight pickup-to-drop-off distance, in currency units. */
const BASE_FEE = 4.5;
const PER_KM = 1.2;

export function orderPrice(pickup: Point, dropoff: Point): number {
  return BASE_FEE + (PER_KM * Math.hypot(pickup.x - dropoff.x, pickup.y - dropoff.y)) / 1000;
}
