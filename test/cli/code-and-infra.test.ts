import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { auditReportMarkdown } from '../../server/src/report/markdown.js';
import { runAudit } from '../../server/src/workspace/audit.js';
import { cliSettings } from '../../server/src/workspace/audit-settings.js';
import { ConfigResolver } from '../../server/src/workspace/config-resolver.js';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspaces', 'azd-app');

interface Finding {
  ruleId: string;
  message: string;
  range: { start: { line: number; character: number } };
  fixes: Array<{ title: string; preferred: boolean }>;
}
type Report = { files: Array<{ path: string; findings: Finding[] }> };

const scan = (root: string): Report => {
  const run = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Report;
};
const findingsOf = (report: Report, file: string) => report.files.find((f) => f.path === file)?.findings ?? [];

/** An azd-shaped project (azure.yaml, src/api, src/web, infra/ with modules), copied into a temporary repository. */
describe('code and infrastructure together', () => {
  let root: string;
  let report: Report;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aais-links-'));
    cpSync(FIXTURE, root, { recursive: true });
    mkdirSync(path.join(root, '.git'));
    report = scan(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a key sent to an account whose Bicep disables keys is key-auth-rejected, in place of key-credential', () => {
    // Linked through the app setting the api's module call sets, decided by azd's service mapping
    // (AZURE_OPENAI_ENDPOINT is set from two accounts: the api's and the web front end's).
    const chat = findingsOf(report, 'src/api/chat.ts');
    assert.deepEqual(
      chat.map((f) => [f.ruleId, f.range.start.line, f.range.start.character]),
      [['key-auth-rejected', 5, 2]],
    );
    assert.match(
      chat[0]!.message,
      /Azure AI account 'account' \(infra\/core\/ai\/cognitiveservices\.bicep:12\), linked by AZURE_OPENAI_ENDPOINT \(app setting in infra\/main\.bicep:\d+\), has disableLocalAuth: true \(infra\/main\.bicep:22\)/,
    );
    assert.deepEqual(
      chat[0]!.fixes.map((f) => [f.title, f.preferred]),
      [['Use Microsoft Entra ID (DefaultAzureCredential)', false]],
    );
    // Linked by the host's first label, the account's customSubDomainName passed by the module call.
    const fallback = findingsOf(report, 'src/api/fallback.ts');
    assert.deepEqual(
      fallback.map((f) => f.ruleId),
      ['key-auth-rejected'],
    );
    assert.match(fallback[0]!.message, /linked by host contoso-chat-api/);
  });

  test('no link, no key-auth-rejected: a name set from two accounts outside every azd service, and an endpoint from a secret store', () => {
    assert.deepEqual(
      findingsOf(report, 'scripts/seed.ts').map((f) => f.ruleId),
      ['key-credential', 'key-credential', 'key-credential'],
    );
    // AI Search accepts keys: the key in code is only key-credential.
    assert.deepEqual(
      findingsOf(report, 'src/api/search.ts').map((f) => f.ruleId),
      ['key-credential'],
    );
    assert.deepEqual(findingsOf(report, 'src/web/chat.ts'), []);
  });

  test('local-auth-enabled says when no code uses a key (preferred fix) and stays a suggestion when code does', () => {
    const main = findingsOf(report, 'infra/main.bicep');
    const web = main.find((f) => f.ruleId === 'local-auth-enabled' && f.message.startsWith("Module 'openAiWeb'"))!;
    assert.match(web.message, /no code in this workspace uses a key for it \(src\/web\/chat\.ts:6 uses Microsoft Entra ID\)/);
    assert.equal(web.fixes[0]!.preferred, true);
    const search = main.find((f) => f.ruleId === 'local-auth-enabled' && f.message.startsWith("Module 'search'"))!;
    assert.doesNotMatch(search.message, /no code in this workspace/);
    assert.equal(search.fixes[0]!.preferred, false, 'src/api/search.ts still sends the key: disabling it is not applied by fix-all');
    const setting = main.find((f) => f.ruleId === 'key-in-app-settings')!;
    assert.match(setting.message, /Code reads it as AZURE_SEARCH_KEY: src\/api\/search\.ts:8 \(SearchClient\)\./);
  });

  test('the audit report lists, per AI resource, the code linked to it and how it authenticates', async () => {
    const result = await runAudit([root], { settingsFor: cliSettings(new ConfigResolver({ boundaries: [root] }), 1024 * 1024) });
    const markdown = auditReportMarkdown(result, new Date(0));
    const account = markdown.slice(markdown.indexOf('### `account`'), markdown.indexOf('### `search`'));
    assert.match(account, /src\/api\/chat\.ts:4:16\].*`AzureOpenAI` — authenticates with \*\*a key\*\* \(linked by AZURE\\_OPENAI\\_ENDPOINT/);
    assert.match(account, /src\/web\/chat\.ts:6:23\].*`AzureOpenAI` — authenticates with Microsoft Entra ID/);
    assert.ok(!account.includes('scripts/seed.ts'), 'unlinked code is not listed');
  });

  test("without azure.yaml's service mapping, a name set from two accounts links to neither", () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'aais-links-'));
    try {
      cpSync(FIXTURE, copy, { recursive: true });
      mkdirSync(path.join(copy, '.git'));
      rmSync(path.join(copy, 'azure.yaml'));
      const without = scan(copy);
      assert.deepEqual(
        findingsOf(without, 'src/api/chat.ts').map((f) => f.ruleId),
        ['key-credential'],
      );
      // The host link does not depend on azd.
      assert.deepEqual(
        findingsOf(without, 'src/api/fallback.ts').map((f) => f.ruleId),
        ['key-auth-rejected'],
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
