/**
 * The real-code corpus of `npm run bench`: the TS/JS of published npm packages at pinned versions
 * (bench/real-packages.json: Azure AI SDKs and their dependencies, an Azure management SDK, OpenAI,
 * LangChain, playwright-core, React DOM, Vue, TypeScript's own library files…), installed with npm
 * (`--ignore-scripts`, dependencies as the registry stood at the file's `before` date) into
 * `.bench/real/install`, plus Bicep: the seeded generator's modules and its azd-shaped templates
 * (bench/corpus.ts: main.bicep calling core/ modules, main.parameters.json, main.bicepparam). Nothing of it is committed; it is rebuilt only when its stamp changes.
 *
 * The source files are copied into `.bench/real/corpus` so every tool sees the same tree: only files
 * with the bench's source extensions, folders every scanner skips by name renamed (`node_modules` →
 * `node_modules_`, `dist` → `dist_`, …; a leading dot → `_`), since the packages' code lives in them.
 * `doubled` makes a tree of two hard-linked copies, for the scaling target.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeAzdTemplates, writeGeneratedBicep } from './corpus.js';

const CORPUS_VERSION = 1;
const GENERATED_BICEP_MB = 8;
const AZD_PROJECTS = 40;

interface PackageList {
  before: string;
  dependencies: Record<string, string>;
  /** Installed (as dependencies of the packages above) but left out of the corpus, with the reason. */
  leftOut: Record<string, string>;
}

export interface RealCorpusInfo {
  dir: string;
  files: number;
  bytes: number;
  tsFiles: number;
  tsBytes: number;
  /** TS/JS bytes by package (top-level folder of node_modules, scoped packages as `@scope/name`). */
  packages: number;
  bicepFiles: number;
  bicepBytes: number;
}

/** Folder names scanners skip (ours: workspace/discover.ts's ALWAYS_SKIPPED; secretlint's globs skip dot folders). */
const SKIPPED_NAMES = new Set(['node_modules', 'dist', 'out', '.git', '.hg', '.svn', 'build']);

function renamed(segment: string): string {
  if (SKIPPED_NAMES.has(segment)) return `${segment.replace(/^\./, '_')}_`;
  return segment.startsWith('.') ? `_${segment.slice(1)}` : segment;
}

