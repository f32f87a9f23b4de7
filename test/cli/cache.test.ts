/**
 * `--cache` (server/src/workspace/audit-cache.ts): unchanged files are not analysed again, the report
 * is the one an uncached scan prints, cross-file results follow an edited caller, and a damaged or
 * foreign cache is ignored with a notice.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const HEX_KEY = '9b74c9897bac770ffc029102a200c5de';

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
const CALLER = `module ai 'core/ai.bicep' = {
  name: 'ai'
  params: {
    name: 'ai-chat'
    publicNetworkAccess: 'Disabled'
  }
}
`;

describe('CLI --cache', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'aais-cache-'));
  let dir: string;
  let count = 0;
  beforeEach(() => {
    dir = path.join(root, `project-${count++}`);
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, 'src', rel)), { recursive: true });
      writeFileSync(path.join(dir, 'src', rel), text);
    };
    write('infra/core/ai.bicep', MODULE);
    write('infra/main.bicep', CALLER);
    write('app/client.ts', `import { AzureKeyCredential } from "@azure/core-auth";\nexport const k = new AzureKeyCredential("${HEX_KEY}");\n`);
    for (let i = 0; i < 20; i++) write(`app/util-${i}.ts`, `export const u${i} = ${i};\n`);
    // Files last written well before the scans: their stat vouches for their content.
    const old = new Date(Date.now() - 60_000);
    for (const rel of ['infra/core/ai.bicep', 'infra/main.bicep', 'app/client.ts']) utimesSync(path.join(dir, 'src', rel), old, old);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const scan = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'scan', 'src', '--format', 'json', '--fail-on', 'none', ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return { report: r.stdout, stderr: r.stderr };
  };
  const rulesIn = (report: string, file: string) =>
    (JSON.parse(report) as { files: Array<{ path: string; findings: Array<{ ruleId: string }> }> }).files.find((f) => f.path === file)?.findings.map((f) => f.ruleId) ?? [];
  const cacheFile = () => path.join(dir, 'node_modules', '.cache', 'azure-ai-security', 'audit-cache.json');

  test('the second scan reuses every unchanged file, from node_modules/.cache/azure-ai-security/ by default, and prints the same report', () => {
    const plain = scan().report;
    const first = scan('--cache');
    assert.match(first.stderr, /0 unchanged files reused, 23 analysed/);
    assert.ok(existsSync(cacheFile()), 'the cache is in node_modules/.cache/azure-ai-security/');
    const second = scan('--cache');
    assert.match(second.stderr, /23 unchanged files reused, 0 analysed/);
    assert.equal(first.report, plain);
    assert.equal(second.report, plain);
    assert.deepEqual(rulesIn(plain, 'app/client.ts'), ['hardcoded-key']);
  });

  test('editing a caller changes the findings of the module it calls, though the module is unchanged and cached', () => {
    const first = scan('--cache');
    assert.ok(!rulesIn(first.report, 'infra/core/ai.bicep').includes('public-network-access'), 'the only caller passes Disabled');
    // main.bicep no longer calls the module: the module's own default (Enabled) is now its decision.
    writeFileSync(path.join(dir, 'src', 'infra', 'main.bicep'), `// The AI account moved to another template.\n${CALLER.replace(/^/gm, '// ')}`);
    const second = scan('--cache');
    assert.match(second.stderr, /22 unchanged files reused, 1 analysed/);
    assert.ok(rulesIn(second.report, 'infra/core/ai.bicep').includes('public-network-access'), second.report);
    assert.equal(second.report, scan().report, 'the same report as a scan without the cache');
  });

  test('a file edited without changing its size is analysed again (its modification time changed)', () => {
    scan('--cache');
    const file = path.join(dir, 'src', 'app', 'client.ts');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace(HEX_KEY, HEX_KEY.split('').reverse().join('')));
    assert.equal(statSync(file).size, Buffer.byteLength(before));
    const second = scan('--cache');
    assert.match(second.stderr, /22 unchanged files reused, 1 analysed/);
    assert.equal(second.report, scan().report);
  });

  test('a damaged, foreign or unreadable cache is ignored with a notice, never trusted, and written anew', () => {
    const expected = scan().report;
    scan('--cache');
    const damaged = readFileSync(cacheFile(), 'utf8').replace('"hardcoded-key"', '"hardcoded-kez"');
    writeFileSync(cacheFile(), damaged);
    const afterDamage = scan('--cache');
    assert.match(afterDamage.stderr, /Cache ignored: it is damaged/);
    assert.match(afterDamage.stderr, /0 unchanged files reused, 23 analysed/);
    assert.equal(afterDamage.report, expected);
    writeFileSync(cacheFile(), '{"files": {}}\n{}');
    const foreign = scan('--cache');
    assert.match(foreign.stderr, /Cache ignored: it is not an Azure AI Security cache/);
    assert.equal(foreign.report, expected);
    assert.match(scan('--cache').stderr, /23 unchanged files reused/, 'the cache was written anew');
  });

  test('--cache-location takes a folder or a file', () => {
    const folder = path.join(dir, 'cache-folder') + path.sep;
    scan('--cache-location', folder);
    assert.ok(existsSync(path.join(folder, 'audit-cache.json')));
    const file = path.join(dir, 'my-cache.json');
    scan('--cache-location', file);
    assert.match(scan('--cache-location', file).stderr, /23 unchanged files reused/);
    assert.ok(existsSync(file));
  });
});
