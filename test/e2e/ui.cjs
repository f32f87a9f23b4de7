#!/usr/bin/env node
'use strict';
// UI scenarios: the packaged .vsix installed into a fresh code-server, driven by headless chromium.
// Usage: node test/e2e/ui.cjs <path to .vsix>
// Env: E2E_SCENARIOS=a,c,d (only these), E2E_KEEP=1 (keep the run folder), E2E_STEP_TIMEOUT_MS.
// Prints one `ok - ui/<name>` / `not ok - ui/<name>` line per scenario; exits 1 when any fails.

const fs = require('node:fs');
const path = require('node:path');
const cs = require('./lib/code-server.cjs');
const wb = require('./lib/workbench.cjs');

const EXTENSION_ID = 'azure-ai-security-team.azure-ai-security';
const RULE_DOC = (id) => `docs/rules/${id}.md`;

// ---------------------------------------------------------------------------------------------
// Scenarios. Each gets { page, run } and throws on failure. They only rely on the workspace copy
// as it is in sample-workspace/ plus their own changes (a retry starts from a fresh copy).
// ---------------------------------------------------------------------------------------------

const SEARCH_KEY = '4f2d9c1ab7e6031f58c4d2e9a0b7c6f1';

async function hardcodedKeySquiggleAndProblem({ page }) {
  await wb.openFile(page, 'src/search.ts', { expectText: 'AzureKeyCredential' });
  await wb.waitSquiggleOnLine(page, SEARCH_KEY, ['error'], 'an error squiggle on the hardcoded key in search.ts');
  const panel = await wb.filterProblems(page, '**/search.ts');
  const row = panel
    .locator('.monaco-list-row', { hasText: 'hardcoded-key' })
    .filter({ hasText: /Hardcoded/i })
    .first();
  await row.waitFor({ timeout: wb.STEP_TIMEOUT });
  const text = wb.norm(await row.innerText());
  if (!text.includes('azure-ai-security')) throw new Error(`Problems row lacks the source azure-ai-security: ${text}`);
  const link = row.locator(`a[href*="${RULE_DOC('hardcoded-key')}"]`);
  await link.waitFor({ state: 'attached', timeout: wb.STEP_TIMEOUT }).catch(async () => {
    const html = await row.innerHTML();
    throw new Error(`Problems row has no link to ${RULE_DOC('hardcoded-key')}: ${html.slice(0, 600)}`);
  });
  const href = await link.getAttribute('href');
  // A file URL from the server; the remote workbench shows it as vscode-remote://host/<same path>.
  if (!/^(file|vscode-remote):\/\//.test(href)) throw new Error(`rule doc link is not a file URL: ${href}`);
  await wb.filterProblems(page, '');
  await page.keyboard.press('Control+Shift+M'); // hide the panel again
}

async function hoverExplains({ page, run }) {
  await wb.openFile(page, 'src/search.ts', { expectText: 'AzureKeyCredential' });
  await wb.waitSquiggleOnLine(page, SEARCH_KEY, ['error']);
  const text = fs.readFileSync(path.join(run.ws, 'src/search.ts'), 'utf8');
  const at = wb.positionOf(text, SEARCH_KEY, 4);
  await wb.goTo(page, at.line, at.column);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I'); // editor.action.showHover at the caret
  const hover = page.locator('.monaco-hover').filter({ hasText: 'hardcoded-key' }).first();
  await hover.waitFor({ state: 'visible', timeout: wb.STEP_TIMEOUT });
  // The diagnostic itself is shown by VS Code (.marker); the explanation comes from the server's hover provider.
  const explanation = hover
    .locator('.markdown-hover')
    .filter({ hasText: /hardcoded-key|environment variable|Entra ID/i })
    .first();
  await explanation.waitFor({ state: 'visible', timeout: wb.STEP_TIMEOUT }).catch(async () => {
    throw new Error(`hover shows no explanation from the extension's hover provider; hover text: ${wb.norm(await hover.innerText()).slice(0, 400)}`);
  });
  await page.keyboard.press('Escape');
}

async function moveKeyToEnv({ page, run }) {
  const file = path.join(run.ws, 'src/search.ts');
  await wb.openFile(page, 'src/search.ts', { expectText: 'AzureKeyCredential' });
  await wb.waitSquiggleOnLine(page, SEARCH_KEY, ['error']);
  const at = wb.positionOf(fs.readFileSync(file, 'utf8'), SEARCH_KEY, 4);
  await wb.goTo(page, at.line, at.column);
  await wb.applyQuickFix(page, 'Move to environment variable AZURE_SEARCH_API_KEY');
  await wb.waitEditorText(page, (t) => t.includes('process.env.AZURE_SEARCH_API_KEY') && !t.includes(SEARCH_KEY), 'the key replaced by process.env.AZURE_SEARCH_API_KEY in the editor');
  await wb.waitNoSquiggleOnLine(page, 'AzureKeyCredential(', ['error'], 'the squiggle gone from the rewritten line');
  const envBefore = fs.existsSync(path.join(run.ws, '.env')) ? fs.readFileSync(path.join(run.ws, '.env'), 'utf8') : null;
  console.log(`# ui/c: before Save All, .env on disk ${envBefore === null ? 'does not exist' : envBefore.includes(SEARCH_KEY) ? 'has the key' : 'exists without the key'}`);
  await wb.runCommand(page, 'File: Save All');
  await wb.waitFile(file, (t) => t.includes('process.env.AZURE_SEARCH_API_KEY') && !t.includes(SEARCH_KEY), 'search.ts saved with the env read');
  await wb.waitFile(path.join(run.ws, '.env'), (t) => t.split(/\r?\n/).includes(`AZURE_SEARCH_API_KEY=${SEARCH_KEY}`), `.env with AZURE_SEARCH_API_KEY=${SEARCH_KEY}`);
  await wb.waitFile(
    path.join(run.ws, '.gitignore'),
    (t) => t.split(/\r?\n/).some((l) => /^\/?\.env$/.test(l.trim())) && t.includes('node_modules/'),
    '.gitignore listing .env (and keeping its old lines)',
  );
}

async function bicepDenyByDefault({ page, run }) {
  const file = path.join(run.ws, 'infra/main.bicep');
  const source = fs.readFileSync(file, 'utf8');
  const openAiBlock = (t) => t.slice(t.indexOf('resource openAi '), t.indexOf('\nresource ', t.indexOf('resource openAi ') + 1));
  await wb.openFile(page, 'infra/main.bicep', { expectText: 'targetScope' });
  const needle = "publicNetworkAccess: 'Enabled'";
  const at = wb.positionOf(source, needle, 2);
  await wb.goTo(page, at.line, at.column);
  await wb.waitSquiggleOnLine(page, needle, ['warning', 'error', 'info'], "a squiggle on the AI account's publicNetworkAccess");
  await wb.applyQuickFix(page, 'Deny by default');
  await wb.waitEditorText(page, (t) => /networkAcls/.test(t) && /defaultAction: 'Deny'/.test(t), "networkAcls with defaultAction: 'Deny' in the editor");
  await wb.runCommand(page, 'File: Save All');
  await wb.waitFile(file, (t) => /networkAcls\s*:\s*\{[^}]*defaultAction\s*:\s*'Deny'/.test(openAiBlock(t)), "networkAcls { defaultAction: 'Deny' } in the openAi resource on disk");
}

async function snippetInsertsSecureClient({ page, run }) {
  const snippet = findOpenAiSnippet(run);
  const rel = 'src/snippet-e2e.ts';
  fs.writeFileSync(path.join(run.ws, rel), '');
  await wb.openFile(page, rel);
  await page.locator(`${wb.ACTIVE_EDITOR} .view-lines`).first().click();
  await page.keyboard.type(snippet.prefix);
  await page.keyboard.press('Control+Space');
  const item = page.locator('.suggest-widget .monaco-list-row', { hasText: snippet.prefix }).first();
  await item.waitFor({ timeout: wb.STEP_TIMEOUT });
  await item.click();
  await wb.waitEditorText(page, (t) => t.includes('AzureOpenAI') && !t.includes(`${snippet.prefix}${snippet.prefix}`), 'the snippet body (AzureOpenAI client) in the editor');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  // Sentinel: a line the server is sure to flag. Once its squiggle shows, the server has analysed
  // the document with the snippet in it, so "no other squiggle" is a settled state, not a race.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const sentinel = 'const speechKey = "b1946ac92492d2347c6235b4d2611184";';
  await page.keyboard.insertText(sentinel);
  await wb.waitSquiggleOnLine(page, 'b1946ac92492d2347c6235b4d2611184', ['error', 'warning', 'info'], 'the sentinel line flagged (analysis settled)');
  const others = (await wb.squiggles(page)).filter((s) => !(s.line || '').includes('b1946ac92492d2347c6235b4d2611184'));
  if (others.length) throw new Error(`the snippet produced squiggles: ${JSON.stringify(others)}`);
}

/** The extension's TS snippet whose body creates an AzureOpenAI client (read from the installed extension). */
function findOpenAiSnippet(run) {
  const dir = fs.readdirSync(run.extensions).find((d) => d.toLowerCase().startsWith(EXTENSION_ID));
  if (!dir) throw new Error(`${EXTENSION_ID} is not installed in ${run.extensions}`);
  const ext = path.join(run.extensions, dir);
  const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
  const entries = (manifest.contributes?.snippets || []).filter((s) => s.language === 'typescript');
  if (!entries.length) throw new Error('the extension contributes no TypeScript snippets (contributes.snippets with language "typescript")');
  for (const entry of entries) {
    const snippets = JSON.parse(stripJsonComments(fs.readFileSync(path.join(ext, entry.path), 'utf8')));
    for (const s of Object.values(snippets)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : String(s.body);
      const prefix = Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
      if (/new AzureOpenAI\b/.test(body) && prefix) return { prefix, body };
    }
  }
  throw new Error('no TypeScript snippet whose body contains "new AzureOpenAI"');
}

function stripJsonComments(text) {
  return text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, str) => str || '');
}

