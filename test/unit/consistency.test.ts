import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/engine/rules/index.js';
import type { Language } from '../../server/src/engine/types.js';
import { codeScanningProblem, codeScanningRow } from '../../server/src/report/code-scanning.js';

const ROOT = path.join(__dirname, '..', '..');
const CATALOGUE = readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');

test('the registry is sorted by id and ids are unique', () => {
  const ids = RULES.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort());
  assert.equal(new Set(ids).size, ids.length);
});

/**
 * The rules on disk: `rules/<id>.ts`, or `rules/<id>/` for a rule that covers both languages, with
 * the halves (`typescript.ts`, `bicep.ts`) it holds.
 */
function rulesOnDisk(): Map<string, { folder: boolean; halves: string[] }> {
  const dir = path.join(ROOT, 'server', 'src', 'engine', 'rules');
  const found = new Map<string, { folder: boolean; halves: string[] }>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const halves = readdirSync(path.join(dir, entry.name))
        .filter((f) => f !== 'index.ts')
        .map((f) => f.replace(/\.ts$/, ''))
        .sort();
      found.set(entry.name, { folder: true, halves });
    } else if (entry.name.endsWith('.ts') && entry.name !== 'index.ts') {
      found.set(entry.name.replace(/\.ts$/, ''), { folder: false, halves: [] });
    }
  }
  return found;
}

/** The half of a rule folder that holds a language's checks. */
const HALF_OF: Record<Language, string> = { typescript: 'typescript', bicep: 'bicep', bicepparam: 'bicep', dotenv: 'config', json: 'config', armparams: 'bicep' };

test('every rule file or folder is registered, and every rule has its doc page, table test and catalogue entry', () => {
  const onDisk = rulesOnDisk();
  assert.deepEqual([...onDisk.keys()].sort(), RULES.map((r) => r.id).sort(), 'rule files/folders and registry differ');
  for (const rule of RULES) {
    const doc = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
    assert.ok(existsSync(doc), `${rule.id}: docs/rules/${rule.id}.md is missing`);
    assert.ok(readFileSync(doc, 'utf8').startsWith(`# ${rule.id}\n`), `${rule.id}: doc page must start with its id`);
    assert.ok(existsSync(path.join(ROOT, 'test', 'unit', 'rules', `${rule.id}.test.ts`)), `${rule.id}: test/unit/rules/${rule.id}.test.ts is missing`);
    assert.ok(CATALOGUE.includes(`| [\`${rule.id}\`](${rule.id}.md) |`), `${rule.id}: not in the catalogue docs/rules/README.md`);
    assert.ok(rule.docs.summary && rule.docs.why && rule.docs.fix, `${rule.id}: docs text incomplete`);
    // GitHub code scanning's security-severity and precision: in the band of the level, and stated on the page (npm run sync-manifest).
    assert.equal(codeScanningProblem(rule), undefined);
    assert.ok(readFileSync(doc, 'utf8').includes(`\n${codeScanningRow(rule)}\n`), `${rule.id}: docs/rules/${rule.id}.md lacks its code-scanning row (npm run sync-manifest)`);
  }
});

test('a rule that covers both languages is a folder with one half per language; a single-language rule is one file', () => {
  const onDisk = rulesOnDisk();
  for (const rule of RULES) {
    const halves = [...new Set(rule.languages.map((l) => HALF_OF[l]))].sort();
    const layout = onDisk.get(rule.id)!;
    if (halves.length > 1) assert.deepEqual(layout, { folder: true, halves }, `${rule.id}: expected rules/${rule.id}/ with index.ts, ${halves.map((h) => `${h}.ts`).join(', ')}`);
    else assert.equal(layout.folder, false, `${rule.id}: a single-language rule is rules/${rule.id}.ts`);
  }
});

test('a test of one half of a rule (test/unit/rules/<id>.<half>.test.ts) names a rule that has that half', () => {
  const onDisk = rulesOnDisk();
  for (const file of readdirSync(path.join(ROOT, 'test', 'unit', 'rules'))) {
    const half = /^(.+)\.(typescript|bicep|config)\.test\.ts$/.exec(file);
    if (half) assert.ok(onDisk.get(half[1]!)?.halves.includes(half[2]!), `${file}: no rules/${half[1]}/${half[2]}.ts`);
  }
});

test('generated parts of package.json, the config schema and the docs/rules/README.md table match the registry (npm run sync-manifest)', async () => {
  const { staleParts } = await import('../../scripts/manifest.js');
  assert.deepEqual(staleParts(), [], 'stale: run npm run sync-manifest');
});

test('the catalogue check sees a stale row and a lost marker', async () => {
  const { TABLE_END, withRulesTable } = await import('../../scripts/rules-catalogue.js');
  const stale = CATALOGUE.replace(
    '| [`hardcoded-key`](hardcoded-key.md) | TS/JS, Bicep, `.bicepparam`, `.env`, JSON settings | error |',
    '| [`hardcoded-key`](hardcoded-key.md) | TS/JS, Bicep, `.bicepparam`, `.env`, JSON settings | warning |',
  );
  assert.notEqual(stale, CATALOGUE, 'the test edit must hit a row');
  assert.equal(withRulesTable(stale), CATALOGUE, 'a stale row is regenerated');
  assert.equal(withRulesTable(CATALOGUE.replace(TABLE_END, '')), undefined, 'without its markers the table is not rewritten');
});
