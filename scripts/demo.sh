#!/usr/bin/env bash
# `npm run demo`: build, migrate, start api + dispatcher + tracking in the
# background, wait until they are ready, seed demo data, print where to click,
# then follow the logs until Ctrl-C / SIGTERM, which stops everything it started.
#
# Logs: .local/logs/<name>.log   Pids: .local/pids/<name>.pid
# Stop from another terminal: bash scripts/stop.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh
BD_LOG_TAG=demo

# Demo defaults; anything already set by the caller wins.
export NODE_ENV="${NODE_ENV:-production}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@example.org}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-demo-password}"
export JWT_SECRET="${JWT_SECRET:-demo-only-jwt-secret-change-me-in-production}"
export API_PORT="${API_PORT:-3000}"
export TRACKING_PORT="${TRACKING_PORT:-3001}"
# The pages on :3000 open sockets to the gateway on :3001: a cross-origin the gateway must allow.
export CORS_ORIGINS="${CORS_ORIGINS:-http://127.0.0.1:$API_PORT,http://localhost:$API_PORT}"
export DEMO_LOGINS_PER_MINUTE="${DEMO_LOGINS_PER_MINUTE:-300}"
# Where the seed may write the logins it created (printed below), and where it
# finds the running servers.
export DEMO_LOGINS_FILE="${DEMO_LOGINS_FILE:-$BD_LOCAL/demo-logins.txt}"
export DEMO_API_URL="${DEMO_API_URL:-http://127.0.0.1:$API_PORT}"
export DEMO_TRACKING_URL="${DEMO_TRACKING_URL:-http://127.0.0.1:$TRACKING_PORT}"
: "${READY_TIMEOUT:=120}" # seconds to wait for each /health/ready
: "${SEED_WAIT:=120}"     # seconds to wait for the seed before printing logins

LOGS="$BD_LOCAL/logs"
PIDS="$BD_LOCAL/pids"
SERVERS=(api dispatcher tracking)
SEED_PID=""
TAIL_PID=""

# start_proc NAME CMD...: in the background, in its own session (setsid) so
# that stopping its process group stops npm and the node it spawned, and so
# that Ctrl-C reaches only this script, which then stops the children in order.
start_proc() {
  local name=$1 pid
  shift
  printf '\n=== %s: %s (started %s)\n' "$name" "$*" "$(date -Is)" >>"$LOGS/$name.log"
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  pid=$!
  write_pidfile "$PIDS/$name.pid" "$pid"
  log "started $name (pid $pid, log .local/logs/$name.log)"
}

