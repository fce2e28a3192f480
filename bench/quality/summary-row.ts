import type { DayMetrics } from '../../apps/sim/src/metrics/day-metrics';
import type { RunResult } from '../../apps/sim/src/run-instance';

/** The figures the table shows for one run, or averaged over several: the day's metrics plus speed and feasibility. */
export interface SummaryRow extends DayMetrics {
  readonly decisionP50Ms: number;
  readonly decisionP99Ms: number;
  readonly wallMs: number;
  readonly feasible: number;
}

export function summaryRow(run: RunResult): SummaryRow {
  return {
    ...run.metrics,
    decisionP50Ms: run.timing.decisionP50Ms,
    decisionP99Ms: run.timing.decisionP99Ms,
    wallMs: run.timing.wallMs,
    feasible: run.feasibility.feasible ? 1 : 0,
  };
}

/** Plain mean of every column (each instance weighs the same, as in the paper). */
export function averageRows(rows: readonly SummaryRow[]): SummaryRow {
  const keys = Object.keys(rows[0]) as (keyof SummaryRow)[];
  const average = {} as Record<keyof SummaryRow, number>;
  for (const key of keys) average[key] = rows.reduce((s, r) => s + r[key], 0) / rows.length;
  return average;
}
