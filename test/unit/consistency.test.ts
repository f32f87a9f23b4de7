import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/engine/rules/index.js';

const ROOT = path.join(__dirname, '..', '..');
const CATALOGUE = readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');

test('the registry is sorted by id and ids are unique', () => {
  const ids = RULES.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort());
  assert.equal(new Set(ids).size, ids.length);
});

test('every rule file is registered, and every rule has its doc page, table test and catalogue entry', () => {
  const files = readdirSync(path.join(ROOT, 'server', 'src', 'engine', 'rules'))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(files, RULES.map((r) => r.id).sort(), 'rule files and registry differ');
  for (const rule of RULES) {
    const doc = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
    assert.ok(existsSync(doc), `${rule.id}: docs/rules/${rule.id}.md is missing`);
    assert.ok(readFileSync(doc, 'utf8').startsWith(`# ${rule.id}\n`), `${rule.id}: doc page must start with its id`);
    assert.ok(existsSync(path.join(ROOT, 'test', 'unit', 'rules', `${rule.id}.test.ts`)), `${rule.id}: test/unit/rules/${rule.id}.test.ts is missing`);
    assert.ok(CATALOGUE.includes(`| [\`${rule.id}\`](${rule.id}.md) |`), `${rule.id}: not in the catalogue docs/rules/README.md`);
    assert.ok(rule.docs.summary && rule.docs.why && rule.docs.fix, `${rule.id}: docs text incomplete`);
  }
});

test('generated parts of package.json and the config schema match the registry (npm run sync-manifest)', async () => {
  const { staleParts } = await import('../../scripts/manifest.js');
  assert.deepEqual(staleParts(), [], 'stale: run npm run sync-manifest');
});
