#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser (Playwright) e2e
# tests. playwright-core cannot download its own browser here (no network
# beyond the package registries), so tests launch /usr/bin/chromium via
# executablePath, read from CHROMIUM_PATH.
#
#   bash scripts/ensure-chromium.sh     # or: source it to get CHROMIUM_PATH
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_chromium() {
  local bin=/usr/bin/chromium
  if [[ ! -x "$bin" ]]; then
    log "installing Debian's chromium for browser tests"
    # fonts-liberation: without any font, pages render as empty boxes.
    apt_install chromium fonts-liberation
    [[ -x "$bin" ]] || die "chromium installed but $bin is missing"
  fi
  : "${CHROMIUM_PATH:=$bin}"
  export CHROMIUM_PATH
  log "Chromium: $("$CHROMIUM_PATH" --version 2>/dev/null || echo "$CHROMIUM_PATH")"
}

BD_LOG_TAG=chromium ensure_chromium
