/**
 * Current Bicep syntax as published modules write it (formatter layout included): every form
 * reads with no syntax notice, and the declarations around it survive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep, rangeOf, type Declaration, type TypeNode } from '../../../server/src/engine/bicep/index.js';
import { only, parseClean, r, textOf } from './helpers.js';

/** The type annotation of a param, output, var or type declaration. */
function typeOf(statement: Declaration | undefined): TypeNode | undefined {
  if (!statement) return undefined;
  if (statement.kind === 'Param' || statement.kind === 'Output' || statement.kind === 'Var') return statement.type;
  if (statement.kind === 'TypeDeclaration') return statement.type;
  return undefined;
}

interface TypeCase {
  name: string;
  text: string;
  /** Statement kinds, in order. */
  kinds: Declaration['kind'][];
  /** The first statement's type text (blanks collapsed, a leading `|` dropped). */
  type: string;
  nullable?: boolean;
}

const TYPE_CASES: TypeCase[] = [
  { name: 'type: leading | on each line', text: "type t =\n  | 'a'\n  | 'b'\nvar x = 1\n", kinds: ['TypeDeclaration', 'Var'], type: "'a' | 'b'" },
  { name: 'type: leading | on the same line', text: "type t = | 'a' | 'b'\n", kinds: ['TypeDeclaration'], type: "'a' | 'b'" },
  { name: 'type: first member on the = line, the rest after |', text: "type t = 'a'\n  | 'b'\n  | 'c'\n", kinds: ['TypeDeclaration'], type: "'a' | 'b' | 'c'" },
  { name: 'type: | at the end of each line', text: "type t = 'a' |\n  'b' |\n  'c'\nvar x = 1\n", kinds: ['TypeDeclaration', 'Var'], type: "'a' | 'b' | 'c'" },
  {
    name: 'type: comments and a blank line between members',
    text: "type t =\n  // first\n  | 'a' // a\n  /* b */\n\n  | 'b'\n\nvar x = 1\n",
    kinds: ['TypeDeclaration', 'Var'],
    type: "'a' | 'b'",
  },
  {
    name: '@discriminator union of named types',
    text: "@export()\n@discriminator('kind')\ntype u =\n  | aType\n  | bType\ntype aType = { kind: 'a', x: string }\ntype bType = {\n  kind: 'b'\n  y: int\n}\n",
    kinds: ['TypeDeclaration', 'TypeDeclaration', 'TypeDeclaration'],
    type: 'aType | bType',
  },
  {
    name: 'union of object literal types',
    text: "type r =\n  | { cpu: '0.25', memory: '0.5Gi' }\n  | { cpu: '0.5', memory: '1Gi' }\n",
    kinds: ['TypeDeclaration'],
    type: "{ cpu: '0.25', memory: '0.5Gi' } | { cpu: '0.5', memory: '1Gi' }",
  },
  {
    name: 'param: leading | with a default',
    text: "@description('d')\nparam createMode\n  | 'Default'\n  | 'Copy' = 'Default'\nvar x = 1\n",
    kinds: ['Param', 'Var'],
    type: "'Default' | 'Copy'",
  },
  { name: 'param: leading | without a default', text: "param createMode\n  | 'Default'\n  | 'Copy'\nvar x = 1\n", kinds: ['Param', 'Var'], type: "'Default' | 'Copy'" },
  { name: 'output: leading |', text: "output o\n  | 'a'\n  | 'b' = 'a'\n", kinds: ['Output'], type: "'a' | 'b'" },
  {
    name: 'object type property: leading |',
    text: "type t = {\n  kind:\n    | 'a'\n    | 'b'\n  other: string\n}\n",
    kinds: ['TypeDeclaration'],
    type: "{ kind: | 'a' | 'b' other: string }",
  },
  { name: 'nullable union', text: "param p ('a' | 'b')?\n", kinds: ['Param'], type: "('a' | 'b')?", nullable: true },
  { name: 'nullable named type', text: 'param p types.lockType?\n', kinds: ['Param'], type: 'types.lockType?', nullable: true },
  { name: 'array of a union', text: "param p ('a' | 'b')[] = []\n", kinds: ['Param'], type: "('a' | 'b')[]" },
  { name: 'tuple types', text: 'type t = [string, int]\ntype t2 = [\n  string\n  int\n]\n', kinds: ['TypeDeclaration', 'TypeDeclaration'], type: '[string, int]' },
  {
    name: 'literal unions of ints, bools and null',
    text: 'type t = 1 | 2 | -3\ntype b = true | false\ntype n = null | string\n',
    kinds: ['TypeDeclaration', 'TypeDeclaration', 'TypeDeclaration'],
    type: '1 | 2 | -3',
  },
  {
    name: 'object type: decorated, quoted and additional properties, nested nullable and array members',
    text: "type t = {\n  @minLength(1)\n  name: string\n  'quoted-key': int\n  @description('any')\n  *: string\n  nested: {\n    a: bool?\n  }?\n  list: {\n    id: string\n  }[]\n}\n",
    kinds: ['TypeDeclaration'],
    type: "{ @minLength(1) name: string 'quoted-key': int @description('any') *: string nested: { a: bool? }? list: { id: string }[] }",
  },
  {
    name: 'resourceInput<…> with property access',
    text: "param s resourceInput<'Microsoft.Search/searchServices@2025-05-01'>.properties.networkRuleSet?\n",
    kinds: ['Param'],
    type: "resourceInput<'Microsoft.Search/searchServices@2025-05-01'>.properties.networkRuleSet?",
    nullable: true,
  },
  {
    name: 'resourceOutput<…> as an output type',
    text: "output o resourceOutput<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties = sa.properties\n",
    kinds: ['Output'],
    type: "resourceOutput<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties",
  },
  {
    name: 'type x = resource<…>',
    text: "type x = resource<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties\n",
    kinds: ['TypeDeclaration'],
    type: "resource<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties",
  },
  {
    name: 'resource-derived type of an object type property',
    text: "type t = {\n  acls: resourceInput<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties.networkAcls?\n}\n",
    kinds: ['TypeDeclaration'],
    type: "{ acls: resourceInput<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties.networkAcls? }",
  },
  {
    name: 'a type argument over several lines, with comments',
    text: "type t = resourceInput<\n\n  'Microsoft.Storage/storageAccounts@2023-01-01' /* c */\n\n>.name\nvar x = 1\n",
    kinds: ['TypeDeclaration', 'Var'],
    type: "resourceInput< 'Microsoft.Storage/storageAccounts@2023-01-01' >.name",
  },
  {
    name: 'element and additional-property accessors of a resource-derived type',
    text: "type p = sys.resourceInput<'Microsoft.KeyVault/vaults@2022-07-01'>.properties.accessPolicies[*]\ntype t = resourceInput<'Microsoft.Resources/tags@2022-09-01'>.properties.tags.*\n",
    kinds: ['TypeDeclaration', 'TypeDeclaration'],
    type: "sys.resourceInput<'Microsoft.KeyVault/vaults@2022-07-01'>.properties.accessPolicies[*]",
  },
  { name: 'typed var', text: "var b ('a' | 'b')[] = []\n", kinds: ['Var'], type: "('a' | 'b')[]" },
];

