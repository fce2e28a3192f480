#!/usr/bin/env bash
# Ensure Node deps, PostgreSQL with PostGIS and Redis are available, and export
# DATABASE_URL, TEST_DATABASE_URL and REDIS_URL (see scripts/lib/services.sh
# for the order in which servers are looked for).
#
#   source scripts/services.sh        # from another script: exports into it
#   eval "$(bash scripts/services.sh)" # from an interactive shell
#
# When executed, progress goes to stderr and `export` lines to stdout.
# Knobs: FORCE_LOCAL_SERVICES=1, SYSTEM_PG_PORT, SYSTEM_REDIS_PORT,
# LOCAL_PG_PORT, LOCAL_REDIS_PORT, APP_DB_NAME.

# shellcheck source=scripts/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  # Executed: strict mode is ours alone.
  set -euo pipefail
  BD_LOG_TAG=services
  services_main
  printf 'export DATABASE_URL=%q\nexport TEST_DATABASE_URL=%q\nexport REDIS_URL=%q\n' \
    "$DATABASE_URL" "$TEST_DATABASE_URL" "$REDIS_URL"
else
  # Sourced: the caller (test.sh, demo.sh) already runs with set -euo pipefail;
  # a failure here exits it with a message, which is what we want.
  BD_LOG_TAG=services services_main
fi
