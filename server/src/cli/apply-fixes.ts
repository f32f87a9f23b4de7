import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EngineConfig } from '../engine/config.js';
import { fixAllText } from '../engine/fix-all.js';
import { analyze } from '../engine/index.js';
import type { FileResult } from '../workspace/audit.js';
import type { Notice } from '../workspace/discover.js';
import { readFolderFiles, type FolderFilesOrRefusal } from '../workspace/env-target.js';
import { takeFix } from '../workspace/env-file.js';
import { withoutBom } from '../workspace/read-source.js';

/**
 * `--fix`: applies the safe fixes of each file in place, pass after pass until nothing changes.
 * A key moved out of a file is appended to the folder's `.env` (and `.env` to `.gitignore`)
 * *before* the file is rewritten, so a failed write can never leave a key in neither place.
 * Existing lines of `.env` and `.gitignore` are never rewritten. Files are only written inside
 * their folder (not through a link leading out) and only if unchanged since the scan.
 * Returns the files whose text changed.
 */
export async function applyFixes(files: readonly FileResult[], folderOf: (file: string) => string, configOf: (file: string) => Promise<EngineConfig>, notices: Notice[]): Promise<string[]> {
  const changed: string[] = [];
  const folders = new Map<string, FolderFilesOrRefusal>();
  for (const file of files) {
    if (!file.text || file.findings.length === 0) continue;
    const folder = folderOf(file.path);
    if (!folders.has(folder)) folders.set(folder, await readFolderFiles(folder));
    const target = folders.get(folder)!;
    const envBefore = 'refused' in target ? undefined : target.envText;
    const gitignoreBefore = 'refused' in target ? undefined : target.gitignoreText;
    const restore = () => {
      if ('refused' in target) return;
      target.envText = envBefore;
      target.gitignoreText = gitignoreBefore;
    };
    let refusedNoted = false;
    const languageId = path.extname(file.path).slice(1);
    const config = await configOf(file.path);
    const result = fixAllText(file.text, (text) => analyze({ uri: file.path, languageId, text }, config), {
      prepare: (fix) => {
        if (!fix.envVar) return fix;
        if ('refused' in target) {
          if (!refusedNoted) notices.push({ path: file.path, message: `Key not moved: ${target.refused}.` });
          refusedNoted = true;
          return undefined;
        }
        return takeFix(fix, target);
      },
    });
    if (result.text === file.text) {
      restore();
      continue;
    }
    const check = await writeCheck(file.path, file.text, folder);
    if ('refusal' in check) {
      restore();
      notices.push({ path: file.path, message: `Not fixed: ${check.refusal}.` });
      continue;
    }
    try {
      if (!('refused' in target)) {
        const envAppend = (target.envText ?? '').slice(envBefore?.length ?? 0);
        const gitignoreAppend = (target.gitignoreText ?? '').slice(gitignoreBefore?.length ?? 0);
        if (envAppend) await fs.appendFile(target.envPath, envAppend, { mode: 0o600 });
        if (gitignoreAppend) await fs.appendFile(target.gitignorePath, gitignoreAppend);
      }
    } catch (error) {
      restore();
      notices.push({ path: file.path, message: `Not fixed: .env or .gitignore could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}).` });
      continue;
    }
    try {
      await fs.writeFile(file.path, (check.bom ? '\uFEFF' : '') + result.text);
      changed.push(file.path);
    } catch (error) {
      // The key is already in .env; the source keeps it too until the file can be written.
      notices.push({ path: file.path, message: `Not fixed: the file could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}).` });
    }
  }
  return changed;
}

/** Whether a source file may be written (and whether it starts with a BOM to keep), or why not. */
async function writeCheck(file: string, scanned: string, folder: string): Promise<{ bom: boolean } | { refusal: string }> {
  try {
    const [real, root] = await Promise.all([fs.realpath(file), fs.realpath(folder)]);
    const rel = path.relative(root, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { refusal: `it is a link to ${real}, outside the scanned folder` };
    const onDisk = await fs.readFile(file, 'utf8');
    if (withoutBom(onDisk) !== scanned) return { refusal: 'the file changed while it was being scanned' };
    return { bom: onDisk.length !== scanned.length };
  } catch (error) {
    return { refusal: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}
