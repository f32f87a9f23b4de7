import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  WorkDoneProgress,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
  type TextDocumentEdit,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { applyEdits } from '../../server/src/engine/fix-all.js';
import type { TextEdit } from '../../server/src/engine/types.js';

const KEY = 'c4ca4238a0b923820dcc509a6f75849b';
const TS = `import { AzureKeyCredential } from "@azure/core-auth";\nexport const a = new AzureKeyCredential("${KEY}");\n`;

describe('language server: editor features', () => {
  let folder: string;
  let client: LspClient;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'aais-editor-'));
    writeFileSync(path.join(folder, '.gitignore'), '.env\n');
    client = await LspClient.start(folder, { trusted: true });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const diagnosticsOf = async (uri: string, accept: (d: Diagnostic[]) => boolean) => (await client.waitForDiagnostics(uri, (p) => accept(p.diagnostics))).diagnostics;

  test('hover on a finding explains the rule, why it matters and the fix', async () => {
    const uri = client.open(path.join(folder, 'hover.ts'), TS, 'typescript');
    const [d] = await diagnosticsOf(uri, (ds) => ds.length > 0);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: d!.range.start.character + 3 } });
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /\*\*Azure AI Security — `hardcoded-key`\*\* \(error\): An Azure AI key is written in the source\./);
    assert.match(value, /\*\*Why it matters:\*\* .*Entra ID/);
    assert.match(value, /\*\*Fix:\*\* Move to environment variable/);
    assert.match(value, /\[Rule documentation\]\(file:\/\/.*hardcoded-key\.md\)/);
    assert.ok(!value.includes(KEY.slice(0, 5)));
    const nothing = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(nothing, null);
  });

  test('"Disable for this line" writes the suppression comment, appending to an existing one', async () => {
    const text = `const x = 1;\n  // azure-ai-security-disable-next-line key-credential -- legacy\n  const c = new AzureKeyCredential("${KEY}");\n`;
    const uri = client.open(path.join(folder, 'disable.ts'), text, 'typescript');
    const [d] = await diagnosticsOf(uri, (ds) => ds.some((x) => x.code === 'hardcoded-key'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d!.range, context: { diagnostics: [d!] } })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable hardcoded-key for this line')!;
    assert.deepEqual(disable.edit!.documentChanges, [
      { textDocument: { uri, version: 1 }, edits: [{ range: { start: { line: 1, character: 55 }, end: { line: 1, character: 55 } }, newText: ' hardcoded-key' }] },
    ]);
    const docs = actions.find((a) => a.title === 'Show documentation for hardcoded-key')!;
    assert.deepEqual(docs.command, { title: 'Show documentation', command: 'azureAiSecurity.showRuleDocumentation', arguments: ['hardcoded-key'] });
  });

  test('"Fix all <rule> problems in this file" sits beside the single fix when the rule has more than one safe fix; a new suppression keeps a reason placeholder', async () => {
    const OTHER = '0cc175b9c0f1b6a831c399e269772661';
    const text = `import { AzureKeyCredential } from "@azure/core-auth";\nexport const a = new AzureKeyCredential("${KEY}");\nexport const b = new AzureKeyCredential("${OTHER}");\n`;
    const uri = client.open(path.join(folder, 'fix-rule.ts'), text, 'typescript');
    const diagnostics = await diagnosticsOf(uri, (ds) => ds.filter((x) => x.code === 'hardcoded-key').length === 2);
    const first = diagnostics.find((x) => x.code === 'hardcoded-key')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: first.range, context: { diagnostics: [first] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    const at = titles.indexOf('Fix all hardcoded-key problems in this file');
    assert.ok(at > 0, titles.join(' | '));
    assert.ok(titles[at - 1]!.startsWith('Use Microsoft Entra ID') || titles[at - 1]!.startsWith('Move to environment variable'), 'after the single fixes');
    assert.equal(titles[at + 1], 'Disable hardcoded-key for this line');
    const fixAll = actions[at]!;
    assert.equal(fixAll.kind, 'quickfix');
    const [source, ...envSteps] = fixAll.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(source!.textDocument.uri, uri);
    const fixed = applyEdits(text, source!.edits as TextEdit[]);
    assert.ok(!fixed.includes(KEY) && !fixed.includes(OTHER), fixed);
    assert.equal(fixed.match(/process\.env\./g)?.length, 2, fixed);
    assert.ok(envSteps.length > 0, 'the keys go to .env');
    assert.equal(fixAll.command?.command, 'azureAiSecurity.saveFilesAfterFix', 'and saves them');
    // A new suppression comment carries ` -- reason` for the author to replace.
    const disable = actions.find((a) => a.title === 'Disable hardcoded-key for this line')!;
    assert.deepEqual((disable.edit!.documentChanges as TextDocumentEdit[])[0]!.edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '// azure-ai-security-disable-next-line hardcoded-key -- reason\n' },
    ]);

    // One safe fix of the rule: the single fix is all there is.
    const single = client.open(path.join(folder, 'fix-one.ts'), TS, 'typescript');
    const [only] = await diagnosticsOf(single, (ds) => ds.some((x) => x.code === 'hardcoded-key'));
    const oneActions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: single },
      range: only!.range,
      context: { diagnostics: [only!] },
    })) as CodeAction[];
    assert.ok(!oneActions.some((a) => a.title.startsWith('Fix all')));
  });

  test('a Bicep #disable-next-line without rule ids gets a hint, silences nothing and is no finding for code actions', async () => {
    const text =
      "resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'contoso-openai'\n  kind: 'OpenAI'\n  properties: {\n    #disable-next-line\n    disableLocalAuth: false\n  }\n}\n";
    const uri = client.open(path.join(folder, 'pragma.bicep'), text, 'bicep');
    const diagnostics = await diagnosticsOf(uri, (ds) => ds.some((x) => x.severity === DiagnosticSeverity.Hint));
    const hint = diagnostics.find((x) => x.severity === DiagnosticSeverity.Hint)!;
    assert.deepEqual(hint, {
      range: { start: { line: 4, character: 4 }, end: { line: 4, character: 22 } },
      severity: DiagnosticSeverity.Hint,
      source: 'azure-ai-security',
      message: '#disable-next-line needs the rule ids to silence, e.g. #disable-next-line local-auth-enabled',
    });
    const finding = diagnostics.find((x) => x.code === 'local-auth-enabled')!;
    assert.equal(finding.range.start.line, 5, 'the finding under the pragma is still reported');
    assert.equal(finding.severity, DiagnosticSeverity.Warning);

    const forHint = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: hint.range, context: { diagnostics: [hint] } })) as CodeAction[];
    assert.deepEqual(forHint, []);
    const forFinding = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
    const disable = forFinding.find((a) => a.title === 'Disable local-auth-enabled for this line')!;
    assert.deepEqual(disable.edit!.documentChanges, [
      { textDocument: { uri, version: 1 }, edits: [{ range: { start: { line: 4, character: 22 }, end: { line: 4, character: 22 } }, newText: ' local-auth-enabled' }] },
    ]);
  });

  test('source.fixAll applies only safe fixes, and only for the version it was computed for', async () => {
    const file = path.join(folder, 'fixall.ts');
    const uri = client.open(file, TS, 'typescript', 1);
    await diagnosticsOf(uri, (ds) => ds.length > 0);
    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(
      fixAll.map((a) => [a.title, a.kind]),
      [['Fix all safe Azure AI Security problems', 'source.fixAll.azureAiSecurity']],
    );
    const edit = fixAll[0]!.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(edit.textDocument, { uri, version: 1 });
    assert.equal(edit.edits.length, 1, 'one minimal edit of the document');
    const fixed = applyEdits(TS, edit.edits as TextEdit[]);
    assert.ok(fixed.includes('new AzureKeyCredential(process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY"))'), fixed);
    assert.equal(fixAll[0]!.command?.command, 'azureAiSecurity.saveFilesAfterFix', 'the .env it appends to is saved at once');
    assert.ok(!JSON.stringify(fixAll).includes('DefaultAzureCredential'), 'suggestions are not part of fix-all');

    // A newer version arrives: an edit computed for version 1 must not be offered for it.
    client.change(uri, 2, TS.replace('export const a', 'export const b'));
    const stale = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.azureAiSecurity'] },
    })) as CodeAction[];
    assert.equal(stale.length, 1);
    assert.deepEqual((stale[0]!.edit!.documentChanges![0] as TextDocumentEdit).textDocument, { uri, version: 2 });
    const quickFixesOfOldDiagnostic = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } },
      context: {
        diagnostics: [
          {
            range: { start: { line: 1, character: 40 }, end: { line: 1, character: 74 } },
            message: 'old',
            source: 'azure-ai-security',
            code: 'hardcoded-key',
            data: { version: 1, index: 0 },
          },
        ],
      },
    })) as CodeAction[];
    assert.deepEqual(quickFixesOfOldDiagnostic, [], 'a diagnostic from version 1 gets no fixes on version 2');
  });

  test('a file outside every workspace folder gets Disable and documentation, but no fix that writes a .env', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'aais-elsewhere-'));
    try {
      const uri = client.open(path.join(elsewhere, 'stray.ts'), TS, 'typescript');
      const [d] = await diagnosticsOf(uri, (ds) => ds.length > 0);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d!.range, context: { diagnostics: [d!] } })) as CodeAction[];
      assert.ok(!actions.some((a) => a.title.startsWith('Move to environment variable')), actions.map((a) => a.title).join(', '));
      assert.ok(actions.some((a) => a.title === 'Disable hardcoded-key for this line'));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('excluded files get no diagnostics and nothing on save', async () => {
    client.settings = { exclude: ['fixtures/**'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    try {
      const uri = client.open(path.join(folder, 'fixtures', 'sample.ts'), TS, 'typescript');
      const published = await client.waitForDiagnostics(uri, () => true);
      assert.deepEqual(published.diagnostics, []);
      const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.deepEqual(fixAll, []);
    } finally {
      client.settings = {};
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }
  });

  test('configuration: the folder file sets levels, settings override it, a bad file is a diagnostic, changes apply live', async () => {
    const sub = path.join(folder, 'cfg');
    mkdirSync(sub);
    const configFile = path.join(folder, '.azure-ai-security.json');
    const configUri = pathToFileURL(configFile).toString();
    const uri = client.open(path.join(sub, 'app.ts'), TS, 'typescript');
    await diagnosticsOf(uri, (ds) => ds.length === 1 && ds[0]!.severity === 1);

    writeFileSync(configFile, '{ "rules": { "hardcoded-key": "info", "bogus-rule": "off" } }');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Created }] });
    await diagnosticsOf(uri, (ds) => ds.length === 1 && ds[0]!.severity === 3);
    const problems = await diagnosticsOf(configUri, (ds) => ds.length > 0);
    assert.deepEqual(
      problems.map((p) => [p.message, p.range.start.character]),
      [['Unknown rule id "bogus-rule" in .azure-ai-security.json.', 38]],
    );

    client.settings = { rules: { 'hardcoded-key': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await diagnosticsOf(uri, (ds) => ds.length === 0);

    client.settings = {};
    writeFileSync(configFile, '{ "rules": { "hardcoded-key": ');
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    const bad = await diagnosticsOf(configUri, (ds) => ds.some((p) => String(p.message).includes('invalid JSON')));
    assert.equal(bad[0]!.source, 'azure-ai-security');
    await diagnosticsOf(uri, (ds) => ds.length === 1 && ds[0]!.severity === 1);
    rmSync(configFile);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Deleted }] });
    await diagnosticsOf(configUri, (ds) => ds.length === 0);
  });
});

