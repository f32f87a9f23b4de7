/**
 * The server loads the TypeScript compiler through V8's code cache when the client gives it a
 * folder (server/src/compile-cache.ts). A missing, corrupt or unwritable cache must never cost
 * the user a diagnostic: the compiler is then compiled from source as before.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspClient } from '../helpers/lsp-client.js';

const TS = 'import { AzureKeyCredential } from "@azure/core-auth";\nexport const a = new AzureKeyCredential("c4ca4238a0b923820dcc509a6f75849b");\n';

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('language server: code cache of the TypeScript compiler', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'aais-code-cache-'));
    writeFileSync(path.join(folder, 'client.ts'), TS);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  /** Starts a server with `compileCacheFolder`, returns the rule ids of client.ts's first diagnostics. */
  const diagnose = async (compileCacheFolder: string, keepRunning?: (client: LspClient) => Promise<void>) => {
    const client = await LspClient.start(folder, { trusted: true, debounceMs: 0, compileCacheFolder });
    try {
      const uri = client.open(path.join(folder, 'client.ts'), TS, 'typescript');
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      await keepRunning?.(client);
      return published.diagnostics.map((d) => d.code).sort();
    } finally {
      await client.stop();
    }
  };
  const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

  test('the first start writes the cache (removing caches of other versions), later starts read it, and the diagnostics are the same', async () => {
    const cache = path.join(folder, 'cache-a');
    mkdirSync(cache);
    writeFileSync(path.join(cache, 'typescript-0123456789abcdef01234567.v8cache'), 'a cache of an earlier release');
    writeFileSync(path.join(cache, 'typescript-0123456789abcdef01234567.v8cache.4242.partial'), 'a write that never finished');
    const first = await diagnose(cache, () => until('the cache file', () => (cacheFiles(cache).length === 1 && readdirSync(cache).length === 1 ? true : undefined)).then(() => undefined));
    assert.deepEqual(first, ['hardcoded-key']);
    const written = readFileSync(path.join(cache, cacheFiles(cache)[0]!));
    assert.ok(written.length > 100_000, `a code cache of the compiler (${written.length} bytes)`);
    assert.deepEqual(await diagnose(cache), first);
    assert.deepEqual(cacheFiles(cache).length, 1, 'a valid cache is read, not written again');
  });

  for (const [damage, corrupt] of [
    ['a cache cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1)],
    // V8 checks only the header of its cached data: a damaged body would crash the server on every start.
    ['a cache damaged inside', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(64, 0x5a), bytes.subarray(4096 + 64)])],
    ['garbage', () => Buffer.alloc(4096, 0x5a)],
  ] as const) {
    test(`${damage} is ignored and replaced`, async () => {
      const cache = path.join(folder, `cache-${damage.replace(/\W+/g, '-')}`);
      await diagnose(cache, () => until('the cache file', () => (cacheFiles(cache).length === 1 ? true : undefined)).then(() => undefined));
      const file = path.join(cache, cacheFiles(cache)[0]!);
      const damaged = corrupt(readFileSync(file));
      writeFileSync(file, damaged);
      const diagnostics = await diagnose(cache, () => until('the cache to be rewritten', () => (readFileSync(file).equals(damaged) ? undefined : true)).then(() => undefined));
      assert.deepEqual(diagnostics, ['hardcoded-key']);
    });
  }

  test('a cache folder that cannot be created costs nothing but the cache', async () => {
    const blocked = path.join(folder, 'not-a-folder');
    writeFileSync(blocked, 'a file where the cache folder would go');
    assert.deepEqual(await diagnose(path.join(blocked, 'cache')), ['hardcoded-key']);
    assert.equal(readFileSync(blocked, 'utf8'), 'a file where the cache folder would go');
  });
});
