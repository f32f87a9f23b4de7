import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import ignore, { type Ignore } from 'ignore';
import { languageOf } from '../engine/language.js';

/** Folders never worth scanning: dependencies, build output, version control. */
const ALWAYS_SKIPPED = new Set(['node_modules', 'dist', '.git', 'out', '.hg', '.svn']);

export interface Notice {
  path: string;
  message: string;
}

interface Matcher {
  base: string;
  rules: Ignore;
}

/**
 * How long the walk runs before it lets the event loop turn (so a server stays responsive and an
 * audit can be cancelled while a huge tree is listed).
 */
const YIELD_AFTER_MS = 25;

/**
 * Files to analyse below `root` (or `root` itself when it is a file), in a stable order:
 * TS/JS/Bicep files not ignored by any `.gitignore` on the way down nor by `exclude` globs
 * (gitignore syntax, relative to `excludeBase`: the folder of the config file that lists them). Directory symlinks are not followed, as git does not;
 * unreadable folders become notices, never failures. Folders are read synchronously (a promise per
 * folder costs a thread-pool round trip each: most of a walk's time on a tree of small folders), in
 * slices of YIELD_AFTER_MS between which the event loop runs.
 */
export async function discoverFiles(root: string, exclude: readonly string[] = [], notices: Notice[] = [], excludeBase: string = root): Promise<string[]> {
  const files: string[] = [];
  const rootStat = statSync(root);
  if (rootStat.isFile()) return languageOf(root) ? [root] : [];
  const excluded = ignore().add([...exclude]);
  let sliceStart = performance.now();
  const walk = async (dir: string, matchers: Matcher[]): Promise<void> => {
    if (performance.now() - sliceStart > YIELD_AFTER_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      notices.push({ path: dir, message: `Folder not scanned: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    const local = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? readGitignore(dir, notices) : undefined;
    const active = local ? [...matchers, { base: dir, rules: local }] : matchers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      const relToBase = path.relative(excludeBase, full).split(path.sep).join('/');
      if (relToBase && !relToBase.startsWith('..') && excluded.ignores(isDir ? `${relToBase}/` : relToBase)) continue;
      if (isIgnored(active, full, isDir)) continue;
      if (isDir) await walk(full, active);
      else if ((entry.isFile() || entry.isSymbolicLink()) && languageOf(entry.name)) files.push(full);
    }
  };
  await walk(root, []);
  return files;
}

function readGitignore(dir: string, notices: Notice[]): Ignore | undefined {
  try {
    return ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8'));
  } catch (error) {
    notices.push({ path: path.join(dir, '.gitignore'), message: `Could not read .gitignore: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return undefined;
  }
}

/**
 * As git decides: the deepest `.gitignore` with a rule for the path wins, so a nested `!*.js`
 * re-includes what a parent's `*.js` ignored.
 */
function isIgnored(matchers: readonly Matcher[], full: string, isDir: boolean): boolean {
  for (let i = matchers.length - 1; i >= 0; i--) {
    const m = matchers[i]!;
    const rel = path.relative(m.base, full).split(path.sep).join('/');
    if (!rel) continue;
    const verdict = m.rules.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
