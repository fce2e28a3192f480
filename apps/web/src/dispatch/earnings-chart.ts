import type { CourierReportRow } from '@lib/wire';
import { formatMoney } from '../shared/format';
import { t } from '../shared/i18n';

const SVG = 'http://www.w3.org/2000/svg';
const ROW_HEIGHT = 26;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = 90;
const WIDTH = 560;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Earnings per hour on shift, in the money's minor units; null without time on shift. */
export function earningsPerShiftHour(row: CourierReportRow): number | null {
  return row.shiftSeconds > 0 ? row.earnings.amount / (row.shiftSeconds / 3600) : null;
}

/**
 * A horizontal bar per courier with time on shift: earnings per shift-hour, longest bar = the
 * highest. Plain SVG drawn here (no chart library, nothing fetched: it works offline), with a
 * text alternative on each bar for screen readers.
 */
export function earningsChart(rows: readonly CourierReportRow[]): SVGSVGElement {
  const bars = rows.flatMap((row) => {
    const perHour = earningsPerShiftHour(row);
    return perHour === null ? [] : [{ row, perHour }];
  });
  const highest = Math.max(1, ...bars.map((bar) => bar.perHour));
  const height = Math.max(1, bars.length) * ROW_HEIGHT + 8;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-label': t('report.chartLabel'), class: 'report-chart', 'data-testid': 'earnings-chart' });
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  bars.forEach(({ row, perHour }, index) => {
    const y = 4 + index * ROW_HEIGHT;
    const width = Math.round((perHour / highest) * barSpace * 10) / 10;
    const money = formatMoney({ amount: Math.round(perHour), currency: row.earnings.currency });
    const group = svg('g', { 'data-courier-id': row.courierId });
    group.append(
      svg('text', { x: LABEL_WIDTH - 6, y: y + ROW_HEIGHT / 2 + 4, 'text-anchor': 'end', class: 'report-chart__label' }, row.name),
      svg('rect', { x: LABEL_WIDTH, y: y + 3, width, height: ROW_HEIGHT - 6, rx: 3, class: 'report-chart__bar', 'data-testid': 'earnings-bar', 'data-value': Math.round(perHour) }),
      svg('text', { x: LABEL_WIDTH + width + 6, y: y + ROW_HEIGHT / 2 + 4, class: 'report-chart__value' }, t('report.perHour', { money })),
    );
    group.append(svg('title', {}, `${row.name}: ${t('report.perHour', { money })}`));
    chart.append(group);
  });
  return chart;
}
