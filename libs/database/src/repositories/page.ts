import type { Transactions } from '../transactions';

/** Keyset pagination over (created_at, id): stable under inserts, opaque to clients. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorPosition {
  /** The row's `created_at` exactly as stored, to the microsecond (ISO 8601, UTC). */
  createdAt: string;
  id: string;
}

/**
 * A row's `created_at` as cursor text, to the microsecond. A JavaScript Date keeps only
 * milliseconds: a cursor made from it would sit before the rows created later in the same
 * millisecond and skip them (a burst of orders lands many per millisecond).
 */
export function cursorAtSql(alias: string): string {
  return `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * A cursor's time as every cursor carries it: ISO 8601 in UTC with a four-digit year, up to
 * microseconds. Anything `Date.parse` takes ("1", "+275760-09-13…", "2020-02-30…") is not
 * enough: PostgreSQL refuses some of it in the page query, and a forged cursor was a 500.
 */
const cursorTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;

/** A time PostgreSQL reads as written: the pattern above, a real calendar day and clock time. */
export function isCursorTime(value: string): boolean {
  const parts = cursorTime.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof createdAt !== 'string' || typeof id !== 'string' || !isCursorTime(createdAt)) return null;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

/**
 * Builds a page from `limit + 1` rows fetched newest first; `cursorAtOf` gives a row's
 * `created_at` as read through `cursorAtSql`.
 */
export function toPage<T extends { id: string }>(rows: T[], limit: number, cursorAtOf: (row: T, index: number) => string): Page<T> {
  const items = rows.slice(0, limit);
  const lastIndex = items.length - 1;
  const nextCursor = rows.length > limit && lastIndex >= 0 ? encodeCursor({ createdAt: cursorAtOf(items[lastIndex], lastIndex), id: items[lastIndex].id }) : null;
  return { items, nextCursor };
}

/** The keyset condition for rows after `cursor` (newest first), with its two parameters. */
export function afterCursorSql(alias: string, createdAtParameter: string, idParameter: string): string {
  return `(${alias}.created_at, ${alias}.id) < (${createdAtParameter}::timestamptz, ${idParameter}::uuid)`;
}

export interface KeysetPageQuery {
  /** The selected columns of the table aliased `alias`, e.g. `u.id, u.name`. */
  columns: string;
  /** The table and its alias, e.g. `users u`. */
  from: string;
  alias: string;
  /** A filter on `$1…$n` of `parameters`, or nothing. */
  where?: string;
  parameters?: unknown[];
}

/**
 * One page of a table, newest first, in the current transaction: the filter,
 * then the keyset condition of the cursor, then `limit + 1` rows to know whether more follow.
 */
export async function keysetPage<T extends { id: string }>(
  transactions: Transactions,
  query: KeysetPageQuery,
  page: PageRequest,
): Promise<Page<T>> {
  const position = page.cursor ? decodeCursor(page.cursor) : null;
  const parameters = [...(query.parameters ?? []), position?.createdAt ?? null, position?.id ?? null, page.limit + 1];
  const [at, id, limit] = [parameters.length - 2, parameters.length - 1, parameters.length].map((n) => `$${n}`);
  const found = await transactions.rows<T & { pageCursorAt: string }>(
    `SELECT ${query.columns}, ${cursorAtSql(query.alias)} AS "pageCursorAt" FROM ${query.from}
     WHERE (${query.where ?? 'true'}) AND (${at}::timestamptz IS NULL OR ${afterCursorSql(query.alias, at, id)})
     ORDER BY ${query.alias}.created_at DESC, ${query.alias}.id DESC LIMIT ${limit}`,
    parameters,
  );
  const { items, nextCursor } = toPage(found, page.limit, (row) => row.pageCursorAt);
  return { items: items.map(({ pageCursorAt: _, ...item }) => item as unknown as T), nextCursor };
}
