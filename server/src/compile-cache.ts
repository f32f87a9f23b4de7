/**
 * Loads the TypeScript compiler bundle (`dist/typescript.js`) with V8's code cache, for the language
 * server: compiling it from source costs ~120 ms of every server start, from the cache ~30 ms. The
 * cache is written once per compiler bundle and Node.js version, after the first analysis
 * (`writePendingCompileCache`: it then also holds the parser functions that analysis compiled), into
 * a folder the client owns (the extension's global storage: private to the user, since V8 runs what
 * the cache holds).
 *
 * V8 checks only a cache's header and the source's length, and a damaged cache body crashes the
 * process outright, so each cache file carries a SHA-256 of its body, checked before V8 sees it, and
 * is named after the bundle's path, size and modification time and the V8 version. The CLI and the
 * audit's worker threads use a per-user cache folder (workspace/user-cache.ts). Without a folder
 * (tests from source), or with a cache that fails a check, the bundle is compiled from source as usual: a
 * cache problem never stops the compiler from loading.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

let cacheFolder: string | undefined;

/** Where code caches go; undefined turns caching off. Set before the compiler is first loaded. */
export function setCompileCacheFolder(folder: string | undefined): void {
  cacheFolder = folder;
}

/** The folder set (the audit's worker threads are given the same one). */
export function compileCacheFolder(): string | undefined {
  return cacheFolder;
}

/** A cache to write once the compiler has done some work. */
let pending: (() => void) | undefined;

/** Writes the code cache of a bundle loaded without one (call it after an analysis; a no-op otherwise). */
export function writePendingCompileCache(): void {
  const write = pending;
  pending = undefined;
  write?.();
}

const MAGIC = Buffer.from('aais-v8cache-1\n');
const DIGEST_BYTES = 32;

/** `require(file)` for a CommonJS bundle, through the code cache when a folder is set. */
export function requireWithCompileCache(file: string): unknown {
  const source = readSource(file);
  const cacheFile = cacheFileFor(file);
  const cachedData = cacheFile ? readVerified(cacheFile) : undefined;
  const script = new Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    pending = () => writeCache(cacheFile, script);
  }
  return module.exports;
}

/**
 * The bundle's text. esbuild writes ASCII (it escapes the rest), and an ASCII file read as Latin-1 is
 * the same string without the UTF-8 decoding: 3.5 MB of compiler in about half the time (~3 ms less
 * at every start). Anything else is decoded as UTF-8, as before.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** One file per bundle (path, size, modification time) and V8 version and architecture. */
function cacheFileFor(file: string): string | undefined {
  if (!cacheFolder) return undefined;
  try {
    const stat = statSync(file);
    const key = createHash('sha256')
      .update(`${path.resolve(file)}\0${stat.size}\0${stat.mtimeMs}\0${process.versions.v8}\0${process.arch}`)
      .digest('hex')
      .slice(0, 24);
    return path.join(cacheFolder, `${path.basename(file, '.js')}-${key}.v8cache`);
  } catch {
    return undefined;
  }
}

/** The cache body, when the file is ours and whole (its digest matches); undefined otherwise. */
function readVerified(cacheFile: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined; // No cache yet: compiled from source, and the cache written after the first analysis.
  }
  const header = MAGIC.length + DIGEST_BYTES;
  if (bytes.length <= header || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const body = bytes.subarray(header);
  const digest = createHash('sha256').update(body).digest();
  return digest.equals(bytes.subarray(MAGIC.length, header)) ? body : undefined;
}

function writeCache(cacheFile: string, script: Script): void {
  const folder = path.dirname(cacheFile);
  // Per process and thread: an audit's worker threads may write the same cache at once.
  const partial = `${cacheFile}.${process.pid}-${threadId}.partial`;
  try {
    mkdirSync(folder, { recursive: true });
    const body = script.createCachedData();
    // Written aside, flushed, then renamed into place: a second window starting meanwhile, or a
    // crash mid-write, never leaves a half file under the cache's name (and the digest catches the rest).
    const fd = openSync(partial, 'w', 0o600);
    try {
      writeSync(fd, MAGIC);
      writeSync(fd, createHash('sha256').update(body).digest());
      writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, cacheFile);
    removeStale(folder, path.basename(cacheFile));
  } catch {
    // A read-only or full disk: the next start compiles from source again.
    try {
      unlinkSync(partial);
    } catch {
      // Never written.
    }
  }
}

/** Caches of other bundle versions (earlier releases, other Node.js versions) and leftover partial writes. */
function removeStale(folder: string, keep: string): void {
  const prefix = keep.slice(0, keep.lastIndexOf('-') + 1);
  for (const name of readdirSync(folder)) {
    if (name === keep || !name.startsWith(prefix) || !(name.endsWith('.v8cache') || name.endsWith('.partial'))) continue;
    try {
      unlinkSync(path.join(folder, name));
    } catch {
      // In use by another window's write, or gone already.
    }
  }
}
