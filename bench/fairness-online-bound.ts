import { join } from 'node:path';
import { CourierSnapshot, DEFAULT_ROLLING_HORIZON_CONFIG, fairnessTerm, planarTravelModel, WorkOutlook } from '@lib/dispatch-policy';
import { MdrpInstance, onShiftAt } from '../apps/sim/src/mdrp/instance';
import { readMdrpInstance } from '../apps/sim/src/mdrp/read-instance';
import { workOutlookOfDay } from '../apps/sim/src/mdrp/work-outlook-of-day';
import { courierPay } from '../apps/sim/src/metrics/courier-pay';
import { gini } from '../apps/sim/src/metrics/statistics';
import { mayTakeWhenReady } from './quality/relaxation';
import { isHalfSize, SHARED_MDRP_DIR, sharedInstanceNames, sisterDay } from './quality/shared-instances';

/** npx tsx bench/fairness-online-bound.ts — how far an online dispatcher that decides by our
 *  fairness term alone gets on the order-earnings-per-shift-hour Gini when travel and capacity
 *  do not matter (every order goes, when ready, to the courier on shift for ≥ 5 min that the
 *  production fairnessTerm prefers), with no work outlook, the sister day's, or the replayed
 *  day's own. Compare with bench/fairness-bound.ts (hindsight local search on the same relaxation). */
type Outlook = 'none' | 'sister-day' | 'same-day';
const travel = planarTravelModel({ metresPerMinute: 1 });

function onlineGini(day: MdrpInstance, workOutlook: WorkOutlook | undefined): number {
  const jobs = new Map(day.couriers.map((c) => [c.id, 0]));
  for (const order of [...day.orders].sort((a, b) => a.readyAt - b.readyAt)) {
    const now = order.readyAt;
    const onShift = day.couriers.filter((c) => onShiftAt(c, now));
    const couriers: CourierSnapshot[] = onShift.map((c) => {
      const done = jobs.get(c.id)!;
      return { id: c.id, position: c.start, shiftEndsAt: c.offAt, status: { kind: 'idle' }, ordersToday: done, earningsToday: 10 * done, onShiftMinutesToday: now - c.onAt };
    });
    const snapshot = { now, couriers, orders: [], weights: { fairness: 1 }, service: { pickup: 0, dropoff: 0 }, travel, workOutlook };
    const term = fairnessTerm(snapshot, DEFAULT_ROLLING_HORIZON_CONFIG.fairnessDecidedMinutes);
    const eligible = onShift.filter((c) => mayTakeWhenReady(c, now));
    if (eligible.length === 0) continue;
    // Before anyone has a job the term is flat: the first eligible courier takes it, as in the bound.
    const chosen = eligible.reduce((best, c) => (term(c.id, 1) < term(best.id, 1) ? c : best));
    jobs.set(chosen.id, jobs.get(chosen.id)! + 1);
  }
  return gini(day.couriers.map((c) => courierPay(c, jobs.get(c.id)!, day.parameters).orderPayPerShiftHour));
}

const names = sharedInstanceNames().filter(isHalfSize);
for (const outlook of ['none', 'sister-day', 'same-day'] as Outlook[]) {
  const values = names.map((name) => {
    const day = readMdrpInstance(join(SHARED_MDRP_DIR, name));
    const source = outlook === 'none' ? undefined : outlook === 'same-day' ? day : readMdrpInstance(sisterDay(name)!);
    return onlineGini(day, source && workOutlookOfDay(source));
  });
  console.log(`work outlook ${outlook.padEnd(10)}\taverage Gini of order earnings per shift-hour over ${names.length} half-size days\t${(values.reduce((s, v) => s + v, 0) / values.length).toFixed(4)}`);
}
