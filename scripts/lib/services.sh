# shellcheck shell=bash
# PostgreSQL/PostGIS + Redis for development, tests and the demo, without Docker.
# Library: defines functions only. scripts/services.sh runs `services_main`;
# scripts/stop.sh uses `stop_local_services`.
#
# Order of preference, for each service separately:
#   1. DATABASE_URL / REDIS_URL from the environment, when reachable;
#   2. a server already on 127.0.0.1 (PostgreSQL :5432 with trust auth for
#      user postgres, Redis :6379), as on the team's dev/CI machines;
#   3. a project-local server under .local/ (Debian packages installed when
#      missing), on a free port from 55432 / 56379. Re-running reuses it.
# FORCE_LOCAL_SERVICES=1 skips 1 and 2 (to test 3, or to stay isolated from a
# shared server). The probed ports are SYSTEM_PG_PORT / SYSTEM_REDIS_PORT.
#
# Redis is started with an append-only file and maxmemory-policy noeviction, as
# production runs it; a reused server must not evict keys either (the dispatcher
# refuses to start otherwise), see check_redis_eviction.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

: "${SYSTEM_PG_PORT:=5432}"
: "${SYSTEM_REDIS_PORT:=6379}"
: "${LOCAL_PG_PORT:=55432}"
: "${LOCAL_REDIS_PORT:=56379}"
: "${APP_DB_NAME:=bike_dispatch}"
: "${TEST_DB_NAME:=bike_dispatch_test}"

# ---------------------------------------------------------------- URL helpers
# Node is already a prerequisite, and its WHATWG URL parser gets user:password,
# IPv6 hosts and query strings right where sed would not.

url_with_db() { # URL DBNAME -> same server, other database
  node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$1" "$2"
}
url_host() { node -e 'console.log(new URL(process.argv[1]).hostname.replace(/^\[|\]$/g, ""))' "$1"; }
url_port() { node -e 'console.log(new URL(process.argv[1]).port || process.argv[2])' "$1" "$2"; }
url_db()   { node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).pathname.slice(1)))' "$1"; }
url_redacted() { node -e 'const u = new URL(process.argv[1]); if (u.password) u.password = "***"; console.log(u.toString())' "$1"; }

is_loopback() { [[ "$1" == 127.* || "$1" == localhost || "$1" == ::1 ]]; }

# ------------------------------------------------------------------ PostgreSQL

# psql with a short connect timeout, quiet, unaligned output.
pg_q() { # URL SQL
  PGCONNECT_TIMEOUT=3 psql "$1" -X -v ON_ERROR_STOP=1 -Atqc "$2"
}

# A server counts as usable when we can run a query, either in the URL's own
# database or (if that does not exist yet) in the `postgres` maintenance one.
pg_usable() { # URL
  pg_q "$1" 'select 1' >/dev/null 2>&1 || pg_q "$(url_with_db "$1" postgres)" 'select 1' >/dev/null 2>&1
}

pg_has_postgis() { # ADMIN_URL
  [[ "$(pg_q "$1" "select count(*) from pg_available_extensions where name = 'postgis'")" == 1 ]]
}

# PostGIS must be installable in the chosen server. If its files are missing
# and the server runs on this machine, install Debian's package matching the
# server's major version; pg_available_extensions reads the extension
# directory on each query, so no restart is needed afterwards.
ensure_postgis() { # ADMIN_URL
  local url=$1 major host
  pg_has_postgis "$url" && return 0
  host=$(url_host "$url")
  is_loopback "$host" || die "PostGIS is not available on $host and it is not a local server; install PostGIS there"
  major=$(pg_q "$url" "select current_setting('server_version_num')::int / 10000")
  log "PostGIS missing on 127.0.0.1:$(url_port "$url" 5432); installing postgresql-$major-postgis-3"
  apt_install "postgresql-$major-postgis-3"
  pg_has_postgis "$url" \
    || die "postgresql-$major-postgis-3 is installed but the server still lists no postgis extension (is it a different installation?)"
}

