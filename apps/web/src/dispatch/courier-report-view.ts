import type { CourierReportView } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';
import { h, replaceChildren } from '../shared/dom';
import { formatKm, formatMoney } from '../shared/format';
import { onLanguageChange, t } from '../shared/i18n';
import { earningsChart } from './earnings-chart';
import { ReportSpan, reportRange, today } from './report-period';

/**
 * The members' fairness report on the dispatcher page: for a chosen day or week, a table of
 * each courier's figures and a chart of earnings per shift-hour, the co-op's Gini, and the
 * same rows as a CSV download.
 */
export class CourierReportPanel {
  readonly element: HTMLElement;
  private readonly date = h('input', { type: 'date', id: 'report-date', value: today(), required: true });
  private readonly span = h('select', { id: 'report-span' }, h('option', { value: 'day', i18n: 'report.day' }), h('option', { value: 'week', i18n: 'report.week' }));
  private readonly body = h('div', { class: 'stack', 'aria-live': 'polite' });
  private current: CourierReportView | null = null;

  constructor(
    private readonly announce: (message: string, tone?: 'info' | 'error') => void,
    private readonly accessToken: string,
  ) {
    this.date.addEventListener('change', () => void this.load());
    this.span.addEventListener('change', () => void this.load());
    const csv = h('button', { type: 'button', class: 'link-button', i18n: 'report.csv', onclick: () => void this.downloadCsv() });
    this.element = h(
      'section',
      { class: 'report stack', 'aria-labelledby': 'report-title' },
      h('h2', { id: 'report-title', i18n: 'report.title' }),
      h(
        'div',
        { class: 'report__controls' },
        h('label', { for: 'report-date', i18n: 'report.date' }),
        this.date,
        h('label', { for: 'report-span', i18n: 'report.span' }),
        this.span,
        csv,
      ),
      this.body,
    );
    onLanguageChange(() => this.render());
  }

  private range() {
    return reportRange(this.date.value || today(), this.span.value as ReportSpan);
  }

  async load(): Promise<void> {
    const { from, to } = this.range();
    try {
      this.current = await api<CourierReportView>('GET', `/reports/couriers?from=${from}&to=${to}`);
      this.render();
    } catch (error) {
      this.announce((error as ApiError).message, 'error');
    }
  }

  private render(): void {
    const report = this.current;
    if (!report) return;
    if (!report.couriers.length) {
      replaceChildren(this.body, h('p', { class: 'hint', i18n: 'report.empty' }));
      return;
    }
    const head = ['report.courier', 'report.jobs', 'report.distance', 'report.shift', 'report.earnings', 'report.declined', 'report.expired'] as const;
    const table = h(
      'table',
      { class: 'log report__table', 'data-testid': 'courier-report' },
      h('thead', {}, h('tr', {}, ...head.map((key) => h('th', { scope: 'col', i18n: key })))),
      h(
        'tbody',
        {},
        ...report.couriers.map((row) =>
          h(
            'tr',
            { 'data-courier-id': row.courierId },
            h('th', { scope: 'row' }, row.name),
            h('td', {}, row.jobs),
            h('td', {}, formatKm(row.distanceMeters)),
            h('td', {}, hours(row.shiftSeconds)),
            h('td', {}, formatMoney(row.earnings)),
            h('td', {}, row.offersDeclined),
            h('td', {}, row.offersExpired),
          ),
        ),
      ),
    );
    const gini = h(
      'p',
      { class: 'muted', 'data-testid': 'report-gini' },
      t('report.gini', { jobs: report.gini.jobsPerShiftHour.toFixed(3), earnings: report.gini.earningsPerShiftHour.toFixed(3) }),
    );
    replaceChildren(this.body, gini, h('h3', { i18n: 'report.chartTitle' }), earningsChart(report.couriers), table);
  }

  /** The same rows as CSV, fetched with the page's token and saved as a file. */
  private async downloadCsv(): Promise<void> {
    const { from, to } = this.range();
    const response = await fetch(`/api/v1/reports/couriers?from=${from}&to=${to}`, { headers: { Accept: 'text/csv', Authorization: `Bearer ${this.accessToken}` } }).catch(() => null);
    if (!response?.ok) {
      this.announce(t('report.csvFailed'), 'error');
      return;
    }
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `couriers-${from}-${to}.csv` });
    link.click();
    URL.revokeObjectURL(link.href);
  }
}

/** "7.5 h" */
function hours(seconds: number): string {
  return t('report.hours', { hours: (seconds / 3600).toFixed(1) });
}
