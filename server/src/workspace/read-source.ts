import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadOutcome = { kind: 'text'; text: string } | { kind: 'skipped'; reason: string };

/**
 * Reads a source file for analysis. Files over the size limit and binary files (a NUL byte in the
 * first 8 KB) are skipped with a reason; read errors are reasons too, never exceptions.
 */
export async function readSource(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadOutcome> {
  try {
    return notReadable(await fs.stat(file), maxBytes) ?? decode(await fs.readFile(file));
  } catch (error) {
    return readFailure(error);
  }
}

/**
 * `readSource` without the thread-pool round trips (stat, open, read, close: one each per file),
 * for the audit loops, which read thousands of small files and block no one while they do.
 */
export function readSourceSync(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  try {
    return notReadable(statSync(file), maxBytes) ?? decode(readFileSync(file));
  } catch (error) {
    return readFailure(error);
  }
}

/** Why a file is not read, from its stat (taken before opening: opening a FIFO named like a source file would block). */
function notReadable(stat: Stats, maxBytes: number): ReadOutcome | undefined {
  if (!stat.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
  if (stat.size > maxBytes) return { kind: 'skipped', reason: `larger than the size limit (${formatBytes(stat.size)} > ${formatBytes(maxBytes)})` };
  return undefined;
}

function decode(bytes: Buffer): ReadOutcome {
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'skipped', reason: 'binary file' };
  return { kind: 'text', text: withoutBom(bytes.toString('utf8')) };
}

/**
 * Editors hide a UTF-8 byte order mark, so positions are counted without it: the CLI reports the
 * same columns as VS Code. `--fix` puts it back (cli/apply-fixes.ts).
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readFailure(error: unknown): ReadOutcome {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'deleted before it could be read' : code === 'EACCES' ? 'permission denied' : `could not be read (${code ?? String(error)})`;
  return { kind: 'skipped', reason };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${bytes} B`;
}
