#!/usr/bin/env bash
# Stop what scripts/demo.sh started (its pid files in .local/pids/).
#   bash scripts/stop.sh         # the demo's api, dispatcher, tracking, seed
#   bash scripts/stop.sh --all   # also the project-local PostgreSQL/Redis under
#                                # .local/ (never a shared server on 5432/6379)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh
BD_LOG_TAG=stop

PIDS="$BD_LOCAL/pids"

main() {
  local f stopped=0
  case "${1:-}" in
    "" | --all) ;;
    *) die "usage: $0 [--all]" ;;
  esac
  # The demo script first: its own exit handler stops its children in order.
  if [[ -f "$PIDS/demo.pid" ]]; then
    stop_pidfile "$PIDS/demo.pid" 40
    stopped=1
  fi
  for f in "$PIDS"/*.pid; do
    [[ -e "$f" ]] || continue
    stop_pidfile "$f"
    stopped=1
  done
  [[ $stopped -eq 1 ]] || log "no demo processes recorded in .local/pids"
  if [[ "${1:-}" == --all ]]; then
    stop_local_services
  fi
}

main "$@"
