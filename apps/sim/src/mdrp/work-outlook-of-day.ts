import { learnWorkOutlook, PastSlotWork, WorkOutlook } from '@lib/dispatch-policy';
import { MdrpInstance } from './instance';

/** The work outlook a co-op would have learnt from a past day like this one, by the
 *  function production learns with: jobs (in the slot their food was ready) over
 *  courier-hours on shift, slot by slot. Fed the replayed day itself it knows that
 *  day's demand: an upper estimate, not a forecast. */
export function workOutlookOfDay(day: MdrpInstance, slotMinutes = 30): WorkOutlook | undefined {
  const slots = Math.ceil((Math.max(...day.couriers.map((c) => c.offAt)) + 1) / slotMinutes);
  const work = Array.from({ length: slots }, (): { jobs: number; courierHours: number } => ({ jobs: 0, courierHours: 0 }));
  for (const order of day.orders) {
    const slot = Math.floor(order.readyAt / slotMinutes);
    if (slot < slots) work[slot].jobs += 1;
  }
  work.forEach((slot, index) => {
    const [from, to] = [index * slotMinutes, (index + 1) * slotMinutes];
    for (const courier of day.couriers) slot.courierHours += Math.max(0, Math.min(to, courier.offAt) - Math.max(from, courier.onAt)) / 60;
  });
  return learnWorkOutlook(0, slotMinutes, work satisfies PastSlotWork[]);
}
