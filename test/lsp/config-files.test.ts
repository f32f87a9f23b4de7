import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeWatchedFilesNotification, FileChangeType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';

// Made up, not a real key.
const KEY = '8e296a067a37563370ded05f5a3bf3ec';
const DOTENV = `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\nAZURE_OPENAI_API_KEY=${KEY}\n`;

describe('config files in the editor', () => {
  let root: string;
  let client: LspClient;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'aais-config-files-'));
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'api'));
    writeFileSync(path.join(root, 'api', '.env'), DOTENV);
    client = await LspClient.start(root, { trusted: true, debounceMs: 0 });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

  test('a .env the editor calls plaintext is analysed as you type; Add to .gitignore appends to the repository root; once ignored it shows nothing', async () => {
    const uri = client.open(path.join(root, 'api', '.env'), 'AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\n', 'plaintext');
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(first.diagnostics, [], 'no key yet');
    client.change(uri, 2, DOTENV);
    const typed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codes(typed.diagnostics), ['env-file-not-ignored', 'hardcoded-key']);
    const key = typed.diagnostics.find((d) => d.code === 'hardcoded-key')!;
    assert.deepEqual(key.range, { start: { line: 1, character: 21 }, end: { line: 1, character: 53 } });

    const notIgnored = typed.diagnostics.find((d) => d.code === 'env-file-not-ignored')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: notIgnored.range, context: { diagnostics: [notIgnored] } })) as CodeAction[];
    const add = actions.find((a) => a.title === 'Add .env to .gitignore');
    assert.ok(add, `offered: ${actions.map((a) => a.title).join(', ')}`);
    const gitignoreUri = pathToFileURL(path.join(root, '.gitignore')).toString();
    assert.deepEqual(add.edit?.documentChanges, [
      { kind: 'create', uri: gitignoreUri, options: { ignoreIfExists: true } },
      { textDocument: { uri: gitignoreUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '.env\n' }] },
    ]);
    // hardcoded-key has no fix in a config file: only the suppression and the documentation.
    const keyActions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: key.range, context: { diagnostics: [key] } })) as CodeAction[];
    assert.deepEqual(
      keyActions.map((a) => a.title),
      ['Disable hardcoded-key for this line', 'Show documentation for hardcoded-key'],
    );
    const disable = keyActions[0]!.edit!.documentChanges![0] as { edits: Array<{ newText: string }> };
    assert.equal(disable.edits[0]!.newText, '# azure-ai-security-disable-next-line hardcoded-key\n');

    // The user applies it (the editor writes the file) and the watcher reports the change.
    writeFileSync(path.join(root, '.gitignore'), '.env\n');
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: gitignoreUri, type: FileChangeType.Created }] });
    const ignored = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(ignored.diagnostics, []);
  });

  test('appsettings.json in JSON with comments: hardcoded-key on the value, never env-file-not-ignored', async () => {
    const text = `{\n  // local\n  "AzureOpenAI": { "ApiKey": "${KEY}", },\n}\n`;
    const uri = client.open(path.join(root, 'api', 'appsettings.json'), text, 'json');
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['hardcoded-key', 2, 30]],
    );
  });
});
