import { CourierSnapshot } from '../model/snapshot';

/** Earnings per on-shift hour so far: the quantity a co-op wants evened out
 *  (a courier on a 2 h shift should not be compared with one on an 8 h shift
 *  by totals). */
export function earningsPerShiftHour(courier: CourierSnapshot): number {
  return courier.earningsToday / Math.max(courier.onShiftMinutesToday / 60, 1 / 60);
}
