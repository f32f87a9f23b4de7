import { promises as fs, lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { innermostFolder } from './config-resolver.js';

/** How the checker reads the disk: asynchronously (the editor) or synchronously (the CLI's walk). */
export interface GitIgnoreIo {
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readText(file: string): string | undefined | Promise<string | undefined>;
  /** Whether `dir/.git` exists (a folder, or the file of a worktree or submodule). */
  hasGit(dir: string): boolean | Promise<boolean>;
}

export const ASYNC_IO: GitIgnoreIo = {
  readText: (file) => fs.readFile(file, 'utf8').catch(() => undefined),
  hasGit: (dir) =>
    fs.lstat(path.join(dir, '.git')).then(
      () => true,
      () => false,
    ),
};

export const SYNC_IO: GitIgnoreIo = {
  readText: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  hasGit: (dir) => {
    try {
      lstatSync(path.join(dir, '.git'));
      return true;
    } catch {
      return false;
    }
  },
};

interface Level {
  dir: string;
  rules: Ignore | undefined;
}

/**
 * Whether git ignores a file, decided as git does: the `.gitignore` files of every folder from the
 * repository root (the nearest folder above the file holding `.git`) down to the file's own, the
 * deepest one with a rule for a path deciding (so a nested `!.env` re-includes what the root
 * ignored), and nothing below an ignored folder can be re-included (`secrets/` ignores
 * `secrets/.env` whatever `secrets/.gitignore` says). Patterns (anchored, negated, `**`, folder
 * patterns) are matched by the `ignore` package. `.git/info/exclude` and the user's global
 * excludes file are not read: they are one clone's settings, not the repository's.
 *
 * With no `.git` above the file, the root is the innermost of `boundaries` (the workspace folders,
 * the scanned folders) holding it, else the file's folder.
 * Each folder's `.gitignore` is read once; `invalidate` forgets it when it changes.
 */
export class GitIgnores {
  private readonly rules = new Map<string, Promise<Ignore | undefined>>();
  private readonly hasGit = new Map<string, Promise<boolean>>();

  constructor(
    private readonly io: GitIgnoreIo = ASYNC_IO,
    private readonly boundaries: () => readonly string[] = () => [],
  ) {}

  /** The folder whose `.gitignore` governs the file last: its repository root (see the class). */
  async repositoryRoot(file: string): Promise<string> {
    const start = path.dirname(path.resolve(file));
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (await this.gitAt(dir)) return dir;
      if (path.dirname(dir) === dir) break;
    }
    return innermostFolder(start, this.boundaries()) ?? start;
  }

  async isIgnored(file: string): Promise<boolean> {
    const full = path.resolve(file);
    const root = await this.repositoryRoot(full);
    const chain: string[] = [];
    for (let dir = path.dirname(full); ; dir = path.dirname(dir)) {
      chain.unshift(dir);
      if (dir === root || path.dirname(dir) === dir) break;
    }
    const levels: Level[] = [];
    for (const [i, dir] of chain.entries()) {
      // A folder below the root that the levels above ignore hides everything in it.
      if (i > 0 && verdict(levels, dir, true)) return true;
      levels.push({ dir, rules: await this.rulesOf(dir) });
    }
    return verdict(levels, full, false);
  }

  /** A checker that reads `text` for the `.gitignore` file `gitignore` (what a fix would make of it) and the disk for the rest. */
  withText(gitignore: string, text: string): GitIgnores {
    const target = path.resolve(gitignore);
    const io: GitIgnoreIo = { readText: (file) => (path.resolve(file) === target ? text : this.io.readText(file)), hasGit: (dir) => this.io.hasGit(dir) };
    return new GitIgnores(io, this.boundaries);
  }

  /** Forgets what was read of `gitignore` (a `.gitignore` file that changed), or everything. */
  invalidate(gitignore?: string): void {
    if (gitignore === undefined) {
      this.rules.clear();
      this.hasGit.clear();
    } else this.rules.delete(path.dirname(path.resolve(gitignore)));
  }

  private rulesOf(dir: string): Promise<Ignore | undefined> {
    let rules = this.rules.get(dir);
    if (!rules) {
      rules = Promise.resolve(this.io.readText(path.join(dir, '.gitignore'))).then((text) => (text === undefined ? undefined : ignore().add(text)));
      this.rules.set(dir, rules);
    }
    return rules;
  }

  private gitAt(dir: string): Promise<boolean> {
    let found = this.hasGit.get(dir);
    if (!found) {
      found = Promise.resolve(this.io.hasGit(dir));
      this.hasGit.set(dir, found);
    }
    return found;
  }
}

/** The deepest level with a rule for the path decides; no rule: not ignored. */
function verdict(levels: readonly Level[], full: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const { dir, rules } = levels[i]!;
    if (!rules) continue;
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (!rel || rel === '..' || rel.startsWith('../')) continue;
    const result = rules.test(isDir ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** What to append to a `.gitignore` (its text; undefined: the file does not exist yet) to add `line` as its last line, in its line breaks. */
export function appendGitignoreLine(text: string | undefined, line: string): string {
  if (text === undefined || text.length === 0) return `${line}\n`;
  const nl = /\r\n/.test(text) ? '\r\n' : '\n';
  return `${/[\r\n]$/.test(text) ? '' : nl}${line}${nl}`;
}