export function ensureRealCorpus(benchDir: string, extensions: readonly string[], log: (line: string) => void = console.log): RealCorpusInfo {
  const listFile = path.join(__dirname, 'real-packages.json');
  const listText = readFileSync(listFile, 'utf8');
  const list = JSON.parse(listText) as PackageList;
  const root = path.join(benchDir, 'real');
  const install = path.join(root, 'install');
  const dir = path.join(root, 'corpus');
  const stampFile = path.join(dir, '.stamp.json');
  const stamp = createHash('sha256')
    .update(`${CORPUS_VERSION}\0${listText}\0${GENERATED_BICEP_MB}\0${AZD_PROJECTS}\0${readFileSync(path.join(__dirname, 'corpus.ts'), 'utf8')}`)
    .digest('hex');
  if (existsSync(stampFile)) {
    const previous = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp: string; info: RealCorpusInfo };
    if (previous.stamp === stamp) return { ...previous.info, dir };
  }

  const installStamp = path.join(install, '.installed');
  if (!existsSync(installStamp) || readFileSync(installStamp, 'utf8') !== listText) {
    log(`Installing ${Object.keys(list.dependencies).length} npm packages (pinned, --ignore-scripts) into ${path.relative(process.cwd(), install)}…`);
    rmSync(install, { recursive: true, force: true });
    mkdirSync(install, { recursive: true });
    writeFileSync(path.join(install, 'package.json'), JSON.stringify({ name: 'bench-real-corpus', private: true, dependencies: list.dependencies }, null, 2));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `--before=${list.before}`], {
      cwd: install,
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`npm install of the real-code corpus failed (exit ${r.status ?? r.signal})`);
    writeFileSync(installStamp, listText);
  }

  rmSync(dir, { recursive: true, force: true });
  const sourceExtensions = new Set(extensions.map((e) => `.${e}`));
  const info: RealCorpusInfo = { dir, files: 0, bytes: 0, tsFiles: 0, tsBytes: 0, packages: 0, bicepFiles: 0, bicepBytes: 0 };
  const leftOut = new Set(Object.keys(list.leftOut));
  const copy = (from: string, to: string) => {
    for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) copy(source, path.join(to, renamed(entry.name)));
      else if (entry.isFile() && sourceExtensions.has(path.extname(entry.name)) && !entry.name.startsWith('.')) {
        mkdirSync(to, { recursive: true });
        copyFileSync(source, path.join(to, entry.name));
        const bytes = statSync(source).size;
        info.files++;
        info.bytes += bytes;
        info.tsFiles++;
        info.tsBytes += bytes;
      }
    }
  };
  const modules = path.join(install, 'node_modules');
  for (const name of readdirSync(modules).sort()) {
    if (name.startsWith('.')) continue;
    const names = name.startsWith('@') ? readdirSync(path.join(modules, name)).map((n) => `${name}/${n}`) : [name];
    for (const pkg of names) {
      if (leftOut.has(pkg)) continue;
      info.packages++;
      copy(path.join(modules, pkg), path.join(dir, 'npm', ...pkg.split('/')));
    }
  }
  const bicep = writeGeneratedBicep(path.join(dir, 'infra', 'generated'), GENERATED_BICEP_MB);
  writeAzdTemplates(path.join(dir, 'azd'), AZD_PROJECTS);
  // Count what was written for azd (TS and Bicep) by walking it.
  const count = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) count(full);
      else if (sourceExtensions.has(path.extname(entry.name))) {
        const bytes = statSync(full).size;
        info.files++;
        info.bytes += bytes;
        if (entry.name.endsWith('.bicep') || entry.name.endsWith('.bicepparam')) {
          info.bicepFiles++;
          info.bicepBytes += bytes;
        } else {
          info.tsFiles++;
          info.tsBytes += bytes;
        }
      }
    }
  };
  count(path.join(dir, 'azd'));
  info.files += bicep.files;
  info.bytes += bicep.bytes;
  info.bicepFiles += bicep.files;
  info.bicepBytes += bicep.bytes;
  writeFileSync(stampFile, JSON.stringify({ stamp, info }));
  return info;
}

/** Two hard-linked copies of `dir` side by side (`a/`, `b/`) in `target`: the corpus doubled, for the scaling target. */
export function ensureDoubled(dir: string, target: string): void {
  const stampFile = path.join(dir, '.stamp.json');
  const targetStamp = path.join(target, '.stamp.json');
  if (existsSync(targetStamp) && readFileSync(targetStamp, 'utf8') === readFileSync(stampFile, 'utf8')) return;
  rmSync(target, { recursive: true, force: true });
  const link = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.name === '.stamp.json') continue;
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) link(source, path.join(to, entry.name));
      else linkSync(source, path.join(to, entry.name));
    }
  };
  link(dir, path.join(target, 'a'));
  link(dir, path.join(target, 'b'));
  copyFileSync(stampFile, targetStamp);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const { extensions } = JSON.parse(readFileSync(path.join(__dirname, 'patterns.json'), 'utf8')) as { extensions: string[] };
  const start = Date.now();
  const info = ensureRealCorpus(path.join(__dirname, '..', '.bench'), extensions);
  const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
  console.log(
    `${info.files} files, ${mib(info.bytes)} MiB: ${info.tsFiles} TS/JS (${mib(info.tsBytes)} MiB) of ${info.packages} packages, ${info.bicepFiles} Bicep (${mib(info.bicepBytes)} MiB) — ${Date.now() - start} ms`,
  );
}
