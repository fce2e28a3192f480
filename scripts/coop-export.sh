#!/usr/bin/env bash
# Exports one co-op's data as a psql script that scripts/coop-import.sh loads into another
# deployment (a new home for the co-op, or the co-op leaving the federation with its data).
#
#   DATABASE_URL=postgres://owner@host/db bash scripts/coop-export.sh <co-op slug or id> > coop.sql
#
# What it holds: the co-op's row and every row of every tenant table (those with a
# `cooperative_id`) that belongs to it, in foreign-key order, as COPY blocks. The rows are read
# as the application role with the co-op set as tenant, so row-level security itself keeps every
# other co-op's rows out, and each query also filters on cooperative_id.
# What it leaves out: platform admins (no co-op), identity columns (history ids the target
# numbers anew), tables that point at rows of other co-ops (partnerships) and what lives only in
# Redis (live positions come back with the couriers' next fix; queued jobs are rebuilt from the
# outbox, whose unpublished events travel with the export).
set -euo pipefail

coop="${1:?usage: DATABASE_URL=... coop-export.sh <co-op slug or id> > coop.sql}"
: "${DATABASE_URL:?DATABASE_URL is required: the owner connection, as for npm run db:migrate}"
app_role="${DATABASE_APP_ROLE:-dispatch_app}"

query() { psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -At "$@"; }

id=$(query -v coop="$coop" <<'SQL'
SELECT id FROM cooperatives WHERE slug = :'coop' OR id::text = :'coop';
SQL
)
[[ -n "$id" ]] || { echo "coop-export: no co-op with slug or id '$coop'" >&2; exit 1; }
slug=$(query -v id="$id" <<< "SELECT slug FROM cooperatives WHERE id = :'id';")
migrations=$(query <<< "SELECT string_agg(name, ' ' ORDER BY id) FROM schema_migrations;")

# Tenant tables in foreign-key order (a table after every table it references), each as
# "table|exported columns|primary key columns". Excluded: tables referencing a table that is
# not exported (besides cooperatives), identity and generated columns.
tables=$(query <<'SQL'
WITH RECURSIVE tenant AS (
  SELECT c.oid, c.relname FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'cooperative_id' AND NOT a.attisdropped
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
), refs AS (
  SELECT DISTINCT conrelid AS child, confrelid AS parent FROM pg_constraint
  WHERE contype = 'f' AND conrelid <> confrelid AND confrelid <> 'cooperatives'::regclass
), exported AS (
  SELECT t.* FROM tenant t
  WHERE NOT EXISTS (SELECT 1 FROM refs WHERE refs.child = t.oid AND refs.parent NOT IN (SELECT oid FROM tenant))
), depth (oid, d) AS (
  SELECT oid, 0 FROM exported
  UNION ALL
  SELECT refs.child, depth.d + 1 FROM depth JOIN refs ON refs.parent = depth.oid JOIN exported e ON e.oid = refs.child
)
SELECT e.relname,
  (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
   WHERE a.attrelid = e.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''),
  (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum)) FROM pg_index i
   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
   WHERE i.indrelid = e.oid AND i.indisprimary)
FROM exported e JOIN depth USING (oid)
GROUP BY e.oid, e.relname ORDER BY max(depth.d), e.relname;
SQL
)

cooperative_columns=$(query <<'SQL'
SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
WHERE attrelid = 'cooperatives'::regclass AND attnum > 0 AND NOT attisdropped AND attidentity = '' AND attgenerated = '';
SQL
)

echo "-- bike-dispatch co-op export v1"
echo "-- cooperative: $id $slug"
echo "-- migrations: $migrations"
echo "-- exported at $(date -u +%Y-%m-%dT%H:%M:%SZ); load with scripts/coop-import.sh"
{
  echo "SET ROLE \"$app_role\";"
  echo "SELECT set_config('app.cooperative_id', '$id', false) \\g /dev/null"
  echo "\\echo 'COPY cooperatives ($cooperative_columns) FROM stdin;'"
  echo "COPY (SELECT $cooperative_columns FROM cooperatives WHERE id = '$id') TO STDOUT;"
  echo "\\echo '\\\\.'"
  # COPY FROM cannot write through row-level security: each table's rows go to a temporary
  # copy first, then INSERT ... SELECT, which the tenant policy checks row by row.
  while IFS='|' read -r table columns key; do
    echo "\\echo 'CREATE TEMP TABLE import_$table ON COMMIT DROP AS SELECT $columns FROM $table WITH NO DATA;'"
    echo "\\echo 'COPY import_$table ($columns) FROM stdin;'"
    echo "COPY (SELECT $columns FROM $table WHERE cooperative_id = '$id' ORDER BY $key) TO STDOUT;"
    echo "\\echo '\\\\.'"
    echo "\\echo 'INSERT INTO $table ($columns) SELECT $columns FROM import_$table;'"
  done <<< "$tables"
} | query
