import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

/**
 * Robustness of Bicep across files (docs/rules/README.md, "Across files") on generated module
 * graphs: cycles, a module calling itself, a chain 100 deep, 5,000 callers of one module, missing
 * and unreadable targets, and 2,000 files where modules share modules. Each audit ends, with the
 * findings at the callers within 16 calls and none beyond, and the 2,000-file one within 250 MB.
 */
const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const BUDGET_MB = 250;
const RULE = 'local-auth-enabled';

interface Report {
  scannedFiles: number;
  files: Array<{ path: string; findings: Array<{ ruleId: string; message: string; range: { start: { line: number; character: number } } }> }>;
  notices: Array<{ path: string; message: string }>;
}

let scratch: string;
/** Loaded into the CLI before it runs: writes the process' peak resident memory (worker threads included) when it exits. */
let peakProbe: string;

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'aais-module-graph-'));
  peakProbe = path.join(scratch, 'peak-rss.cjs');
  writeFileSync(
    peakProbe,
    `const { isMainThread } = require('node:worker_threads');
if (isMainThread) process.on('exit', () => require('node:fs').writeFileSync(process.env.AAIS_PEAK_FILE, String(process.resourceUsage().maxRSS)));
`,
  );
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh folder holding `files` (path → text or bytes). */
function tree(name: string, files: Iterable<[string, string | Buffer]>): string {
  const dir = path.join(scratch, name);
  for (const [rel, content] of files) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** `scan --format json` of `dir`: the report, and the process' peak RSS in MB. */
async function scan(dir: string): Promise<{ report: Report; peakMb: number }> {
  const output = path.join(scratch, `${path.basename(dir)}.json`);
  const peakFile = path.join(scratch, `${path.basename(dir)}.peak`);
  const child = spawn(process.execPath, ['--require', peakProbe, CLI, 'scan', dir, '--format', 'json', '--fail-on', 'none', '--output', output], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, AAIS_PEAK_FILE: peakFile },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.match(stderr, /^Wrote json report to .* \(\d+ errors, \d+ warnings, \d+ info\)\.\n$/, 'nothing but the summary on stderr');
  return { report: JSON.parse(readFileSync(output, 'utf8')) as Report, peakMb: Number(readFileSync(peakFile, 'utf8')) / 1024 };
}

/** An AI account whose `disableLocalAuth` is the module's param of that name. */
const account = (symbol: string) => `resource ${symbol} 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: '${symbol}'
  location: 'eastus'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { disableLocalAuth: disableLocalAuth }
}
`;
const call = (symbol: string, target: string, value: string) => `module ${symbol} '${target}' = {
  name: '${symbol}'
  params: { disableLocalAuth: ${value} }
}
`;

/** The findings of RULE as `file:line account`, sorted. */
function localAuth(report: Report): string[] {
  return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === RULE).map((x) => `${f.path}:${x.range.start.line + 1} ${/account '(\w+)'/.exec(x.message)?.[1]}`)).sort();
}

