import { promises as fs, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
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

/** How long a synchronous walk runs before it lets the event loop turn. */
const YIELD_AFTER_MS = 25;

export interface DiscoverOptions {
  /**
   * Read folders synchronously, in slices of YIELD_AFTER_MS between which the event loop runs: a
   * promise per folder costs a thread-pool round trip each, most of a walk's time on a tree of small
   * folders. For the CLI; the language server reads asynchronously, so that a slow or hung network
   * folder stalls only its audit, never diagnostics.
   */
  synchronous?: boolean;
  /** Called each time a file is found, with the list found so far: the same array the walk returns, growing. */
  onFound?(found: readonly string[]): void;
}

/**
 * Files to analyse below `root` (or `root` itself when it is a file), in a stable order:
 * TS/JS/Bicep files not ignored by any `.gitignore` on the way down nor by `exclude` globs
 * (gitignore syntax, relative to `excludeBase`: the folder of the config file that lists them). Directory symlinks are not followed, as git does not;
 * unreadable folders become notices, never failures.
 */
export async function discoverFiles(root: string, exclude: readonly string[] = [], notices: Notice[] = [], excludeBase: string = root, options: DiscoverOptions = {}): Promise<string[]> {
  const files: string[] = [];
  const rootStat = options.synchronous ? statSync(root) : await fs.stat(root);
  if (rootStat.isFile()) return languageOf(root) ? [root] : [];
  const excluded = ignore().add([...exclude]);
  const readFolder = options.synchronous ? (dir: string) => readdirSync(dir, { withFileTypes: true }) : (dir: string) => fs.readdir(dir, { withFileTypes: true });
  const readText = options.synchronous ? (file: string) => readFileSync(file, 'utf8') : (file: string) => fs.readFile(file, 'utf8');
  let sliceStart = performance.now();
  const walk = async (dir: string, matchers: Matcher[]): Promise<void> => {
    if (options.synchronous && performance.now() - sliceStart > YIELD_AFTER_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    let entries: Dirent[];
    try {
      entries = await readFolder(dir);
    } catch (error) {
      notices.push({ path: dir, message: `Folder not scanned: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    const local = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? await readGitignore(dir, notices, readText) : undefined;
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
      else if ((entry.isFile() || entry.isSymbolicLink()) && languageOf(entry.name)) {
        files.push(full);
        options.onFound?.(files);
      }
    }
  };
  await walk(root, []);
  return files;
}

async function readGitignore(dir: string, notices: Notice[], readText: (file: string) => string | Promise<string>): Promise<Ignore | undefined> {
  try {
    return ignore().add(await readText(path.join(dir, '.gitignore')));
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
