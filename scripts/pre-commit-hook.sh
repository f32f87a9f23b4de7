#!/usr/bin/env sh
# The pre-commit hook's entry (.pre-commit-hooks.yaml): `azure-ai-security scan <hook args> <staged files>`
# with the CLI bundled beside this script. Exit code: 0 passes, 1 findings refuse the commit, 2 a problem.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "azure-ai-security: Node.js 20 or later is needed on PATH (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 2
fi
if [ ! -f "$root/dist/cli.js" ]; then
  echo "azure-ai-security: this revision of the hook has no built CLI (dist/cli.js); set rev to a release tag." >&2
  exit 2
fi
exec node "$root/dist/cli.js" scan "$@"
