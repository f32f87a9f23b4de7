import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Fix } from '../../../server/src/engine/types.js';
import { applyFileChange, parseEnvFile, resolveFix } from '../../../server/src/workspace/env-file.js';
import { readFolderFiles } from '../../../server/src/workspace/env-target.js';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
function moveFix(name: string, value: string): Fix {
  return {
    title: `Move to environment variable ${name}`,
    preferred: true,
    edits: [{ range: at, newText: `process.env.${name} ?? missingEnv("${name}")` }],
    envVar: { name, value },
  };
}

describe('.env writer', () => {
  test('creates .env and a .gitignore entry when neither exists', () => {
    const r = resolveFix(moveFix('AZURE_OPENAI_API_KEY', 'abc123'), undefined, undefined);
    assert.deepEqual(r.env, { create: true, append: 'AZURE_OPENAI_API_KEY=abc123\n' });
    assert.deepEqual(r.gitignore, { create: true, append: '.env\n' });
  });

  test('appends after a file without a final newline, keeping every existing line in order', () => {
    const before = '# secrets\nexport OTHER=1\nLAST=x';
    const r = resolveFix(moveFix('SPEECH_KEY', 'k1'), before, 'node_modules/\n');
    const after = applyFileChange(before, r.env)!;
    assert.equal(after, '# secrets\nexport OTHER=1\nLAST=x\nSPEECH_KEY=k1\n');
    assert.ok(after.startsWith(before), 'existing text is never rewritten');
    assert.deepEqual(r.gitignore, { create: false, append: '.env\n' });
  });

  test('keeps CRLF files CRLF', () => {
    const r = resolveFix(moveFix('SPEECH_KEY', 'k1'), 'A=1\r\n', 'dist/\r\n');
    assert.equal(r.env!.append, 'SPEECH_KEY=k1\r\n');
    assert.equal(r.gitignore!.append, '.env\r\n');
  });

  test('never duplicates a line that is already there (also as `export NAME=` or quoted)', () => {
    for (const existing of ['SPEECH_KEY=k1\n', 'export SPEECH_KEY=k1\n', 'SPEECH_KEY="k1"\n', "SPEECH_KEY='k1' # old\n"]) {
      const r = resolveFix(moveFix('SPEECH_KEY', 'k1'), existing, '.env\n');
      assert.equal(r.env, undefined, existing);
      assert.equal(r.gitignore, undefined);
      assert.equal(r.title, 'Move to environment variable SPEECH_KEY');
    }
  });

  test('never overwrites another value: a distinct name, said in the title and used in the code', () => {
    const r = resolveFix(moveFix('SPEECH_KEY', 'new'), 'SPEECH_KEY=old\nSPEECH_KEY_2=other\n', '.env');
    assert.equal(r.title, 'Move to environment variable SPEECH_KEY_3 (SPEECH_KEY in .env already holds another value)');
    assert.equal(r.edits[0]!.newText, 'process.env.SPEECH_KEY_3 ?? missingEnv("SPEECH_KEY_3")');
    assert.equal(r.env!.append, 'SPEECH_KEY_3=new\n');
  });

  test('two keys fixed in one batch give one consistent .env', () => {
    let env: string | undefined = 'A=1\n';
    let gitignore: string | undefined;
    for (const fix of [moveFix('SPEECH_KEY', 'one'), moveFix('SPEECH_KEY', 'two'), moveFix('SPEECH_KEY', 'one')]) {
      const r = resolveFix(fix, env, gitignore);
      env = applyFileChange(env, r.env);
      gitignore = applyFileChange(gitignore, r.gitignore);
    }
    assert.equal(env, 'A=1\nSPEECH_KEY=one\nSPEECH_KEY_2=two\n');
    assert.equal(gitignore, '.env\n');
    assert.deepEqual(
      [...parseEnvFile(env!)],
      [
        ['A', '1'],
        ['SPEECH_KEY', 'one'],
        ['SPEECH_KEY_2', 'two'],
      ],
    );
  });

  test('values that need quoting are quoted', () => {
    const r = resolveFix(moveFix('K', 'a b#c"d'), undefined, undefined);
    assert.equal(r.env!.append, 'K="a b#c\\"d"\n');
  });

  test('.gitignore patterns that already cover .env are respected', () => {
    for (const gi of ['.env\n', '/.env\n', '.env*\n', '*.env\n', '**/.env\n']) assert.equal(resolveFix(moveFix('K', 'v'), undefined, gi).gitignore, undefined, gi);
    assert.deepEqual(resolveFix(moveFix('K', 'v'), undefined, '.env\n!.env\n').gitignore, { create: false, append: '.env\n' });
  });
});

describe('.env target', () => {
  test('refuses a .env or .gitignore that links outside the workspace folder', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'aais-outside-'));
    const folder = mkdtempSync(path.join(tmpdir(), 'aais-folder-'));
    try {
      writeFileSync(path.join(outside, 'stolen'), '');
      symlinkSync(path.join(outside, 'stolen'), path.join(folder, '.env'));
      const r = await readFolderFiles(folder);
      assert.ok('refused' in r);
      assert.match(r.refused, /^\.env is a link to .*stolen, outside the workspace folder; not writing there$/);
      assert.equal(readFileSync(path.join(outside, 'stolen'), 'utf8'), '');
    } finally {
      rmSync(outside, { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('accepts a link inside the folder to a git-ignored file, refuses one to a tracked file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'aais-folder-'));
    try {
      mkdirSync(path.join(folder, 'config'));
      writeFileSync(path.join(folder, 'config', 'local.env'), 'A=1\n');
      symlinkSync(path.join(folder, 'config', 'local.env'), path.join(folder, '.env'));
      const tracked = await readFolderFiles(folder);
      assert.deepEqual(tracked, { refused: '.env is a link to config/local.env, which .gitignore does not ignore; not writing a key there' });
      writeFileSync(path.join(folder, '.gitignore'), '*.env\n');
      const r = await readFolderFiles(folder);
      assert.ok(!('refused' in r));
      assert.equal(r.envText, 'A=1\n');
      assert.equal(r.gitignoreText, '*.env\n');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('.env target that cannot be read', () => {
  test('a .env that is a folder is a refusal with a reason, not an exception', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'aais-folder-'));
    try {
      mkdirSync(path.join(folder, '.env'));
      assert.deepEqual(await readFolderFiles(folder), { refused: "the workspace folder's .env or .gitignore cannot be read (EISDIR)" });
      assert.deepEqual(await readFolderFiles(path.join(folder, 'gone')), { refused: "the workspace folder's .env or .gitignore cannot be read (ENOENT)" });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
