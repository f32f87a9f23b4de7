import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface FolderFiles {
  envPath: string;
  gitignorePath: string;
  envText: string | undefined;
  gitignoreText: string | undefined;
}

/**
 * The `.env` and `.gitignore` of a workspace folder, read for a fix. Refuses (returns a reason)
 * when either is a symlink that leads outside the folder: a key must never be written elsewhere.
 */
export async function readFolderFiles(folder: string): Promise<FolderFiles | { refused: string }> {
  const root = await fs.realpath(folder);
  const envPath = path.join(folder, '.env');
  const gitignorePath = path.join(folder, '.gitignore');
  for (const file of [envPath, gitignorePath]) {
    const outside = await leavesFolder(root, file);
    if (outside) return { refused: `${path.basename(file)} is a link to ${outside}, outside the workspace folder; not writing there` };
  }
  return { envPath, gitignorePath, envText: await readIfExists(envPath), gitignoreText: await readIfExists(gitignorePath) };
}

async function leavesFolder(root: string, file: string): Promise<string | undefined> {
  try {
    const stat = await fs.lstat(file);
    if (!stat.isSymbolicLink()) return undefined;
  } catch {
    return undefined; // missing: it will be created inside the folder
  }
  let target: string;
  try {
    target = await fs.realpath(file);
  } catch {
    return 'a missing target';
  }
  const rel = path.relative(root, target);
  return rel.startsWith('..') || path.isAbsolute(rel) ? target : undefined;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
