import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, type Stats } from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Size, modification time and inode of the file as it was read (from the descriptor the text came from). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export type ReadOutcome = { kind: 'text'; text: string; stamp?: FileStamp } | { kind: 'skipped'; reason: string };

/** The stamp of a stat, for comparing with a later one. */
export function stampOf(stat: Stats): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
}

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
 * `readSource` without the thread-pool round trips, for the audit loops, which read thousands of
 * small files and block no one while they do: one open, one fstat and one read per file, into a
 * buffer kept for the next file. The read stops at the size fstat gave, so a file that grows past
 * the limit after that is read as it was, never whole.
 */
export function readSourceSync(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO named like a source file returns at once (fstat then
    // skips it) rather than waiting for a writer. No effect on regular files.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return readFailure(error);
  }
  let outcome: ReadOutcome;
  try {
    const stat = fstatSync(fd);
    const skipped = notReadable(stat, maxBytes);
    if (skipped) outcome = skipped;
    else {
      // A size of 0 may not be the truth (some file systems do not know it): read to the end, up to the limit.
      const bytes = readUpTo(fd, stat.size, stat.size > 0 ? stat.size : maxBytes + 1);
      outcome = bytes.length > maxBytes ? tooLarge(undefined, maxBytes) : decode(bytes);
      if (outcome.kind === 'text' && bytes.length === stat.size) outcome.stamp = stampOf(stat);
    }
  } catch (error) {
    outcome = readFailure(error);
  }
  try {
    closeSync(fd);
  } catch (error) {
    // As readFileSync would: a failed close (EIO on a network file system) fails the read.
    return readFailure(error);
  }
  return outcome;
}

/**
 * Reused by every `readSourceSync` of a thread: it grows to the largest file read so far (the size
 * limit at most), a new buffer each time a file is larger than all before it (a handful of times in
 * thousands of files).
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The first `limit` bytes of `fd` (fewer at its end), in `scratch`: valid until the next call.
 * `expected` is what fstat said; a file that reports 0 (some file systems do) grows the buffer as it reads.
 */
function readUpTo(fd: number, expected: number, limit: number): Buffer {
  if (scratch.length < expected) scratch = Buffer.allocUnsafe(expected);
  let length = 0;
  while (length < limit) {
    if (length === scratch.length) {
      const grown = Buffer.allocUnsafe(Math.min(limit, length * 2));
      scratch.copy(grown, 0, 0, length);
      scratch = grown;
    }
    const read = readSync(fd, scratch, length, Math.min(scratch.length, limit) - length, null);
    if (read === 0) break;
    length += read;
  }
  return scratch.subarray(0, length);
}

/**
 * Why a file is not read, from its stat. `readSource` takes it before opening (opening a FIFO would
 * block); `readSourceSync` opens without blocking and takes it from the descriptor.
 */
function notReadable(stat: Stats, maxBytes: number): ReadOutcome | undefined {
  if (!stat.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
  if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
  return undefined;
}

/** `size` undefined: the file said it was empty and turned out larger (read only up to the limit). */
function tooLarge(size: number | undefined, maxBytes: number): ReadOutcome {
  const compared = size === undefined ? `more than ${formatBytes(maxBytes)}` : `${formatBytes(size)} > ${formatBytes(maxBytes)}`;
  return { kind: 'skipped', reason: `larger than the size limit (${compared})` };
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

/** The file's text, or undefined when it is skipped (missing, binary, too big): for callers that only need the text. */
export function readTextSync(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string | undefined {
  const read = readSourceSync(file, maxBytes);
  return read.kind === 'text' ? read.text : undefined;
}
