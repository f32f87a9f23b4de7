import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import type * as nodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixedSettings } from '../../../server/src/workspace/audit-settings.js';
import { runAudit } from '../../../server/src/workspace/audit.js';
import { discoverFiles, type DiscoverOptions } from '../../../server/src/workspace/discover.js';
import { readSourceSync } from '../../../server/src/workspace/read-source.js';

const KEY = '1679091c5a880faf6fb5e6087eb1b2dc';

describe('file handling: never fatal, always reported', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aais-files-'));
    mkdirSync(path.join(dir, 'src', 'nested'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'ok.ts'), `new AzureKeyCredential("${KEY}");\n`);
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'src', 'nested', 'loop')); // a directory loop
    symlinkSync(path.join(dir, 'src', 'self.ts'), path.join(dir, 'src', 'self.ts')); // a link to itself
    symlinkSync(path.join(dir, 'missing.ts'), path.join(dir, 'src', 'dangling.ts'));
    mkdirSync(path.join(dir, 'src', 'folder.ts')); // a directory with a source-file name
    writeFileSync(path.join(dir, 'src', 'big.ts'), `// ${'x'.repeat(3000)}\n`);
    writeFileSync(path.join(dir, 'src', 'image.ts'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('symlink loops are not followed; odd entries become notices with reasons', async () => {
    const result = await runAudit([dir], { settingsFor: fixedSettings({ maxFileBytes: 2048 }) });
    assert.deepEqual(
      result.files.map((f) => path.relative(dir, f.path)),
      ['src/ok.ts'],
    );
    assert.equal(result.files[0]!.findings[0]!.ruleId, 'hardcoded-key');
    const notices = Object.fromEntries(result.notices.map((n) => [path.relative(dir, n.path), n.message]));
    assert.deepEqual(notices, {
      'src/big.ts': 'Skipped: larger than the size limit (3 KB > 2 KB).',
      'src/dangling.ts': 'Skipped: deleted before it could be read.',
      'src/image.ts': 'Skipped: binary file.',
      'src/self.ts': 'Skipped: could not be read (ELOOP).',
    });
  });

  test('a file deleted between discovery and reading is reported, and the audit goes on', async () => {
    const gone = path.join(dir, 'src', 'gone.ts');
    writeFileSync(gone, 'export {};\n');
    const settings = fixedSettings({ maxFileBytes: 2048 });
    // The walk reaches src/nested after it has listed src/gone.ts: deleted then, it is gone before it is read.
    const settingsFor = (folder: string) => {
      if (folder === path.join(dir, 'src', 'nested') && existsSync(gone)) unlinkSync(gone);
      return settings(folder);
    };
    const result = await runAudit([dir], { settingsFor });
    assert.ok(!existsSync(gone));
    assert.ok(result.notices.some((n) => n.path === gone && n.message === 'Skipped: deleted before it could be read.'));
    assert.ok(result.files.some((f) => f.path.endsWith('ok.ts')));
  });

  test('a FIFO named like a source file is skipped at once, not waited on', { skip: process.platform === 'win32' }, () => {
    const fifo = path.join(dir, 'pipe.ts');
    execFileSync('mkfifo', [fifo]);
    try {
      // Given by name (a file replaced by a FIFO after discovery), as the audit loops read: a blocking
      // open would wait for a writer forever, and block the thread, so it runs in a process with a deadline.
      const readSourceModule = path.join(__dirname, '../../../server/src/workspace/read-source.ts');
      const code = `const { readSourceSync } = require(${JSON.stringify(readSourceModule)}); console.log(JSON.stringify(readSourceSync(${JSON.stringify(fifo)})));`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(child.signal, null, 'reading the FIFO did not return');
      assert.deepEqual(JSON.parse(child.stdout), { kind: 'skipped', reason: 'not a regular file' });
    } finally {
      unlinkSync(fifo);
    }
  });

  test('files read one after another through the shared buffer keep their own text, BOM dropped', () => {
    const texts = ['x'.repeat(200_000), 'short', '', '\ufeffconst a = 1;\n', `// ${'é'.repeat(40_000)}\n`, 'tail'];
    texts.forEach((text, i) => writeFileSync(path.join(dir, `seq-${i}.ts`), text));
    const files = texts.map((_, i) => path.join(dir, `seq-${i}.ts`));
    const read = files.map((file) => readSourceSync(file));
    // Each with the stat of the file it was read from (what `--cache` compares next time).
    assert.deepEqual(
      read,
      texts.map((text, i) => {
        const stat = statSync(files[i]!);
        return { kind: 'text', text: text.replace(/^\ufeff/, ''), stamp: { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino } };
      }),
    );
    assert.deepEqual(readSourceSync(path.join(dir, 'seq-0.ts'), 100_000), { kind: 'skipped', reason: 'larger than the size limit (195 KB > 98 KB)' });
  });

  test('a file that says it is empty but is not (/proc) is read to its end, within the size limit', { skip: process.platform !== 'linux' }, () => {
    const read = readSourceSync('/proc/self/status');
    assert.equal(read.kind, 'text');
    assert.match((read as { text: string }).text, /^Name:/);
    assert.ok((read as { text: string }).text.length > 500);
    assert.deepEqual(readSourceSync('/proc/self/status', 64), { kind: 'skipped', reason: 'larger than the size limit (more than 64 B)' });
  });

  test('a close that fails (EIO on a network file system) fails the read with its reason, never an exception', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof nodeFs;
    const close = fs.closeSync;
    fs.closeSync = (fd: number) => {
      close(fd);
      throw Object.assign(new Error('EIO: i/o error, close'), { code: 'EIO' });
    };
    try {
      assert.deepEqual(readSourceSync(path.join(dir, 'src', 'ok.ts')), { kind: 'skipped', reason: 'could not be read (EIO)' });
    } finally {
      fs.closeSync = close;
    }
  });

  test('a nested .gitignore can re-include what a parent ignored, as git does', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aais-negate-'));
    try {
      mkdirSync(path.join(root, 'scripts'));
      writeFileSync(path.join(root, '.gitignore'), '*.js\n');
      writeFileSync(path.join(root, 'scripts', '.gitignore'), '!*.js\n');
      writeFileSync(path.join(root, 'bundle.js'), '');
      writeFileSync(path.join(root, 'scripts', 'deploy.js'), '');
      // The language server reads folders asynchronously, the CLI synchronously: the same files either way.
      for (const synchronous of [false, true]) {
        assert.deepEqual(
          (await discoverFiles(root, [], { settingsFor: fixedSettings(), synchronous })).map((f) => path.relative(root, f.path)),
          ['scripts/deploy.js'],
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('exclude globs and nested .gitignore files apply', async () => {
    writeFileSync(path.join(dir, 'src', 'nested', '.gitignore'), 'generated.ts\n');
    writeFileSync(path.join(dir, 'src', 'nested', 'generated.ts'), 'export {};\n');
    writeFileSync(path.join(dir, 'src', 'nested', 'kept.ts'), 'export {};\n');
    const options: DiscoverOptions = { settingsFor: fixedSettings({ exclude: ['src/ok.ts'], excludeBase: dir }) };
    const files = (await discoverFiles(dir, [], options)).map((f) => path.relative(dir, f.path));
    assert.ok(files.includes('src/nested/kept.ts'));
    assert.ok(!files.includes('src/nested/generated.ts'));
    assert.ok(!files.includes('src/ok.ts'));
    const found: string[] = [];
    const onFound: DiscoverOptions['onFound'] = (list) => found.push(path.relative(dir, list.at(-1)!.path));
    const synchronously = (await discoverFiles(dir, [], { ...options, synchronous: true, onFound })).map((f) => path.relative(dir, f.path));
    assert.deepEqual(synchronously, files);
    assert.deepEqual(found, files, 'onFound is called once per file found, in order, with the list so far');
  });
});
