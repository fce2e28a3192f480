import type { RunResult } from '../../apps/sim/src/run-instance';

/** The figures the table shows for one run, or averaged over several. */
export interface SummaryRow {
  readonly delivered: number;
  readonly orders: number;
  readonly clickToDoorMean: number;
  readonly clickToDoorP90: number;
  readonly shareOverTarget: number;
  readonly readyToPickupMean: number;
  readonly ordersPerBundle: number;
  readonly ordersPerCourierHour: number;
  readonly giniEarnings: number;
  readonly giniEarningsPerShiftHour: number;
  readonly giniOrderEarnings: number;
  readonly giniOrderEarningsPerShiftHour: number;
  readonly physicalLimitMean: number;
  readonly decisionP50Ms: number;
  readonly decisionP99Ms: number;
  readonly wallMs: number;
  readonly feasible: number;
}

export function summaryRow(run: RunResult): SummaryRow {
  const m = run.metrics;
  return {
    delivered: m.delivered,
    orders: m.orders,
    clickToDoorMean: m.clickToDoorMean,
    clickToDoorP90: m.clickToDoorP90,
    shareOverTarget: m.shareOverTarget,
    readyToPickupMean: m.readyToPickupMean,
    ordersPerBundle: m.ordersPerBundle,
    ordersPerCourierHour: m.ordersPerCourierHour,
    giniEarnings: m.giniEarnings,
    giniEarningsPerShiftHour: m.giniEarningsPerShiftHour,
    giniOrderEarnings: m.giniOrderEarnings,
    giniOrderEarningsPerShiftHour: m.giniOrderEarningsPerShiftHour,
    physicalLimitMean: m.physicalLimitMean,
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
