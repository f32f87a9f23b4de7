/**
 * `npm run bench`: the CLI audit against its peers and floors, side by side in one process tree,
 * several runs each (interleaved, so machine noise hits all alike). The headline corpus is real code
 * (`--corpus real`, the default: published npm packages at pinned versions plus Bicep;
 * bench/real-corpus.ts); `--corpus generated` is the seeded stress corpus (bench/corpus.ts).
 * Reports median wall time, CPU, MB/s, peak RSS and findings, the ratios of ours to each, the audit
 * of the corpus doubled (real corpus), and a calibration line (`node -e 0`, a fixed CPU loop) so
 * figures from different machines compare.
 *
 * Usage: node --import tsx bench/run.ts [--corpus real|generated] [--runs N] [--eslint-fraction F] [--megabytes M] [--json FILE]
 * Exits non-zero when a run fails (a tool crashes, or its output cannot be read); missed targets
 * are printed, not fatal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureCorpus, type CorpusInfo } from './corpus.js';
import { ensureDoubled, ensureRealCorpus, type RealCorpusInfo } from './real-corpus.js';

const { patterns: DETECTION_PATTERNS, extensions: SOURCE_EXTENSIONS } = JSON.parse(readFileSync(path.join(__dirname, 'patterns.json'), 'utf8')) as {
  patterns: string[];
  extensions: string[];
};

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, '.bench', 'out');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const CORPUS = arg('--corpus', 'real');
const RUNS = Number(arg('--runs', CORPUS === 'real' ? '3' : '5'));
// ESLint takes ~100× the floor: a sample of the TS/JS files, extrapolated by bytes.
const ESLINT_FRACTION = Number(arg('--eslint-fraction', CORPUS === 'real' ? '0.02' : '0.1'));
const MEGABYTES = Number(arg('--megabytes', '100'));

class BenchFailure extends Error {}

interface Sample {
  seconds: number;
  /** User + system CPU seconds (GNU time). */
  cpu: number;
  rssKiB: number;
}
interface Tool {
  name: string;
  /** Command and arguments; run under /usr/bin/time for peak RSS. */
  command: string[];
  cwd?: string;
  /** Exit codes that mean "ran fine" (linters exit 1 when they find something). */
  okCodes: number[];
  /** Findings of one run, read from its output. */
  findings(stdout: string): number;
  runs: number;
  /** Bytes the tool read: the whole corpus, or its subset. */
  bytes: number;
  /** Wall time is scaled by this to stand for the whole corpus (subset runs). */
  extrapolate?: number;
  note?: string;
  samples: Sample[];
  findingsSeen?: number;
}

