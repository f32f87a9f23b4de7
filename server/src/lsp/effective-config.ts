import * as path from 'node:path';
import ignore from 'ignore';
import type { EngineConfig } from '../engine/config.js';
import type { FolderConfigCache } from './folder-config.js';
import type { SettingsStore } from './settings.js';

export interface EffectiveConfig {
  enabled: boolean;
  engine: EngineConfig;
  exclude: string[];
  maxFileSize: number;
}

/** Whether `file` matches the folder's exclude globs (`.gitignore` syntax, relative to the folder). */
export function isExcluded(config: EffectiveConfig, folder: string | undefined, file: string | undefined): boolean {
  if (!folder || !file || config.exclude.length === 0) return false;
  const rel = path.relative(folder, file).split(path.sep).join('/');
  return rel !== '' && !rel.startsWith('..') && ignore().add(config.exclude).ignores(rel);
}

/**
 * `.azure-ai-security.json` of the folder, overridden by the VS Code settings for the resource.
 * In an untrusted workspace the folder's file is ignored (VS Code already ignores its workspace
 * settings): a cloned repository must not be able to switch rules off to hide its own keys.
 */
export async function effectiveConfig(uri: string, folder: string | undefined, settings: SettingsStore, folderConfigs: FolderConfigCache, trusted: boolean): Promise<EffectiveConfig> {
  const user = await settings.get(uri);
  const file = folder && trusted ? (await folderConfigs.get(folder)).config : undefined;
  return {
    enabled: user.enable,
    engine: { rules: { ...file?.rules, ...user.rules } },
    exclude: [...(file?.exclude ?? []), ...user.exclude],
    maxFileSize: user.maxFileSize,
  };
}
