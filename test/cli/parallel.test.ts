import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const HEX_KEY = '9b74c9897bac770ffc029102a200c5de';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A tree of several hundred files: findings, clean files, Bicep, a syntax error, a binary and an oversized file. */
function generateTree(dir: string): number {
  let count = 0;
  const write = (rel: string, text: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
    count++;
  };
  for (let i = 0; i < 420; i++) {
    const pkg = `pkg-${i % 7}`;
    switch (i % 6) {
      case 0:
        write(
          `${pkg}/src/client-${i}.ts`,
          `import { AzureKeyCredential } from "@azure/core-auth";\nimport { SearchClient } from "@azure/search-documents";\nexport const c${i} = new SearchClient("https://s${i}.search.windows.net", "idx", new AzureKeyCredential(${i % 12 === 0 ? `"${HEX_KEY}"` : 'process.env.SEARCH_KEY ?? ""'}));\n`,
        );
        break;
      case 1:
        write(`${pkg}/src/util-${i}.js`, `export function f${i}(a) {\n  return a * ${i};\n}\n`);
        break;
      case 2:
        write(
          `${pkg}/infra/main-${i}.bicep`,
          `param location string = resourceGroup().location\nresource ai${i} 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'ai-${i}'\n  location: location\n  kind: 'OpenAI'\n  sku: { name: 'S0' }\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n`,
        );
        break;
      case 3:
        write(
          `${pkg}/src/openai-${i}.ts`,
          `import { AzureOpenAI } from "openai";\nexport const client = new AzureOpenAI({ endpoint: "http://x${i}.openai.azure.com", apiKey: process.env.KEY, apiVersion: "2024-10-21" });\n`,
        );
        break;
      case 4:
        write(`${pkg}/src/broken-${i}.bicep`, `resource x 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${i}'\n  properties: {\n`);
        break;
      default:
        write(`${pkg}/src/component-${i}.tsx`, `export const C${i} = () => <div title="c${i}">{${i}}</div>;\n`);
    }
  }
  write('pkg-0/src/blob.ts', Buffer.from([0x63, 0x6f, 0x00, 0x01]));
  write('pkg-1/src/big.ts', `export const big = "${'a'.repeat(3000)}";\n`);
  // An azd project (modules, azure.yaml, code linked to an account that rejects keys): the pass across files.
  cpSync(path.join(ROOT, 'test', 'fixtures', 'workspaces', 'azd-app'), path.join(dir, 'pkg-7'), { recursive: true });
  return count;
}

