import { promises as fs } from 'node:fs';
import { withoutBom } from '../workspace/read-source.js';
import * as path from 'node:path';
import type { EngineConfig } from '../engine/config.js';
import { fixAllText } from '../engine/fix-all.js';
import { analyze } from '../engine/index.js';
import type { FileResult } from '../workspace/audit.js';
import type { Notice } from '../workspace/discover.js';
import { readFolderFiles, type FolderFiles } from '../workspace/env-target.js';
import { applyFileChange, resolveFix } from '../workspace/env-file.js';

/**
 * `--fix`: applies the safe fixes of each file in place, pass after pass until nothing changes.
 * Fixes that move a key append to the folder's `.env` (one consistent file for the whole run) and
 * make sure `.gitignore` lists it; existing lines of either are never rewritten.
 * Returns the files whose text changed.
 */
export async function applyFixes(files: readonly FileResult[], folderOf: (file: string) => string, config: EngineConfig, notices: Notice[]): Promise<string[]> {
  const changed: string[] = [];
  const folders = new Map<string, { files: FolderFiles | { refused: string }; envLength: number; gitignoreLength: number }>();
  for (const file of files) {
    if (!file.text || file.findings.length === 0) continue;
    const folder = folderOf(file.path);
    const languageId = path.extname(file.path).slice(1);
    if (!folders.has(folder)) {
      const read = await readFolderFiles(folder);
      const lengths = 'refused' in read ? { envLength: 0, gitignoreLength: 0 } : { envLength: read.envText?.length ?? 0, gitignoreLength: read.gitignoreText?.length ?? 0 };
      folders.set(folder, { files: read, ...lengths });
    }
    const target = folders.get(folder)!;
    let refusedNoted = false;
    const result = fixAllText(file.text, (text) => analyze({ uri: file.path, languageId, text }, config), {
      prepare: (fix) => {
        if (!fix.envVar) return fix;
        if ('refused' in target.files) {
          if (!refusedNoted) notices.push({ path: file.path, message: `Not fixed: ${target.files.refused}.` });
          refusedNoted = true;
          return undefined;
        }
        const resolved = resolveFix(fix, target.files.envText, target.files.gitignoreText);
        target.files.envText = applyFileChange(target.files.envText, resolved.env);
        target.files.gitignoreText = applyFileChange(target.files.gitignoreText, resolved.gitignore);
        return { ...fix, title: resolved.title, edits: resolved.edits };
      },
    });
    if (result.text !== file.text) {
      // Write only over the text that was analysed: a file edited since the scan is left alone.
      const onDisk = await fs.readFile(file.path, 'utf8').catch(() => undefined);
      if (onDisk === undefined || withoutBom(onDisk) !== file.text) {
        notices.push({ path: file.path, message: 'Not fixed: the file changed while it was being scanned.' });
        continue;
      }
      const bom = onDisk.length !== file.text.length ? '\uFEFF' : '';
      await fs.writeFile(file.path, bom + result.text);
      changed.push(file.path);
    }
  }
  // Only appends: lines already in .env and .gitignore are never rewritten or reordered.
  for (const { files: target, envLength, gitignoreLength } of folders.values()) {
    if ('refused' in target) continue;
    const envAppend = (target.envText ?? '').slice(envLength);
    const gitignoreAppend = (target.gitignoreText ?? '').slice(gitignoreLength);
    if (envAppend) await fs.appendFile(target.envPath, envAppend, { mode: 0o600 });
    if (gitignoreAppend) await fs.appendFile(target.gitignorePath, gitignoreAppend);
  }
  return changed;
}
