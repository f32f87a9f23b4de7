import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetAtPosition, parseBicep, positionAt, rangeOf, resourceDeclarations, getProperty } from '../../../server/src/engine/bicep/index.js';
import { parseClean, r, readFixture } from './helpers.js';

test('CRLF: ranges are the same as with LF, and the file parses cleanly', () => {
  const lf = readFixture('ai-account.bicep');
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = parseClean(lf);
  const b = parseClean(crlf);
  const ranges = (file: typeof a) => resourceDeclarations(file).map((res) => `${r(res.nameRange)} ${r(res.range)} ${r(res.keywordLine)}`);
  assert.deepEqual(ranges(b), ranges(a));
  assert.equal(b.lineStarts.length, a.lineStarts.length);
});

test('BOM counts as one UTF-16 character on line 0 and is otherwise ignored', () => {
  const file = parseClean('\uFEFFparam p string\nvar v = 1\n');
  assert.equal(r(file.statements[0]!.keyword), '0:1-0:6');
  assert.equal(r(file.statements[1]!.keyword), '1:0-1:3');
});

test('tabs count as one character', () => {
  const file = parseClean("resource a 'T@1' = {\n\tproperties: {\n\t\tx: 'y'\n\t}\n}\n");
  const property = getProperty(resourceDeclarations(file)[0]!.body, 'properties.x')!;
  assert.equal(r(rangeOf(file, property.key)), '2:2-2:3');
  assert.equal(r(rangeOf(file, property.value)), '2:5-2:8');
});

test('non-ASCII: positions are UTF-16 code units (an emoji is 2)', () => {
  const file = parseClean("var a = 'é😀'\nvar b = 'x' // ünïcødé 😀\nvar c = 1\n");
  assert.equal(r(rangeOf(file, file.statements[0]!)), '0:0-0:13');
  const [, , c] = file.statements;
  assert.equal(r(c!.keyword), '2:0-2:3');
  assert.equal(r(file.comments[0]!.range), '1:12-1:25');
});

test('positions inside multi-line strings and comments advance lines', () => {
  const file = parseClean("var s = '''\none\ntwo\n'''\n/* a\nb */ var t = 1\n");
  assert.equal(r(rangeOf(file, file.statements[0]!)), '0:0-3:3');
  assert.equal(r(file.statements[1]!.keyword), '5:5-5:8');
});

test('offset ↔ position round trip over a fixture with CRLF', () => {
  const file = parseBicep(readFixture('storage-webapp.bicep').replace(/\n/g, '\r\n'));
  for (let offset = 0; offset < file.text.length; offset += 17) {
    if (file.text.charCodeAt(offset) === 10 && file.text.charCodeAt(offset - 1) === 13) continue;
    assert.equal(offsetAtPosition(file, positionAt(file, offset)), offset);
  }
});

test('lone CR ends a line', () => {
  const file = parseClean('var a = 1\rvar b = 2\r');
  assert.equal(r(file.statements[1]!.keyword), '1:0-1:3');
});

test('a lone high surrogate before a line break keeps the line count right', () => {
  const file = parseBicep("var a = 1\n}\uD800\nvar b = 'x'\n");
  assert.deepEqual(file.lineStarts, [0, 10, 13, 25]);
});
