import type { FieldError } from '@lib/http';
import { addDays, LocalDate, localDateOf, startOfLocalDay } from './local-days';

/** Longer periods are refused: a year and a day covers any yearly statement, leap years included. */
export const MAX_REPORT_DAYS = 366;

export interface ReportPeriod {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO-8601 date-time with an explicit zone: a bare local time would be read in the server's zone. */
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

type Bound = { kind: 'day'; date: LocalDate } | { kind: 'instant'; at: Date };

/**
 * The period of a report from its query, in the co-op's zone. `from` and `to` are each a local
 * date (`2026-11-24`) or an instant with a zone. A date `from` starts at that local midnight; a
 * date `to` includes its whole day (ends at the next local midnight); an instant `to` is
 * exclusive. Without `from`: today (local); without `to`: the end of `from`'s local day.
 * Pure: the clock comes in as `now`.
 */
export function parseReportPeriod(query: { from?: string; to?: string }, timezone: string, now: Date): { ok: true; period: ReportPeriod } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const from = query.from === undefined ? { kind: 'day' as const, date: localDateOf(now, timezone) } : parseBound(query.from, 'from', errors);
  const to = query.to === undefined ? undefined : parseBound(query.to, 'to', errors);
  if (!from || errors.length) return { ok: false, errors };
  const start = from.kind === 'day' ? startOfLocalDay(from.date, timezone) : from.at;
  const end = to ? endOf(to, timezone) : startOfLocalDay(addDays(from.kind === 'day' ? from.date : localDateOf(from.at, timezone), 1), timezone);
  if (end.getTime() <= start.getTime()) return { ok: false, errors: [{ field: 'to', message: 'to must be after from' }] };
  // An hour of slack: local days over a clock change are 23 or 25 hours long.
  if (end.getTime() - start.getTime() > MAX_REPORT_DAYS * 86_400_000 + 3_600_000) {
    return { ok: false, errors: [{ field: 'to', message: `a report covers at most ${MAX_REPORT_DAYS} days` }] };
  }
  return { ok: true, period: { from: start, to: end } };
}

function endOf(bound: Bound, timezone: string): Date {
  return bound.kind === 'day' ? startOfLocalDay(addDays(bound.date, 1), timezone) : bound.at;
}

function parseBound(value: string, field: string, errors: FieldError[]): Bound | undefined {
  const day = dateOnly.exec(value);
  if (day) {
    const date = { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) };
    const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
    if (check.getUTCFullYear() === date.year && check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day && date.year >= 2000) return { kind: 'day', date };
  } else if (dateTime.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime()) && at.getUTCFullYear() >= 2000 && at.getUTCFullYear() < 10_000) return { kind: 'instant', at };
  }
  errors.push({ field, message: `${field} must be a date (YYYY-MM-DD, in the co-op's time zone) or an ISO-8601 time with a zone` });
  return undefined;
}
