/**
 * The per-user cache folder of the CLI and its audit workers, for the TypeScript compiler's V8 code
 * cache (server/src/compile-cache.ts): `$XDG_CACHE_HOME/azure-ai-security` or
 * `~/.cache/azure-ai-security` on Linux, `~/Library/Caches/azure-ai-security` on macOS,
 * `%LOCALAPPDATA%\azure-ai-security\Cache` on Windows. Never the shared temporary folder: V8 runs
 * what a code cache holds, so it must sit where only the user can write.
 * `AZURE_AI_SECURITY_CODE_CACHE=off` turns the code cache off.
 */
import { homedir } from 'node:os';
import * as path from 'node:path';

export function userCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.AZURE_AI_SECURITY_CODE_CACHE === 'off') return undefined;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined; // No home folder (a service account): no code cache, the compiler compiles as before.
  }
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || (home && path.join(home, 'AppData', 'Local'));
    return base ? path.join(base, 'azure-ai-security', 'Cache', 'v8') : undefined;
  }
  if (platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'azure-ai-security', 'v8') : undefined;
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.join(home, '.cache');
  return xdg ? path.join(xdg, 'azure-ai-security', 'v8') : undefined;
}
