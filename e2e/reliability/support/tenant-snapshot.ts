import type { Client } from 'pg';

export type TenantSnapshot = Record<string, string[]>;

/**
 * Every row a cooperative owns, read as the database owner (no row-level security): the
 * cooperative's own row and its rows in every table with a `cooperative_id` column, found in
 * the catalogue so a new tenant table is included without editing this file.
 */
export async function snapshotTenant(owner: Client, cooperativeId: string): Promise<TenantSnapshot> {
  const snapshot: TenantSnapshot = {};
  const read = async (table: string, where: string) => {
    const { rows } = await owner.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t WHERE ${where} = $1 ORDER BY 1`, [cooperativeId]);
    snapshot[table] = rows.map((row) => row.row);
  };
  await read('cooperatives', 'id');
  for (const table of await tenantTables(owner)) await read(table, 'cooperative_id');
  return snapshot;
}

/** Tables whose rows differ, with the first differing row of each, as readable lines. */
export function snapshotDifferences(before: TenantSnapshot, after: TenantSnapshot): string[] {
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return tables.flatMap((table) => {
    const was = before[table] ?? [];
    const is = after[table] ?? [];
    if (was.length === is.length && was.every((row, index) => row === is[index])) return [];
    const gone = was.filter((row) => !is.includes(row));
    const added = is.filter((row) => !was.includes(row));
    return [`${table}: ${was.length} -> ${is.length} rows; first removed/changed: ${gone[0]?.slice(0, 300) ?? '-'}; first added/changed: ${added[0]?.slice(0, 300) ?? '-'}`];
  });
}

/** The tables with a `cooperative_id` column (the tenant tables), from the catalogue. */
export async function tenantTables(owner: Client): Promise<string[]> {
  const { rows } = await owner.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public' AND c.column_name = 'cooperative_id' ORDER BY c.table_name`,
  );
  return rows.map((row) => row.table_name);
}

/**
 * Counts the rows of every tenant table (all cooperatives) in one round trip, to show that a
 * refused request stored nothing anywhere.
 */
export async function tenantRowCounter(owner: Client): Promise<() => Promise<Record<string, number>>> {
  const tables = await tenantTables(owner);
  const sql = `SELECT ${tables.map((table) => `(SELECT count(*)::int FROM ${table}) AS "${table}"`).join(', ')}`;
  return async () => (await owner.query<Record<string, number>>(sql)).rows[0];
}
