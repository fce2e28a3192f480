import { WorkOutlook } from '@lib/dispatch-policy';
import { MdrpInstance, onShiftAt } from './instance';

/** The work outlook a co-op would have learnt from a past day like this one:
 *  jobs per on-shift courier-hour in each slot, every order shared equally
 *  among the couriers on shift when its food is ready. Fed the replayed day
 *  itself it knows that day's demand: an upper estimate, not a forecast. */
export function workOutlookOfDay(day: MdrpInstance, slotMinutes = 30): WorkOutlook {
  const slots = Math.ceil((Math.max(...day.couriers.map((c) => c.offAt)) + 1) / slotMinutes);
  const jobs = new Array<number>(slots).fill(0);
  for (const order of day.orders) {
    const onShift = day.couriers.filter((c) => onShiftAt(c, order.readyAt)).length;
    const slot = Math.floor(order.readyAt / slotMinutes);
    if (onShift > 0 && slot < slots) jobs[slot] += 1 / onShift;
  }
  return { startsAt: 0, slotMinutes, jobsPerCourierHour: jobs.map((j) => (j * 60) / slotMinutes) };
}
