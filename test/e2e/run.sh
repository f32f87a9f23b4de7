#!/usr/bin/env bash
# npm run test:e2e — end-to-end tests in a real VS Code (code-server from npm) with headless chromium.
#   1. installs what is missing (test/e2e/install.sh: idempotent, fast when all is there)
#   2. packages the extension (npm run package -> azure-ai-security.vsix)
#   3. UI scenarios on the installed .vsix (test/e2e/ui.cjs)
#   4. extension-host tests through @vscode/test-electron + code-offline.cjs (test/e2e/run-ext-tests.cjs)
# Prints `ok - …` / `not ok - …` per test and a closing `N passed, N failed`; exits 1 when any failed.
# Env: E2E_SKIP_INSTALL=1, E2E_SKIP_PACKAGE=1 (reuse azure-ai-security.vsix), E2E_VSIX=path (test that
#      .vsix, no packaging), E2E_ONLY=ui|ext,
#      E2E_SCENARIOS=a,b,… (UI subset), E2E_GREP=… (ext-host subset), E2E_VSCODE=desktop (ext-host tests
#      in a downloaded desktop VS Code instead of code-server), E2E_KEEP=1, E2E_VERBOSE=1.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/test-output/e2e"
rm -rf "$OUT"
mkdir -p "$OUT"
LOG="$OUT/e2e.log"
: >"$LOG"
t0=$SECONDS
failures=0
# Every code-server the drivers start is listed here; the drivers stop them, and this trap makes
# sure (by PID, as a process group) if a driver was killed.
export E2E_PIDS_FILE="$OUT/code-server.pids"
: >"$E2E_PIDS_FILE"
cleanup() {
  local pid
  while read -r pid; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && { echo "# e2e: stopping leftover code-server $pid"; kill -TERM -- "-$pid" 2>/dev/null; }
  done <"$E2E_PIDS_FILE"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note() { echo "# $*" | tee -a "$LOG"; }
# Runs one step, echoing and logging its output; a step that fails without printing a `not ok`
# line gets one, so the closing count can never pass silently.
step() {
  local name="$1"; shift
  local before; before=$(grep -c '^not ok - ' "$LOG")
  "$@" 2>&1 | tee -a "$LOG"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ] && [ "$(grep -c '^not ok - ' "$LOG")" -eq "$before" ]; then
    echo "not ok - $name (exit code $rc)" | tee -a "$LOG"
  fi
  return "$rc"
}

if [ -z "${E2E_SKIP_INSTALL:-}" ]; then
  step "e2e/install" bash test/e2e/install.sh || { echo "0 passed, 1 failed"; exit 1; }
fi
VSIX="${E2E_VSIX:-$ROOT/azure-ai-security.vsix}"
if [ -z "${E2E_SKIP_PACKAGE:-}" ] && [ -z "${E2E_VSIX:-}" ]; then
  s=$SECONDS
  if npm run package >"$OUT/package.log" 2>&1; then
    note "packaged azure-ai-security.vsix ($((SECONDS - s)) s)"
  else
    tail -30 "$OUT/package.log"
    echo "not ok - e2e/package (npm run package failed; log in test-output/e2e/package.log)" | tee -a "$LOG"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

export E2E_SUMMARY=0
if [ "${E2E_ONLY:-ui}" = ui ]; then
  step "ui" node test/e2e/ui.cjs "$VSIX" || failures=$((failures + 1))
fi
if [ "${E2E_ONLY:-ext}" = ext ]; then
  step "ext-host tests" node test/e2e/run-ext-tests.cjs || failures=$((failures + 1))
fi

passed=$(grep -c '^ok - ' "$LOG")
failed=$(grep -c '^not ok - ' "$LOG")
note "e2e: $((SECONDS - t0)) s in all; log in test-output/e2e/e2e.log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$failures" -eq 0 ]
