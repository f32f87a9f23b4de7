/** Error tolerance: the tricky inputs the parser must survive (README, Development), one test each. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep, resourceDeclarations, getProperty, type BicepFile } from '../../../server/src/engine/bicep/index.js';
import { r } from './helpers.js';

const GOOD_BEFORE = "resource before 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'a'\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}\n";
const GOOD_AFTER = "resource after 'Microsoft.Search/searchServices@2024-06-01-preview' = {\n  name: 'b'\n  properties: {\n    disableLocalAuth: true\n  }\n}\n";

/** Both complete resources around a broken snippet stay analysable. */
function assertNeighboursSurvive(broken: string): BicepFile {
  const file = parseBicep(GOOD_BEFORE + broken + '\n' + GOOD_AFTER);
  assert.ok(file.syntaxErrors.length > 0, 'expected a syntax error');
  const names = resourceDeclarations(file).map((res) => res.symbolicName);
  assert.ok(names.includes('before'), `before missing in ${names.join(',')}`);
  assert.ok(names.includes('after'), `after missing in ${names.join(',')}`);
  const before = resourceDeclarations(file).find((res) => res.symbolicName === 'before')!;
  const after = resourceDeclarations(file).find((res) => res.symbolicName === 'after')!;
  assert.equal(getProperty(before.body, 'properties.publicNetworkAccess')?.value.kind, 'String');
  assert.equal(getProperty(after.body, 'properties.disableLocalAuth')?.value.kind, 'Boolean');
  assert.equal(after.type, 'Microsoft.Search/searchServices');
  return file;
}

const halfTyped = [
  'resource',
  'resource foo',
  "resource foo 'Microsoft.CognitiveServices/accounts@",
  "resource foo 'Microsoft.CognitiveServices/accounts@2024-10-01'",
  "resource foo 'Microsoft.CognitiveServices/accounts@2024-10-01' =",
  'param p',
  'output o string =',
  'var',
  "module m './x.bicep' = ",
];
for (const snippet of halfTyped) {
  test(`A.7.1 half-typed declaration ${JSON.stringify(snippet)} keeps its neighbours`, () => {
    assertNeighboursSurvive(snippet);
  });
}

test('A.7.1 half-typed resource reports where the text stops', () => {
  const file = parseBicep("resource foo 'Microsoft.CognitiveServices/accounts@");
  assert.deepEqual(
    file.syntaxErrors.map((e) => [r(e.range), e.message]),
    [
      ['0:13-0:51', 'Unterminated string: add the closing "\'".'],
      ['0:51-0:51', "Expected '='."],
    ],
  );
  assert.equal(resourceDeclarations(file)[0]?.declaredType, 'Microsoft.CognitiveServices/accounts');
});

test('A.7.1 @secure() at end of file is a missing declaration', () => {
  const file = parseBicep('param a string\n@secure()');
  assert.deepEqual(
    file.statements.map((s) => s.kind),
    ['Param', 'MissingDeclaration'],
  );
  assert.equal(file.syntaxErrors.length, 1);
});

test('A.7.2 unclosed { before the next resource line stops at the column-0 keyword', () => {
  const file = assertNeighboursSurvive("resource broken 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'c'\n  properties: {\n    disableLocalAuth: false\n");
  const broken = resourceDeclarations(file).find((res) => res.symbolicName === 'broken')!;
  assert.equal(getProperty(broken.body, 'properties.disableLocalAuth')?.value.kind, 'Boolean');
  assert.deepEqual(
    file.syntaxErrors.map((e) => e.message),
    ["Expected '}' to close this bracket.", "Expected '}' to close this bracket."],
  );
});

test('A.7.2 unclosed [ and ( before the next declaration', () => {
  assertNeighboursSurvive('var xs = [\n  1\n  2\n');
  assertNeighboursSurvive('var y = concat(a,\n  b\n');
  assertNeighboursSurvive('var z = [for x in xs: {\n  a: x\n');
});

test('A.7.2 unclosed { at end of file', () => {
  const file = parseBicep("resource a 'T@1' = {\n  name: 'x'\n  properties: {\n");
  assert.equal(resourceDeclarations(file)[0]?.body?.members.length, 2);
  assert.equal(file.syntaxErrors.length, 2);
});

test("A.7.3 unterminated ' ends at the line break", () => {
  assertNeighboursSurvive("var s = 'abc");
});

test("A.7.3 unterminated ''' stops before the next declaration line", () => {
  const file = assertNeighboursSurvive("var s = '''\nsome script\n  more");
  assert.ok(file.syntaxErrors.some((e) => /multi-line string/.test(e.message)));
});

test('A.7.3 unterminated /* stops before the next declaration line', () => {
  const file = assertNeighboursSurvive('/* a comment that never ends\n  text');
  assert.ok(file.syntaxErrors.some((e) => /multi-line comment/.test(e.message)));
});

