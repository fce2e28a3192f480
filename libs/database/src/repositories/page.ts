import type { SelectQueryBuilder } from 'typeorm';

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

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) return null;
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

/** Applies a keyset page to a query whose rows have `createdAt` and `id`, newest first. */
export async function paginate<T extends { id: string }>(query: SelectQueryBuilder<T>, alias: string, page: PageRequest): Promise<Page<T>> {
  const position = page.cursor ? decodeCursor(page.cursor) : null;
  if (position) query.andWhere(afterCursorSql(alias, ':cursorAt', ':cursorId'), { cursorAt: position.createdAt, cursorId: position.id });
  const { entities, raw } = await query
    .addSelect(cursorAtSql(alias), 'page_cursor_at')
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(page.limit + 1)
    .getRawAndEntities();
  return toPage(entities, page.limit, (_, index) => raw[index].page_cursor_at);
}
