/**
 * Local calendar days of a co-op's time zone, as UTC instants, without a date library: the
 * zone's offset at an instant comes from Intl, and a local midnight is found by correcting a
 * UTC guess with the offset there (twice, for the days the clocks change).
 */

export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date, timezone: string): LocalDate & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(formatterFor(timezone).formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timezone: string): number {
  const wall = wallClock(new Date(instant), timezone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The local date at `instant` in the zone. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  const { year, month, day } = wallClock(instant, timezone);
  return { year, month, day };
}

/** The instant the local day `date` starts in the zone (its midnight). */
export function startOfLocalDay(date: LocalDate, timezone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  const first = guess - offsetAt(guess, timezone);
  const second = guess - offsetAt(first, timezone);
  return new Date(second);
}

/** The local date `days` days after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
