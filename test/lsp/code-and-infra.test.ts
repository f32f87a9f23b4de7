import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'workspaces', 'azd-app');

/** The editor keeps code and infrastructure linked: an edit on either side republishes the other. */
describe('code and infrastructure in the editor', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aais-links-lsp-'));
    cpSync(FIXTURE, root, { recursive: true });
    mkdirSync(path.join(root, '.git'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const text = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

  test('key-auth-rejected follows the Bicep, the hover names the linked resource, and local-auth-enabled follows the code', async () => {
    const client = await LspClient.start(root, { trusted: true, debounceMs: 0 });
    try {
      const chat = client.open(path.join(root, 'src/api/chat.ts'), text('src/api/chat.ts'), 'typescript');
      // The infrastructure is indexed in the background: once it is, the key is rejected.
      await client.waitForDiagnostics(chat, (p) => p.diagnostics.some((d) => d.code === 'key-auth-rejected'));

      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: chat }, position: { line: 3, character: 20 } })) as Hover | null;
      const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.match(value, /AzureOpenAI calls Azure AI account 'account' \(infra\/core\/ai\/cognitiveservices\.bicep:12\), linked by AZURE_OPENAI_ENDPOINT/);
      assert.match(value, /authenticates with a key/);

      // The account accepts keys again: the code's finding goes back to key-credential.
      const main = client.open(path.join(root, 'infra/main.bicep'), text('infra/main.bicep'), 'bicep');
      await client.waitForDiagnostics(main, (p) => p.version === 1);
      client.change(main, 2, text('infra/main.bicep').replace('    disableLocalAuth: true\n', '    disableLocalAuth: false\n'));
      const after = await client.waitForDiagnostics(chat, (p) => !p.diagnostics.some((d) => d.code === 'key-auth-rejected'));
      assert.ok(after.diagnostics.some((d) => d.code === 'key-credential'));

      // The web front end starts sending a key: its account's message no longer says no code uses one.
      const web = client.open(path.join(root, 'src/web/chat.ts'), text('src/web/chat.ts'), 'typescript');
      await client.waitForDiagnostics(main, (p) => p.diagnostics.some((d) => /no code in this workspace uses a key/.test(String(d.message))));
      client.change(web, 2, text('src/web/chat.ts').replace('  azureADTokenProvider,\n', '  apiKey: process.env.AZURE_OPENAI_API_KEY,\n'));
      await client.waitForDiagnostics(
        main,
        (p) => p.diagnostics.some((d) => d.code === 'local-auth-enabled') && !p.diagnostics.some((d) => /no code in this workspace uses a key/.test(String(d.message))),
      );
    } finally {
      await client.stop();
    }
  });
});
