/**
 * Loads the TypeScript compiler bundle (`dist/typescript.js`, 9 MB) with V8's code cache, for the
 * language server: compiling it from source costs ~120 ms of every server start, from the cache
 * ~30 ms. The cache is written once per compiler bundle and Node.js version, after the first
 * analysis (`writePendingCompileCache`: it then also holds the parser functions that analysis
 * compiled), into a folder the client owns
 * (the extension's global storage: private to the user, since V8 runs what the cache holds).
 * Without a folder (CLI, tests) or with a cache V8 rejects (another Node.js, a torn write), the
 * bundle is compiled from source as usual; a cache problem never stops the compiler from loading.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

let cacheFolder: string | undefined;

/** Where code caches go; undefined turns caching off. Set before the compiler is first loaded. */
export function setCompileCacheFolder(folder: string | undefined): void {
  cacheFolder = folder;
}

/** A cache to write once the compiler has done some work. */
let pending: (() => void) | undefined;

/** Writes the code cache of a bundle loaded without one (call it after an analysis; a no-op otherwise). */
export function writePendingCompileCache(): void {
  const write = pending;
  pending = undefined;
  write?.();
}

/** `require(file)` for a CommonJS bundle, through the code cache when a folder is set. */
export function requireWithCompileCache(file: string): unknown {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(file, source);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet: compiled from source, and the cache written below.
    }
  }
  const script = new Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    pending = () => writeCache(cacheFile, script);
  }
  return module.exports;
}

/** One file per bundle version (size and modification time) and Node.js/V8 version. */
function cacheFileFor(file: string, source: string): string | undefined {
  if (!cacheFolder) return undefined;
  try {
    const stat = statSync(file);
    const key = `${source.length.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}-${process.versions.v8}-${process.arch}`;
    return path.join(cacheFolder, `${path.basename(file, '.js')}-${key.replace(/[^A-Za-z0-9.-]/g, '_')}.v8cache`);
  } catch {
    return undefined;
  }
}

function writeCache(cacheFile: string, script: Script): void {
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    // Written aside and renamed into place: a second window starting meanwhile never reads half a file.
    const partial = `${cacheFile}.${process.pid}.partial`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A read-only or full disk: the next start compiles from source again.
  }
}