async function auditWorkspace({ page }) {
  // Record every progress / audit indication, however short-lived, from before the command runs.
  await page.evaluate(() => {
    window.__e2eAuditSeen = [];
    const seen = window.__e2eAuditSeen;
    // The audit runs under a progress notification (ProgressLocation.Notification): catch its toast,
    // however briefly it is up. Status bar progress ("Activating Extensions...") does not count.
    const look = () => {
      for (const el of document.querySelectorAll('.notification-toast')) {
        const message = el.querySelector('.notification-list-item-message') || el;
        const text = (message.textContent || '').replace(/\u00a0/g, ' ').trim();
        const busy = !!el.querySelector('.monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete');
        if (/audit/i.test(text) && busy) seen.push(text.slice(0, 200));
      }
    };
    window.__e2eAuditObserver = new MutationObserver(look);
    window.__e2eAuditObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  });
  await wb.runCommand(page, 'Azure AI Security: Audit Workspace');
  const seen = await wb.until('a progress notification for the audit', () => page.evaluate(() => window.__e2eAuditSeen.length > 0 && window.__e2eAuditSeen.slice(0, 3)));
  console.log(`# ui/f: progress seen: ${JSON.stringify(seen)}`);
  // moderation.ts and settings.ts are never opened by the scenarios before this one.
  await wb.filterProblems(page, '**/settings.ts');
  const panel = await wb.filterProblems(page, '**/moderation.ts');
  await panel.locator('.monaco-list-row', { hasText: 'hardcoded-key' }).filter({ hasText: /b194/ }).first().waitFor({ timeout: wb.STEP_TIMEOUT });
  await wb.filterProblems(page, '');
  await page
    .locator('.tabs-container .tab', { hasText: /audit|report/i })
    .first()
    .waitFor({ timeout: wb.STEP_TIMEOUT })
    .catch(async () => {
      const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
      throw new Error(`no audit report tab opened; tabs: ${JSON.stringify(tabs.map(wb.norm))}`);
    });
  // The report renders in the Markdown preview's webview (an iframe inside an iframe).
  const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await report.locator('h1', { hasText: 'Azure AI Security audit' }).waitFor({ timeout: wb.STEP_TIMEOUT });
  await report.locator('h2', { hasText: 'Manual checks per Azure AI resource' }).waitFor({ timeout: wb.STEP_TIMEOUT });
  await page.keyboard.press('Control+Shift+M'); // hide the panel so the report fills the editor
  await page.screenshot({ path: path.join(cs.ROOT, 'test-output', 'e2e', 'audit-report.png') });
  await page.evaluate(() => window.__e2eAuditObserver?.disconnect());
}

