import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isGitIgnored } from './env-file.js';

export interface FolderFiles {
  envPath: string;
  gitignorePath: string;
  envText: string | undefined;
  gitignoreText: string | undefined;
}

export type FolderFilesOrRefusal = FolderFiles | { refused: string };

/**
 * The `.env` and `.gitignore` of a workspace folder, read for a fix. Refuses (returns a reason,
 * never throws) when a key could end up somewhere it should not: either file is a link leading
 * outside the folder, `.env` is a link to a file that `.gitignore` does not ignore (a tracked or
 * served file), or the files cannot be read.
 */
export async function readFolderFiles(folder: string): Promise<FolderFilesOrRefusal> {
  const envPath = path.join(folder, '.env');
  const gitignorePath = path.join(folder, '.gitignore');
  try {
    const root = await fs.realpath(folder);
    const gitignoreTarget = await linkTarget(root, gitignorePath);
    if (gitignoreTarget?.outside) return { refused: `.gitignore is a link to ${gitignoreTarget.path}, outside the workspace folder; not writing there` };
    const gitignoreText = await readIfExists(gitignorePath);
    const envTarget = await linkTarget(root, envPath);
    if (envTarget?.outside) return { refused: `.env is a link to ${envTarget.path}, outside the workspace folder; not writing there` };
    if (envTarget) {
      const rel = path.relative(root, envTarget.path).split(path.sep).join('/');
      if (!isGitIgnored(gitignoreText, rel)) return { refused: `.env is a link to ${rel}, which .gitignore does not ignore; not writing a key there` };
    }
    return { envPath, gitignorePath, envText: await readIfExists(envPath), gitignoreText };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { refused: `the workspace folder's .env or .gitignore cannot be read (${code ?? String(error)})` };
  }
}

/** Where a symlink leads (undefined for a regular or missing file). */
async function linkTarget(root: string, file: string): Promise<{ path: string; outside: boolean } | undefined> {
  try {
    if (!(await fs.lstat(file)).isSymbolicLink()) return undefined;
  } catch {
    return undefined; // missing: it will be created inside the folder
  }
  let target: string;
  try {
    target = await fs.realpath(file);
  } catch {
    return { path: 'a missing target', outside: true };
  }
  const rel = path.relative(root, target);
  return { path: target, outside: rel.startsWith('..') || path.isAbsolute(rel) };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