for (const c of TYPE_CASES) {
  test(`type syntax: ${c.name}`, () => {
    const file = parseClean(c.text);
    assert.deepEqual(
      file.statements.map((s) => s.kind),
      c.kinds,
    );
    const type = typeOf(file.statements[0]);
    assert.equal(type?.text, c.type);
    assert.equal(type.nullable, c.nullable ?? false);
  });
}

test('a union after a leading | spans its members only: the range starts at the first member, the param keeps its default', () => {
  const file = parseClean("param createMode\n  | 'Default'\n  | 'Copy' = 'Copy'\n");
  const param = only(file, 'Param');
  assert.equal(r(rangeOf(file, param.type!)), '1:4-2:10');
  assert.equal(param.value?.kind === 'String' && param.value.parts[0], 'Copy');
  assert.equal(r(param.keywordLine), '0:0-0:16');
});

test('a union never swallows the next declaration', () => {
  const file = parseBicep("type t = 'a' |\nparam p string\n");
  assert.deepEqual(
    file.statements.map((s) => s.kind),
    ['TypeDeclaration', 'Param'],
  );
  assert.deepEqual(
    file.syntaxErrors.map((e) => `${e.range.start.line}: ${e.message}`),
    ["0: Expected a type after '|'."],
  );
});

test('a lone | is a missing type', () => {
  const file = parseBicep('type t = |\nvar x = 1\n');
  assert.deepEqual(
    file.syntaxErrors.map((e) => e.message),
    ['Expected a type.'],
  );
  assert.equal(file.statements[1]?.kind, 'Var');
});

