'use strict';
// Page helpers for driving the VS Code workbench (code-server) with playwright-core.
// Every wait is on DOM or disk state with a deadline; nothing sleeps for a fixed time.

const fs = require('node:fs');

const STEP_TIMEOUT = Number(process.env.E2E_STEP_TIMEOUT_MS || 30_000);

/** Monaco renders spaces as U+00A0 in .view-lines. */
const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

const ACTIVE_EDITOR = '.editor-group-container.active .editor-instance .monaco-editor';

/** Poll `check` (async, returns a truthy value when the state is reached) until `timeout`. */
async function until(what, check, { timeout = STEP_TIMEOUT, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message.split('\n')[0]})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function openWorkbench(page, url) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Text of the active editor's visible lines, spaces normalised. */
async function editorText(page) {
  return norm(await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().innerText());
}

async function waitEditorText(page, predicate, what) {
  return until(what, async () => {
    const text = await editorText(page);
    return predicate(text) ? text : false;
  });
}

/** Quick Open (Ctrl+P) a workspace-relative path; waits for the tab and its first visible text. */
async function openFile(page, relPath, { expectText } = {}) {
  const base = relPath.split('/').pop();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await input.fill(relPath);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor({ timeout: STEP_TIMEOUT });
  if (expectText) await waitEditorText(page, (t) => t.includes(expectText), `editor text "${expectText}" in ${relPath}`);
}

/** Ctrl+G to line:column (1-based), waits until the status bar shows the caret there. */
async function goTo(page, line, column) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await until(`caret at Ln ${line}, Col ${column}`, async () => {
    const text = await page.locator('.statusbar-item[id="status.editor.selection"]').first().innerText();
    return norm(text).includes(`Ln ${line}, Col ${column}`);
  });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  await waitEditorFocus(page);
}

async function waitEditorFocus(page) {
  await until('keyboard focus in the active editor', () => page.evaluate((sel) => !!document.activeElement && !!document.activeElement.closest(sel), ACTIVE_EDITOR));
}

/** 1-based line and column of the first occurrence of `needle` in `text` (+ offset into it). */
function positionOf(text, needle, offset = 0) {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found in the file`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length;
  const column = index + offset - before.lastIndexOf('\n');
  return { line, column };
}

const SQUIGGLES = {
  error: '.squiggly-error',
  warning: '.squiggly-warning',
  info: '.squiggly-info',
  hint: '.squiggly-hint',
};

/**
 * Squiggles in the active editor, each with the text of the visible line it sits on.
 * `kinds` picks severities (default all four).
 */
async function squiggles(page, kinds = Object.keys(SQUIGGLES)) {
  const selector = kinds.map((k) => SQUIGGLES[k]).join(',');
  return page.evaluate(
    ([editorSel, selector]) => {
      const editor = document.querySelector(editorSel);
      if (!editor) return [];
      const lines = [...editor.querySelectorAll('.view-lines .view-line')].map((l) => ({
        box: l.getBoundingClientRect(),
        text: l.textContent.replace(/\u00a0/g, ' '),
      }));
      return [...editor.querySelectorAll(selector)].map((s) => {
        const r = s.getBoundingClientRect();
        const mid = r.top + r.height / 2;
        const line = lines.find((l) => mid >= l.box.top && mid <= l.box.bottom);
        return { kind: s.className.match(/squiggly-(\w+)/)?.[1], line: line ? line.text : null };
      });
    },
    [ACTIVE_EDITOR, selector],
  );
}

async function waitSquiggleOnLine(page, lineIncludes, kinds, what) {
  return until(what || `a ${kinds.join('/')} squiggle on the line with "${lineIncludes}"`, async () => {
    const found = (await squiggles(page, kinds)).filter((s) => s.line && s.line.includes(lineIncludes));
    return found.length ? found : false;
  });
}

async function waitNoSquiggleOnLine(page, lineIncludes, kinds, what) {
  return until(what || `no ${kinds.join('/')} squiggle on the line with "${lineIncludes}"`, async () => {
    const text = await editorText(page);
    if (!text.includes(lineIncludes)) return false; // the line must be visible for "no squiggle" to mean anything
    const found = (await squiggles(page, kinds)).filter((s) => s.line && s.line.includes(lineIncludes));
    return found.length === 0;
  });
}

async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  return panel;
}

/**
 * Open the Problems panel filtered to a glob (the list is virtual: rows scrolled out of view are
 * not in the DOM, so filter rather than scroll). `filterProblems(page, '')` clears the filter.
 */
async function filterProblems(page, glob) {
  const panel = await showProblems(page);
  const input = page
    .locator('.part.panel')
    .getByPlaceholder(/^Filter \(e\.g\./)
    .first();
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await input.fill(glob);
  if (glob) {
    const base = glob.split('/').pop();
    await panel.locator('.monaco-list-row', { hasText: base }).first().waitFor({ timeout: STEP_TIMEOUT });
  }
  return panel;
}

/**
 * F1, type the command's label, click its row (not just the first row). The palette lists what is
 * registered when it opens, and an extension's commands appear only once the remote extension
 * host has registered it, so reopen the palette until the row is there.
 */
async function runCommand(page, label) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await until(`command "${label}" in the F1 palette`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await input.fill(`>${label}`);
    await row.waitFor({ timeout: 3000 }).catch(() => {});
    return row.isVisible();
  });
  await row.click();
}

/** Ctrl+. at the caret; click the code action whose title matches. Returns the title. */
async function applyQuickFix(page, title) {
  await waitEditorFocus(page);
  const row = page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
  // Ctrl+. again if the widget is not up yet (the first press can land while focus is moving).
  await until(`code action "${title}" offered after Ctrl+.`, async () => {
    if (await row.isVisible()) return true;
    if (!(await page.locator('.action-widget').first().isVisible())) await page.keyboard.press('Control+.');
    await row.waitFor({ timeout: 2000 }).catch(() => {});
    return row.isVisible();
  });
  const text = norm(await row.innerText());
  await row.click();
  await page
    .locator('.action-widget')
    .waitFor({ state: 'hidden', timeout: STEP_TIMEOUT })
    .catch(() => {});
  return text;
}

async function waitFile(file, predicate, what) {
  return until(what || `${file} on disk`, async () => {
    if (!fs.existsSync(file)) return false;
    const text = fs.readFileSync(file, 'utf8');
    return predicate(text) ? text : false;
  });
}

module.exports = {
  STEP_TIMEOUT,
  ACTIVE_EDITOR,
  norm,
  until,
  openWorkbench,
  editorText,
  waitEditorText,
  openFile,
  goTo,
  positionOf,
  waitEditorFocus,
  squiggles,
  waitSquiggleOnLine,
  waitNoSquiggleOnLine,
  showProblems,
  filterProblems,
  runCommand,
  applyQuickFix,
  waitFile,
};
