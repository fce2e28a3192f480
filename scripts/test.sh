#!/usr/bin/env bash
# `npm test` (and CI, via .ci/run): everything a fresh Debian 12 machine needs,
# then build, typecheck, unit tests and e2e tests.
#
# Every step runs even if an earlier one failed, so one run reports all the
# problems; the script exits non-zero if any step failed. The last line is
# "tests: N passed, N failed[, N skipped]" counted from Jest's JSON results.
#
# Knobs: UNIT_TIMEOUT (s, default 300), E2E_TIMEOUT (s, default 900): a Jest
# run that hangs (open handles) is killed and counted as failed instead of
# eating CI's time. Extra arguments are passed to both Jest runs
# (e.g. `npm test -- -t dispatch`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh
BD_LOG_TAG="test"

# CI-friendly defaults; anything already set by the caller wins.
export NODE_ENV="${NODE_ENV:-test}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export TZ="${TZ:-UTC}"
export JWT_SECRET="${JWT_SECRET:-test-only-jwt-secret-not-for-production-0123456789}"
: "${UNIT_TIMEOUT:=300}"
: "${E2E_TIMEOUT:=900}"

RESULTS="$BD_LOCAL/test-results"
FAILED_STEPS=()
START=$SECONDS

# run_step NAME CMD...: run, time and record one step without stopping the script.
run_step() {
  local name=$1 t0=$SECONDS rc=0
  shift
  printf '\n==> %s: %s\n' "$name" "$*" >&2
  "$@" || rc=$?
  if [[ $rc -eq 0 ]]; then
    log "$name: ok ($((SECONDS - t0))s)"
  else
    [[ $rc -eq 124 ]] && warn "$name: timed out"
    log "$name: FAILED with exit code $rc ($((SECONDS - t0))s)"
    FAILED_STEPS+=("$name")
  fi
}

# Jest through its local binary (what `npx jest` resolves to) so that
# `timeout` signals Jest itself rather than an npx wrapper. --foreground keeps
# Ctrl-C working from a terminal.
jest_project() { # PROJECT TIMEOUT [JEST ARGS...]
  local project=$1 limit=$2
  shift 2
  rm -f "$RESULTS/$project.json"
  timeout --foreground -k 15 "$limit" node_modules/.bin/jest --selectProjects "$project" \
    --json --outputFile="$RESULTS/$project.json" "$@"
}

# Sum passed/failed/skipped over the Jest JSON files that exist. A suite that
# failed to run (syntax error, failing beforeAll) counts as one failure.
count_tests() {
  node -e '
    const fs = require("fs");
    let passed = 0, failed = 0, skipped = 0;
    for (const f of process.argv.slice(1)) {
      if (!fs.existsSync(f)) continue;
      const r = JSON.parse(fs.readFileSync(f, "utf8"));
      passed += r.numPassedTests;
      failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
      skipped += r.numPendingTests + r.numTodoTests;
    }
    console.log(passed, failed, skipped);' "$RESULTS/unit.json" "$RESULTS/e2e.json"
}

main() {
  mkdir -p "$RESULTS"
  # Setup problems are fatal: nothing after them could run meaningfully.
  # shellcheck source=scripts/services.sh
  source scripts/services.sh
  # shellcheck source=scripts/ensure-chromium.sh
  source scripts/ensure-chromium.sh

  run_step build npm run build
  run_step typecheck npm run typecheck
  run_step unit jest_project unit "$UNIT_TIMEOUT" "$@"
  run_step e2e jest_project e2e "$E2E_TIMEOUT" --runInBand "$@"

  local passed failed skipped summary
  read -r passed failed skipped < <(count_tests)
  printf '\n' >&2
  if [[ ${#FAILED_STEPS[@]} -eq 0 ]]; then
    log "all steps passed in $((SECONDS - START))s"
  else
    log "failed steps: ${FAILED_STEPS[*]} ($((SECONDS - START))s)"
  fi
  summary="tests: $passed passed, $failed failed"
  [[ $skipped -gt 0 ]] && summary+=", $skipped skipped"
  echo "$summary"
  [[ ${#FAILED_STEPS[@]} -eq 0 ]]
}

main "$@"
