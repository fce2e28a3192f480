import { SummaryRow } from './summary-row';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The targets of issue 13, on the half-size averages (and the largest day). */
export interface DeliveryCount {
  /** Half-size instances on which our policy delivered every order. */
  readonly fullyDelivered: number;
  readonly instances: number;
}

export function checkTargets(ours: SummaryRow, greedy: SummaryRow, largestDay: SummaryRow | null, delivery: DeliveryCount): TargetCheck[] {
  const giniCut = 1 - ours.giniEarningsPerShiftHour / greedy.giniEarningsPerShiftHour;
  const orderGiniCut = 1 - ours.giniOrderEarningsPerShiftHour / greedy.giniOrderEarningsPerShiftHour;
  const checks: TargetCheck[] = [
    { target: 'every order delivered (half-size)', measured: `all orders on ${delivery.fullyDelivered} of ${delivery.instances} days`, met: delivery.fullyDelivered === delivery.instances },
    { target: 'click-to-door mean <= 31.9 min (half-size)', measured: `${ours.clickToDoorMean.toFixed(2)} (greedy ${greedy.clickToDoorMean.toFixed(2)}, physical limit ${ours.physicalLimitMean.toFixed(2)})`, met: ours.clickToDoorMean <= 31.9 },
    { target: 'Gini of pay per shift-hour >= 30 % below greedy (half-size)', measured: `${ours.giniEarningsPerShiftHour.toFixed(4)} vs ${greedy.giniEarningsPerShiftHour.toFixed(4)}: ${(giniCut * 100).toFixed(1)} % lower`, met: giniCut >= 0.3 },
    {
      target: 'Gini of order earnings per shift-hour (no guarantee) >= 30 % below greedy (half-size)',
      measured: `${ours.giniOrderEarningsPerShiftHour.toFixed(4)} vs ${greedy.giniOrderEarningsPerShiftHour.toFixed(4)}: ${(orderGiniCut * 100).toFixed(1)} % lower`,
      met: orderGiniCut >= 0.3,
    },
    { target: 'every solution passes the feasibility checker', measured: `${(ours.feasible * 100).toFixed(0)} % (ours), ${(greedy.feasible * 100).toFixed(0)} % (greedy)`, met: ours.feasible === 1 && greedy.feasible === 1 },
  ];
  if (largestDay) {
    checks.push(
      { target: 'largest day (505 orders, 113 couriers) replayed in < 10 s', measured: `${(largestDay.wallMs / 1000).toFixed(2)} s (slowest full-size day)`, met: largestDay.wallMs < 10_000 },
      { target: 'largest day decision p99 < 50 ms per tick', measured: `${largestDay.decisionP99Ms.toFixed(2)} ms (worst full-size day)`, met: largestDay.decisionP99Ms < 50 },
    );
  }
  return checks;
}

export function targetsMarkdown(checks: readonly TargetCheck[]): string {
  return ['| target | measured | met |', '| --- | --- | --- |', ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met ? 'yes' : '**no**'} |`)].join('\n');
}