function sh(command: string, args: string[], options: { cwd?: string } = {}) {
  return spawnSync(command, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
}

function ensureRipgrep(): boolean {
  if (sh('rg', ['--version']).status === 0) return true;
  if (process.getuid?.() !== 0) {
    console.log('ripgrep (rg) is missing and this is not root: skipping the ripgrep floor (apt-get install -y ripgrep to add it).');
    return false;
  }
  console.log('Installing ripgrep with apt-get…');
  let r = sh('apt-get', ['install', '-y', 'ripgrep']);
  if (r.status !== 0) {
    sh('apt-get', ['update']);
    r = sh('apt-get', ['install', '-y', 'ripgrep']);
  }
  if (r.status !== 0) throw new BenchFailure(`apt-get install ripgrep failed:\n${r.stderr}`);
  return true;
}

function ensureGnuTime(): void {
  if (existsSync('/usr/bin/time')) return;
  if (process.getuid?.() !== 0) throw new BenchFailure('/usr/bin/time (GNU time, for peak RSS) is missing: apt-get install -y time');
  if (sh('apt-get', ['install', '-y', 'time']).status !== 0) {
    sh('apt-get', ['update']);
    if (sh('apt-get', ['install', '-y', 'time']).status !== 0) throw new BenchFailure('apt-get install time failed');
  }
}

function runOnce(tool: Tool): { sample: Sample; stdout: string } {
  const rssFile = path.join(OUT, 'rss.txt');
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, ...tool.command], { cwd: tool.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  if (r.status === null || !tool.okCodes.includes(r.status)) {
    throw new BenchFailure(`${tool.name} failed (exit ${r.status ?? r.signal}):\n${tool.command.join(' ')}\n${(r.stderr ?? '').slice(-3000)}`);
  }
  const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { sample: { seconds, cpu: user! + system!, rssKiB: rss! }, stdout: r.stdout };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function listFiles(dir: string, out: string[] = []): string[] {
  // Same walk for the ESLint subset as the corpus generator wrote it: sorted, deterministic.
  const r = sh('find', [dir, '-type', 'f', '-regextype', 'posix-extended', '-regex', `.*\\.(${SOURCE_EXTENSIONS.filter((e) => !e.startsWith('bicep')).join('|')})`]);
  out.push(...r.stdout.trim().split('\n').sort());
  return out;
}

function main(): number {
  mkdirSync(OUT, { recursive: true });
  ensureGnuTime();
  const hasRg = ensureRipgrep();
  console.log('Building dist/ (node esbuild.mjs --production)…');
  if (sh(process.execPath, ['esbuild.mjs', '--production']).status !== 0) throw new BenchFailure('build failed');

  const real = CORPUS === 'real';
  if (!real && CORPUS !== 'generated') throw new BenchFailure(`--corpus is real or generated, not ${CORPUS}`);
  const corpus: CorpusInfo & Partial<RealCorpusInfo> = real ? ensureRealCorpus(path.join(ROOT, '.bench'), SOURCE_EXTENSIONS) : ensureCorpus(path.join(ROOT, '.bench', 'corpus'), MEGABYTES);
  const corpusDir = corpus.dir;
  const mib = (b: number) => b / 1024 / 1024;
  console.log(
    `Corpus (${CORPUS}): ${corpus.files} files, ${mib(corpus.bytes).toFixed(1)} MiB (${corpus.tsFiles} TS/JS, ${mib(corpus.tsBytes).toFixed(1)} MiB${
      corpus.packages !== undefined ? ` of ${corpus.packages} npm packages; ${corpus.bicepFiles} Bicep, ${mib(corpus.bicepBytes ?? 0).toFixed(1)} MiB` : ''
    }) in ${path.relative(ROOT, corpusDir)}`,
  );
  const doubledDir = path.join(path.dirname(corpusDir), 'corpus-x2');
  if (real) ensureDoubled(corpusDir, doubledDir);

  // ESLint subset: every k-th TS/JS file (ESLint reads no Bicep), extrapolated by bytes.
  const tsFiles = listFiles(corpusDir);
  const step = Math.max(1, Math.round(1 / ESLINT_FRACTION));
  const subset = tsFiles.filter((_, i) => i % step === 0);
  const subsetBytes = subset.reduce((n, f) => n + readFileSync(f).length, 0);

  const extGlob = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const defaultWorkers = Math.max(1, Math.min(2, availableParallelism())); // as parallel-audit.ts's defaultJobs()
  const oursJson = (stdout: string) => {
    const report = JSON.parse(stdout) as { files: Array<{ findings: unknown[] }> };
    return report.files.reduce((n, f) => n + f.findings.length, 0);
  };
  const tools: Tool[] = [
    {
      name: `ours: CLI audit (default: ${defaultWorkers} worker thread${defaultWorkers === 1 ? '' : 's'})`,
      command: [process.execPath, cli, 'scan', corpusDir, '--format', 'json', '--fail-on', 'none'],
      okCodes: [0],
      findings: oursJson,
      runs: RUNS,
      bytes: corpus.bytes,
      samples: [],
    },
    {
      name: 'ours: CLI audit --jobs 1 (one worker thread)',
      command: [process.execPath, cli, 'scan', corpusDir, '--format', 'json', '--fail-on', 'none', '--jobs', '1'],
      okCodes: [0],
      findings: oursJson,
      runs: RUNS,
      bytes: corpus.bytes,
      samples: [],
    },
    {
      name: 'floor: Node read + one regex',
      command: [process.execPath, path.join(ROOT, 'bench', 'floor.mjs'), corpusDir],
      okCodes: [0],
      findings: (s) => Number(s.trim().split(' ')[2]),
      runs: RUNS,
      bytes: corpus.bytes,
      note: 'matches',
      samples: [],
    },
    {
      name: 'floor: Node read only',
      command: [process.execPath, path.join(ROOT, 'bench', 'floor.mjs'), corpusDir, '--read-only'],
      okCodes: [0],
      findings: () => 0,
      runs: RUNS,
      bytes: corpus.bytes,
      samples: [],
    },
    {
      name: 'secretlint 13.0.6 + preset-recommend',
      command: [
        process.execPath,
        path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js'),
        extGlob,
        '--secretlintrcJSON',
        JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
        '--format',
        'json',
        '--no-color',
      ],
      cwd: corpusDir,
      okCodes: [0, 1],
      findings: (s) => (JSON.parse(s) as Array<{ messages: unknown[] }>).reduce((n, f) => n + f.messages.length, 0),
      runs: RUNS,
      bytes: corpus.bytes,
      samples: [],
    },
    {
      name: `ESLint 10 + no-secrets 2.3.3 (1/${step} of TS/JS, extrapolated)`,
      command: [
        process.execPath,
        path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
        '--no-config-lookup',
        '-c',
        path.join(ROOT, 'bench', 'peers', 'eslint.config.mjs'),
        '-f',
        'json',
        '--no-warn-ignored',
        ...subset,
      ],
      okCodes: [0, 1],
      findings: (s) => (JSON.parse(s) as Array<{ messages: unknown[] }>).reduce((n, f) => n + f.messages.length, 0),
      runs: Math.min(RUNS, 3),
      bytes: subsetBytes,
      extrapolate: corpus.tsBytes / subsetBytes,
      note: `TS/JS only; ${subset.length} files measured, time ×${(corpus.tsBytes / subsetBytes).toFixed(1)} for all ${mib(corpus.tsBytes).toFixed(0)} MiB of TS/JS`,
      samples: [],
    },
  ];
  if (real) {
    // The warm-up run fills the cache; every measured run then finds the corpus unchanged.
    const cacheDir = path.join(OUT, 'scan-cache') + path.sep;
    rmSync(cacheDir, { recursive: true, force: true });
    tools.push({
      name: 'ours: CLI audit --cache, warm (corpus unchanged since the last run)',
      command: [process.execPath, cli, 'scan', corpusDir, '--format', 'json', '--fail-on', 'none', '--cache-location', cacheDir],
      okCodes: [0],
      findings: oursJson,
      runs: RUNS,
      bytes: corpus.bytes,
      samples: [],
    });
    tools.push({
      name: `ours: CLI audit of the corpus doubled (two copies, ${defaultWorkers} workers)`,
      command: [process.execPath, cli, 'scan', doubledDir, '--format', 'json', '--fail-on', 'none'],
      okCodes: [0],
      findings: oursJson,
      runs: RUNS,
      bytes: 2 * corpus.bytes,
      samples: [],
    });
  }
  // Calibration: start-up and a fixed single-threaded CPU loop, so figures from other machines compare.
  tools.push(
    { name: 'calibration: node -e 0', command: [process.execPath, '-e', '0'], okCodes: [0], findings: () => 0, runs: RUNS, bytes: 0, samples: [] },
    {
      name: 'calibration: CPU loop (node, 2e8 iterations)',
      command: [process.execPath, '-e', 'let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003; if (x < 0) console.log(x)'],
      okCodes: [0],
      findings: () => 0,
      runs: RUNS,
      bytes: 0,
      samples: [],
    },
  );
  if (hasRg) {
    const rgArgs = [
      '--no-ignore-parent',
      '--count-matches',
      '--no-messages',
      ...SOURCE_EXTENSIONS.flatMap((e) => ['-g', `*.${e}`]),
      ...DETECTION_PATTERNS.flatMap((p) => ['-e', p]),
      corpusDir,
    ];
    const rgFindings = (s: string) =>
      s
        .trim()
        .split('\n')
        .filter(Boolean)
        .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(':') + 1)), 0);
    tools.push(
      {
        name: 'ripgrep, detection patterns, 2 threads',
        command: ['rg', '-j2', ...rgArgs],
        okCodes: [0, 1],
        findings: rgFindings,
        runs: RUNS,
        bytes: corpus.bytes,
        note: 'matches',
        samples: [],
      },
      {
        name: 'ripgrep, detection patterns, 1 thread',
        command: ['rg', '-j1', ...rgArgs],
        okCodes: [0, 1],
        findings: rgFindings,
        runs: RUNS,
        bytes: corpus.bytes,
        note: 'matches',
        samples: [],
      },
    );
  }

  // One warm-up each (page cache, lazy compiles), then interleaved rounds.
  const loadBefore = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`Warm-up, then ${RUNS} interleaved rounds (load average ${loadBefore})…`);
  for (const tool of tools) tool.findingsSeen = tool.findings(runOnce(tool).stdout);
  const maxRuns = Math.max(...tools.map((t) => t.runs));
  for (let round = 0; round < maxRuns; round++) {
    for (const tool of tools) {
      if (round >= tool.runs) continue;
      const { sample, stdout } = runOnce(tool);
      const found = tool.findings(stdout);
      if (found !== tool.findingsSeen) throw new BenchFailure(`${tool.name}: findings changed between runs (${tool.findingsSeen} → ${found})`);
      tool.samples.push(sample);
    }
    process.stdout.write(`  round ${round + 1}/${maxRuns} done\n`);
  }

  // Output of --jobs 1 and the default (workers) must be identical.
  const jobs1 = runOnce(tools[1]!).stdout;
  const jobsN = runOnce(tools[0]!).stdout;
  const identical = jobs1 === jobsN;

  const row = (t: Tool) => {
    const seconds = median(t.samples.map((s) => s.seconds));
    const wall = seconds * (t.extrapolate ?? 1);
    return {
      name: t.name,
      wall,
      mbps: mib(t.bytes) / seconds,
      rss: median(t.samples.map((s) => s.rssKiB)) / 1024,
      cpu: median(t.samples.map((s) => s.cpu)) * (t.extrapolate ?? 1),
      peakRss: Math.max(...t.samples.map((s) => s.rssKiB)) / 1024,
      findings: t.findingsSeen!,
      note: t.note ?? '',
    };
  };
  const rows = tools.map(row);
  const ours = rows[0]!;
  const calibration = rows.filter((r) => r.name.startsWith('calibration'));
  console.log('');
  console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; ${RUNS} runs each (ESLint ${Math.min(RUNS, 3)}), medians.`);
  console.log(
    `Load average before / after: ${loadBefore} / ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`Calibration: node -e 0 ${calibration[0]!.wall.toFixed(3)} s (${calibration[0]!.peakRss.toFixed(0)} MiB); CPU loop ${calibration[1]!.wall.toFixed(3)} s`);
  console.log('');
  console.log('| tool | wall (median) | CPU (median) | MB/s | peak RSS | findings | ours vs it |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    if (r.name.startsWith('calibration')) continue;
    const ratio =
      r === ours || r.name.includes('doubled') || r.name.includes('--cache')
        ? '—'
        : r.wall >= ours.wall
          ? `${(r.wall / ours.wall).toFixed(2)}× faster`
          : `${(ours.wall / r.wall).toFixed(2)}× slower`;
    console.log(
      `| ${r.name} | ${r.wall.toFixed(3)} s | ${r.cpu.toFixed(2)} s | ${r.mbps.toFixed(0)} | ${r.peakRss.toFixed(0)} MiB | ${r.findings}${r.note ? ` (${r.note})` : ''} | ${ratio} |`,
    );
  }
  const secretlint = rows.find((r) => r.name.startsWith('secretlint'))!;
  const floor = rows.find((r) => r.name.startsWith('floor: Node read + one regex'))!;
  const vsSecretlint = secretlint.wall / ours.wall;
  const vsFloor = ours.wall / floor.wall;
  // The audit as users run it (the default); `--jobs 1` shown beside it.
  const auditRss = rows[0]!.peakRss;
  console.log('');
  console.log('Targets (tracked, not asserted):');
  console.log(`  ${vsSecretlint >= 3 ? 'met   ' : 'MISSED'} ≥ 3× faster than secretlint: ${vsSecretlint.toFixed(2)}×`);
  console.log(`  ${vsFloor <= 2 ? 'met   ' : 'MISSED'} within 2× of the Node read + regex floor: ${vsFloor.toFixed(2)}×`);
  const warm = rows.find((r) => r.name.includes('--cache'));
  const readOnly = rows.find((r) => r.name === 'floor: Node read only')!;
  if (warm) {
    const vsRead = warm.wall / readOnly.wall;
    console.log(
      `  ${vsRead <= 1.5 && warm.findings === ours.findings ? 'met   ' : 'MISSED'} warm --cache re-audit within 1.5× of the Node read-only floor: ${vsRead.toFixed(2)}× (same findings: ${warm.findings === ours.findings ? 'yes' : 'NO'})`,
    );
  }
  const doubled = rows.find((r) => r.name.includes('doubled'));
  if (doubled) {
    const scaling = doubled.wall / ours.wall;
    console.log(
      `  ${scaling <= 2.1 ? 'met   ' : 'MISSED'} doubling the corpus at most doubles the time (+5 %): wall ×${scaling.toFixed(2)}, CPU ×${(doubled.cpu / ours.cpu).toFixed(2)}; findings ${doubled.findings} = 2 × ${ours.findings}: ${doubled.findings === 2 * ours.findings ? 'yes' : 'NO'}`,
    );
  }
  console.log(`  ${auditRss <= 250 ? 'met   ' : 'MISSED'} peak RSS ≤ 250 MB (the default audit): ${auditRss.toFixed(0)} MiB; --jobs 1 (one worker): ${rows[1]!.peakRss.toFixed(0)} MiB`);
  console.log(
    `  ${identical && defaultWorkers > 1 ? 'met   ' : 'MISSED'} both cores used (${defaultWorkers} workers by default), output identical to --jobs 1: ${identical ? 'yes' : 'NO'}; the default runs ${(rows[1]!.wall / ours.wall).toFixed(2)}× the speed of --jobs 1`,
  );
  const jsonOut = arg('--json', '');
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ machine: { cores: cpus().length, node: process.version }, corpus, rows, identical }, null, 2));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof BenchFailure ? `bench failed: ${error.message}` : error);
  process.exitCode = 1;
}
