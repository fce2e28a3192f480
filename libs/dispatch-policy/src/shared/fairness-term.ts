import { DispatchSnapshot } from '../model/snapshot';
import { projectShiftPay, shiftPayOutlook } from './shift-pay';

/** Minutes added to (or, when negative, taken off) a courier's score for
 *  giving it `orders` more jobs: the co-op's fairness weight × how much the
 *  spread of projected pay per shift-hour among couriers on shift grows.
 *  The spread is the mean absolute difference to the other couriers (what the
 *  Gini coefficient measures), in jobs per hour. With the guaranteed-pay
 *  target a courier still under the hourly guarantee adds nothing; a courier
 *  on a short shift, for whom one job is a big jump in hourly pay, adds a lot. */
export type FairnessTerm = (courierId: string, orders: number) => number;

export function fairnessTerm(snapshot: DispatchSnapshot, decidedMinutes = 0): FairnessTerm {
  const weight = snapshot.weights.fairness;
  const couriers = snapshot.couriers;
  if (weight === 0 || couriers.length < 2) return () => 0;
  const guarantee = snapshot.weights.fairnessTarget === 'guaranteed-pay' ? (snapshot.weights.guaranteedHourlyPay ?? 0) : 0;
  const outlook = shiftPayOutlook(snapshot, guarantee, decidedMinutes);
  const payPerJob = outlook.payPerJob;
  // No job paid yet today: nothing to even out (and no unit to measure the spread in).
  if (payPerJob === 0) return () => 0;
  const indexOf = new Map(couriers.map((c, i) => [c.id, i]));
  const pays = couriers.map((c) => projectShiftPay(c, outlook).payPerHour);
  const cache = new Map<string, number>();
  return (courierId, orders) => {
    const key = `${courierId}:${orders}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const self = indexOf.get(courierId);
    if (self === undefined) return 0;
    const before = pays[self];
    const after = projectShiftPay(couriers[self], outlook, orders * payPerJob).payPerHour;
    let spreadGrowth = 0;
    pays.forEach((other, i) => {
      if (i !== self) spreadGrowth += Math.abs(after - other) - Math.abs(before - other);
    });
    const term = (weight * spreadGrowth) / ((couriers.length - 1) * payPerJob);
    cache.set(key, term);
    return term;
  };
}
