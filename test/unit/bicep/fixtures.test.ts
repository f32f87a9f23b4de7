import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep, stringValue } from '../../../server/src/engine/bicep/index.js';
import { fixtureNames, parseClean, readFixture } from './helpers.js';

const EXPECTED_STATEMENTS: Record<string, number> = {
  'ai-account.bicep': 17,
  'ai-search.bicep': 9,
  'dev.bicepparam': 7,
  'main.bicepparam': 8,
  'module-types.bicep': 30,
  'ml-workspace.bicep': 9,
  'storage-webapp.bicep': 19,
  'syntax-tour.bicep': 54,
};

test('the fixture set is the expected one', () => {
  assert.deepEqual(fixtureNames(), Object.keys(EXPECTED_STATEMENTS).sort());
});

for (const name of Object.keys(EXPECTED_STATEMENTS)) {
  test(`${name} parses without syntax errors into ${EXPECTED_STATEMENTS[name]} statements`, () => {
    const file = parseClean(readFixture(name));
    assert.equal(file.statements.length, EXPECTED_STATEMENTS[name]);
    assert.ok(!file.statements.some((s) => s.kind === 'Unknown' || s.kind === 'MissingDeclaration'));
  });
}

test('syntax tour: statement kinds in order', () => {
  const kinds = parseClean(readFixture('syntax-tour.bicep')).statements.map((s) => s.kind);
  assert.deepEqual(kinds.slice(0, 12), [
    'TargetScope',
    'Extension',
    'Extension',
    'Extension',
    'Import',
    'Import',
    'Import',
    'Metadata',
    'TypeDeclaration',
    'TypeDeclaration',
    'TypeDeclaration',
    'Function',
  ]);
  assert.deepEqual(kinds.slice(-6), ['Resource', 'Resource', 'Module', 'Assert', 'Output', 'Output']);
});

test('a terminated multi-line string is never cut, even when a line looks like a declaration', () => {
  const file = parseClean("var script = '''\nparam x string\nresource y\n'''\nvar after = 1\n");
  const first = file.statements[0]!;
  assert.ok(first.kind === 'Var' && first.value.kind === 'String' && stringValue(first.value) === 'param x string\nresource y\n');
  assert.equal(file.statements.length, 2);
});

test('a terminated block comment is never cut either', () => {
  const file = parseBicep('/*\nresource x\n*/\nvar a = 1\n');
  assert.deepEqual(file.syntaxErrors, []);
  assert.equal(file.comments[0]!.range.end.line, 2);
});