stop_children() {
  local f
  if [[ -n "$TAIL_PID" ]]; then kill "$TAIL_PID" 2>/dev/null || true; fi
  # The simulator first, while the API is still up to take its couriers off shift.
  [[ -e "$PIDS/seed.pid" ]] && stop_pidfile "$PIDS/seed.pid"
  for f in "$PIDS"/*.pid; do
    [[ -e "$f" && "$(basename "$f")" != demo.pid ]] && stop_pidfile "$f"
  done
  rm -f "$PIDS/demo.pid"
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  log "stopping the demo"
  stop_children
  exit "$rc"
}

http_ok() { # URL: 2xx within 2 seconds (Node's fetch: no curl needed)
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) })
    .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}

show_log_tail() { # NAME
  warn "last lines of .local/logs/$1.log:"
  tail -n 30 "$LOGS/$1.log" >&2 || true
}

wait_ready() { # NAME URL
  local name=$1 url=$2 deadline=$((SECONDS + READY_TIMEOUT))
  log "waiting for $url"
  until http_ok "$url"; do
    if ! pidfile_alive "$PIDS/$name.pid" >/dev/null; then
      show_log_tail "$name"
      die "$name exited before becoming ready"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$name"
      die "$name not ready after ${READY_TIMEOUT}s ($url)"
    fi
    sleep 1
  done
  log "$name ready"
}

# Refuse early when a port is taken (another demo, or someone's dev server):
# the new process would crash with EADDRINUSE and the health check would
# happily talk to the other one.
check_port_free() { # NAME PORT VAR
  if tcp_open 127.0.0.1 "$2"; then
    die "port $2 ($1) is already in use; stop that process or set $3 to another port"
  fi
}

# Seed (and, if the project's seed script keeps running, simulate) demo data.
# Waits until it exits or writes the logins file, whichever comes first.
run_seed() {
  local start deadline rc
  if ! npm_script_defined demo:seed; then
    warn "package.json defines no \"demo:seed\" script: starting with an empty database (only the admin account)"
    return 0
  fi
  start=$(date +%s)
  start_proc seed npm run --silent demo:seed
  SEED_PID=$(pidfile_alive "$PIDS/seed.pid") || SEED_PID=""
  deadline=$((SECONDS + SEED_WAIT))
  while [[ -n "$SEED_PID" ]] && kill -0 "$SEED_PID" 2>/dev/null; do
    if [[ -f "$DEMO_LOGINS_FILE" && $(stat -c %Y "$DEMO_LOGINS_FILE") -ge $start ]]; then
      log "seed wrote the demo logins; it keeps running in the background"
      return 0
    fi
    ((SECONDS < deadline)) || { warn "seed still running after ${SEED_WAIT}s; continuing"; return 0; }
    sleep 1
  done
  rc=0
  wait "$SEED_PID" 2>/dev/null || rc=$?
  SEED_PID=""
  rm -f "$PIDS/seed.pid"
  if [[ $rc -ne 0 ]]; then
    show_log_tail seed
    die "npm run demo:seed failed (exit $rc)"
  fi
  log "demo data seeded"
}

print_banner() {
  local api="http://127.0.0.1:$API_PORT" trk="http://127.0.0.1:$TRACKING_PORT"
  cat <<EOF

================ bike-dispatch demo is running ================
  Dispatch console   $api/app/dispatch
  Courier app        $api/app/courier
  Merchant portal    $api/app/merchant
  API docs (OpenAPI) $api/api/docs
  Tracking gateway   $trk  (socket.io; ws://127.0.0.1:$TRACKING_PORT)
  Health             $api/health/ready  $trk/health/ready

Demo logins:
EOF
  echo "  admin  $ADMIN_EMAIL / $ADMIN_PASSWORD   (ADMIN_EMAIL / ADMIN_PASSWORD)"
  if [[ -s "$DEMO_LOGINS_FILE" ]]; then
    echo "  from ${DEMO_LOGINS_FILE#"$BD_ROOT/"} (written by the seed):"
    sed 's/^/    /' "$DEMO_LOGINS_FILE"
  else
    echo "  (no ${DEMO_LOGINS_FILE#"$BD_ROOT/"} from a seed: create other accounts in the dispatch console)"
  fi
  cat <<EOF

Database: $(node -e 'const u = new URL(process.argv[1]); if (u.password) u.password = "***"; console.log(u.toString())' "$DATABASE_URL")
Redis:    $REDIS_URL
Logs:     .local/logs/*.log (followed below)
Stop:     Ctrl-C here, or bash scripts/stop.sh from another terminal
================================================================

EOF
}

# Stay in the foreground following the logs; exit (and so stop everything)
# if one of the servers dies.
follow() {
  local name files=()
  for name in "${SERVERS[@]}" seed; do
    [[ -f "$LOGS/$name.log" ]] && files+=("$LOGS/$name.log")
  done
  tail -n 0 -F "${files[@]}" &
  TAIL_PID=$!
  while true; do
    for name in "${SERVERS[@]}"; do
      if ! pidfile_alive "$PIDS/$name.pid" >/dev/null; then
        warn "$name exited unexpectedly"
        show_log_tail "$name"
        exit 1
      fi
    done
    if [[ -n "$SEED_PID" ]] && ! kill -0 "$SEED_PID" 2>/dev/null; then
      local rc=0
      wait "$SEED_PID" 2>/dev/null || rc=$?
      log "demo seed/simulator finished (exit $rc)"
      SEED_PID=""
      rm -f "$PIDS/seed.pid"
    fi
    # `wait` on a background sleep returns as soon as a trapped signal arrives.
    sleep 2 &
    wait $! || true
  done
}

main() {
  mkdir -p "$LOGS" "$PIDS"
  local f name
  if f=$(pidfile_alive "$PIDS/demo.pid"); then
    die "a demo is already running (pid $f); stop it with: bash scripts/stop.sh"
  fi
  for f in "$PIDS"/*.pid; do # leftovers of a demo that was killed hard
    [[ -e "$f" ]] && stop_pidfile "$f"
  done
  check_port_free api "$API_PORT" API_PORT
  check_port_free tracking "$TRACKING_PORT" TRACKING_PORT

  # From here on a second demo refuses to start, and any exit cleans up.
  write_pidfile "$PIDS/demo.pid" "$$"
  trap on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # shellcheck source=scripts/services.sh
  source scripts/services.sh

  log "building (npm run build)"
  npm run --silent build || die "npm run build failed"
  log "migrating the database (npm run db:migrate)"
  npm run --silent db:migrate || die "npm run db:migrate failed"

  for name in "${SERVERS[@]}"; do
    start_proc "$name" npm run --silent "start:$name"
  done
  wait_ready api "http://127.0.0.1:$API_PORT/health/ready"
  wait_ready tracking "http://127.0.0.1:$TRACKING_PORT/health/ready"
  run_seed
  print_banner
  follow
}

main "$@"
