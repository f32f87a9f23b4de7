import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appendGitignoreLine, GitIgnores, SYNC_IO } from '../../../server/src/workspace/git-ignore.js';

describe('GitIgnores decides "ignored" as git does', () => {
  let root: string;
  const write = (rel: string, text = '') => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  const at = (rel: string) => path.join(root, rel);
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aais-gitignore-'));
    mkdirSync(at('repo/.git'), { recursive: true });
    // Above the repository: git never reads it.
    write('.gitignore', '*\n');
    write('repo/.gitignore', '.env\n/root-only.env.local\nsecrets/\n**/generated/**\n');
    write('repo/app/.gitignore', '!.env\n.env.local\n');
    write('repo/secrets/.gitignore', '!.env\n');
    // A nested repository (a submodule's `.git` is a file): its own root.
    write('repo/vendor/sub/.git', 'gitdir: ../../.git/modules/sub\n');
    write('repo/vendor/sub/.gitignore', 'local.settings.json\n');
    mkdirSync(at('nogit/inner'), { recursive: true });
    write('nogit/.gitignore', '.env\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const cases: Array<[rel: string, ignored: boolean, why: string]> = [
    ['repo/.env', true, 'the root .gitignore names it'],
    ['repo/api/.env', true, 'an unanchored name matches at any depth'],
    ['repo/app/.env', false, 'a nested !.env re-includes it (the deepest rule decides)'],
    ['repo/app/.env.local', true, 'a nested .gitignore adds its own'],
    ['repo/root-only.env.local', true, 'an anchored pattern matches at the root'],
    ['repo/api/root-only.env.local', false, 'an anchored pattern does not match deeper'],
    ['repo/secrets/.env', true, 'inside an ignored folder nothing can be re-included'],
    ['repo/src/generated/x/.env.development', true, '** patterns'],
    ['repo/api/local.settings.json', false, 'no rule for it'],
    ['repo/vendor/sub/local.settings.json', true, 'a submodule is judged by its own .gitignore'],
    ['repo/vendor/sub/.env', false, "the outer repository's rules stop at the submodule"],
  ];
  for (const [rel, ignored, why] of cases) {
    test(`${rel}: ${ignored ? 'ignored' : 'not ignored'} (${why})`, async () => {
      assert.equal(await new GitIgnores().isIgnored(at(rel)), ignored);
      assert.equal(await new GitIgnores(SYNC_IO).isIgnored(at(rel)), ignored, 'the synchronous reader agrees');
    });
  }

  test('the repository root is the nearest folder holding .git; without one, the innermost boundary', async () => {
    assert.equal(await new GitIgnores().repositoryRoot(at('repo/app/.env')), at('repo'));
    assert.equal(await new GitIgnores().repositoryRoot(at('repo/vendor/sub/.env')), at('repo/vendor/sub'));
    const bounded = new GitIgnores(undefined, () => [at('nogit')]);
    assert.equal(await bounded.repositoryRoot(at('nogit/inner/.env')), at('nogit'));
    assert.equal(await bounded.isIgnored(at('nogit/inner/.env')), true, "the boundary's .gitignore counts");
    assert.equal(await new GitIgnores().isIgnored(at('nogit/inner/.env')), false, "no boundary: only the file's own folder");
  });

  test('a changed .gitignore is read again once invalidated; withText sees a .gitignore as a fix would leave it', async () => {
    const git = new GitIgnores();
    write('repo/api2/.gitignore', '');
    assert.equal(await git.isIgnored(at('repo/api2/local.settings.json')), false);
    write('repo/api2/.gitignore', 'local.settings.json\n');
    assert.equal(await git.isIgnored(at('repo/api2/local.settings.json')), false, 'cached until invalidated');
    git.invalidate(at('repo/api2/.gitignore'));
    assert.equal(await git.isIgnored(at('repo/api2/local.settings.json')), true);
    assert.equal(await git.withText(at('repo/.gitignore'), '').isIgnored(at('repo/.env')), false);
  });
});

test('appendGitignoreLine adds a last line, never touching the others, keeping CRLF files CRLF', () => {
  assert.equal(appendGitignoreLine(undefined, '.env'), '.env\n');
  assert.equal(appendGitignoreLine('', '.env'), '.env\n');
  assert.equal(appendGitignoreLine('node_modules/\n', '.env'), '.env\n');
  assert.equal(appendGitignoreLine('node_modules/', '.env'), '\n.env\n');
  assert.equal(appendGitignoreLine('node_modules/\r\ndist/', '.env.local'), '\r\n.env.local\r\n');
});
