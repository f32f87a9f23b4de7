import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { EngineConfig } from '../engine/config.js';
import { isInside, type ConfigResolver, type ConfigScope } from './config-resolver.js';
import { DEFAULT_MAX_FILE_BYTES } from './read-source.js';

/** `.gitignore`-style globs, relative to the folder they were written for. */
export interface ExcludeGlobs {
  base: string;
  globs: readonly string[];
}

/** What governs the files of one folder in an audit (and in the editor): built by each face, read by the driver. */
export interface FolderSettings {
  /** False: the folder's files are not analysed (the editor's `azureAiSecurity.enable`). */
  enabled: boolean;
  engine: EngineConfig;
  maxFileBytes: number;
  exclude: readonly ExcludeGlobs[];
}

/** Effective settings of a folder; answers are expected to be cached by the face (they are asked once per folder). */
export type SettingsForFolder = (dir: string) => Promise<FolderSettings>;

const matchers = new WeakMap<ExcludeGlobs, Ignore>();

/** Whether `full` (a file, or a folder when `isDir`) matches any of the exclude globs. */
export function isExcluded(exclude: readonly ExcludeGlobs[], full: string, isDir: boolean): boolean {
  for (const entry of exclude) {
    if (entry.globs.length === 0) continue;
    if (full === entry.base || !isInside(full, entry.base)) continue;
    const rel = path.relative(entry.base, full).split(path.sep).join('/');
    let matcher = matchers.get(entry);
    if (!matcher) {
      matcher = ignore().add([...entry.globs]);
      matchers.set(entry, matcher);
    }
    if (matcher.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Whether the audit's walk would leave `file` out: the file, or a folder on its way down from
 * `root`, matches the exclude globs of the folder that holds it. The editor asks this of an open
 * document, so that it analyses exactly the files an audit (and the CLI) would.
 */
export async function isExcludedBelow(root: string, file: string, settingsFor: SettingsForFolder): Promise<boolean> {
  if (file === root || !isInside(file, root)) return false;
  const parts = path.relative(root, file).split(path.sep);
  let dir = root;
  for (let i = 0; i < parts.length; i++) {
    const full = path.join(dir, parts[i]!);
    if (isExcluded((await settingsFor(dir)).exclude, full, i < parts.length - 1)) return true;
    dir = full;
  }
  return false;
}

/** The `exclude` of a config scope, relative to its file's folder. */
export function scopeExclude(scope: ConfigScope): ExcludeGlobs[] {
  return scope.config.exclude.length > 0 ? [{ base: scope.dir, globs: scope.config.exclude }] : [];
}

/** The CLI's settings: the nearest config file's, one settings object per config scope (so workers get each once). */
export function cliSettings(resolver: ConfigResolver, maxFileBytes: number): SettingsForFolder {
  const byScope = new WeakMap<ConfigScope, FolderSettings>();
  return async (dir) => {
    const scope = await resolver.scopeOf(dir);
    let settings = byScope.get(scope);
    if (!settings) {
      settings = { enabled: true, engine: { rules: scope.config.rules }, maxFileBytes, exclude: scopeExclude(scope) };
      byScope.set(scope, settings);
    }
    return settings;
  };
}

/** The same settings for every folder (exclude globs relative to `excludeBase`): for audits with no config file to read. */
export function fixedSettings(options: { engine?: EngineConfig; maxFileBytes?: number; exclude?: readonly string[]; excludeBase?: string } = {}): SettingsForFolder {
  const settings: FolderSettings = {
    enabled: true,
    engine: options.engine ?? {},
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    exclude: options.exclude && options.excludeBase ? [{ base: options.excludeBase, globs: options.exclude }] : [],
  };
  return () => Promise.resolve(settings);
}
