/**
 * Row-level security for a tenant table: rows are visible and writable only when their
 * `cooperative_id` equals the transaction's `app.cooperative_id`. With no tenant set the
 * function returns NULL and the comparison is never true, so a forgotten scope shows nothing.
 */
export function enableTenantIsolation(table: string): string {
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY ${table}_tenant_isolation ON ${table}
      USING (cooperative_id = app_current_cooperative())
      WITH CHECK (cooperative_id = app_current_cooperative());`;
}
