import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { RULES } from '../../server/src/engine/rules/index.js';
import { SECURITY_SEVERITY_BANDS } from '../../server/src/report/code-scanning.js';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const KEY = '9b74c9897bac770ffc029102a200c5de';
const OTHER_KEY = '4c1f0e9a7d3b4e8f9a2b6c5d7e8f9a0b';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const search = (key: string, before = '') => `import { AzureKeyCredential } from "@azure/core-auth";
import { SearchClient } from "@azure/search-documents";
${before}
export function searchClient(index: string) {
  return new SearchClient("https://contoso-search.search.windows.net", index, new AzureKeyCredential("${key}"));
}

export function indexName(): string {
  return "products";
}
`;

const BICEP = `param location string = resourceGroup().location

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-catalog' // not the host the code calls: no link between them (key-auth-rejected is tested elsewhere)
  location: location
  sku: { name: 'basic' }
  properties: {
    publicNetworkAccess: 'enabled'
    disableLocalAuth: true
  }
}
`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A repository (a `.git` folder marks its root) with a TypeScript and a Bicep file. */
function repo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aais-baseline-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, 'infra'));
  writeFileSync(path.join(dir, 'src', 'search.ts'), search(KEY));
  writeFileSync(path.join(dir, 'infra', 'main.bicep'), BICEP);
  return dir;
}

interface JsonFinding {
  ruleId: string;
  fingerprint: string;
  baselineState?: string;
  range: { start: { line: number } };
}

function findings(dir: string, args: string[] = ['.']): (JsonFinding & { path: string })[] {
  const r = run(['scan', ...args, '--format', 'json', '--fail-on', 'none'], dir);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { files: { path: string; findings: JsonFinding[] }[] };
  return json.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
}

const printsOf = (list: JsonFinding[], ruleId: string) => list.filter((f) => f.ruleId === ruleId).map((f) => f.fingerprint);

describe('fingerprints', () => {
  test('stay the same when lines are added above and the code is re-indented; change when the flagged key changes', () => {
    const dir = repo();
    const before = findings(dir);
    const key = printsOf(before, 'hardcoded-key');
    assert.equal(key.length, 1);
    assert.match(key[0]!, /^[0-9a-f]{16}$/);
    writeFileSync(path.join(dir, 'src', 'search.ts'), search(KEY, '\n// Search client for the catalogue.\nconst unused = 1;\n').replace('  return new', '    return new'));
    const moved = findings(dir);
    assert.notEqual(moved.find((f) => f.ruleId === 'hardcoded-key')!.range.start.line, before.find((f) => f.ruleId === 'hardcoded-key')!.range.start.line, 'the finding moved');
    assert.deepEqual(printsOf(moved, 'hardcoded-key'), key);
    assert.deepEqual(printsOf(moved, 'public-network-access'), printsOf(before, 'public-network-access'));
    writeFileSync(path.join(dir, 'src', 'search.ts'), search(OTHER_KEY));
    const changed = printsOf(findings(dir), 'hardcoded-key');
    assert.equal(changed.length, 1);
    assert.notDeepEqual(changed, key);
  });

  test('do not depend on the folder scanned: paths start at the repository root', () => {
    const dir = repo();
    const whole = printsOf(findings(dir), 'hardcoded-key');
    assert.deepEqual(printsOf(findings(path.join(dir, 'src')), 'hardcoded-key'), whole);
    assert.deepEqual(printsOf(findings(dir, ['src/search.ts']), 'hardcoded-key'), whole);
  });

  test('two identical lines get two fingerprints; neither holds the key or more than 16 hex digits', () => {
    const dir = repo();
    const line = `export const c = new AzureKeyCredential("${KEY}");\n`;
    writeFileSync(path.join(dir, 'src', 'twice.ts'), `import { AzureKeyCredential } from "@azure/core-auth";\n${line}${line}`);
    const twice = findings(dir).filter((f) => f.path === 'src/twice.ts' && f.ruleId === 'hardcoded-key');
    assert.equal(twice.length, 2);
    assert.notEqual(twice[0]!.fingerprint, twice[1]!.fingerprint);
    const report = run(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], dir).stdout;
    assert.ok(!report.includes(KEY.slice(0, 5)));
  });
});

describe('SARIF for code scanning', () => {
  test('rules carry security-severity in the band of their level, precision and their page as help.markdown; no local path anywhere', () => {
    const dir = repo();
    const r = run(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], dir);
    const sarif = JSON.parse(r.stdout);
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.rules.length, RULES.length);
    for (const rule of driver.rules) {
      const def = RULES.find((x) => x.id === rule.id)!;
      const band = SECURITY_SEVERITY_BANDS[def.severity];
      const severity = Number(rule.properties['security-severity']);
      assert.ok(severity >= band.min && severity <= band.max, `${rule.id}: ${severity} not in ${band.label}`);
      assert.match(rule.properties.precision, /^(very-high|high|medium|low)$/);
      assert.equal(rule.help.markdown, readFileSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8'));
      // package.json names no public repository yet: no helpUri rather than a local one.
      assert.equal(rule.helpUri, undefined);
    }
    assert.match(driver.informationUri, /^https:\/\//);
    // The SRCROOT base is where the scan ran; nothing else may name a local path.
    assert.equal(r.stdout.split('file://').length - 1, 1, 'a file:// link leaks a local path');
    assert.match(sarif.runs[0].originalUriBaseIds.SRCROOT.uri, /^file:\/\/.*\/$/);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'hardcoded-key');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'src/search.ts', uriBaseId: 'SRCROOT' });
    assert.match(result.partialFingerprints['azureAiSecurity/v1'], /^[0-9a-f]{16}$/);
  });
});

