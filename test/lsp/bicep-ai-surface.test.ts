/**
 * The Bicep findings of the 2026 Azure AI surface (Foundry and ML connections, ML hub managed networks,
 * allow-all IP rules, keys in Container Apps secrets and API Management backends) in the editor: each is
 * a squiggle with its rule id, its hover explains the rule, and its code actions are the rule's fixes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CodeActionRequest, DiagnosticSeverity, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { applyEdits } from '../../server/src/engine/fix-all.js';
import type { TextEdit } from '../../server/src/engine/types.js';

const FIXTURE = readFileSync(path.join(__dirname, '..', 'fixtures', 'bicep', 'foundry-gateway.bicep'), 'utf8');

describe('language server: Bicep findings of Foundry connections, ML hubs, AI gateways and container apps', () => {
  let folder: string;
  let client: LspClient;
  let uri: string;
  let diagnostics: Diagnostic[];
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'aais-bicep-surface-'));
    client = await LspClient.start(folder, { trusted: true });
    uri = client.open(path.join(folder, 'main.bicep'), FIXTURE, 'bicep');
    diagnostics = (await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'connection-key-auth'))).diagnostics;
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const finding = (code: string) => diagnostics.find((d) => d.code === code)!;
  const actionsFor = async (d: Diagnostic) =>
    (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const applied = (action: CodeAction) => applyEdits(FIXTURE, (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);

  test('each finding is a squiggle on what must change, with its rule id and severity', () => {
    const rows = diagnostics.filter((d) => d.source === 'azure-ai-security' && d.code).map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, d.severity]);
    assert.deepEqual(rows, [
      ['local-auth-enabled', 51, 23, DiagnosticSeverity.Warning],
      ['public-network-access', 56, 18, DiagnosticSeverity.Warning],
      ['connection-key-auth', 69, 17, DiagnosticSeverity.Warning],
      ['unrestricted-outbound', 104, 22, DiagnosticSeverity.Information],
      ['key-in-app-settings', 142, 13, DiagnosticSeverity.Warning],
      ['key-in-app-settings', 167, 11, DiagnosticSeverity.Warning],
    ]);
    assert.deepEqual(finding('connection-key-auth').range, { start: { line: 68, character: 16 }, end: { line: 68, character: 24 } }, "on 'ApiKey'");
  });

  test('hover on connection-key-auth explains the rule, why it matters and the fix', async () => {
    const d = finding('connection-key-auth');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: d.range.start.line, character: d.range.start.character + 2 } });
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /\*\*Azure AI Security — `connection-key-auth`\*\* \(warning\): An Azure AI Foundry or machine learning connection reaches its target with a shared key/);
    assert.match(value, /\*\*Why it matters:\*\* .*Microsoft Entra ID/);
    assert.match(value, /\[Rule documentation\]\(file:\/\/.*connection-key-auth\.md\)/);
  });

  test('connection-key-auth offers Use Microsoft Entra ID as a suggestion that writes AAD and drops the credentials', async () => {
    const actions = await actionsFor(finding('connection-key-auth'));
    const entra = actions.find((a) => a.title === "Use Microsoft Entra ID: set authType to 'AAD' and remove credentials")!;
    assert.equal(entra.isPreferred, false, 'a suggestion, never applied by fix-all');
    const fixed = applied(entra);
    assert.ok(fixed.includes("      authType: 'AAD'\n      isSharedToAll: true\n      metadata: {"), fixed);
    assert.ok(!fixed.includes('listAdminKeys'));
    assert.ok(actions.some((a) => a.title === 'Disable connection-key-auth for this line'));
  });

  test('the ML hub and the allow-all IP rule get their preferred fixes', async () => {
    const [outbound] = (await actionsFor(finding('unrestricted-outbound'))).filter((a) => a.isPreferred);
    assert.equal(outbound!.title, "Restrict outbound access: set managedNetwork.isolationMode to 'AllowOnlyApprovedOutbound'");
    assert.ok(applied(outbound!).includes("      isolationMode: 'AllowOnlyApprovedOutbound'\n"));
    const [ipRule] = (await actionsFor(finding('public-network-access'))).filter((a) => a.isPreferred);
    assert.equal(ipRule!.title, 'Remove the IP rule that admits every address');
    assert.ok(applied(ipRule!).includes("      defaultAction: 'Deny'\n      ipRules: [\n      ]\n"));
  });

  test('a key in a container app secret or an API Management header has only Disable and documentation actions', async () => {
    for (const d of diagnostics.filter((x) => x.code === 'key-in-app-settings')) {
      const titles = (await actionsFor(d)).map((a) => a.title);
      assert.deepEqual(titles, ['Disable key-in-app-settings for this line', 'Show documentation for key-in-app-settings']);
    }
  });
});