async function settingTurnsRuleOff({ page, run }) {
  const key = '7c4a8d09ca3762af61e59520943dc264';
  await wb.openFile(page, 'src/settings.ts', { expectText: 'openAiKey' });
  await wb.waitSquiggleOnLine(page, key, ['error'], 'the hardcoded-key squiggle in settings.ts');
  const vscodeDir = path.join(run.ws, '.vscode');
  fs.mkdirSync(vscodeDir, { recursive: true });
  const settingsFile = path.join(vscodeDir, 'settings.json');
  fs.writeFileSync(settingsFile, JSON.stringify({ 'azureAiSecurity.rules': { 'hardcoded-key': 'off' } }, null, 2));
  await wb.waitNoSquiggleOnLine(page, key, ['error', 'warning', 'info'], 'the squiggle gone after "azureAiSecurity.rules": {"hardcoded-key": "off"}');
  fs.writeFileSync(settingsFile, JSON.stringify({ 'azureAiSecurity.rules': {} }, null, 2));
  await wb.waitSquiggleOnLine(page, key, ['error'], 'the squiggle back after the setting was removed');
}

const SCENARIOS = [
  { id: 'a', name: 'hardcoded key: error squiggle and Problems entry with rule id and doc link', fn: hardcodedKeySquiggleAndProblem },
  { id: 'b', name: 'hover on the key shows the explanation', fn: hoverExplains },
  { id: 'c', name: 'Ctrl+. Move to environment variable rewrites the line, creates .env, adds .env to .gitignore', fn: moveKeyToEnv },
  { id: 'd', name: 'Bicep AI account: Ctrl+. Deny by default inserts networkAcls', fn: bicepDenyByDefault },
  { id: 'e', name: 'snippet inserts the secure Azure OpenAI client with no squiggle', fn: snippetInsertsSecureClient },
  { id: 'f', name: 'F1 Audit Workspace shows progress, fills Problems from unopened files, opens the report', fn: auditWorkspace },
  { id: 'g', name: 'azureAiSecurity.rules setting turns hardcoded-key off and on without reload', fn: settingTurnsRuleOff },
];

