import { join } from 'node:path';
import { MdrpInstance } from '../apps/sim/src/mdrp/instance';
import { readMdrpInstance } from '../apps/sim/src/mdrp/read-instance';
import { courierPay } from '../apps/sim/src/metrics/courier-pay';
import { gini } from '../apps/sim/src/metrics/statistics';
import { mayTakeWhenReady } from './quality/relaxation';
import { isHalfSize, SHARED_MDRP_DIR, sharedInstanceNames } from './quality/shared-instances';

/** npx tsx bench/fairness-bound.ts [order-earnings] — how low the per-shift-hour pay Gini
 *  (or, with `order-earnings`, the order-earnings-per-shift-hour Gini, no guarantee) could
 *  go if travel, capacity and routing did not matter: every order may go to
 *  any courier on shift (for at least 5 minutes) when it is ready. Local search
 *  (move one order while the Gini drops) on that relaxation; an estimate of
 *  what no dispatcher can beat by much, not a proven bound. */
const metric = process.argv[2] === 'order-earnings' ? 'orderPayPerShiftHour' : 'payPerShiftHour';

function relaxedGini(instance: MdrpInstance): number {
  const couriers = instance.couriers;
  const counts = couriers.map(() => 0);
  const eligible = instance.orders.map((o) => couriers.flatMap((c, i) => (mayTakeWhenReady(c, o.readyAt) ? [i] : [])));
  const holder = eligible.map((e) => e[0] ?? 0);
  holder.forEach((i) => counts[i]++);
  const giniNow = () => gini(couriers.map((c, i) => courierPay(c, counts[i], instance.parameters)[metric]));
  let best = giniNow();
  for (let improved = true; improved; ) {
    improved = false;
    eligible.forEach((candidates, order) => {
      for (const j of candidates) {
        const i = holder[order];
        if (i === j) continue;
        counts[i]--;
        counts[j]++;
        const g = giniNow();
        if (g < best - 1e-12) [best, holder[order], improved] = [g, j, true];
        else [counts[i], counts[j]] = [counts[i] + 1, counts[j] - 1];
      }
    });
  }
  return best;
}

const names = sharedInstanceNames().filter(isHalfSize);
const values = names.map((name) => {
  const value = relaxedGini(readMdrpInstance(join(SHARED_MDRP_DIR, name)));
  console.log(`${name}\t${value.toFixed(4)}`);
  return value;
});
console.log(`average of ${names.length} half-size\t${(values.reduce((s, v) => s + v, 0) / values.length).toFixed(4)}`);
