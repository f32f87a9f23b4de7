/**
 * `dist/server.js`, the language server's entry: it loads the server itself (`dist/server-main.js`,
 * built from server.ts) through V8's code cache (compile-cache.ts), so a start compiles none of the
 * server's code again: ~15 ms for the bundle's top level, and every function the last session ran. The
 * cache sits in the user's cache folder (workspace/user-cache.ts; the extension's storage folder, where
 * the TypeScript compiler's cache goes, is only known once the server runs) and is written when the
 * server exits, holding what that session compiled. A missing, damaged or foreign cache only means
 * compiling from source, as without one.
 */
import * as path from 'node:path';
import { requireWithCompileCache, setCompileCacheFolder, writePendingCompileCache } from './compile-cache.js';
import { userCacheFolder } from './workspace/user-cache.js';

setCompileCacheFolder(userCacheFolder());
process.once('exit', writePendingCompileCache);
requireWithCompileCache(path.join(__dirname, 'server-main.js'));
