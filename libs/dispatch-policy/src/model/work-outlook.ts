/**
 * What a co-op expects the coming hours to bring each courier on shift: jobs per
 * on-shift courier-hour, slot by slot, learnt from its own past days. With it the
 * fairness term knows that a courier leaving before the evening rush will not
 * catch up later, where the co-op's pace so far (a quiet morning) would say it will.
 */
export interface WorkOutlook {
  /** Start of the first slot, on the snapshot's clock. */
  readonly startsAt: number;
  readonly slotMinutes: number;
  readonly jobsPerCourierHour: readonly number[];
}

/** Jobs one courier on shift from `from` to `to` can expect (0 outside the outlook's slots). */
export function expectedJobs(outlook: WorkOutlook, from: number, to: number): number {
  const { startsAt, slotMinutes, jobsPerCourierHour } = outlook;
  let jobs = 0;
  jobsPerCourierHour.forEach((rate, slot) => {
    const slotStart = startsAt + slot * slotMinutes;
    const overlap = Math.min(to, slotStart + slotMinutes) - Math.max(from, slotStart);
    if (overlap > 0) jobs += (rate * overlap) / 60;
  });
  return jobs;
}

/** Past work in one slot, summed over the days it was learnt from. */
export interface PastSlotWork {
  readonly jobs: number;
  readonly courierHours: number;
}

/** Below this many courier-hours in all, past days say too little: no outlook (the pace so far is used). */
export const MIN_COURIER_HOURS_TO_LEARN = 20;
/** A slot with fewer courier-hours than this gets the whole history's rate instead of its own noise. */
const MIN_COURIER_HOURS_PER_SLOT = 2;

/**
 * Learns a work outlook from past days: jobs over courier-hours, slot by slot (a ratio, so a
 * slot where couriers were plentiful counts for more than one where two riders stood in).
 * Production learns from its own last weeks; the simulator from another MDRP day. The same
 * function in both worlds, so the bench measures what production would do.
 */
export function learnWorkOutlook(startsAt: number, slotMinutes: number, slots: readonly PastSlotWork[]): WorkOutlook | undefined {
  const jobs = slots.reduce((sum, slot) => sum + slot.jobs, 0);
  const hours = slots.reduce((sum, slot) => sum + slot.courierHours, 0);
  if (hours < MIN_COURIER_HOURS_TO_LEARN) return undefined;
  const overall = jobs / hours;
  return {
    startsAt,
    slotMinutes,
    jobsPerCourierHour: slots.map((slot) => (slot.courierHours >= MIN_COURIER_HOURS_PER_SLOT ? slot.jobs / slot.courierHours : overall)),
  };
}
