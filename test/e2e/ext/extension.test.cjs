'use strict';
// Extension-host tests: the vscode API against the sample workspace copy that run-ext-tests.cjs
// opens. Every wait is on state (diagnostics, code actions, files) with a deadline.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
// The same polling helper as the UI scenarios: state with a deadline, never a fixed sleep.
const { until } = require('../lib/workbench.cjs');

const EXTENSION_ID = 'azure-ai-security-team.azure-ai-security';
const SOURCE = 'azure-ai-security';

const ws = () => {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'a workspace folder is open (the sample workspace copy)');
  return folder.uri;
};
const file = (rel) => vscode.Uri.joinPath(ws(), rel);

const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function diagnosticFor(uri, ruleId, textInRange) {
  return until(`a ${ruleId} diagnostic in ${path.basename(uri.fsPath)}`, async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    return ours(uri).find((d) => codeOf(d) === ruleId && (!textInRange || doc.getText(d.range).includes(textInRange)));
  });
}

/** The renderer may lag the diagnostics, so ask again until the action is offered. */
async function codeAction(uri, range, titlePrefix) {
  return until(`code action "${titlePrefix}"`, async () => {
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range)) || [];
    return actions.find((a) => a.title.startsWith(titlePrefix));
  });
}

/**
 * workspace.saveAll() saves what is open in editors; a multi-file WorkspaceEdit leaves .env and
 * .gitignore as dirty documents without editors, so save every dirty document.
 */
async function saveDirty() {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty) assert.ok(await doc.save(), `saved ${doc.uri.fsPath}`);
  }
}

const readDisk = (uri) => (fs.existsSync(uri.fsPath) ? fs.readFileSync(uri.fsPath, 'utf8') : undefined);

