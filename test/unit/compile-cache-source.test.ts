/**
 * `requireWithCompileCache` (server/src/compile-cache.ts) reads an ASCII bundle as Latin-1, which is
 * only the same text when the file is ASCII: a bundle with other characters must load exactly as
 * `require` loads it, from source and from its code cache.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { requireWithCompileCache, setCompileCacheFolder, writePendingCompileCache } from '../../server/src/compile-cache.js';

describe('code cache: the bundle text as written', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aais-compile-cache-source-'));
  after(() => {
    setCompileCacheFolder(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, text] of [
    ['ascii', 'Contoso key vault'],
    ['non-ascii', 'Zürich – Azure OpenAI ✓ 🔑'],
  ] as const) {
    test(`a bundle with ${name} text exports it unchanged, from source and from the cache`, () => {
      const file = path.join(dir, `${name}.js`);
      writeFileSync(file, `module.exports = { text: ${JSON.stringify(text)}, raw: '${text}', length: '${text}'.length };\n`);
      const cacheFolder = path.join(dir, `cache-${name}`);
      setCompileCacheFolder(cacheFolder);
      const fromSource = requireWithCompileCache(file) as { text: string; raw: string; length: number };
      writePendingCompileCache();
      assert.equal(readdirSync(cacheFolder).filter((f) => f.endsWith('.v8cache')).length, 1);
      const fromCache = requireWithCompileCache(file) as { text: string; raw: string; length: number };
      for (const loaded of [fromSource, fromCache]) {
        assert.equal(loaded.text, text);
        assert.equal(loaded.raw, text);
        assert.equal(loaded.length, text.length);
      }
    });
  }
});
