#!/usr/bin/env node
'use strict';
// A stand-in for the VS Code executable, for @vscode/test-electron (`vscodeExecutablePath`) and
// @vscode/test-cli (`useInstallation: { fromPath }`), on machines that cannot download VS Code.
//
// It takes the Code CLI arguments that those tools pass (--extensionDevelopmentPath=…,
// --extensionTestsPath=…, a folder to open, …), starts a fresh code-server with the smoke-test
// driver enabled, opens the workbench in headless chromium with the development/test paths in the
// URL payload, forwards the extension host's console to stdout, and exits with the exit code the
// extension host reports through window.codeAutomationExit (0 when the tests passed).
//
// Ignored on purpose: --user-data-dir / --extensions-dir (every run gets fresh ones), and the
// Electron-only flags (--no-sandbox, --disable-gpu-sandbox, --disable-updates, …).
// Env: E2E_EXT_TIMEOUT_MS (default 300000), E2E_KEEP=1 keeps the run folder.

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const cs = require('./lib/code-server.cjs');

function parseArgs(argv) {
  const out = { dev: [], tests: undefined, folder: undefined, disableExtensions: false, unknown: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') ? [a.split('=')[0], a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined] : [a];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--extensionDevelopmentPath':
        out.dev.push(value());
        break;
      case '--extensionTestsPath':
        out.tests = value();
        break;
      case '--user-data-dir':
      case '--extensions-dir':
      case '--locale':
      case '--profile':
        value();
        break;
      case '--disable-extensions':
        out.disableExtensions = true;
        break;
      case '--version':
      case '-v':
        out.version = true;
        break;
      default:
        if (!a.startsWith('-')) out.folder = a;
        else out.unknown.push(a);
    }
  }
  return out;
}

// Lines in the test output format go to stdout; the rest of the page console (workbench chatter,
// offline errors) goes to test-output/e2e/ext-host-console.log, or to stdout too with E2E_VERBOSE=1.
const TEST_LINE = /^(ok - |not ok - |# |\d+ passing|\d+ failing|\s+\d+\) )/;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    const pkg = require(path.join(cs.E2E_HOME, 'cs', 'node_modules', 'code-server', 'package.json'));
    const product = require(path.join(cs.E2E_HOME, 'cs', 'node_modules', 'code-server', 'lib', 'vscode', 'product.json'));
    console.log(`${product.version || pkg.version}\n${product.commit || ''}\nx64`);
    return 0;
  }
  if (!args.tests || args.dev.length === 0) {
    console.error('code-offline: needs --extensionDevelopmentPath=… and --extensionTestsPath=… (it only runs extension tests)');
    return 2;
  }
  const run = cs.prepareRun({ name: 'ext', openFolder: args.folder || undefined });
  fs.mkdirSync(cs.OUTPUT, { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(cs.OUTPUT, 'ext-host-console.log'));
  let server;
  let context;
  const timeout = Number(process.env.E2E_EXT_TIMEOUT_MS || 300_000);
  try {
    server = await cs.startCodeServer(run, { smokeTestDriver: true });
    cleanup = async () => {
      if (context) await context.close().catch(() => {});
      await server.stop();
    };
    console.log(`# code-offline: code-server pid ${server.pid} on ${server.origin}, workspace ${args.folder || '(none)'}`);
    context = await cs.launchBrowser(run);
    const page = context.pages()[0] || (await context.newPage());
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code) || 0));
    page.on('console', async (msg) => {
      let parts;
      try {
        parts = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
      } catch {
        parts = [msg.text()];
      }
      // The workbench forwards extension host logs as ('%c INFO', 'color: …', fmt, ...args).
      while (typeof parts[0] === 'string' && parts[0].startsWith('%c')) parts.splice(0, 2);
      const text = util.format(...parts);
      if (!text.trim()) return;
      consoleLog.write(`${text}\n`);
      if (TEST_LINE.test(text) || process.env.E2E_VERBOSE) process.stdout.write(`${text}\n`);
    });
    page.on('crash', () => finish(3));
    const payload = [
      ...args.dev.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
      ['extensionTestsPath', server.remoteUri(args.tests)],
      ['skipWelcome', 'true'],
      ...(args.disableExtensions ? [['disableExtensions', 'true']] : []),
    ];
    const base = args.folder ? server.folderUrl() : `${server.origin}/?ew=true`;
    const url = `${base}${base.includes('?') ? '&' : '?'}payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    let timer;
    const code = await Promise.race([
      exited,
      new Promise(
        (resolve) =>
          (timer = setTimeout(() => {
            console.error(`code-offline: the extension host did not exit within ${timeout} ms`);
            resolve(124);
          }, timeout)),
      ),
    ]);
    clearTimeout(timer);
    if (code !== 0) {
      await page.screenshot({ path: path.join(cs.OUTPUT, 'ext-host.png') }).catch(() => {});
      fs.copyFileSync(run.log, path.join(cs.OUTPUT, 'ext-code-server.log'));
      console.error(`code-offline: screenshot and code-server log in ${path.relative(process.cwd(), cs.OUTPUT) || cs.OUTPUT}`);
    }
    return code;
  } finally {
    consoleLog.end();
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    if (!process.env.E2E_KEEP) cs.removeRun(run);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    Promise.resolve(cleanup && cleanup()).finally(() => process.exit(130));
  });
}
let cleanup;

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`code-offline: ${error.stack || error}`);
    process.exit(2);
  },
);