suite('azure-ai-security extension host', function () {
  suiteSetup(async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded as the development extension`);
    await open('src/search.ts');
    await until('the extension to activate', () => ext.isActive);
  });

  test('hardcoded key: error diagnostic with rule id, doc link and source', async function () {
    const uri = file('src/search.ts');
    const d = await diagnosticFor(uri, 'hardcoded-key', '4f2d9c1ab7e6031f58c4d2e9a0b7c6f1');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, SOURCE);
    assert.equal(typeof d.code, 'object', 'code carries a target (codeDescription.href)');
    assert.match(d.code.target.toString(), /\/docs\/rules\/hardcoded-key\.md$/);
    assert.equal(d.code.target.scheme, 'file');
    assert.ok(fs.existsSync(d.code.target.fsPath), `the doc page exists: ${d.code.target.fsPath}`);
  });

  test('hover on the key explains the finding', async function () {
    const uri = file('src/search.ts');
    const d = await diagnosticFor(uri, 'hardcoded-key', '4f2d9c1a');
    const hovers = await until('a hover from the extension', async () => {
      const all = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, d.range.start.translate(0, 3))) || [];
      const text = all.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /hardcoded-key|environment variable|Entra ID/i.test(text) ? text : false;
    });
    assert.ok(hovers.length > 20, 'the hover has an explanation');
  });

  test('Move to environment variable: rewrites the key, writes .env and .gitignore', async function () {
    const uri = file('src/search.ts');
    const d = await diagnosticFor(uri, 'hardcoded-key', '4f2d9c1ab7e6031f58c4d2e9a0b7c6f1');
    const action = await codeAction(uri, d.range, 'Move to environment variable AZURE_SEARCH_API_KEY');
    assert.ok(action.edit, 'the action carries a WorkspaceEdit');
    assert.ok(await vscode.workspace.applyEdit(action.edit), 'applyEdit succeeded');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(), /new AzureKeyCredential\(process\.env\.AZURE_SEARCH_API_KEY\b/);
    assert.ok(!doc.getText().includes('4f2d9c1ab7e6031f58c4d2e9a0b7c6f1'));
    await saveDirty();
    const env = await until('.env on disk with the key', () => {
      const t = readDisk(file('.env'));
      return t && t.split(/\r?\n/).includes('AZURE_SEARCH_API_KEY=4f2d9c1ab7e6031f58c4d2e9a0b7c6f1') && t;
    });
    assert.equal(env.split(/\r?\n/).filter((l) => l.startsWith('AZURE_SEARCH_API_KEY=')).length, 1);
    const gitignore = await until('.gitignore listing .env', () => {
      const t = readDisk(file('.gitignore'));
      return t && t.split(/\r?\n/).some((l) => /^\/?\.env$/.test(l.trim())) && t;
    });
    assert.match(gitignore, /^node_modules\/$/m, '.gitignore keeps its old lines');
    await until('the diagnostic gone from search.ts', () => !ours(uri).some((x) => codeOf(x) === 'hardcoded-key'));
  });

  test('a second fix appends to the same .env without duplicating .gitignore', async function () {
    const uri = file('src/moderation.ts');
    await open('src/moderation.ts');
    const d = await diagnosticFor(uri, 'hardcoded-key', 'b1946ac92492d2347c6235b4d2611184');
    const action = await codeAction(uri, d.range, 'Move to environment variable AZURE_AI_SERVICES_KEY');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    await saveDirty();
    const env = await until('.env with both keys', () => {
      const t = readDisk(file('.env'));
      return t && t.includes('AZURE_AI_SERVICES_KEY=b1946ac92492d2347c6235b4d2611184') && t;
    });
    assert.ok(env.includes('AZURE_SEARCH_API_KEY=4f2d9c1ab7e6031f58c4d2e9a0b7c6f1'), 'the first key is still there');
    const gitignore = readDisk(file('.gitignore'));
    assert.equal(gitignore.split(/\r?\n/).filter((l) => /^\/?\.env$/.test(l.trim())).length, 1, '.env listed once');
  });

  test('Bicep AI account: public-network-access, Deny by default inserts networkAcls', async function () {
    const uri = file('infra/main.bicep');
    const doc = await open('infra/main.bicep');
    const d = await diagnosticFor(uri, 'public-network-access');
    assert.ok(d.range.start.line < doc.getText().indexOf('resource gpt') && doc.getText(d.range).length > 0);
    const action = await codeAction(uri, d.range, 'Deny by default');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const text = doc.getText();
    const block = text.slice(text.indexOf('resource openAi '), text.indexOf('\nresource ', text.indexOf('resource openAi ') + 1));
    assert.match(block, /networkAcls\s*:\s*\{[^}]*defaultAction\s*:\s*'Deny'/);
    await until(
      'the public-network-access finding gone from the openAi account',
      () => !ours(uri).some((x) => codeOf(x) === 'public-network-access' && x.range.start.line === d.range.start.line),
    );
  });

  test('the Azure OpenAI snippet inserts a secure client with no finding', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const entries = ((ext.packageJSON.contributes || {}).snippets || []).filter((s) => s.language === 'typescript');
    assert.ok(entries.length, 'the extension contributes TypeScript snippets');
    let snippet;
    for (const entry of entries) {
      const json = fs.readFileSync(path.join(ext.extensionPath, entry.path), 'utf8').replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, s) => s || '');
      snippet = snippet || Object.values(JSON.parse(json)).find((s) => /new AzureOpenAI\b/.test([].concat(s.body).join('\n')));
    }
    assert.ok(snippet, 'a snippet whose body creates an AzureOpenAI client');
    const prefix = [].concat(snippet.prefix)[0];
    const rel = 'src/snippet-e2e.ts';
    fs.writeFileSync(file(rel).fsPath, '');
    const doc = await open(rel);
    const editor = vscode.window.activeTextEditor;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), prefix));
    const completions = await until(`completion item "${prefix}"`, async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, prefix.length));
      return list && list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === prefix && i.kind === vscode.CompletionItemKind.Snippet);
    });
    assert.ok(completions);
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, 0, prefix.length)));
    await editor.insertSnippet(new vscode.SnippetString([].concat(snippet.body).join('\n')));
    assert.match(doc.getText(), /new AzureOpenAI\b/);
    // Sentinel line the server will flag: once it is reported, the analysis includes the snippet.
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\nconst speechKey = "b1946ac92492d2347c6235b4d2611184";\n'));
    const sentinelLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('b1946ac92492d2347c6235b4d2611184'));
    await until('the sentinel line reported', () => ours(doc.uri).some((d) => d.range.start.line === sentinelLine));
    const others = ours(doc.uri).filter((d) => d.range.start.line !== sentinelLine);
    assert.deepEqual(
      others.map((d) => `${codeOf(d)}: ${d.message}`),
      [],
      'no finding in the snippet',
    );
  });

  test('Audit Workspace command reports findings in files that are not open', async function () {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('azureAiSecurity.auditWorkspace'), 'command azureAiSecurity.auditWorkspace is registered');
    // settings.ts is not opened by any test before this one.
    const uri = file('src/settings.ts');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'settings.ts is not open');
    await vscode.commands.executeCommand('azureAiSecurity.auditWorkspace');
    await until('audit findings for the unopened settings.ts', () => ours(uri).some((d) => codeOf(d) === 'hardcoded-key'));
  });

  test('azureAiSecurity.rules turns a rule off and on without reload', async function () {
    const rel = 'src/settings-e2e.ts';
    fs.writeFileSync(file(rel).fsPath, 'export const speechKey = "b1946ac92492d2347c6235b4d2611184";\n');
    const doc = await open(rel);
    await diagnosticFor(doc.uri, 'hardcoded-key');
    const config = vscode.workspace.getConfiguration('azureAiSecurity', doc.uri);
    try {
      await config.update('rules', { 'hardcoded-key': 'off' }, vscode.ConfigurationTarget.Workspace);
      await until('hardcoded-key gone after "off"', () => !ours(doc.uri).some((d) => codeOf(d) === 'hardcoded-key'));
      await config.update('rules', { 'hardcoded-key': 'warning' }, vscode.ConfigurationTarget.Workspace);
      const d = await diagnosticFor(doc.uri, 'hardcoded-key');
      await until('hardcoded-key as a warning', () => ours(doc.uri).some((x) => codeOf(x) === 'hardcoded-key' && x.severity === vscode.DiagnosticSeverity.Warning));
      assert.ok(d);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('if the language server dies, the client restarts it and diagnostics come back', async function () {
    const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
    const rel = 'src/restart-e2e.ts';
    fs.writeFileSync(file(rel).fsPath, 'export const searchKey = "0cc175b9c0f1b6a831c399e269772661";\n');
    const doc = await open(rel);
    await diagnosticFor(doc.uri, 'hardcoded-key');
    const before = await api.serverInfo();
    process.kill(before.pid, 'SIGKILL');
    const after = await until('a new language server', async () => {
      const info = await api.serverInfo();
      return info.pid !== before.pid && info;
    });
    assert.notEqual(after.pid, before.pid);
    await diagnosticFor(doc.uri, 'hardcoded-key');
  });
});
