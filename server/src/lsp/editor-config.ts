import * as path from 'node:path';
import type { EngineConfig } from '../engine/config.js';
import { isExcludedBelow, scopeExclude, type FolderSettings, type SettingsForFolder } from '../workspace/audit-settings.js';
import type { ConfigResolver, ConfigScope } from '../workspace/config-resolver.js';
import type { Settings, SettingsStore } from './settings.js';
import { fileUri } from './uris.js';

/** How the editor treats one open document. */
export interface DocumentConfig {
  /** Enabled and not excluded: the document is analysed. */
  analysed: boolean;
  engine: EngineConfig;
}

/**
 * The editor's settings: the nearest `.azure-ai-security.json` (the same resolution as the CLI's;
 * none in an untrusted workspace, which the resolver is built for), overridden by the
 * `azureAiSecurity.*` settings. Rules: the settings win per id; exclude: both lists apply, each
 * relative to its own folder (the config file's, the workspace folder's).
 */
export class EditorConfig {
  constructor(
    private readonly settings: SettingsStore,
    private readonly resolver: () => ConfigResolver,
    /** The innermost workspace folder holding a file, if any. */
    private readonly folderOf: (file: string) => string | undefined,
  ) {}

  /** Settings of folders for one audit: one object per config scope and workspace folder, so workers are sent each once. */
  forAudit(): SettingsForFolder {
    const made = new Map<ConfigScope, Map<string, FolderSettings>>();
    return async (dir) => {
      const folder = this.folderOf(dir) ?? dir;
      const [scope, user] = await Promise.all([this.resolver().scopeOf(dir), this.settings.get(fileUri(folder))]);
      let byFolder = made.get(scope);
      if (!byFolder) made.set(scope, (byFolder = new Map<string, FolderSettings>()));
      let settings = byFolder.get(folder);
      if (!settings) byFolder.set(folder, (settings = combine(scope, user, folder)));
      return settings;
    };
  }

  /**
   * A document's: its own settings (per resource, so language overrides apply) and whether an
   * audit would analyse it (enabled, and neither it nor a folder above it excluded).
   */
  async forDocument(uri: string, file: string | undefined): Promise<DocumentConfig> {
    const user = await this.settings.get(uri);
    if (!file) return { analysed: user.enable, engine: { rules: { ...user.rules } } };
    const scope = await this.resolver().scopeOf(path.dirname(file));
    const folder = this.folderOf(file);
    const engine = combine(scope, user, folder ?? path.dirname(file)).engine;
    const analysed = user.enable && !(folder && (await isExcludedBelow(folder, file, this.forAudit())));
    return { analysed, engine };
  }
}

function combine(scope: ConfigScope, user: Settings, folder: string): FolderSettings {
  return {
    enabled: user.enable,
    engine: { rules: { ...scope.config.rules, ...user.rules } },
    maxFileBytes: user.maxFileSize,
    exclude: [...scopeExclude(scope), ...(user.exclude.length > 0 ? [{ base: folder, globs: user.exclude }] : [])],
  };
}
