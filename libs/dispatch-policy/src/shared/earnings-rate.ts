import { CourierSnapshot } from '../model/snapshot';

/** Below this much time on shift a courier's hourly rate is mostly noise, so
 *  the rate is computed over at least this long. */
const MIN_RATE_WINDOW_MINUTES = 30;

/** Earnings per on-shift hour so far: the quantity a co-op wants evened out
 *  (a courier on a 2 h shift should not be compared with one on an 8 h shift
 *  by totals). */
export function earningsPerShiftHour(courier: CourierSnapshot): number {
  return courier.earningsToday / (Math.max(courier.onShiftMinutesToday, MIN_RATE_WINDOW_MINUTES) / 60);
}

/** How far each courier's rate sits from the co-op mean, as a share of the mean
 *  (0 = average, +1 = earning twice the mean, -1 = earning nothing yet). */
export function relativeEarningsRates(couriers: readonly CourierSnapshot[]): Map<string, number> {
  const rates = new Map(couriers.map((c) => [c.id, earningsPerShiftHour(c)] as const));
  const mean = couriers.length === 0 ? 0 : [...rates.values()].reduce((s, r) => s + r, 0) / couriers.length;
  const relative = new Map<string, number>();
  for (const [id, rate] of rates) relative.set(id, mean > 0 ? Math.min(2, (rate - mean) / mean) : 0);
  return relative;
}
