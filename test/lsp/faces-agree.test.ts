import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp-client.js';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const KEY = 'c81e728d9d4c2f636f067f89cc14862c';
const TS = [
  'import { AzureKeyCredential, SearchClient } from "@azure/search-documents";',
  `export const credential = new AzureKeyCredential("${KEY}");`,
  'export const search = new SearchClient("https://contoso.search.windows.net", "docs", new AzureKeyCredential(process.env.AZURE_SEARCH_KEY!));',
  '',
].join('\n');
const DOTENV = `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\nAZURE_OPENAI_API_KEY=${KEY}\n`;
const APPSETTINGS = `{\n  // development settings\n  "AzureOpenAI": {\n    "Endpoint": "https://contoso.openai.azure.com/",\n    "ApiKey": "${KEY}",\n  },\n}\n`;
const LOCAL_SETTINGS = `{\n  "IsEncrypted": false,\n  "Values": { "FUNCTIONS_WORKER_RUNTIME": "node", "SPEECH_KEY": "${KEY}" }\n}\n`;
/**
 * Config and secret files, and the `.gitignore` files that decide which of them git ignores (an
 * ignored one gets no finding): the root ignores `.env.production` and `apps/web/secret/`;
 * `apps/web` re-includes its own `.env.production` and ignores `.env.local`.
 */
const CONFIG_FILES: Record<string, string> = {
  'src/.env': DOTENV,
  'src/.env.example': 'AZURE_OPENAI_API_KEY=<your-azure-openai-key>\n',
  'src/.env.production': DOTENV,
  'api/local.settings.json': LOCAL_SETTINGS,
  'api/appsettings.Development.json': APPSETTINGS,
  'apps/web/.env.local': DOTENV,
  'apps/web/.env.production': DOTENV,
  'apps/web/secret/.env': DOTENV,
};
const languageIdOf = (rel: string) => (rel.endsWith('.bicep') ? 'bicep' : rel.endsWith('.json') ? 'json' : rel.endsWith('.ts') ? 'typescript' : 'plaintext');
const BICEP = `resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'contoso-ai'\n  location: 'eastus'\n  kind: 'OpenAI'\n  sku: { name: 'S0' }\n  properties: {}\n}\n`;

/**
 * A repository whose settings change below its root: the root config turns `missing-cmk` off and
 * excludes `legacy/`; `apps/web` has its own config (nearest wins whole) that turns `key-credential`
 * off and `hardcoded-key` down to a warning; `apps/web/vendor` is excluded by that inner config.
 */
function writeTree(root: string): void {
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  mkdirSync(path.join(root, '.git'));
  write('.azure-ai-security.json', JSON.stringify({ rules: { 'missing-cmk': 'off' }, exclude: ['legacy/'] }));
  write('infra/main.bicep', BICEP);
  write('src/client.ts', TS);
  write('legacy/old.ts', TS);
  write('apps/web/.azure-ai-security.json', JSON.stringify({ rules: { 'key-credential': 'off', 'hardcoded-key': 'warning' }, exclude: ['vendor/'] }));
  write('apps/web/src/client.ts', TS);
  write('apps/web/infra/main.bicep', BICEP);
  write('apps/web/vendor/lib.ts', TS);
  write('.gitignore', 'node_modules/\n.env.production\napps/web/secret/\n');
  write('apps/web/.gitignore', '.env.local\n!.env.production\n');
  for (const [rel, text] of Object.entries(CONFIG_FILES)) write(rel, text);
}

type Row = [file: string, ruleId: string, severity: string, line: number];