interface FunctionCase {
  name: string;
  text: string;
  parameters: string[];
  returnType: string | undefined;
  body: string;
}

const FUNCTION_CASES: FunctionCase[] = [
  { name: 'typed parameters', text: "func f(x string, y int) string => '${x}${y}'\n", parameters: ['x:string', 'y:int'], returnType: 'string', body: 'String' },
  { name: 'no parameters', text: "func f() string => 'x'\n", parameters: [], returnType: 'string', body: 'String' },
  { name: 'object return type', text: 'func f(a string) { name: string } => { name: a }\n', parameters: ['a:string'], returnType: '{ name: string }', body: 'Object' },
  { name: 'parameters one a line with commas', text: 'func f(\n  a string,\n  b int?\n) string => a\n', parameters: ['a:string', 'b:int?'], returnType: 'string', body: 'Identifier' },
  { name: 'parameters one a line without commas', text: 'func f(\n  a string\n  b int\n) string => a\n', parameters: ['a:string', 'b:int'], returnType: 'string', body: 'Identifier' },
  { name: 'union parameter and union return type', text: "func f(a 'x' | 'y') 'x' | 'y' => a\n", parameters: ["a:'x' | 'y'"], returnType: "'x' | 'y'", body: 'Identifier' },
  {
    name: 'resource-derived parameter type',
    text: "func f(a resourceInput<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties) object => a\n",
    parameters: ["a:resourceInput<'Microsoft.Storage/storageAccounts@2024-01-01'>.properties"],
    returnType: 'object',
    body: 'Identifier',
  },
  {
    name: 'decorated, lambda in the body',
    text: "@export()\n@description('d')\nfunc f(xs int[]) int[] => map(xs, x => x * 2)\n",
    parameters: ['xs:int[]'],
    returnType: 'int[]',
    body: 'Call',
  },
];

for (const c of FUNCTION_CASES) {
  test(`func: ${c.name}`, () => {
    const f = only(parseClean(c.text), 'Function');
    assert.deepEqual(
      f.parameters.map((p) => `${p.name.text}:${p.type.text}`),
      c.parameters,
    );
    assert.equal(f.returnType?.text, c.returnType);
    assert.equal(f.body.kind, c.body);
  });
}

test('func: an unclosed parameter list stops at the next declaration', () => {
  const file = parseBicep('func f(\n  a string\nparam p string\n');
  assert.equal(file.statements.at(-1)?.kind, 'Param');
  assert.ok(file.syntaxErrors.some((e) => e.message === "Expected ')'."));
});

