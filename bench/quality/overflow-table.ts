import type { CoopFigures } from '../../apps/sim/src/two-coops/coop-figures';

/** One scenario (one co-op, or two with a partnership setting) averaged over the days. */
export interface OverflowLine {
  readonly rules: string;
  readonly scenario: string;
  /** West, east, total, each averaged over the days (plain mean per day, as the other tables). */
  readonly figures: readonly CoopFigures[];
  /** Share of days whose solution passed the feasibility checker. */
  readonly feasible: number;
  readonly wallMs: number;
}

export function averageFigures(days: readonly (readonly CoopFigures[])[]): CoopFigures[] {
  return days[0].map((first, index) => {
    const average: Record<string, number | string> = { coop: first.coop };
    for (const key of Object.keys(first) as (keyof CoopFigures)[]) {
      if (key !== 'coop') average[key] = days.reduce((sum, day) => sum + (day[index][key] as number), 0) / days.length;
    }
    return average as unknown as CoopFigures;
  });
}

const COLUMNS: readonly [string, (f: CoopFigures) => string][] = [
  ['delivered', (f) => `${f.delivered.toFixed(1)}/${f.orders.toFixed(1)}`],
  ['undelivered', (f) => pct(f.undelivered / f.orders)],
  ['CtD mean', (f) => f.clickToDoorMean.toFixed(2)],
  ['CtD p90', (f) => f.clickToDoorP90.toFixed(1)],
  ['> 40 min', (f) => pct(f.shareOverTarget)],
  ['overflowed', (f) => f.overflowed.toFixed(1)],
  ['given back', (f) => f.givenBack.toFixed(1)],
  ['delivered by partner', (f) => f.overflowedDelivered.toFixed(1)],
  ['partner share earned', (f) => f.partnerShareEarned.toFixed(2)],
  ['Gini order pay/shift-h', (f) => f.giniOrderEarningsPerShiftHour.toFixed(3)],
];

/** One row per scenario and co-op (west, east, both). */
export function overflowTable(lines: readonly OverflowLine[]): string {
  const header = `| rules | scenario | co-op | couriers (h) | ${COLUMNS.map(([name]) => name).join(' | ')} | feasible |`;
  const rule = `|${' --- |'.repeat(COLUMNS.length + 5)}`;
  const body = lines.flatMap((line) =>
    line.figures.map(
      (f) =>
        `| ${line.rules} | ${line.scenario} | ${f.coop === 'total' ? '**both**' : f.coop} | ${f.couriers.toFixed(1)} (${f.courierHours.toFixed(0)}) | ${COLUMNS.map(([, cell]) => cell(f)).join(' | ')} | ${pct(line.feasible)} |`,
    ),
  );
  return [header, rule, ...body].join('\n');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
