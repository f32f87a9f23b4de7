#!/usr/bin/env node
'use strict';
// Extension-host tests through @vscode/test-electron's runTests.
//   default:                    VS Code = test/e2e/code-offline.cjs (code-server + headless chromium, offline)
//   E2E_VSCODE=desktop          let @vscode/test-electron download a desktop VS Code (E2E_VSCODE_VERSION, default stable)
//   E2E_VSCODE_EXECUTABLE=path  a VS Code executable already on the machine
// The development extension is the repo itself (dist/ must be built: npm run build).
// Env: E2E_GREP filters tests by title. Exits with the test run's status.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cs = require('./lib/code-server.cjs');

async function main() {
  const { runTests } = cs.requireTool('@vscode/test-electron');
  if (!fs.existsSync(path.join(cs.ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: npm run build');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aais-e2e-ext-host-'));
  const ws = path.join(tmp, 'ws');
  fs.cpSync(cs.SAMPLE_WORKSPACE, ws, { recursive: true });
  const desktop = process.env.E2E_VSCODE === 'desktop' || !!process.env.E2E_VSCODE_EXECUTABLE;
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(cs.USER_SETTINGS, null, 2));
  const options = {
    extensionDevelopmentPath: cs.ROOT,
    extensionTestsPath: path.join(__dirname, 'ext', 'index.cjs'),
    launchArgs: [ws, '--disable-extensions', `--user-data-dir=${userData}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
    extensionTestsEnv: { E2E_GREP: process.env.E2E_GREP || '', E2E_HOME: cs.E2E_HOME },
  };
  if (process.env.E2E_VSCODE_EXECUTABLE) options.vscodeExecutablePath = process.env.E2E_VSCODE_EXECUTABLE;
  else if (desktop) options.version = process.env.E2E_VSCODE_VERSION || 'stable';
  else options.vscodeExecutablePath = path.join(__dirname, 'code-offline.cjs');
  console.log(`# ext-host: VS Code = ${options.vscodeExecutablePath || `desktop ${options.version} (downloaded)`}, workspace ${ws}`);
  const t0 = Date.now();
  try {
    await runTests(options);
    return 0;
  } catch (error) {
    console.log(`# ext-host: ${error.message}`);
    return 1;
  } finally {
    console.log(`# ext-host: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!process.env.E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.log(
      `not ok - ext/harness\n# ${String(error.stack || error)
        .split('\n')
        .join('\n# ')}`,
    );
    process.exit(1);
  },
);
