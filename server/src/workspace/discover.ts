import { promises as fs } from 'node:fs';
import * as path from 'node:path';
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
 * Files to analyse below `root` (or `root` itself when it is a file), in a stable order:
 * TS/JS/Bicep files not ignored by any `.gitignore` on the way down nor by `exclude` globs
 * (gitignore syntax, relative to the root). Directory symlinks are not followed, as git does not;
 * unreadable folders become notices, never failures.
 */
export async function discoverFiles(root: string, exclude: readonly string[] = [], notices: Notice[] = []): Promise<string[]> {
  const files: string[] = [];
  const rootStat = await fs.stat(root);
  if (rootStat.isFile()) return languageOf(root) ? [root] : [];
  const excluded = ignore().add([...exclude]);
  const walk = async (dir: string, matchers: Matcher[]): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      notices.push({ path: dir, message: `Folder not scanned: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    const local = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? await readGitignore(dir, notices) : undefined;
    const active = local ? [...matchers, { base: dir, rules: local }] : matchers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      const relToRoot = path.relative(root, full).split(path.sep).join('/');
      if (excluded.ignores(isDir ? `${relToRoot}/` : relToRoot)) continue;
      if (isIgnored(active, full, isDir)) continue;
      if (isDir) await walk(full, active);
      else if ((entry.isFile() || entry.isSymbolicLink()) && languageOf(entry.name)) files.push(full);
    }
  };
  await walk(root, []);
  return files;
}

async function readGitignore(dir: string, notices: Notice[]): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8'));
  } catch (error) {
    notices.push({ path: path.join(dir, '.gitignore'), message: `Could not read .gitignore: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return undefined;
  }
}

function isIgnored(matchers: readonly Matcher[], full: string, isDir: boolean): boolean {
  for (const m of matchers) {
    const rel = path.relative(m.base, full).split(path.sep).join('/');
    if (rel && m.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}
