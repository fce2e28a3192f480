import type { CourierReportRow } from '@lib/wire';

/** The CSV columns, in order: the JSON row's fields, money as minor units with its currency. */
export const CSV_COLUMNS = [
  'courierId', 'name', 'jobs', 'distanceMeters', 'shiftSeconds', 'earnings', 'orderEarnings', 'currency', 'offersDeclined', 'offersExpired',
] as const;

/**
 * The report's rows as RFC 4180 CSV: a header row, one row per courier, CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break (quotes doubled). Only the rows: the
 * co-op's Gini is a figure about all of them, sent in headers and recomputable from the rows, so
 * every line of the file is a courier and a spreadsheet can sort it.
 */
export function courierReportCsv(rows: readonly CourierReportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.courierId, row.name, row.jobs, row.distanceMeters, row.shiftSeconds, row.earnings.amount, row.orderEarnings.amount,
        row.earnings.currency, row.offersDeclined, row.offersExpired,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One field. A text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 * `'`, so that a spreadsheet shows a member's name and never runs it as a formula.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
