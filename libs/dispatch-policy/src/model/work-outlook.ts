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
