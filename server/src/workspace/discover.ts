import { promises as fs, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import ignore, { type Ignore } from 'ignore';
import { configLanguageOf, languageOf } from '../engine/language.js';
import { ASYNC_IO, GitIgnores, SYNC_IO } from './git-ignore.js';
import { isExcluded, type FolderSettings, type SettingsForFolder } from './audit-settings.js';

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
  /** What governs each folder's files: its exclude globs, whether analysis is on. Asked once per folder. */
  settingsFor: SettingsForFolder;
  /** Told what each folder listing holds, so config lookups need not ask the disk again. */
  onListing?: (dir: string, names: ReadonlySet<string>) => void;
  /**
   * Read folders synchronously, in slices of YIELD_AFTER_MS between which the event loop runs: a
   * promise per folder costs a thread-pool round trip each, most of a walk's time on a tree of small
   * folders. For the CLI; the language server reads asynchronously, so that a slow or hung network
   * folder stalls only its audit, never diagnostics.
   */
  synchronous?: boolean;
  /** Called each time a file is found, with the list found so far: the same array the walk returns, growing. */
  onFound?(found: readonly DiscoveredFile[]): void;
}

/** A file to analyse, and the settings of its folder. */
export interface DiscoveredFile {
  path: string;
  settings: FolderSettings;
}

/**
 * Files to analyse below `root` (or `root` itself when it is a file), in a stable order:
 * TS/JS/Bicep files and config files (`.env`, `local.settings.json`, `appsettings*.json`) not ignored
 * by any `.gitignore` on the way down nor by the exclude globs of the folder they are in
 * (`settingsFor`), in folders where analysis is enabled. A config file git ignores is where a local
 * key belongs: it is skipped too, judged by every `.gitignore` up to its repository's root, also
 * those above `root` (`GitIgnores`). Directory symlinks are not followed, as git does not;
 * unreadable folders become notices, never failures.
 */
export async function discoverFiles(root: string, notices: Notice[], options: DiscoverOptions): Promise<DiscoveredFile[]> {
  const files: DiscoveredFile[] = [];
  const rootStat = options.synchronous ? statSync(root) : await fs.stat(root);
  const git = new GitIgnores(options.synchronous ? SYNC_IO : ASYNC_IO, () => [rootStat.isFile() ? path.dirname(root) : root]);
  if (rootStat.isFile()) {
    const settings = await options.settingsFor(path.dirname(root));
    if (!languageOf(root) || !settings.enabled) return [];
    if (configLanguageOf(root) && (await git.isIgnored(root))) {
      notices.push({ path: root, message: 'Skipped: git ignores this file (it is where a local key belongs).' });
      return [];
    }
    return [{ path: root, settings }];
  }
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
    options.onListing?.(dir, new Set(entries.map((e) => e.name)));
    const settings = await options.settingsFor(dir);
    if (!settings.enabled) return;
    const local = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? await readGitignore(dir, notices, readText) : undefined;
    const active = local ? [...matchers, { base: dir, rules: local }] : matchers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      if (isExcluded(settings.exclude, full, isDir)) continue;
      if (isIgnored(active, full, isDir)) continue;
      if (isDir) await walk(full, active);
      else if ((entry.isFile() || entry.isSymbolicLink()) && languageOf(entry.name)) {
        if (configLanguageOf(entry.name) && (await git.isIgnored(full))) continue;
        files.push({ path: full, settings });
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