describe('Bicep module graphs: no hang, no crash, findings within 16 calls', () => {
  test('a chain of 100 modules: main.bicep gets the findings of the first 16 modules, nothing deeper is guessed', async () => {
    const files: Array<[string, string]> = [['main.bicep', call('m1', './m1.bicep', 'false')]];
    for (let k = 1; k <= 100; k++)
      files.push([`m${k}.bicep`, `param disableLocalAuth bool\n${account(`account${k}`)}${k < 100 ? call(`m${k + 1}`, `./m${k + 1}.bicep`, 'disableLocalAuth') : ''}`]);
    const { report } = await scan(tree('chain', files));
    assert.equal(report.scannedFiles, 101);
    assert.deepEqual(localAuth(report), Array.from({ length: 16 }, (_, i) => `main.bicep:3 account${i + 1}`).sort());
    assert.deepEqual(report.notices, []);
  });

  test('5,000 callers of one module: one finding at each caller that passes false, none in the module', async () => {
    const files: Array<[string, string]> = [['core/ai/account.bicep', `param disableLocalAuth bool = false\n${account('account')}`]];
    for (let k = 0; k < 5000; k++) files.push([`apps/app${k}.bicep`, call('ai', '../core/ai/account.bicep', k % 2 === 0 ? 'false' : 'true')]);
    const { report } = await scan(tree('callers', files));
    assert.equal(report.scannedFiles, 5001);
    const found = localAuth(report);
    assert.equal(found.length, 2500);
    assert.ok(
      found.every((f) => /^apps\/app\d*[02468]\.bicep:3 account$/.test(f)),
      'each at the false an even-numbered caller passes',
    );
    assert.deepEqual(report.notices, []);
  });

  test('cycles, a module calling itself, a missing, a binary and a mis-encoded target: findings where known, a notice for each of the rest', async () => {
    const caller = (target: string, symbol: string) => call(symbol, target, 'false');
    const dir = tree('edges', [
      ['main.bicep', caller('./missing.bicep', 'gone') + caller('./binary.bicep', 'bin') + caller('./latin1.bicep', 'latin') + caller('./a.bicep', 'ring')],
      ['a.bicep', `param disableLocalAuth bool = false\n${call('b', './b.bicep', 'disableLocalAuth')}${account('accountA')}`],
      ['b.bicep', `param disableLocalAuth bool = false\n${call('a', './a.bicep', 'disableLocalAuth')}${account('accountB')}`],
      ['self.bicep', `param disableLocalAuth bool = false\n${call('again', './self.bicep', 'true')}${account('accountS')}`],
      ['binary.bicep', Buffer.from('param disableLocalAuth bool\n\0\u0001\u0002', 'utf8')],
      ['latin1.bicep', Buffer.concat([Buffer.from('param disableLocalAuth bool\n// caf'), Buffer.from([0xe9, 0x0a]), Buffer.from(account('accountL'))])],
    ]);
    const { report } = await scan(dir);
    // Round the cycle once from main.bicep; the mis-encoded file is still Bicep text.
    assert.deepEqual(localAuth(report), ['main.bicep:11 accountL', 'main.bicep:15 accountA', 'main.bicep:15 accountB']);
    assert.deepEqual(
      report.notices.map((n) => `${n.path}: ${n.message}`),
      [
        'binary.bicep: Skipped: binary file.',
        "main.bicep: Module 'gone' targets './missing.bicep', which is not a file of the workspace: not analysed.",
        "main.bicep: Module 'bin' targets './binary.bicep', which could not be read as a Bicep template: not analysed.",
        'a.bicep: Module cycle a.bicep → b.bicep → a.bicep: Bicep cannot deploy it, and values passed around it are not analysed.',
        'self.bicep: Module cycle self.bicep → self.bicep: Bicep cannot deploy it, and values passed around it are not analysed.',
      ],
    );
  });

  test(`2,000 modules sharing modules (20 layers, each module calling two of the next): findings 16 calls deep, none beyond, within ${BUDGET_MB} MB`, async (t) => {
    // Layer 0 decides the value (a var); every other layer passes on its param. Without sharing
    // the analyses of a module reached by several paths, each root would analyse 2^16 calls.
    const withAccount = new Set([4, 16, 17, 19]);
    const files: Array<[string, string]> = [];
    for (let layer = 0; layer < 20; layer++) {
      for (let i = 0; i < 100; i++) {
        const head = layer === 0 ? `var disableLocalAuth = ${i % 2 === 0 ? 'false' : 'true'}\n` : 'param disableLocalAuth bool\n';
        const calls = layer < 19 ? call('a', `../l${layer + 1}/f${i}.bicep`, 'disableLocalAuth') + call('b', `../l${layer + 1}/f${(i + 1) % 100}.bicep`, 'disableLocalAuth') : '';
        files.push([`l${layer}/f${i}.bicep`, head + (withAccount.has(layer) ? account(`account${layer}x${i}`) : '') + calls]);
      }
    }
    const { report, peakMb } = await scan(tree('layers', files));
    assert.equal(report.scannedFiles, 2000);
    const found = localAuth(report);
    // Each root that passes false: through call a, the k accounts of layer k it reaches (k = 4, 16); through call b as many.
    assert.equal(found.length, 50 * 2 * (4 + 16));
    assert.ok(
      found.every((f) => /^l0\/f\d*[02468]\.bicep:\d+ account(4|16)x\d+$/.test(f)),
      found.find((f) => !/^l0\/f\d*[02468]\.bicep:\d+ account(4|16)x\d+$/.test(f)),
    );
    assert.deepEqual(report.notices, []);
    t.diagnostic(`peak RSS ${peakMb.toFixed(0)} MB`);
    assert.ok(peakMb > 0 && peakMb <= BUDGET_MB, `peak RSS ${peakMb.toFixed(0)} MB`);
  });
});