describe('language server: fix-all on a Bicep template', () => {
  test('applies every safe fix, including several inserted into the same object, in one edit', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'aais-bicep-fixall-'));
    const client = await LspClient.start(folder, { trusted: true });
    try {
      const text =
        "resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'contoso-ai'\n  location: 'westeurope'\n  kind: 'AIServices'\n  sku: {\n    name: 'S0'\n  }\n}\n";
      const uri = client.open(path.join(folder, 'main.bicep'), text, 'bicep');
      const before = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.ok(before.diagnostics.length >= 4, JSON.stringify(before.diagnostics.map((d) => d.code)));
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.azureAiSecurity'] },
      })) as CodeAction[];
      const edit = actions[0]!.edit!.documentChanges![0] as TextDocumentEdit;
      const fixed = applyEdits(text, edit.edits as TextEdit[]);
      for (const expected of ['disableLocalAuth: true', "customSubDomainName: 'contoso-ai'", "defaultAction: 'Deny'", "type: 'SystemAssigned'", 'restrictOutboundNetworkAccess: true']) {
        assert.ok(fixed.includes(expected), `${expected} in\n${fixed}`);
      }
      client.change(uri, 2, fixed);
      const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(
        after.diagnostics.map((d) => d.code),
        [],
        'nothing left for an AIServices account (CMK is not required for that kind)',
      );
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('language server: workspace audit', () => {
  let folder: string;
  let client: LspClient;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'aais-audit-'));
    mkdirSync(path.join(folder, 'src'));
    mkdirSync(path.join(folder, 'ignored'));
    writeFileSync(path.join(folder, '.gitignore'), 'ignored/\n');
    for (let i = 0; i < 1500; i++) writeFileSync(path.join(folder, 'src', `f${String(i).padStart(4, '0')}.ts`), `export const c${i} = new AzureKeyCredential("${KEY}");\n`);
    writeFileSync(path.join(folder, 'ignored', 'x.ts'), TS);
    writeFileSync(path.join(folder, 'main.bicep'), "resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'x'\n  kind: 'OpenAI'\n}\n");
    client = await LspClient.start(folder, { trusted: true });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('reports progress, publishes findings of closed files and returns the report', async () => {
    const token = 'audit-1';
    const reports: WorkDoneProgressReport[] = [];
    const kinds: string[] = [];
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      kinds.push(value.kind);
      if (value.kind === 'report') reports.push(value);
    });
    const result = (await client.connection.sendRequest('azureAiSecurity/audit', { workDoneToken: token })) as {
      markdown: string;
      files: number;
      findings: { error: number };
      cancelled: boolean;
    };
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 1501);
    assert.equal(result.findings.error, 1500);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.equal(reports.at(-1)!.message, '1501/1501 files');
    assert.equal(reports.at(-1)!.percentage, 100);
    const closed = pathToFileURL(path.join(folder, 'src', 'f0007.ts')).toString();
    assert.equal(client.lastDiagnostics(closed)!.diagnostics[0]!.code, 'hardcoded-key');
    assert.equal(client.lastDiagnostics(pathToFileURL(path.join(folder, 'ignored', 'x.ts')).toString()), undefined, '.gitignore is respected');
    assert.match(result.markdown, /^# Azure AI Security audit\n/);
    assert.match(result.markdown, /\| \[Environment variables\]\(#environment-variables\) \| 1500 \| 0 \| 0 \|/);
    assert.match(result.markdown, /- \*\*error\*\* \[src\/f0007\.ts:1:42\]\(file:\/\/.*\/src\/f0007\.ts#L1,42\) — Hardcoded Azure AI key/);
    assert.match(result.markdown, /### `acct` — Microsoft\.CognitiveServices\/accounts \(kind `OpenAI`\)/);
    assert.match(result.markdown, /- \[ \] \*\*Customer Lockbox\*\*: available for Azure OpenAI/);
    assert.ok(!result.markdown.includes(KEY.slice(0, 5)));
  });

  test('cancelling stops the audit quickly and returns partial results', async () => {
    const source = new CancellationTokenSource();
    const token = 'audit-2';
    let cancelledAt = 0;
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'report' && !cancelledAt) {
        cancelledAt = Date.now();
        source.cancel();
      }
    });
    const result = (await client.connection.sendRequest('azureAiSecurity/audit', { workDoneToken: token }, source.token)) as { files: number; cancelled: boolean };
    const latency = Date.now() - cancelledAt;
    assert.equal(result.cancelled, true);
    assert.ok(result.files < 1501, `stopped early (${result.files} files)`);
    assert.ok(latency < 200, `stopped ${latency} ms after the cancel`);
  });
});
