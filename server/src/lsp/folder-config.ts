import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, emptyConfig, parseConfigFile, type ConfigProblem, type WorkspaceConfig } from '../workspace/config-file.js';

export interface FolderConfig {
  config: WorkspaceConfig;
  problems: ConfigProblem[];
  file: string;
}

/** `.azure-ai-security.json` per workspace folder, read once and dropped when the file changes. */
export class FolderConfigCache {
  private readonly cache = new Map<string, Promise<FolderConfig>>();

  get(folder: string): Promise<FolderConfig> {
    let entry = this.cache.get(folder);
    if (!entry) {
      entry = load(folder);
      this.cache.set(folder, entry);
    }
    return entry;
  }

  invalidate(folder?: string): void {
    if (folder) this.cache.delete(folder);
    else this.cache.clear();
  }
}

async function load(folder: string): Promise<FolderConfig> {
  const file = path.join(folder, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return { config: emptyConfig(), problems: [], file };
  }
  return { ...parseConfigFile(text), file };
}
