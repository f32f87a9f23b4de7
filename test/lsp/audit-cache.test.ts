/**
 * *Audit Workspace* reuses the results of files unchanged since the last audit (the server keeps
 * them in memory: server/src/workspace/audit-cache.ts), and cross-file results still follow an
 * edited caller.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LspClient } from '../helpers/lsp-client.js';

const MODULE = `param name string
param publicNetworkAccess string = 'Enabled'
resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: resourceGroup().location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    publicNetworkAccess: publicNetworkAccess
    disableLocalAuth: true
  }
}
`;
const CALLER = `module ai 'core/ai.bicep' = {\n  name: 'ai'\n  params: {\n    name: 'ai-chat'\n    publicNetworkAccess: 'Disabled'\n  }\n}\n`;

describe('language server: Audit Workspace reuses unchanged files', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aais-lsp-audit-cache-'));
    mkdirSync(path.join(root, 'infra', 'core'), { recursive: true });
    writeFileSync(path.join(root, 'infra', 'core', 'ai.bicep'), MODULE);
    writeFileSync(path.join(root, 'infra', 'main.bicep'), CALLER);
    writeFileSync(path.join(root, 'client.ts'), 'import { AzureKeyCredential } from "@azure/core-auth";\nexport const k = new AzureKeyCredential("9b74c9897bac770ffc029102a200c5de");\n');
    const old = new Date(Date.now() - 60_000);
    for (const rel of ['infra/core/ai.bicep', 'infra/main.bicep', 'client.ts']) utimesSync(path.join(root, rel), old, old);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the second audit reuses every file; after a caller is edited, the unchanged module gets the finding its default now decides', async () => {
    const client = await LspClient.start(root, { trusted: true, debounceMs: 0 });
    try {
      const moduleUri = pathToFileURL(path.join(root, 'infra', 'core', 'ai.bicep')).href;
      const rules = () => (client.lastDiagnostics(moduleUri)?.diagnostics ?? []).map((d) => d.code);
      const audit = async () => {
        const before = client.logs.length;
        await client.connection.sendRequest('azureAiSecurity/audit', {});
        return client.logs.slice(before).find((l) => l.startsWith('Audit: '));
      };
      assert.equal(await audit(), 'Audit: 0 unchanged files reused, 3 analysed.');
      assert.ok(!rules().includes('public-network-access'), 'the caller passes Disabled');
      assert.equal(await audit(), 'Audit: 3 unchanged files reused, 0 analysed.');
      writeFileSync(path.join(root, 'infra', 'main.bicep'), `// moved\n${CALLER.replace(/^/gm, '// ')}`);
      assert.equal(await audit(), 'Audit: 2 unchanged files reused, 1 analysed.');
      assert.ok(rules().includes('public-network-access'), JSON.stringify(client.lastDiagnostics(moduleUri)));
    } finally {
      await client.stop();
    }
  });
});
