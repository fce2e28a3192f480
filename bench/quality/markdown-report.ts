import { SummaryRow } from './summary-row';

export interface TableLine {
  readonly label: string;
  readonly policy: string;
  readonly row: SummaryRow;
}

const COLUMNS: readonly [string, (r: SummaryRow) => string][] = [
  ['delivered', (r) => `${fixed(r.delivered, 1)}/${fixed(r.orders, 1)}`],
  ['CtD mean', (r) => fixed(r.clickToDoorMean, 2)],
  ['CtD p90', (r) => fixed(r.clickToDoorP90, 1)],
  ['> 40 min', (r) => pct(r.shareOverTarget)],
  ['RtP mean', (r) => fixed(r.readyToPickupMean, 2)],
  ['orders/bundle', (r) => fixed(r.ordersPerBundle, 3)],
  ['orders/courier-h', (r) => fixed(r.ordersPerCourierHour, 3)],
  ['Gini pay', (r) => fixed(r.giniEarnings, 3)],
  ['Gini pay/shift-h', (r) => fixed(r.giniEarningsPerShiftHour, 3)],
  ['Gini order pay', (r) => fixed(r.giniOrderEarnings, 3)],
  ['Gini order pay/shift-h', (r) => fixed(r.giniOrderEarningsPerShiftHour, 3)],
  ['physical limit', (r) => fixed(r.physicalLimitMean, 2)],
  ['decision p50 ms', (r) => fixed(r.decisionP50Ms, 2)],
  ['decision p99 ms', (r) => fixed(r.decisionP99Ms, 2)],
  ['wall ms', (r) => fixed(r.wallMs, 0)],
  ['feasible', (r) => pct(r.feasible)],
];

export function markdownTable(lines: readonly TableLine[]): string {
  const header = `| instance | policy | ${COLUMNS.map(([name]) => name).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(COLUMNS.length + 2)}`;
  const body = lines.map((l) => `| ${l.label} | ${l.policy} | ${COLUMNS.map(([, cell]) => cell(l.row)).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

function fixed(x: number, digits: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
