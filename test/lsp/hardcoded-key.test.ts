import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DiagnosticSeverity, type CodeAction, type CreateFile, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';

const KEY = '4f2d9c1ab7e6031f58c4d2e9a0b7c6f1';
const SOURCE = `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";\n\nexport const client = new SearchClient("https://contoso.search.windows.net", "docs", new AzureKeyCredential("${KEY}"));\n`;

describe('language server: hardcoded-key end to end over stdio', () => {
  let folder: string;
  let client: LspClient;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'aais-lsp-'));
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules/');
    client = await LspClient.start(folder);
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('publishes the diagnostic with rule id, doc link and source, and offers the env-var fix first', async () => {
    const uri = client.open(path.join(folder, 'search.ts'), SOURCE, 'typescript');
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(published.version, 1);
    assert.equal(published.diagnostics.length, 1);
    const [diagnostic] = published.diagnostics;
    assert.equal(diagnostic!.code, 'hardcoded-key');
    assert.equal(diagnostic!.source, 'azure-ai-security');
    assert.equal(diagnostic!.severity, DiagnosticSeverity.Error);
    assert.match(diagnostic!.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/hardcoded-key\.md$/);
    assert.ok(readFileSync(new URL(diagnostic!.codeDescription!.href), 'utf8').startsWith('# hardcoded-key'));
    assert.deepEqual(diagnostic!.range, { start: { line: 2, character: 108 }, end: { line: 2, character: 142 } });
    const message = String(diagnostic!.message);
    assert.ok(message.includes("'4f2d…'") && !message.includes(KEY.slice(0, 5)));

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Move to environment variable AZURE_SEARCH_API_KEY', 'Use Microsoft Entra ID (DefaultAzureCredential)', 'Disable hardcoded-key for this line', 'Show documentation for hardcoded-key'],
    );
    const [move] = actions;
    assert.equal(move!.isPreferred, true);
    assert.deepEqual(move!.command, {
      title: 'Save .env and .gitignore',
      command: 'azureAiSecurity.saveFilesAfterFix',
      arguments: [pathToFileURL(path.join(folder, '.env')).toString(), pathToFileURL(path.join(folder, '.gitignore')).toString()],
    });
    assert.equal(move!.kind, 'quickfix');
    const changes = move!.edit!.documentChanges! as Array<TextDocumentEdit | CreateFile>;
    const envUri = pathToFileURL(path.join(folder, '.env')).toString();
    const gitignoreUri = pathToFileURL(path.join(folder, '.gitignore')).toString();
    const sourceEdit = changes[0] as TextDocumentEdit;
    assert.equal(sourceEdit.textDocument.uri, uri);
    assert.equal(sourceEdit.textDocument.version, 1);
    assert.ok(sourceEdit.edits.some((e) => 'newText' in e && e.newText === 'process.env.AZURE_SEARCH_API_KEY ?? missingEnv("AZURE_SEARCH_API_KEY")'));
    assert.deepEqual(changes[1], { kind: 'create', uri: envUri, options: { ignoreIfExists: true } });
    assert.deepEqual((changes[2] as TextDocumentEdit).edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `AZURE_SEARCH_API_KEY=${KEY}\n` }]);
    const gitignore = changes[3] as TextDocumentEdit;
    assert.equal(gitignore.textDocument.uri, gitignoreUri);
    assert.deepEqual(gitignore.edits, [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 13 } }, newText: '\n.env\n' }]);
  });

  test('a suppression comment on the line before removes the diagnostic', async () => {
    const text = `// azure-ai-security-disable-next-line hardcoded-key -- rotated fixture\nconst c = new AzureKeyCredential("${KEY}");\nconst d = new AzureKeyCredential("${KEY.replace('4', '5')}");\n`;
    const uri = client.open(path.join(folder, 'suppressed.ts'), text, 'typescript');
    const published = await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(
      published.diagnostics.map((d) => d.range.start.line),
      [2],
    );
  });
});
