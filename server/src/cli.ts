import { existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { setCompileCacheFolder, writePendingCompileCache } from './compile-cache.js';
import { RULES } from './engine/rules/index.js';
import type { Severity } from './engine/types.js';
import { applyFixes } from './cli/apply-fixes.js';
import { parseArgs, UsageError, USAGE, type FailOn, type ScanOptions } from './cli/args.js';
import { packageManifest } from './docs.js';
import { BaselineError, FindingStates, parseBaseline, type BaselineEntry } from './report/baseline.js';
import { countBySeverity } from './report/counts.js';
import { publicLinks } from './report/public-links.js';
import { formatSarif } from './report/sarif.js';
import { formatJson, formatText } from './report/text.js';
import { cliSettings } from './workspace/audit-settings.js';
import { runAudit } from './workspace/audit.js';
import { ConfigResolver, isInside } from './workspace/config-resolver.js';
import { DEFAULT_MAX_FILE_BYTES } from './workspace/read-source.js';
import { userCacheFolder } from './workspace/user-cache.js';
import { AuditCache, cacheFileAt, DEFAULT_CACHE_LOCATION, engineDigest } from './workspace/audit-cache.js';
import type { Notice } from './workspace/discover.js';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const FAIL_RANK: Record<FailOn, number> = { info: 1, warning: 2, error: 3, none: Infinity };

/** The nearest folder at or above `dir` holding `.git`: where SARIF paths and fingerprints start. */
function repositoryRoot(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

async function readBaseline(file: string): Promise<BaselineEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`Cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseBaseline(text, file);
}

async function scan(options: ScanOptions, stdout: (s: string) => void, stderr: (line: string) => void): Promise<number> {
  // Read first: a bad baseline is a usage error before minutes of scanning.
  const baseline = options.baseline !== undefined ? await readBaseline(options.baseline) : undefined;
  const roots = options.paths.map((p) => path.resolve(p));
  const isFolder = roots.map((root) => {
    try {
      return statSync(root).isDirectory();
    } catch {
      throw new UsageError(`Path not found: ${root}`);
    }
  });
  const baseDir = roots.length === 1 && isFolder[0] ? roots[0]! : process.cwd();
  // Each file's settings come from the nearest config file up to the repository root (README, Configuration).
  const boundaries = roots.map((root, i) => (isFolder[i] ? root : path.dirname(root)));
  const resolver = new ConfigResolver({
    boundaries,
    onProblems: (file, problems) => {
      for (const p of problems) stderr(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
    },
  });
  // Cache problems go to stderr, not into the report: a report is the same with the cache or without.
  const cacheNotices: Notice[] = [];
  const cache =
    options.cache && !options.fix
      ? AuditCache.load(
          path.resolve(cacheFileAt(options.cacheLocation ?? `${DEFAULT_CACHE_LOCATION}${path.sep}`)),
          engineDigest([__filename, path.join(__dirname, 'audit-worker.js')], VERSION),
          cacheNotices,
        )
      : undefined;
  const audit = {
    cache,
    settingsFor: cliSettings(resolver, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES),
    onListing: (dir: string, names: ReadonlySet<string>) => resolver.noteListing(dir, names),
    jobs: options.jobs,
    keepText: options.fix,
    synchronousIo: true,
  };
  // The TypeScript compiler (main thread and workers) loads from a V8 code cache in the user's cache folder.
  setCompileCacheFolder(userCacheFolder());
  let result = await runAudit(roots, audit);
  writePendingCompileCache();
  if (cache && !result.cancelled) {
    cache.save(cacheNotices);
    stderr(
      `azure-ai-security: cache ${path.relative(process.cwd(), cache.file!) || cache.file}: ${cache.hits} unchanged file${cache.hits === 1 ? '' : 's'} reused, ${cache.misses} analysed.`,
    );
  }
  for (const n of cacheNotices) stderr(`azure-ai-security: ${n.path}: ${n.message}`);
  if (options.fix) {
    // A moved key goes to the `.env` of the scanned folder the file was found in.
    const folderOf = (file: string) => boundaries.find((b) => isInside(file, b)) ?? path.dirname(file);
    const configOf = async (file: string) => (await audit.settingsFor(path.dirname(file))).engine;
    const changed = await applyFixes(result.files, folderOf, configOf, result.notices);
    if (changed.length > 0) {
      stderr(`Fixed ${changed.length} file${changed.length === 1 ? '' : 's'}; reporting what is left.`);
      const again = await runAudit(changed, { ...audit, model: result.model });
      const fixed = new Set(changed);
      result = { ...result, files: [...result.files.filter((f) => !fixed.has(f.path)), ...again.files].sort((a, b) => a.path.localeCompare(b.path)) };
    }
  }
  // Paths in SARIF and in fingerprints start at the repository root, so a baseline matches whichever
  // folder of the repository is scanned, and GitHub finds the files.
  const sourceRoot = repositoryRoot(baseDir) ?? baseDir;
  const states = new FindingStates(result, sourceRoot, baseline);
  const output =
    options.format === 'sarif'
      ? formatSarif(result, baseDir, VERSION, { states, links: publicLinks(packageManifest()) })
      : options.format === 'json'
        ? formatJson(result, baseDir, states)
        : formatText(result, baseDir, states);
  if (options.writeBaseline) {
    await fs.mkdir(path.dirname(path.resolve(options.writeBaseline)), { recursive: true });
    await fs.writeFile(options.writeBaseline, formatJson(result, baseDir, new FindingStates(result, sourceRoot)));
    const total = result.files.reduce((n, f) => n + f.findings.length, 0);
    stderr(`Wrote a baseline of ${total} finding${total === 1 ? '' : 's'} to ${options.writeBaseline}.`);
  }
  if (options.output) {
    await fs.mkdir(path.dirname(path.resolve(options.output)), { recursive: true });
    await fs.writeFile(options.output, output);
    const counts = countBySeverity(result);
    const compared = baseline ? `; ${counts.error + counts.warning + counts.info - states.baselinedCount} new, ${states.baselinedCount} baselined, ${states.fixed.length} fixed` : '';
    stderr(`Wrote ${options.format} report to ${options.output} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info${compared}).`);
  } else {
    stdout(output);
  }
  const threshold = FAIL_RANK[options.failOn];
  // Baselined findings never fail the gate: only new ones do.
  const failing = result.files.some((f) => f.findings.some((finding) => states.isNew(finding) && SEVERITY_RANK[finding.severity] >= threshold));
  // A rule that crashed means the gate did not really look: never a silent pass.
  const crashed = result.files.filter((f) => f.ruleFailures.length > 0).length;
  if (crashed > 0 && !failing) {
    stderr(`azure-ai-security: ${crashed} file${crashed === 1 ? '' : 's'} could not be fully analysed (a rule failed; see the notices).`);
    return 2;
  }
  return failing ? 1 : 0;
}

export async function main(argv: readonly string[], stdout = (s: string) => void process.stdout.write(s), stderr = (line: string) => console.error(line)): Promise<number> {
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'help':
        stdout(`${USAGE}\n`);
        return 0;
      case 'version':
        stdout(`${VERSION}\n`);
        return 0;
      case 'rules':
        for (const r of RULES) stdout(`${r.id.padEnd(28)} ${r.severity.padEnd(8)} ${r.languages.join(',').padEnd(28)} ${r.docs.summary}\n`);
        return 0;
      case 'scan':
        return await scan(command.options, stdout, stderr);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`azure-ai-security: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof BaselineError) {
      stderr(`azure-ai-security: ${error.message}`);
      return 2;
    }
    stderr(`azure-ai-security: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  }
}

if (require.main === module) {
  // A reader that stops early (`… | head`) closes the pipe (EPIPE; EOF on Windows): the rest of the
  // report has nowhere to go, which is not a failure of the scan (its exit code stands). Any other
  // write error is one.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'EOF') return;
    console.error(`azure-ai-security: cannot write the report: ${error.message}`);
    process.exit(2);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
