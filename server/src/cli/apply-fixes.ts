import { promises as fs } from 'node:fs';
import { applyEdits, mergeEdits, selectFixAll } from '../engine/fix-all.js';
import type { Fix } from '../engine/types.js';
import type { FileResult } from '../workspace/audit.js';
import type { Notice } from '../workspace/discover.js';
import { readFolderFiles } from '../workspace/env-target.js';
import { applyFileChange, resolveFix } from '../workspace/env-file.js';

/**
 * `--fix`: applies each finding's preferred fix in place. Fixes that move a key to `.env` append
 * to the folder's `.env` (one consistent file for the whole run) and make sure `.gitignore` lists it.
 * Returns the files whose text changed.
 */
export async function applyFixes(files: readonly FileResult[], folderOf: (file: string) => string, notices: Notice[]): Promise<string[]> {
  const changed: string[] = [];
  const folders = new Map<string, Awaited<ReturnType<typeof readFolderFiles>>>();
  const original = new Map<string, { env: number; gitignore: number }>();
  for (const file of files) {
    if (!file.text || file.findings.length === 0) continue;
    const chosen: Fix[] = [];
    for (const fix of selectFixAll(file.findings)) {
      if (!fix.envVar) {
        chosen.push(fix);
        continue;
      }
      const folder = folderOf(file.path);
      if (!folders.has(folder)) {
        const read = await readFolderFiles(folder);
        folders.set(folder, read);
        if (!('refused' in read)) original.set(folder, { env: read.envText?.length ?? 0, gitignore: read.gitignoreText?.length ?? 0 });
      }
      const target = folders.get(folder)!;
      if ('refused' in target) {
        notices.push({ path: file.path, message: `Not fixed: ${target.refused}.` });
        continue;
      }
      const resolved = resolveFix(fix, target.envText, target.gitignoreText);
      target.envText = applyFileChange(target.envText, resolved.env);
      target.gitignoreText = applyFileChange(target.gitignoreText, resolved.gitignore);
      chosen.push({ ...fix, title: resolved.title, edits: resolved.edits });
    }
    if (chosen.length === 0) continue;
    const text = applyEdits(file.text, mergeEdits(chosen));
    if (text !== file.text) {
      await fs.writeFile(file.path, text);
      changed.push(file.path);
    }
  }
  // Only appends: lines already in .env and .gitignore are never rewritten or reordered.
  for (const [folder, before] of original) {
    const target = folders.get(folder)!;
    if ('refused' in target) continue;
    const envAppend = (target.envText ?? '').slice(before.env);
    const gitignoreAppend = (target.gitignoreText ?? '').slice(before.gitignore);
    if (envAppend) await fs.appendFile(target.envPath, envAppend, { mode: 0o600 });
    if (gitignoreAppend) await fs.appendFile(target.gitignorePath, gitignoreAppend);
  }
  return changed;
}
