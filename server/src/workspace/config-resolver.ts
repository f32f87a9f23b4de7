import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, emptyConfig, parseConfigFile, type ConfigProblem, type WorkspaceConfig } from './config-file.js';

/** The `.azure-ai-security.json` that governs a folder, and the folder its `exclude` globs are relative to. */
export interface ConfigScope {
  /** The config file's folder; with no config file, the folder where the search stopped. */
  dir: string;
  /** The config file, when there is one. */
  file?: string;
  config: WorkspaceConfig;
}

/** What the resolver reads; the server and the CLI read the disk, tests may read anything. */
export interface ConfigIo {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readText(file: string): Promise<string | undefined>;
  exists(file: string): Promise<boolean>;
}

export const diskIo: ConfigIo = {
  readText: (file) => fs.readFile(file, 'utf8').catch(() => undefined),
  exists: (file) =>
    fs.stat(file).then(
      () => true,
      () => false,
    ),
};

export interface ConfigResolverOptions {
  /**
   * The folders being worked in (the CLI's scanned folders, the editor's workspace folders). Above
   * a file with no repository around it, the search stops at the innermost of these that holds it.
   */
  boundaries: readonly string[];
  /** Problems of a config file that was read (once per read); its valid parts still apply. */
  onProblems?(file: string, problems: readonly ConfigProblem[]): void;
  /** False in an untrusted workspace: no config file is read (README, Workspace Trust). */
  readConfigFiles?: boolean;
  io?: ConfigIo;
}

/**
 * One config resolution for the CLI and the editor: the nearest `.azure-ai-security.json` from a
 * file's folder up to the repository root (the nearest folder with `.git`), or, outside any
 * repository, up to the innermost folder being worked in. The nearest file wins whole (as with
 * Prettier's config files): an inner file's `rules` and `exclude` replace the outer one's.
 * Answers are cached per folder until `invalidate`.
 */
export class ConfigResolver {
  private readonly scopes = new Map<string, Promise<ConfigScope>>();
  private readonly repoRoots = new Map<string, Promise<string | undefined>>();
  private readonly configs = new Map<string, Promise<ConfigScope | undefined>>();
  private readonly empties = new Map<string, ConfigScope>();
  /** What a folder listing already told about a folder: no need to ask the disk again. */
  private readonly listed = new Map<string, { config: boolean; git: boolean }>();
  private readonly io: ConfigIo;
  private readonly readConfigFiles: boolean;

  constructor(private readonly options: ConfigResolverOptions) {
    this.io = options.io ?? diskIo;
    this.readConfigFiles = options.readConfigFiles ?? true;
  }

  /** The config that governs files in `dir` (an absolute folder path). */
  scopeOf(dir: string): Promise<ConfigScope> {
    let scope = this.scopes.get(dir);
    if (!scope) {
      scope = this.resolve(dir);
      this.scopes.set(dir, scope);
    }
    return scope;
  }

  /** A folder listing of `dir` (by discovery) tells whether it holds a config file and `.git`. */
  noteListing(dir: string, names: { has(name: string): boolean }): void {
    this.listed.set(dir, { config: names.has(CONFIG_FILE_NAME), git: names.has('.git') });
  }

  /** Forget what was read: every folder (no argument), or what depends on one config file. */
  invalidate(configFile?: string): void {
    this.scopes.clear();
    if (configFile === undefined) {
      this.configs.clear();
      this.repoRoots.clear();
      this.listed.clear();
      return;
    }
    const dir = path.dirname(configFile);
    this.configs.delete(dir);
    this.listed.delete(dir);
  }

  private async resolve(dir: string): Promise<ConfigScope> {
    const limit = (await this.repoRootOf(dir)) ?? innermostFolder(dir, this.options.boundaries) ?? dir;
    for (let at = dir; ; at = path.dirname(at)) {
      const own = await this.configAt(at);
      if (own) return own;
      if (at === limit || path.dirname(at) === at || !isInside(at, limit)) return this.emptyScope(limit);
    }
  }

  /** One object per folder where searches stop empty: the faces keep their settings per scope object. */
  private emptyScope(dir: string): ConfigScope {
    let scope = this.empties.get(dir);
    if (!scope) {
      scope = { dir, config: emptyConfig() };
      this.empties.set(dir, scope);
    }
    return scope;
  }

  private repoRootOf(dir: string): Promise<string | undefined> {
    let root = this.repoRoots.get(dir);
    if (!root) {
      root = (async () => {
        const listed = this.listed.get(dir);
        const isRoot = listed ? listed.git : await this.io.exists(path.join(dir, '.git'));
        if (isRoot) return dir;
        const parent = path.dirname(dir);
        return parent === dir ? undefined : this.repoRootOf(parent);
      })();
      this.repoRoots.set(dir, root);
    }
    return root;
  }

  private configAt(dir: string): Promise<ConfigScope | undefined> {
    if (!this.readConfigFiles) return Promise.resolve(undefined);
    let config = this.configs.get(dir);
    if (!config) {
      config = (async () => {
        if (this.listed.get(dir)?.config === false) return undefined;
        const file = path.join(dir, CONFIG_FILE_NAME);
        const text = await this.io.readText(file);
        if (text === undefined) return undefined;
        const parsed = parseConfigFile(text);
        this.options.onProblems?.(file, parsed.problems);
        return { dir, file, config: parsed.config };
      })();
      this.configs.set(dir, config);
    }
    return config;
  }
}

/** Whether `file` is `folder` or below it. */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The innermost of `folders` that holds `file` (a workspace folder, a scanned folder), or undefined when none does. */
export function innermostFolder(file: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) if (isInside(file, folder) && (!best || folder.length > best.length)) best = folder;
  return best;
}
