#!/usr/bin/env bash
# Loads a co-op exported by scripts/coop-export.sh into a migrated deployment, in one
# transaction: all of it or nothing.
#
#   DATABASE_URL=postgres://owner@host/db bash scripts/coop-import.sh coop.sql
#
# The rows are written as the application role with the exported co-op as tenant, so
# row-level security refuses any row of the file that belongs to another co-op. The target must
# have every migration the source had (run `npm run db:migrate` first) and must not hold the
# co-op already; an e-mail address already used on the target stops the import (logins are
# unique across the deployment). Users sign in again afterwards (tokens are signed per
# deployment); couriers' live positions come back with their next fix.
set -euo pipefail

file="${1:?usage: DATABASE_URL=... coop-import.sh coop.sql}"
: "${DATABASE_URL:?DATABASE_URL is required: the owner connection, as for npm run db:migrate}"
app_role="${DATABASE_APP_ROLE:-dispatch_app}"

query() { psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
fail() { echo "coop-import: $*" >&2; exit 1; }

[[ "$(head -n 1 "$file")" == "-- bike-dispatch co-op export v1" ]] || fail "$file is not a co-op export (scripts/coop-export.sh)"
read -r id slug < <(sed -n 's/^-- cooperative: //p' "$file" | head -n 1)
needed=$(sed -n 's/^-- migrations: //p' "$file" | head -n 1)

applied=" $(query <<< "SELECT string_agg(name, ' ') FROM schema_migrations;") "
for migration in $needed; do
  [[ "$applied" == *" $migration "* ]] || fail "the target lacks migration $migration: run npm run db:migrate against it first"
done
[[ -z "$(query -v id="$id" <<< "SELECT 1 FROM cooperatives WHERE id = :'id';")" ]] || fail "co-op $slug ($id) is already here"

psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 --single-transaction \
  -c "SET ROLE \"$app_role\"" -c "SELECT set_config('app.cooperative_id', '$id', false)" -f "$file" > /dev/null
echo "coop-import: co-op $slug ($id) imported"
