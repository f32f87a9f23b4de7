import type { Connection } from 'vscode-languageserver';
import { isLevel } from '../engine/config.js';
import { findRule } from '../engine/rules/index.js';
import type { Level } from '../engine/types.js';
import { DEFAULT_MAX_FILE_BYTES } from '../workspace/read-source.js';

/** The `azureAiSecurity.*` settings as the server uses them (the manifest's schema says the same). */
export interface Settings {
  enable: boolean;
  rules: Record<string, Level>;
  exclude: string[];
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, exclude: [], maxFileSize: DEFAULT_MAX_FILE_BYTES };

/** Whatever the client sends, a valid Settings: bad entries are dropped, never trusted. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, Level> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, level] of Object.entries(value.rules as Record<string, unknown>)) if (findRule(id) && isLevel(level)) rules[id] = level;
  }
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules,
    exclude: Array.isArray(value.exclude) ? value.exclude.filter((g): g is string => typeof g === 'string') : [],
    maxFileSize: typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? value.maxFileSize : DEFAULT_MAX_FILE_BYTES,
  };
}

/**
 * Settings pulled per resource with `workspace/configuration` (so folder and language overrides
 * apply), cached per URI, dropped when they change and when a document closes.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  canPull = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(DEFAULT_SETTINGS);
    let entry = this.cache.get(uri);
    if (!entry) {
      entry = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'azureAiSecurity' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, entry);
    }
    return entry;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
