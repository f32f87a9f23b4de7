import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const BUDGET_MB = 250;

/** Peak resident memory of a process (worker threads included), from /proc while it runs. */
function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

test(`an audit of 20,000 files stays within ${BUDGET_MB} MB of memory`, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aais-20k-'));
  try {
    for (let d = 0; d < 100; d++) {
      const sub = path.join(dir, `pkg${d}`);
      mkdirSync(sub);
      for (let f = 0; f < 200; f++) {
        const n = d * 200 + f;
        const text =
          n % 10 === 0
            ? `export const c${n} = new AzureKeyCredential("${createHash('md5').update(String(n)).digest('hex')}");\n`
            : `export function f${n}(x: number): number {\n  return x * ${n};\n}\n`;
        writeFileSync(path.join(sub, f % 50 === 0 ? `m${f}.bicep` : `f${f}.ts`), f % 50 === 0 ? `param p${n} string = 'x'\n` : text);
      }
    }
    const child = spawn(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--output', path.join(dir, 'report.json')], { stdio: 'ignore' });
    let peak = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, peakRssMb(child.pid!) ?? 0);
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    assert.equal(code, 1, 'the audit found the seeded keys');
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    assert.equal(report.scannedFiles, 20_000);
    assert.equal(report.summary.error, 1_600); // every tenth file holds a key; every fiftieth is Bicep
    assert.ok(peak > 0, 'peak memory was read');
    assert.ok(peak <= BUDGET_MB, `peak RSS ${peak.toFixed(0)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