test('A.7.3 ${ without } before the line break', () => {
  const file = assertNeighboursSurvive("var s = 'a${b");
  assert.ok(file.syntaxErrors.some((e) => /interpolation/.test(e.message)));
});

for (const snippet of ['var a = obj.', 'var a = obj.?', 'var a = obj[', 'var a = obj::', 'var a = fn(a,', 'var a = x[]', 'var a = ', 'var a = 1 +', 'var a = c ?', 'var a = c ? 1']) {
  test(`A.7.4 typing in progress ${JSON.stringify(snippet)}`, () => {
    const file = assertNeighboursSurvive(snippet);
    assert.equal(file.statements.filter((s) => s.kind === 'Var').length, 1);
  });
}

test('A.7.5 mixed separators are valid; a missing separator keeps both properties', () => {
  const arrays = parseBicep("var a = ['a', 'b'\n  'c']\n");
  assert.deepEqual(arrays.syntaxErrors, []);
  const objects = parseBicep("var o = {a:'x' b:'y'}\n");
  assert.deepEqual(
    objects.syntaxErrors.map((e) => [r(e.range), e.message]),
    [['0:15-0:16', "Expected ',' or a new line between properties."]],
  );
  const value = objects.statements[0]!.kind === 'Var' ? objects.statements[0].value : undefined;
  assert.ok(value?.kind === 'Object' && value.members.length === 2);
});

test('A.7.5 comma followed by a line break is reported but parsed', () => {
  const file = parseBicep('var o = {\n  a: 1,\n  b: 2\n}\n');
  assert.deepEqual(
    file.syntaxErrors.map((e) => e.message),
    ['Unexpected new line after a comma.'],
  );
  assert.equal(getProperty(file.statements[0]!.kind === 'Var' ? file.statements[0].value : undefined, 'b')?.value.kind, 'Integer');
});

test('A.7.6 resource as a property name vs nested declaration', () => {
  const file = parseBicep("resource p 'A/b@1' = {\n  resource: 'x'\n  resource c 'd' = {\n    name: 'c'\n  }\n}\n");
  assert.deepEqual(file.syntaxErrors, []);
  assert.deepEqual(
    resourceDeclarations(file).map((res) => `${res.symbolicName}:${res.type}`),
    ['p:A/b', 'c:A/b/d'],
  );
});

test('A.7.7 if on the next line, multi-line ternary, lambda body on the next line', () => {
  const file = parseBicep("resource a 'T@1' =\n  if (x) {\n  name: 'a'\n}\nvar t = c\n  ? 1\n  : 2\nvar f = map(xs, x =>\n  x + 1)\n");
  assert.deepEqual(file.syntaxErrors, []);
  assert.deepEqual(
    file.statements.map((s) => s.kind),
    ['Resource', 'Var', 'Var'],
  );
});

test('A.7.8 decorator without declaration between declarations', () => {
  const file = parseBicep("param a string\n@description('x')\n\n\nparam b string\n@secure()\n");
  assert.deepEqual(
    file.statements.map((s) => s.kind),
    ['Param', 'Param', 'MissingDeclaration'],
  );
  assert.equal(file.statements[1]!.decorators.length, 1);
});

test('A.7.9 pragmas are trivia, x! vs x!=, [^1], .? and [?]', () => {
  const file = parseBicep('#disable-next-line no-unused-vars\nvar a = x!\nvar b = x!=y\nvar c = xs[^1]\nvar d = o.?p[?0]\n');
  assert.deepEqual(file.syntaxErrors, []);
  assert.deepEqual(
    file.statements.map((s) => (s.kind === 'Var' ? s.value.kind : '')),
    ['NonNull', 'Binary', 'Index', 'Index'],
  );
  assert.equal(file.pragmas[0]?.codes[0], 'no-unused-vars');
});

test('A.7.10 interpolated resource type: type unknown, body still analysable', () => {
  const file = parseBicep("resource a '${prefix}/accounts@2024-10-01' = {\n  properties: {\n    x: 1\n  }\n}\n");
  assert.deepEqual(file.syntaxErrors, []);
  const [res] = resourceDeclarations(file);
  assert.equal(res?.type, undefined);
  assert.equal(getProperty(res?.body, 'properties.x')?.value.kind, 'Integer');
});

test('a stray token after a declaration is reported and skipped to the line end', () => {
  const file = parseBicep('var a = 1 2 3\nvar b = 2\n');
  assert.deepEqual(
    file.syntaxErrors.map((e) => [r(e.range), e.message]),
    [['0:10-0:11', 'Expected a new line after the declaration.']],
  );
  assert.deepEqual(
    file.statements.map((s) => s.kind),
    ['Var', 'Var'],
  );
});

test('garbage lines are skipped one by one', () => {
  const file = parseBicep("}}}\n)))\n'''\nparam ok string\n");
  assert.equal(file.statements.filter((s) => s.kind === 'Param').length, 1);
});