describe('the CLI and the editor give the same findings, with nested config files', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aais-faces-'));
    writeTree(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const cliRows = (cwd: string, target: string): Row[] => {
    const run = spawnSync(process.execPath, [CLI, 'scan', target, '--format', 'json', '--fail-on', 'none'], { cwd, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; severity: string; range: { start: { line: number } } }> }> };
    const base = path.resolve(cwd, target);
    return report.files.flatMap((f) => f.findings.map((x): Row => [path.relative(root, path.resolve(base, f.path)), x.ruleId, x.severity, x.range.start.line])).sort();
  };

  test('the nearest config applies per file, and excludes prune what they name', () => {
    const rows = cliRows(root, '.');
    const files = new Set(rows.map((r) => r[0]));
    assert.deepEqual([...files].sort(), [
      'api/appsettings.Development.json',
      'api/local.settings.json',
      'apps/web/.env.production',
      'apps/web/infra/main.bicep',
      'apps/web/src/client.ts',
      'infra/main.bicep',
      'src/.env',
      'src/client.ts',
    ]);
    assert.ok(
      rows.some((r) => r[0] === 'src/client.ts' && r[1] === 'key-credential'),
      'root config: key-credential on',
    );
    assert.ok(!rows.some((r) => r[0] === 'apps/web/src/client.ts' && r[1] === 'key-credential'), 'inner config: key-credential off');
    assert.ok(rows.some((r) => r[0] === 'src/client.ts' && r[1] === 'hardcoded-key' && r[2] === 'error'));
    assert.ok(rows.some((r) => r[0] === 'apps/web/src/client.ts' && r[1] === 'hardcoded-key' && r[2] === 'warning'));
    assert.ok(!rows.some((r) => r[0] === 'infra/main.bicep' && r[1] === 'missing-cmk'), 'root config: missing-cmk off');
    // The inner config replaces the root one whole: missing-cmk is on again below apps/web.
    assert.ok(rows.some((r) => r[0] === 'apps/web/infra/main.bicep' && r[1] === 'missing-cmk'));
  });

  test('config files: keys reported where git does not ignore the file, nothing where it does', () => {
    const rows = cliRows(root, '.').filter((r) => !/\.(ts|bicep)$/.test(r[0]));
    assert.deepEqual(rows, [
      ['api/appsettings.Development.json', 'hardcoded-key', 'error', 4],
      ['api/local.settings.json', 'env-file-not-ignored', 'error', 0],
      ['api/local.settings.json', 'hardcoded-key', 'error', 2],
      // Re-included by apps/web/.gitignore; apps/web's config makes hardcoded-key a warning.
      ['apps/web/.env.production', 'env-file-not-ignored', 'error', 0],
      ['apps/web/.env.production', 'hardcoded-key', 'warning', 1],
      ['src/.env', 'env-file-not-ignored', 'error', 0],
      ['src/.env', 'hardcoded-key', 'error', 1],
    ]);
  });

  test('scanning a subfolder still reads the configs above it, up to the repository root', () => {
    assert.deepEqual(
      cliRows(path.join(root, 'apps'), 'web'),
      cliRows(root, '.').filter((r) => r[0].startsWith('apps/web/')),
    );
  });

  test('the workspace audit and open documents in the editor report exactly what the CLI reports', async () => {
    const expected = cliRows(root, '.');
    const client = await LspClient.start(root, { trusted: true });
    try {
      await client.connection.sendRequest('azureAiSecurity/audit', {});
      const audited: Row[] = [];
      for (const rel of [
        'infra/main.bicep',
        'src/client.ts',
        'legacy/old.ts',
        'apps/web/src/client.ts',
        'apps/web/infra/main.bicep',
        'apps/web/vendor/lib.ts',
        ...Object.keys(CONFIG_FILES),
      ]) {
        const published = client.lastDiagnostics(pathToFileURL(path.join(root, rel)).toString());
        for (const d of published?.diagnostics ?? []) if (d.code) audited.push([rel, String(d.code), severityName(d.severity), d.range.start.line]);
      }
      assert.deepEqual(audited.sort(), expected, 'workspace audit');
      // Open documents are analysed with the same settings (and excluded ones not at all).
      const opened: Row[] = [];
      const opening = ['src/client.ts', 'apps/web/src/client.ts', 'legacy/old.ts', 'apps/web/vendor/lib.ts', 'apps/web/infra/main.bicep', ...Object.keys(CONFIG_FILES)];
      for (const rel of opening) {
        const file = path.join(root, rel);
        const uri = client.open(file, CONFIG_FILES[rel] ?? (rel.endsWith('.bicep') ? BICEP : TS), languageIdOf(rel));
        const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version !== undefined || p.diagnostics.length === 0);
        for (const d of diagnostics) if (d.code) opened.push([rel, String(d.code), severityName(d.severity), d.range.start.line]);
      }
      const wanted = new Set(opening);
      assert.deepEqual(
        opened.sort(),
        expected.filter((r) => wanted.has(r[0])),
        'open documents',
      );
    } finally {
      await client.stop();
    }
  });
});

function severityName(severity: number | undefined): string {
  return severity === 1 ? 'error' : severity === 2 ? 'warning' : 'info';
}
