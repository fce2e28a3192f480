import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { FairnessTarget } from '@lib/dispatch-policy';
import { runInstance } from '../apps/sim/src/run-instance';
import { isHalfSize, SHARED_MDRP_DIR, sharedInstanceNames, sisterDay } from './quality/shared-instances';

/** npx tsx bench/fairness-sweep.ts [targets] [weights] [outlook=sister-day|same-day] [config=value ...] —
 *  the fairness trade-off curve on the 16 half-size days: for each fairness target (guaranteed-pay,
 *  order-earnings) and co-op weight, click-to-door mean, both per-shift-hour Ginis (and their change
 *  against greedy in the same run), undelivered orders and the worst decision p99. Examples:
 *  npx tsx bench/fairness-sweep.ts order-earnings 0,10,20,30,40 courierMinutePrice=0.1
 *  npx tsx bench/fairness-sweep.ts order-earnings 20,40,60 outlook=sister-day fairnessDecidedMinutes=25 */
const argv = process.argv.slice(2);
const targets = (argv[0] ?? 'guaranteed-pay,order-earnings').split(',') as FairnessTarget[];
const weights = (argv[1] ?? '0,10,20,40,80').split(',').map(Number);
const overrides: Record<string, number> = {};
let outlook: 'sister-day' | 'same-day' | undefined;
for (const pair of argv.slice(2)) {
  const [key, value] = pair.split('=');
  if (key === 'outlook') outlook = value as typeof outlook;
  else overrides[key] = Number(value);
}
/** The work outlook our policy runs with (greedy has no use for one). */
const outlookFor = (name: string) => (outlook === 'sister-day' ? sisterDay(name) : outlook);
const half = sharedInstanceNames().filter(isHalfSize);
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const go = (policy: string, fairness: number, target?: FairnessTarget) => {
  const rs = half.map((n) =>
    runInstance({
      instanceFolder: join(SHARED_MDRP_DIR, n),
      outFolder: join(tmpdir(), `fairness-sweep-${process.pid}`, n),
      policyName: policy,
      fairnessWeight: fairness,
      fairnessTarget: target,
      declineRate: 0,
      seed: 0,
      workOutlookFrom: policy === 'greedy' ? undefined : outlookFor(n),
      policyOptions: { rollingHorizon: overrides },
    }),
  );
  return {
    ctd: avg(rs.map((r) => r.metrics.clickToDoorMean)),
    gOrder: avg(rs.map((r) => r.metrics.giniOrderEarningsPerShiftHour)),
    gPay: avg(rs.map((r) => r.metrics.giniEarningsPerShiftHour)),
    missedDays: rs.filter((r) => r.metrics.delivered < r.metrics.orders).length,
    missed: rs.reduce((s, r) => s + r.metrics.orders - r.metrics.delivered, 0),
    p99: Math.max(...rs.map((r) => r.timing.decisionP99Ms)),
    feasible: rs.every((r) => r.feasibility.feasible),
  };
};
const g = go('greedy', 0);
const line = (label: string, m: ReturnType<typeof go>) =>
  console.log(`${label.padEnd(28)} ctd ${m.ctd.toFixed(2)} giniOrder/h ${m.gOrder.toFixed(4)} (${(100 * (m.gOrder / g.gOrder - 1)).toFixed(1)}%) giniPay/h ${m.gPay.toFixed(4)} (${(100 * (m.gPay / g.gPay - 1)).toFixed(1)}%) missed ${m.missed} on ${m.missedDays} days p99 ${m.p99.toFixed(2)} feasible ${m.feasible}`);
line('greedy', g);
for (const t of targets) for (const w of weights) line(`${t} w=${w}`, go('rolling-horizon', w, t));