describe('CLI parallel audit', () => {
  let dir: string;
  let files: number;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aais-parallel-'));
    // A repository: fingerprints use paths from its root, whichever package is scanned.
    mkdirSync(path.join(dir, '.git'));
    files = generateTree(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the worker bundle sits next to the CLI bundle', () => {
    assert.ok(existsSync(path.join(ROOT, 'dist', 'audit-worker.js')), 'npm run build emits dist/audit-worker.js');
  });

  test('the report of the whole tree (on workers, also the pass across files) is the reports of its packages (each small enough for one thread) put together', () => {
    // Big enough for the azd project's main.bicep, not for big.ts.
    const common = ['--format', 'json', '--fail-on', 'none', '--max-file-size', '2900'];
    const whole = run(['scan', dir, ...common]);
    assert.equal(whole.code, 0, whole.stderr);
    type Report = {
      files: Array<{ path: string; findings?: Array<{ ruleId: string }> }>;
      notices: Array<{ path: string }>;
      scannedFiles: number;
      summary: Record<string, number>;
      fingerprints: string;
    };
    const parts = Array.from({ length: 8 }, (_, i) => {
      const r = run(['scan', path.join(dir, `pkg-${i}`), ...common]);
      assert.equal(r.code, 0, r.stderr);
      // Paths are relative to the folder scanned: make them relative to the tree (fingerprints already are).
      const part = JSON.parse(r.stdout) as Report;
      const rebase = <T extends { path: string }>(x: T): T => ({ ...x, path: `pkg-${i}/${x.path}` });
      return { ...part, files: part.files.map(rebase), notices: part.notices.map(rebase) };
    });
    assert.ok(
      parts.every((p) => p.scannedFiles < 300),
      'each package is scanned on the main thread',
    );
    const joined: Report = {
      fingerprints: parts[0]!.fingerprints,
      scannedFiles: parts.reduce((n, p) => n + p.scannedFiles, 0),
      summary: Object.fromEntries(Object.keys(parts[0]!.summary).map((k) => [k, parts.reduce((n, p) => n + p.summary[k]!, 0)])),
      files: parts.flatMap((p) => p.files),
      notices: parts.flatMap((p) => p.notices),
    };
    const report = JSON.parse(whole.stdout) as Report;
    assert.ok(report.scannedFiles >= 300, 'the whole tree goes to the workers');
    // Judged with the workspace in view: code whose key the linked account rejects (docs/rules/key-auth-rejected.md).
    assert.deepEqual(
      report.files.find((f) => f.path === 'pkg-7/src/api/chat.ts')?.findings?.map((f) => f.ruleId),
      ['key-auth-rejected'],
    );
    assert.deepEqual(report, joined);
  });

  test('--jobs 1 and the default (worker threads) print the same JSON report', () => {
    assert.ok(files > 300, 'the tree is big enough for the parallel path');
    const common = ['scan', dir, '--format', 'json', '--fail-on', 'none', '--max-file-size', '2048'];
    const single = run([...common, '--jobs', '1']);
    const parallel = run(common);
    const two = run([...common, '--jobs', '2']);
    const many = run([...common, '--jobs', '5']);
    for (const r of [single, parallel, two, many]) assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(single.stdout) as { files: Array<{ findings: unknown[] }>; notices: unknown[]; scannedFiles: number };
    assert.ok(report.files.length > 50, 'files with findings are reported');
    assert.ok(report.notices.length >= 2, 'skipped files and syntax errors are notices');
    assert.equal(parallel.stdout, single.stdout);
    assert.equal(two.stdout, single.stdout);
    assert.equal(many.stdout, single.stdout);
  });

  test('with --cache on workers, the first scan keeps every file (also those handed to the compiler worker) and the second analyses none', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'aais-parallel-cache-'));
    try {
      const common = ['scan', dir, '--format', 'json', '--fail-on', 'none', '--max-file-size', '2048', '--cache-location', `${cacheDir}${path.sep}`];
      const plain = run(common.slice(0, -2));
      const first = run(common);
      const second = run(common);
      for (const r of [plain, first, second]) assert.equal(r.code, 0, r.stderr);
      const scanned = (JSON.parse(plain.stdout) as { scannedFiles: number }).scannedFiles;
      assert.match(first.stderr, new RegExp(`: 0 unchanged files reused, ${scanned} analysed\\.`));
      assert.match(second.stderr, new RegExp(`: ${scanned} unchanged files reused, 0 analysed\\.`));
      assert.equal(first.stdout, plain.stdout);
      assert.equal(second.stdout, plain.stdout);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('a file whose syntax tree outgrows a worker heap is analysed on the main thread, and the rest of the tree still on workers', () => {
    const common = ['scan', dir, '--format', 'json', '--fail-on', 'none'];
    const without = run(common);
    assert.equal(without.code, 0, without.stderr);
    // 1M array elements: a tree well over the workers' 96 MB old generation (the worker dies of
    // ERR_WORKER_OUT_OF_MEMORY), in a file under the default 2 MiB size limit.
    const huge = path.join(dir, 'pkg-3', 'src', 'huge.ts');
    const head = `import { AzureKeyCredential } from "@azure/core-auth";\nexport const c = new AzureKeyCredential("${HEX_KEY}");\nexport const big = [`;
    writeFileSync(huge, `${head}${'1,'.repeat(1_000_000)}1];\n`);
    try {
      for (const jobs of [['--jobs', '1'], []]) {
        const r = run([...common, ...jobs]);
        assert.equal(r.code, 0, r.stderr);
        type Report = { files: Array<{ path: string; findings: Array<{ ruleId: string }> }>; scannedFiles: number };
        const report = JSON.parse(r.stdout) as Report;
        const before = JSON.parse(without.stdout) as Report;
        assert.equal(report.scannedFiles, before.scannedFiles + 1, 'every file is scanned');
        const hugeResult = report.files.find((f) => f.path.endsWith('huge.ts'));
        assert.deepEqual(
          hugeResult?.findings.map((f) => f.ruleId),
          ['hardcoded-key'],
        );
        assert.deepEqual(
          report.files.filter((f) => f !== hugeResult),
          before.files,
        );
      }
    } finally {
      rmSync(huge);
    }
  });

  test('--jobs takes a positive whole number', () => {
    const r = run(['scan', dir, '--jobs', '0']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs needs a positive whole number/);
  });
});
