/** A chosen local day or the Monday-to-Sunday week around it, as the report's `from` and `to` dates. */
export type ReportSpan = 'day' | 'week';

/** `YYYY-MM-DD` of a calendar date, `days` later (plain calendar arithmetic, no time zone involved). */
function shifted(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function reportRange(date: string, span: ReportSpan): { from: string; to: string } {
  if (span === 'day') return { from: date, to: date };
  const [year, month, day] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // Monday = 0
  const monday = shifted(date, -weekday);
  return { from: monday, to: shifted(monday, 6) };
}

/** Today's date where the browser is (the server reads it in the co-op's zone). */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
