import { gini } from '@lib/dispatch-policy';
import type { CourierReportGini, CourierReportRow } from '@lib/wire';

/**
 * The co-op's Gini of jobs and of earnings per shift-hour, with the very function the replay
 * lab measures dispatch with, over the couriers who were on shift in the period (per hour on
 * shift means nothing without one). Computed from the rows as reported, so a member can check
 * it from the CSV.
 */
export function fairnessOf(rows: readonly Pick<CourierReportRow, 'jobs' | 'shiftSeconds' | 'earnings'>[]): CourierReportGini {
  const onShift = rows.filter((row) => row.shiftSeconds > 0);
  const hours = (row: (typeof onShift)[number]) => row.shiftSeconds / 3600;
  return {
    jobsPerShiftHour: gini(onShift.map((row) => row.jobs / hours(row))),
    earningsPerShiftHour: gini(onShift.map((row) => row.earnings.amount / hours(row))),
  };
}