# Create the application database if missing, then prove that PostGIS really
# loads there (CREATE EXTENSION inside a rolled-back transaction, so the
# migrations still own the schema).
ensure_database() { # ADMIN_URL APP_URL
  local admin=$1 app=$2 db
  db=$(url_db "$app")
  if [[ "$(pg_q "$admin" "select count(*) from pg_database where datname = '${db//\'/\'\'}'")" != 1 ]]; then
    log "creating database $db"
    pg_q "$admin" "create database \"${db//\"/\"\"}\"" >/dev/null || die "could not create database $db"
  fi
  pg_q "$app" 'begin; create extension if not exists postgis; rollback;' >/dev/null 2>&1 \
    || die "PostGIS does not load in database $db: $(pg_q "$app" 'begin; create extension if not exists postgis; rollback;' 2>&1 | tail -1)"
}

# Highest PostgreSQL installed from Debian's packages (/usr/lib/postgresql/NN).
pg_major_installed() {
  local d best=""
  for d in /usr/lib/postgresql/[0-9]*; do
    [[ -x "$d/bin/postgres" ]] || continue
    d=${d##*/}
    [[ -z "$best" || "$d" -gt "$best" ]] && best=$d
  done
  echo "$best"
}

# initdb and postgres refuse to run as root: as root, run them as the
# `postgres` OS user (created by the Debian package). cd / first because the
# caller's directory may not be readable by that user.
run_as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Where the project-local cluster lives: .local/pg, unless the postgres user
# cannot reach it (a checkout under /root, mode 0700), in which case a folder
# in /var/tmp named after the checkout path is used instead.
local_pg_dir() {
  local dir="$BD_LOCAL/pg"
  mkdir -p "$BD_LOCAL"
  if [[ $(id -u) -eq 0 ]] && ! (cd / && runuser -u postgres -- test -x "$BD_LOCAL") 2>/dev/null; then
    dir="/var/tmp/bike-dispatch-$(printf '%s' "$BD_ROOT" | md5sum | cut -c1-8)/pg"
  fi
  echo "$dir"
}

# Port of a running local cluster: line 4 of postmaster.pid.
local_pg_port() { sed -n 4p "$1/data/postmaster.pid" 2>/dev/null; }

local_pg_running() { # DIR
  [[ -f "$1/data/PG_VERSION" ]] && run_as_pg "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

start_local_postgres() {
  local major dir port
  [[ -n "$(pg_major_installed)" ]] || apt_install postgresql
  major=$(pg_major_installed)
  [[ -n "$major" ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql after installing"
  PG_BIN="/usr/lib/postgresql/$major/bin"
  apt_install "postgresql-$major-postgis-3"
  have psql || apt_install postgresql-client

  dir=$(local_pg_dir)
  if local_pg_running "$dir"; then
    port=$(local_pg_port "$dir")
    log "PostgreSQL: reusing project-local server on 127.0.0.1:$port ($dir)"
  else
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      log "PostgreSQL: initialising project-local cluster in $dir/data"
      run_as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || die "initdb failed, see $dir/initdb.log"
      # Disposable data: trade durability for speed (tests create/drop a lot),
      # and listen on TCP loopback only (no socket path length/permission issues).
      cat >>"$dir/data/postgresql.conf" <<'CONF'

# --- bike-dispatch project-local dev/test cluster (scripts/lib/services.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    fi
    port=$(free_port_from "$LOCAL_PG_PORT")
    log "PostgreSQL: starting project-local server on 127.0.0.1:$port"
    run_as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
      -o "-p $port" start >/dev/null \
      || die "PostgreSQL did not start, see $dir/postgres.log"
  fi
  PG_ADMIN_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

# Sets DATABASE_URL (app database), TEST_DATABASE_URL and PG_ADMIN_URL.
ensure_postgres() {
  local base=""
  have psql || apt_install postgresql-client
  PG_ADMIN_URL=""

  if [[ -z "${FORCE_LOCAL_SERVICES:-}" ]]; then
    if [[ -n "${DATABASE_URL:-}" ]]; then
      if pg_usable "$DATABASE_URL"; then
        base=$DATABASE_URL
        PG_ADMIN_URL=$(url_with_db "$DATABASE_URL" postgres)
        log "PostgreSQL: using DATABASE_URL $(url_redacted "$DATABASE_URL")"
      else
        warn "DATABASE_URL=$(url_redacted "$DATABASE_URL") is not reachable; looking for another server"
      fi
    fi
    if [[ -z "$PG_ADMIN_URL" ]] && pg_usable "postgres://postgres@127.0.0.1:$SYSTEM_PG_PORT/postgres"; then
      PG_ADMIN_URL="postgres://postgres@127.0.0.1:$SYSTEM_PG_PORT/postgres"
      log "PostgreSQL: using the server on 127.0.0.1:$SYSTEM_PG_PORT"
    fi
  fi
  [[ -n "$PG_ADMIN_URL" ]] || start_local_postgres

  ensure_postgis "$PG_ADMIN_URL"
  [[ -n "$base" ]] || base=$(url_with_db "$PG_ADMIN_URL" "$APP_DB_NAME")
  ensure_database "$PG_ADMIN_URL" "$base"
  DATABASE_URL=$base
  # Tests use their own database on the same server (the e2e global setup
  # creates and drops it); only the URL is provided here.
  : "${TEST_DATABASE_URL:=$(url_with_db "$base" "$TEST_DB_NAME")}"
  export DATABASE_URL TEST_DATABASE_URL PG_ADMIN_URL
  log "PostgreSQL ready: DATABASE_URL=$(url_redacted "$DATABASE_URL") (PostGIS $(pg_q "$PG_ADMIN_URL" "select default_version from pg_available_extensions where name = 'postgis'"))"
}

# ----------------------------------------------------------------------- Redis

# PING over the URL: redis-cli when installed (it handles passwords), else a
# raw RESP PING through bash's /dev/tcp.
redis_ping() { # URL
  local url=$1 host port reply
  if have redis-cli; then
    [[ "$(timeout 3 redis-cli -u "$url" ping 2>/dev/null)" == PONG ]]
  else
    host=$(url_host "$url"); port=$(url_port "$url" 6379)
    # shellcheck disable=SC2016 # $0/$1 expand in the inner bash
    reply=$(timeout 3 bash -c '
      exec 3<>"/dev/tcp/$0/$1" || exit 1
      printf "PING\r\n" >&3
      IFS= read -r line <&3 && printf "%s" "$line"' "$host" "$port" 2>/dev/null) || return 1
    [[ "$reply" == +PONG* ]]
  fi
}

# One command over the URL, its reply one element a line (nothing and status 1 on an
# error reply): redis-cli when installed, else ioredis from node_modules.
redis_cmd() { # URL ARGS...
  local url=$1 reply
  shift
  if have redis-cli; then
    reply=$(timeout 3 redis-cli -u "$url" "$@" 2>/dev/null) || return 1
    [[ "$reply" != ERR* && "$reply" != NOPERM* && "$reply" != "(error)"* ]] || return 1
    printf '%s\n' "$reply"
  else
    # shellcheck disable=SC2016 # JavaScript, not shell
    (cd "$BD_ROOT" && timeout 5 node -e '
      const Redis = require("ioredis");
      const [url, ...args] = process.argv.slice(1);
      const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      redis.on("error", () => undefined);
      redis.connect().then(() => redis.call(...args)).then(
        (reply) => { console.log([].concat(reply).join("\n")); process.exit(0); },
        () => process.exit(1));' "$url" "$@")
  fi
}

# maxmemory-policy, or nothing when CONFIG is not available (managed Redis).
redis_policy() { # URL
  local reply
  reply=$(redis_cmd "$1" CONFIG GET maxmemory-policy) || return 0
  [[ "$(sed -n 1p <<<"$reply")" == maxmemory-policy ]] && sed -n 2p <<<"$reply"
  return 0
}

# The queues (BullMQ) lose jobs if Redis evicts keys, and the dispatcher refuses to
# start unless maxmemory-policy is noeviction (libs/http check-stores.ts). A server
# we reuse keeps its settings, except that one on this machine (a dev/CI box) is
# switched to noeviction, loudly; elsewhere we only say what will go wrong.
check_redis_eviction() { # URL
  local url=$1 policy
  policy=$(redis_policy "$url")
  if [[ -z "$policy" ]]; then
    warn "Redis: cannot read maxmemory-policy (CONFIG disabled?); the dispatcher needs noeviction"
  elif [[ "$policy" != noeviction ]]; then
    if is_loopback "$(url_host "$url")"; then
      log "Redis: maxmemory-policy is $policy; setting it to noeviction (CONFIG SET) so queued jobs are never evicted"
      redis_cmd "$url" CONFIG SET maxmemory-policy noeviction >/dev/null \
        || warn "Redis: CONFIG SET maxmemory-policy noeviction failed; the dispatcher will refuse to start"
    else
      warn "Redis at $(url_redacted "$url") has maxmemory-policy $policy: the dispatcher refuses to start until it is noeviction"
    fi
  fi
}

local_redis_dir() { echo "$BD_LOCAL/redis"; }

start_local_redis() {
  local dir port pid
  have redis-server || apt_install redis-server
  dir=$(local_redis_dir)
  mkdir -p "$dir"
  if pid=$(pidfile_alive "$dir/server.pid") && port=$(cat "$dir/port" 2>/dev/null) \
     && redis_ping "redis://127.0.0.1:$port"; then
    log "Redis: reusing project-local server on 127.0.0.1:$port (pid $pid)"
    # Ours, perhaps started by an older version of this script: same settings as below.
    if [[ "$(redis_cmd "redis://127.0.0.1:$port" CONFIG GET appendonly | sed -n 2p)" == no ]]; then
      log "Redis: turning on its append-only file (CONFIG SET appendonly yes)"
      redis_cmd "redis://127.0.0.1:$port" CONFIG SET appendonly yes >/dev/null || warn "Redis: CONFIG SET appendonly yes failed"
    fi
    check_redis_eviction "redis://127.0.0.1:$port"
  else
    port=$(free_port_from "$LOCAL_REDIS_PORT")
    log "Redis: starting project-local server on 127.0.0.1:$port"
    rm -f "$dir/redis.pid"
    # As production runs it (infra/docker-compose.yml): an append-only file, so queued jobs
    # survive a restart, and never evicting keys, which the queues need. Data in .local/redis.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$dir" \
      --save '' --appendonly yes --maxmemory-policy noeviction \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
      || die "redis-server did not start, see $dir/redis.log"
    local i
    for ((i = 0; i < 50; i++)); do
      redis_ping "redis://127.0.0.1:$port" && break
      sleep 0.1
    done
    redis_ping "redis://127.0.0.1:$port" || die "Redis on port $port does not answer PING, see $dir/redis.log"
    write_pidfile "$dir/server.pid" "$(cat "$dir/redis.pid")"
    echo "$port" >"$dir/port"
  fi
  REDIS_URL="redis://127.0.0.1:$port"
}

# Sets REDIS_URL.
ensure_redis() {
  local found=""
  if [[ -z "${FORCE_LOCAL_SERVICES:-}" ]]; then
    if [[ -n "${REDIS_URL:-}" ]]; then
      if redis_ping "$REDIS_URL"; then
        found=1
        log "Redis: using REDIS_URL $(url_redacted "$REDIS_URL")"
      else
        warn "REDIS_URL=$(url_redacted "$REDIS_URL") is not reachable; looking for another server"
      fi
    fi
    if [[ -z "$found" ]] && redis_ping "redis://127.0.0.1:$SYSTEM_REDIS_PORT"; then
      found=1
      REDIS_URL="redis://127.0.0.1:$SYSTEM_REDIS_PORT"
      log "Redis: using the server on 127.0.0.1:$SYSTEM_REDIS_PORT"
    fi
  fi
  if [[ -n "$found" ]]; then
    check_redis_eviction "$REDIS_URL"
  else
    start_local_redis
  fi
  export REDIS_URL
  log "Redis ready: REDIS_URL=$(url_redacted "$REDIS_URL")"
}

# ------------------------------------------------------------------ entry points

services_main() {
  ensure_node_deps
  ensure_postgres
  ensure_redis
}

# Stops only the project-local servers under .local/ (never a shared one).
stop_local_services() {
  local dir major pid
  dir=$(local_pg_dir)
  major=$(pg_major_installed)
  if [[ -n "$major" && -f "$dir/data/PG_VERSION" ]]; then
    PG_BIN="/usr/lib/postgresql/$major/bin"
    if local_pg_running "$dir"; then
      log "stopping project-local PostgreSQL ($dir)"
      run_as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || warn "pg_ctl stop failed"
    fi
  fi
  dir=$(local_redis_dir)
  if pid=$(pidfile_alive "$dir/server.pid"); then
    log "stopping project-local Redis (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/server.pid"
}
