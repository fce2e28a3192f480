/**
 * The planned end of a shift between the page's `<input type="time">` ("21:30", the
 * browser's time zone) and the API's ISO 8601 date-times.
 */

/**
 * The next `value` o'clock after `now`: today, or tomorrow when that time is already gone
 * today. ISO 8601 with the browser's UTC offset, e.g. `2025-06-01T21:30:00+02:00`.
 */
export function untilFromTime(value: string, now = new Date()): string {
  const [hours, minutes] = value.split(':').map(Number);
  let end = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, minutes);
  if (end.getTime() <= now.getTime()) end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, hours, minutes);
  return localIso(end);
}

/** "21:30" for a time input, in the browser's time zone. */
export function timeInputValue(iso: string): string {
  const date = new Date(iso);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function hasPassed(iso: string, now = Date.now()): boolean {
  return Date.parse(iso) <= now;
}

/** The same instant, both as ISO strings (the page's local offset, the API's UTC). */
export function sameInstant(a: string | null, b: string | null): boolean {
  return a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));
}

function localIso(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:00${zone}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