// ---------------------------------------------------------------------------------------------
// Runner
// ---------------------------------------------------------------------------------------------

async function main() {
  const vsix = path.resolve(process.argv[2] || path.join(cs.ROOT, 'azure-ai-security.vsix'));
  if (!fs.existsSync(vsix)) throw new Error(`no .vsix at ${vsix} (npm run package)`);
  const only = (process.env.E2E_SCENARIOS || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const selected = SCENARIOS.filter((s) => only.length === 0 || only.includes(s.id));
  fs.mkdirSync(cs.OUTPUT, { recursive: true });

  const t0 = Date.now();
  const run = cs.prepareRun({ name: 'ui', vsix });
  console.log(`# ui: run folder ${run.dir}, extension installed from ${path.relative(cs.ROOT, vsix)} (${Date.now() - t0} ms)`);
  let server;
  let session; // { context, page }
  let failed = 0;
  let passed = 0;
  const cleanup = async () => {
    if (session) await session.context.close().catch(() => {});
    if (server) await server.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cleanup().finally(() => process.exit(130)));

  try {
    server = await cs.startCodeServer(run);
    console.log(`# ui: code-server pid ${server.pid} on ${server.origin} (${Date.now() - t0} ms)`);

    const newSession = async (label) => {
      if (session) await session.context.close().catch(() => {});
      session = null;
      const started = Date.now();
      const context = await cs.launchBrowser(run, { profileName: 'browser' });
      const page = context.pages()[0] || (await context.newPage());
      page.setDefaultTimeout(wb.STEP_TIMEOUT);
      await wb.openWorkbench(page, server.folderUrl());
      session = { context, page };
      console.log(`# ui: browser session ${label} ready (${Date.now() - started} ms)`);
    };

    let sessionCount = 0;
    for (const scenario of selected) {
      const title = `ui/${scenario.id} ${scenario.name}`;
      const started = Date.now();
      let error;
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          if (!session) await newSession(++sessionCount);
          await scenario.fn({ page: session.page, run, server });
          error = undefined;
          break;
        } catch (e) {
          error = e;
          const shot = path.join(cs.OUTPUT, `${scenario.id}-attempt${attempt}.png`);
          if (session) await session.page.screenshot({ path: shot }).catch(() => {});
          if (attempt === 1) {
            console.log(`# ui/${scenario.id}: attempt 1 failed (${firstLine(e)}); screenshot ${path.relative(cs.ROOT, shot)}`);
            console.log(`# ui/${scenario.id}: retrying once in a fresh browser session with a fresh copy of the workspace`);
            if (session) await session.context.close().catch(() => {});
            session = null;
            cs.resetWorkspace(run);
          }
        }
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (error) {
        failed++;
        const shot = path.join(cs.OUTPUT, `${scenario.id}.png`);
        if (session) await session.page.screenshot({ path: shot }).catch(() => {});
        console.log(`not ok - ${title}`);
        console.log(
          `#   ${seconds} s; ${String(error.stack || error)
            .split('\n')
            .slice(0, 3)
            .join('\n#   ')}`,
        );
        console.log(`#   screenshot: ${path.relative(cs.ROOT, shot)}`);
        // Whatever state the failed session is in, the next scenario starts from a fresh one.
        if (session) await session.context.close().catch(() => {});
        session = null;
        cs.resetWorkspace(run);
      } else {
        passed++;
        console.log(`ok - ${title}`);
        console.log(`#   ${seconds} s`);
      }
    }
  } catch (e) {
    failed++;
    console.log(`not ok - ui/setup code-server and browser`);
    console.log(
      `#   ${String(e.stack || e)
        .split('\n')
        .slice(0, 6)
        .join('\n#   ')}`,
    );
  } finally {
    await cleanup();
    if (failed) {
      fs.copyFileSync(run.log, path.join(cs.OUTPUT, 'ui-code-server.log'));
      console.log(`# ui: code-server log copied to ${path.relative(cs.ROOT, path.join(cs.OUTPUT, 'ui-code-server.log'))}`);
    }
    if (process.env.E2E_KEEP) console.log(`# ui: run folder kept: ${run.dir}`);
    else cs.removeRun(run);
  }
  console.log(`# ui: ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
  // Under run.sh the closing line is printed once for all e2e tests.
  console.log(`${process.env.E2E_SUMMARY === '0' ? '# ui: ' : ''}${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

function firstLine(e) {
  return String(e && e.message ? e.message : e).split('\n')[0];
}

if (require.main === module) {
  main().catch((e) => {
    console.log(`not ok - ui/harness`);
    console.log(
      `# ${String(e.stack || e)
        .split('\n')
        .join('\n# ')}`,
    );
    console.log(`${process.env.E2E_SUMMARY === '0' ? '# ui: ' : ''}0 passed, 1 failed`);
    process.exit(1);
  });
}

module.exports = { SCENARIOS };