describe('baselines', () => {
  test('--write-baseline, then moved code, unrelated edits and reordered files stay baselined and pass --fail-on', () => {
    const dir = repo();
    const write = run(['scan', 'src/search.ts', 'infra/main.bicep', '--write-baseline', 'baseline.json'], dir);
    assert.equal(write.code, 1, 'writing a baseline does not change the verdict');
    assert.match(write.stderr, /Wrote a baseline of \d+ findings to baseline\.json/);
    const baselineText = readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    assert.ok(!baselineText.includes(KEY.slice(0, 5)), 'the baseline holds no key');
    // Move the client below the other function, add unrelated lines, and give the files in the other order.
    const moved = search(KEY).replace(/export function searchClient[\s\S]*?\n}\n\n(export function indexName[\s\S]*?\n}\n)/, (_m, other: string) => {
      return `${other}\n// Added later.\nexport function searchClient(index: string) {\n  return new SearchClient("https://contoso-search.search.windows.net", index, new AzureKeyCredential("${KEY}"));\n}\n`;
    });
    assert.notEqual(moved, search(KEY));
    writeFileSync(path.join(dir, 'src', 'search.ts'), moved);
    writeFileSync(path.join(dir, 'infra', 'main.bicep'), `// Search for the catalogue.\nparam sku string = 'basic'\n${BICEP.replace("sku: { name: 'basic' }", 'sku: { name: sku }')}`);
    const r = run(['scan', 'infra/main.bicep', 'src/search.ts', '--baseline', 'baseline.json'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /: 0 new, \d+ baselined\n$/);
    assert.doesNotMatch(r.stdout, /hardcoded-key|Fixed since/);
    // The whole repository, another file order again.
    const whole = run(['scan', '.', '--baseline', 'baseline.json'], dir);
    assert.equal(whole.code, 0, whole.stdout);
  });

  test('a changed key is new and fails the gate, the old one is listed as fixed; JSON says which is which', () => {
    const dir = repo();
    run(['scan', '.', '--write-baseline', 'baseline.json'], dir);
    writeFileSync(path.join(dir, 'src', 'search.ts'), search(OTHER_KEY));
    const r = run(['scan', '.', '--baseline', 'baseline.json', '--fail-on', 'error'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^src\/search\.ts\n {2}5:\d+ +error +Hardcoded .*hardcoded-key$/m);
    assert.match(r.stdout, /Fixed since the baseline \(1\):\n {2}src\/search\.ts:5 {2}Hardcoded .*'9b74…'.* {2}hardcoded-key\n/);
    assert.match(r.stdout, /: 1 new, \d+ baselined, 1 fixed\n$/);
    assert.ok(!r.stdout.includes(KEY.slice(0, 5)) && !r.stdout.includes(OTHER_KEY.slice(0, 5)));
    const json = JSON.parse(run(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], dir).stdout);
    const states = json.files.flatMap((f: { findings: JsonFinding[] }) => f.findings.map((x) => `${x.ruleId}:${x.baselineState}`));
    assert.ok(states.includes('hardcoded-key:new'));
    assert.ok(states.includes('public-network-access:baselined'));
    assert.equal(json.baseline.new, 1);
    assert.equal(json.baseline.fixed.length, 1);
    assert.equal(json.baseline.fixed[0].ruleId, 'hardcoded-key');
  });

  test('an earlier SARIF report is a baseline too, and the SARIF with baseline states still validates', () => {
    const dir = repo();
    run(['scan', '.', '--format', 'sarif', '--output', 'earlier.sarif'], dir);
    writeFileSync(path.join(dir, 'src', 'search.ts'), search(KEY, '\n\n'));
    const r = run(['scan', '.', '--baseline', 'earlier.sarif', '--format', 'sarif', '--output', 'now.sarif'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /; 0 new, \d+ baselined, 0 fixed\)/);
    const now = JSON.parse(readFileSync(path.join(dir, 'now.sarif'), 'utf8'));
    assert.ok(now.runs[0].results.length > 0);
    assert.ok(now.runs[0].results.every((x: { baselineState: string }) => x.baselineState === 'unchanged'));
    const tool = path.join(ROOT, 'node_modules', '.bin', 'sarif-multitool');
    const v = spawnSync(tool, ['validate', path.join(dir, 'now.sarif')], { encoding: 'utf8' });
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.doesNotMatch(v.stdout, /: (error|warning) SARIF/, v.stdout);
  });

  test('a file that is not a report of this tool is a clear error (exit 2), not an empty baseline', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'other.json'), '{ "findings": [] }');
    writeFileSync(path.join(dir, 'broken.json'), '{ "runs": ');
    writeFileSync(path.join(dir, 'foreign.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ results: [{ ruleId: 'x', message: { text: 'y' } }] }] }));
    const cases: [string, RegExp][] = [
      ['other.json', /Baseline other\.json is neither a SARIF nor a JSON report of azure-ai-security/],
      ['broken.json', /Baseline broken\.json is not JSON/],
      ['foreign.sarif', /has results but no azureAiSecurity\/v1 fingerprints/],
      ['missing.json', /Cannot read the baseline missing\.json: ENOENT/],
    ];
    for (const [file, message] of cases) {
      const r = run(['scan', '.', '--baseline', file], dir);
      assert.equal(r.code, 2, file);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
});
