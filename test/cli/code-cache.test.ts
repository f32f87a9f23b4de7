/**
 * The CLI and its audit workers load the TypeScript compiler through V8's code cache in the user's
 * cache folder (server/src/workspace/user-cache.ts, server/src/compile-cache.ts): written by the first
 * scan, read by the next; a damaged cache is never trusted and never changes a report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { userCacheFolder } from '../../server/src/workspace/user-cache.js';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const HEX_KEY = '9b74c9897bac770ffc029102a200c5de';

describe('CLI: code cache of the TypeScript compiler', () => {
  let dir: string;
  let cacheHome: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aais-cli-cache-'));
    cacheHome = path.join(dir, 'cache-home');
    // Enough files for the worker threads (300+), a few of them parsed.
    for (let i = 0; i < 320; i++) {
      const file = path.join(dir, 'tree', `pkg-${i % 4}`, `m${i}.ts`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(
        file,
        i % 10 === 0 ? `import { AzureKeyCredential } from "@azure/core-auth";\nexport const c${i} = new AzureKeyCredential("${HEX_KEY}");\n` : `export const v${i} = ${i};\n`,
      );
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const scan = (env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [CLI, 'scan', path.join(dir, 'tree'), '--format', 'json', '--fail-on', 'none'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env },
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const cacheDir = () => path.join(cacheHome, 'azure-ai-security', 'v8');
  const caches = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.endsWith('.v8cache')) : []);

  test('the first scan writes one cache file in the user cache folder; later scans read it and report the same', () => {
    const first = scan();
    assert.deepEqual(caches().length, 1, `one code cache in ${cacheDir()}`);
    assert.deepEqual(readdirSync(cacheDir()).length, 1, 'no partial writes left behind');
    const report = JSON.parse(first) as { files: Array<{ findings: unknown[] }> };
    assert.equal(report.files.length, 32, 'the files with a key are reported');
    const body = readFileSync(path.join(cacheDir(), caches()[0]!));
    assert.ok(body.length > 100_000, `a code cache of the compiler (${body.length} bytes)`);
    assert.equal(scan(), first);
    assert.deepEqual(readFileSync(path.join(cacheDir(), caches()[0]!)), body, 'a valid cache is read, not rewritten');
  });

  test('a damaged cache is ignored (the compiler compiles from source), replaced, and the report is the same', () => {
    const expected = scan();
    const file = path.join(cacheDir(), caches()[0]!);
    const damaged = readFileSync(file);
    for (let i = 200; i < damaged.length; i += 997) damaged[i] ^= 0xff;
    writeFileSync(file, damaged);
    assert.equal(scan(), expected);
    assert.notDeepEqual(readFileSync(file), damaged, 'the damaged cache was written anew');
  });

  test('AZURE_AI_SECURITY_CODE_CACHE=off writes no cache', () => {
    rmSync(cacheHome, { recursive: true, force: true });
    scan({ AZURE_AI_SECURITY_CODE_CACHE: 'off' });
    assert.equal(existsSync(cacheHome), false);
  });

  test('the cache folder is per user, never the shared temporary folder', () => {
    assert.equal(userCacheFolder({ XDG_CACHE_HOME: '/home/ana/.xdg' }, 'linux'), path.join('/home/ana/.xdg', 'azure-ai-security', 'v8'));
    assert.match(userCacheFolder({}, 'linux')!, /[/\\]\.cache[/\\]azure-ai-security[/\\]v8$/);
    assert.match(userCacheFolder({ XDG_CACHE_HOME: 'relative/path' }, 'linux')!, /[/\\]\.cache[/\\]azure-ai-security/, 'a relative XDG_CACHE_HOME is ignored, as the spec says');
    assert.match(userCacheFolder({}, 'darwin')!, /Library[/\\]Caches[/\\]azure-ai-security/);
    assert.equal(userCacheFolder({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32'), path.join('C:\\Users\\ana\\AppData\\Local', 'azure-ai-security', 'Cache', 'v8'));
    assert.equal(userCacheFolder({ AZURE_AI_SECURITY_CODE_CACHE: 'off' }, 'linux'), undefined);
    for (const platform of ['linux', 'darwin', 'win32'] as const) assert.ok(!userCacheFolder({}, platform)!.startsWith(tmpdir()), platform);
  });
});