const CLEAN_CASES: { name: string; text: string; kinds: Declaration['kind'][] }[] = [
  {
    name: 'imports: named, aliased, quoted, wildcard, one a line',
    text: "import { a, b as c } from './x.bicep'\nimport { 'a.b' as d } from './x.bicep'\nimport * as ns from 'br/public:avm/utl/types/avm-common-types:0.5.1'\nimport {\n  e\n  f as g\n} from './x.bicep'\n",
    kinds: ['Import', 'Import', 'Import', 'Import'],
  },
  {
    name: 'extensions: name, reference with config and alias',
    text: "extension foo with {\n  a: 1\n} as bar\nextension 'br:x:1.0' as y\nextension microsoftGraphV1\n",
    kinds: ['Extension', 'Extension', 'Extension'],
  },
  { name: '@export() and @sealed() types', text: '@sealed()\n@export()\ntype t = {\n  a: string\n}\n', kinds: ['TypeDeclaration'] },
  { name: 'spread in objects and arrays', text: 'var a = { ...b, c: 1 }\nvar d = [...e, ...f]\nvar g = {\n  ...b\n  c: 1\n}\n', kinds: ['Var', 'Var', 'Var'] },
  {
    name: 'safe access, non-null and from-the-end index',
    text: "var a = b.?c.?d\nvar e = b[?'x']\nvar f = b.?c!.d\nvar g = b[?0]!\nvar h = b[^1]\n",
    kinds: ['Var', 'Var', 'Var', 'Var', 'Var'],
  },
  {
    name: 'assert, targetScope and metadata with a multi-line string',
    text: "targetScope = 'managementGroup'\nmetadata description = '''\nmulti\n'''\nassert a = true\n",
    kinds: ['TargetScope', 'Metadata', 'Assert'],
  },
  { name: 'multi-line string as a decorator argument', text: "@description('''\nmany\nlines\n''')\nparam p string\n", kinds: ['Param'] },
  {
    name: '@batchSize loops, @onlyIfNotExists, existing',
    text: "@batchSize(2)\nresource a 'Microsoft.Storage/storageAccounts@2024-01-01' = [for n in names: {\n  name: n\n}]\n@onlyIfNotExists()\nresource s 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {\n  name: 'x'\n}\nresource e 'Microsoft.KeyVault/vaults@2024-11-01' existing = {\n  name: 'kv'\n}\n",
    kinds: ['Resource', 'Resource', 'Resource'],
  },
  { name: 'loop laid out on its own lines', text: 'var b = [\n  for x in y: {\n    v: x\n  }\n]\n', kinds: ['Var'] },
  {
    name: 'registry and template spec module targets',
    text: "module m 'br/public:avm/res/cognitive-services/account:0.14.2' = {\n  params: {}\n}\nmodule n 'br:mcr.microsoft.com/bicep/avm/res/search/search-service:0.12.0' = if (x) {\n  params: {}\n}\nmodule t 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {}\n",
    kinds: ['Module', 'Module', 'Module'],
  },
];

for (const c of CLEAN_CASES) {
  test(`syntax: ${c.name}`, () => {
    assert.deepEqual(
      parseClean(c.text).statements.map((s) => s.kind),
      c.kinds,
    );
  });
}

test('.bicepparam: extends and extensionConfig', () => {
  const file = parseClean("using './main.bicep'\nextends './base.bicepparam'\nextensionConfig graph with {\n  relativeUri: 'v1.0'\n}\nparam a = 1\n");
  assert.deepEqual(
    file.statements.map((s) => s.kind),
    ['Using', 'Extends', 'ExtensionConfig', 'Param'],
  );
  assert.equal(only(file, 'Extends').path?.parts[0], './base.bicepparam');
  const config = only(file, 'ExtensionConfig');
  assert.equal(config.name.text, 'graph');
  assert.equal(config.config && textOf(file, config.config), "{\n  relativeUri: 'v1.0'\n}");
});

test('.bicepparam: extensionConfig without with is reported', () => {
  const file = parseBicep('extensionConfig graph\nparam a = 1\n');
  assert.deepEqual(
    file.syntaxErrors.map((e) => e.message),
    ["Expected 'with'."],
  );
  assert.equal(file.statements[1]?.kind, 'Param');
});
