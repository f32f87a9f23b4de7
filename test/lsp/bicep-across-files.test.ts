import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/engine/fix-all.js';
import type { TextEdit } from '../../server/src/engine/types.js';
import { LspClient } from '../helpers/lsp-client.js';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'workspaces', 'azd-modules');
const FILES = ['infra/main.bicep', 'infra/main.bicepparam', 'infra/main.parameters.json', 'infra/core/ai/cognitiveservices.bicep', 'infra/core/search/search-services.bicep'];

type Row = [file: string, ruleId: string, line: number, character: number];

const rowsOf = (rel: string, published: PublishDiagnosticsParams | undefined): Row[] =>
  (published?.diagnostics ?? []).filter((d) => d.code).map((d): Row => [rel, String(d.code), d.range.start.line, d.range.start.character]);

/** An azd-shaped template (main.bicep calling shared modules, a .bicepparam file) in a temporary repository. */
describe('Bicep across files: the CLI, the workspace audit and the editor agree, and edits republish the other side', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aais-graph-'));
    cpSync(FIXTURE, root, { recursive: true });
    mkdirSync(path.join(root, '.git'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const cliRows = (): Row[] => {
    const run = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; range: { start: { line: number; character: number } } }> }> };
    return report.files.flatMap((f) => f.findings.map((x): Row => [f.path, x.ruleId, x.range.start.line, x.range.start.character])).sort();
  };
  const text = (rel: string) => readFileSync(path.join(root, rel), 'utf8');
  const uriOf = (rel: string) => pathToFileURL(path.join(root, rel)).toString();

  test('findings land where each value is decided: the module call, the parameter file, the module itself', () => {
    const rows = cliRows();
    // The module call leaves the search service public by default; the .bicepparam file turns key auth on.
    assert.ok(rows.some((r) => r[0] === 'infra/main.bicep' && r[1] === 'public-network-access'));
    assert.ok(rows.some((r) => r[0] === 'infra/main.bicepparam' && r[1] === 'local-auth-enabled'));
    // azd's main.parameters.json sets the same param for `azd provision`: its value is judged there too.
    assert.deepEqual(
      rows.filter((r) => r[0] === 'infra/main.parameters.json'),
      [['infra/main.parameters.json', 'local-auth-enabled', 11, 15]],
    );
    // Nothing a caller decides is reported inside the modules; the OpenAI account's call is secure.
    assert.ok(!rows.some((r) => r[0].startsWith('infra/core/') && ['local-auth-enabled', 'public-network-access'].includes(r[1])));
    assert.ok(!rows.some((r) => r[0] === 'infra/core/search/search-services.bicep'));
  });

  test('the workspace audit and open documents report exactly what the CLI reports', async () => {
    const expected = cliRows();
    const client = await LspClient.start(root, { trusted: true, debounceMs: 0 });
    try {
      await client.connection.sendRequest('azureAiSecurity/audit', {});
      const audited = FILES.flatMap((rel) => rowsOf(rel, client.lastDiagnostics(uriOf(rel)))).sort();
      assert.deepEqual(audited, expected, 'workspace audit');
      const opened: Row[] = [];
      for (const rel of FILES) {
        const uri = client.open(path.join(root, rel), text(rel), rel.endsWith('.bicepparam') ? 'bicepparam' : rel.endsWith('.json') ? 'json' : 'bicep');
        opened.push(...rowsOf(rel, await client.waitForDiagnostics(uri, (p) => p.version !== undefined)));
      }
      assert.deepEqual(opened.sort(), expected, 'open documents');
    } finally {
      await client.stop();
    }
  });

  test('a module opened alone knows its closed callers (background index); editing either side republishes the other', async () => {
    const client = await LspClient.start(root, { trusted: true, debounceMs: 0 });
    const module = 'infra/core/search/search-services.bicep';
    const main = 'infra/main.bicep';
    try {
      const moduleUri = client.open(path.join(root, module), text(module), 'bicep');
      // Judged alone first, the module reports its insecure defaults; once the index has its caller, it does not.
      await client
        .waitForDiagnostics(moduleUri, (p) => p.version !== undefined && !p.diagnostics.some((d) => d.code === 'local-auth-enabled'))
        .catch((e: unknown) => {
          throw new Error(`${String(e)}\nlogs: ${client.logs.join('\n')}`);
        });

      // The caller stops calling it: the module is a library module again and reports its defaults.
      const mainUri = client.open(path.join(root, main), text(main), 'bicep');
      await client.waitForDiagnostics(mainUri, (p) => p.diagnostics.some((d) => d.code === 'public-network-access'));
      const withoutCall = text(main).replace(/module searchService[\s\S]*?\n}\n/, '');
      client.change(mainUri, 2, withoutCall);
      const alone = await client.waitForDiagnostics(moduleUri, (p) => p.diagnostics.some((d) => d.code === 'local-auth-enabled'));
      assert.ok(alone.diagnostics.some((d) => d.code === 'public-network-access'));
      client.change(mainUri, 3, text(main));
      await client.waitForDiagnostics(moduleUri, (p) => !p.diagnostics.some((d) => d.code === 'local-auth-enabled'));

      // The module's default becomes secure: the caller's finding on the module call goes away.
      client.change(moduleUri, 2, text(module).replace("param publicNetworkAccess string = 'enabled'", "param publicNetworkAccess string = 'disabled'"));
      await client.waitForDiagnostics(mainUri, (p) => p.version === 3 && !p.diagnostics.some((d) => d.code === 'public-network-access'));
    } finally {
      await client.stop();
    }
  });
  test("an edit of a module's body (its params and outputs unchanged) changes the caller's findings; a blank at a line's end changes none", async () => {
    const client = await LspClient.start(root, { trusted: true, debounceMs: 0 });
    const module = 'infra/core/search/search-services.bicep';
    const main = 'infra/main.bicep';
    try {
      const moduleUri = client.open(path.join(root, module), text(module), 'bicep');
      const mainUri = client.open(path.join(root, main), text(main), 'bicep');
      const before = await client.waitForDiagnostics(mainUri, (p) => p.diagnostics.some((d) => d.code === 'public-network-access'));
      const actionOf = async (version: number, d: Diagnostic) => {
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: mainUri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
        const action = actions.find((a) => a.isPreferred)!;
        assert.equal((action.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, version);
        return (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
      };
      const publicAccess = (p: PublishDiagnosticsParams) => p.diagnostics.find((d) => d.code === 'public-network-access')!;
      const fixedBefore = applyEdits(text(main), await actionOf(1, publicAccess(before)));

      // A blank typed at the end of the module call's last param: the same findings, and the quick
      // fix (which writes the missing param after that line) edits the text as it is now.
      const lines = text(main).split('\n');
      const line = lines.findIndex((l) => l === "    semanticSearch: 'free'");
      const end = { line, character: lines[line]!.length };
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: mainUri, version: 2 },
        contentChanges: [{ range: { start: end, end }, text: ' ' }],
      });
      const blank = await client.waitForDiagnostics(mainUri, (p) => p.version === 2);
      const withoutData = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => ({ ...d, data: undefined }));
      assert.deepEqual(withoutData(blank), withoutData(before));
      const withBlank = lines.map((l, i) => (i === line ? `${l} ` : l)).join('\n');
      const fixedNow = applyEdits(withBlank, await actionOf(2, publicAccess(blank)));
      assert.equal(fixedNow, fixedBefore.replace("    semanticSearch: 'free'\n", "    semanticSearch: 'free' \n"));

      // The resource sets publicNetworkAccess itself now (the param stays declared, unused): the
      // caller, which passes nothing, has nothing left to fix.
      client.change(moduleUri, 2, text(module).replace('    publicNetworkAccess: publicNetworkAccess', "    publicNetworkAccess: 'disabled'"));
      await client.waitForDiagnostics(mainUri, (p) => !p.diagnostics.some((d) => d.code === 'public-network-access'));
      // And back: the finding returns at the module call.
      client.change(moduleUri, 3, text(module));
      await client.waitForDiagnostics(mainUri, (p) => p.diagnostics.some((d) => d.code === 'public-network-access'));
    } finally {
      await client.stop();
    }
  });
});
