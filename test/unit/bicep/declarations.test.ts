import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep, rangeOf, stringValue } from '../../../server/src/engine/bicep/index.js';
import { only, parseClean, r, textOf } from './helpers.js';

test('targetScope and metadata', () => {
  const file = parseClean("targetScope = 'subscription'\nmetadata owner = 'team'\n");
  const scope = only(file, 'TargetScope');
  assert.equal(scope.value.kind === 'String' && stringValue(scope.value), 'subscription');
  assert.equal(r(scope.keyword), '0:0-0:11');
  const metadata = only(file, 'Metadata');
  assert.equal(metadata.name.text, 'owner');
});

test('param with type, default, decorators (incl. @sys.description) and keyword line', () => {
  const file = parseClean("@secure()\n@sys.description('The key.')\nparam apiKey string = 'x'\nparam count int\nparam maybe string?\nparam tags object = {}\n");
  const [apiKey, count, maybe] = file.statements;
  assert.equal(apiKey!.kind, 'Param');
  if (apiKey!.kind !== 'Param' || count!.kind !== 'Param' || maybe!.kind !== 'Param') return;
  assert.equal(apiKey.name.text, 'apiKey');
  assert.equal(r(rangeOf(file, apiKey.name)), '2:6-2:12');
  assert.equal(apiKey.type?.name, 'string');
  assert.equal(apiKey.decorators.map((d) => `${d.namespace ?? ''}.${d.name}`).join(' '), '.secure sys.description');
  assert.equal(r(rangeOf(file, apiKey)), '0:0-2:25');
  assert.equal(r(apiKey.keywordLine), '2:0-2:25');
  assert.equal(apiKey.value?.kind, 'String');
  assert.equal(count.value, undefined);
  assert.equal(maybe.type?.name, 'string');
  assert.equal(maybe.type?.nullable, true);
});

test('param resource type and output resource type', () => {
  const file = parseClean("param kv resource 'Microsoft.KeyVault/vaults@2023-07-01'\noutput o resource 'Microsoft.KeyVault/vaults@2023-07-01' = kv\n");
  const param = only(file, 'Param');
  assert.equal(param.resourceType && stringValue(param.resourceType), 'Microsoft.KeyVault/vaults@2023-07-01');
  assert.equal(param.type, undefined);
  assert.equal(only(file, 'Output').resourceType?.parts[0], 'Microsoft.KeyVault/vaults@2023-07-01');
});

test('var with and without type; type and func declarations', () => {
  const file = parseClean("var a = 1\nvar b string = 'x'\ntype t = {\n  @description('d')\n  a: 'x' | 'y'\n  b: int[]\n}\nfunc f(a string, b int) string => '${a}${b}'\n");
  const [a, b, t, f] = file.statements;
  assert.equal(a!.kind === 'Var' && a.type, undefined);
  assert.equal(b!.kind === 'Var' && b.type?.name, 'string');
  assert.equal(t!.kind === 'TypeDeclaration' && t.type.text, "{ @description('d') a: 'x' | 'y' b: int[] }");
  assert.ok(f!.kind === 'Function');
  if (f!.kind !== 'Function') return;
  assert.deepEqual(
    f.parameters.map((p) => `${p.name.text}:${p.type.text}`),
    ['a:string', 'b:int'],
  );
  assert.equal(f.returnType?.name, 'string');
  assert.equal(f.body.kind, 'String');
});

test('array types and union types', () => {
  const file = parseClean("param xs string[]\nparam u 'a' | 'b' = 'a'\n");
  const [xs, u] = file.statements;
  assert.ok(xs!.kind === 'Param' && xs.type?.isArray && xs.type.name === 'string');
  assert.ok(u!.kind === 'Param' && u.type?.name === undefined && u.type?.text === "'a' | 'b'");
});

test('resource: type string, existing, body; module; output', () => {
  const file = parseClean("resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv'\n}\nmodule m './m.bicep' = {\n  name: 'm'\n}\noutput id string = kv.id\n");
  const resource = only(file, 'Resource');
  assert.equal(resource.existing, true);
  assert.equal(resource.type.kind === 'String' && stringValue(resource.type), 'Microsoft.KeyVault/vaults@2023-07-01');
  assert.equal(resource.value.kind, 'Object');
  assert.equal(r(resource.keywordLine), '0:0-0:63');
  const module = only(file, 'Module');
  assert.equal(module.path.kind === 'String' && module.path.parts[0], './m.bicep');
  assert.equal(only(file, 'Output').value.kind, 'Member');
});

test('import forms, extension forms, assert; legacy provider/import statements are skipped to the line end', () => {
  const file = parseBicep(
    "import { a, b as c } from './x.bicep'\nimport * as ns from './y.bicep'\nimport {\n  d\n  e\n} from './z.bicep'\nextension microsoftGraphV1\nextension 'br:x:1.0' with { a: 1 } as g\nprovider 'az@1.0.0'\nimport 'az@1.0.0'\nassert ok = true\nvar after = 1\n",
  );
  const kinds = file.statements.map((s) => s.kind);
  assert.deepEqual(kinds, ['Import', 'Import', 'Import', 'Extension', 'Extension', 'Unknown', 'Unknown', 'Assert', 'Var']);
  const [named, star, multi, ext1, ext2, provider] = file.statements;
  assert.ok(named!.kind === 'Import' && named.items.map((i) => `${i.name.kind === 'Name' ? i.name.text : ''}${i.alias ? '>' + i.alias.text : ''}`).join(',') === 'a,b>c');
  assert.ok(star!.kind === 'Import' && star.wildcardAlias?.text === 'ns' && star.from?.parts[0] === './y.bicep');
  assert.ok(multi!.kind === 'Import' && multi.items.length === 2);
  assert.ok(ext1!.kind === 'Extension' && ext1.specification.kind === 'Name');
  assert.ok(ext2!.kind === 'Extension' && ext2.config?.members.length === 1 && ext2.alias?.text === 'g');
  assert.ok(provider!.kind === 'Unknown' && textOf(file, provider) === "provider 'az@1.0.0'");
  assert.deepEqual(
    file.syntaxErrors.map((e) => [e.range.start.line, e.message]),
    [
      [8, "Unknown or unsupported statement 'provider'."],
      [9, "Unknown or unsupported statement 'import'."],
    ],
  );
});

test('.bicepparam: using, params without types, var', () => {
  const file = parseClean("using './main.bicep'\nparam name = 'x'\nparam count = 3\nvar v = 'y'\n");
  const using = only(file, 'Using');
  assert.equal(using.path?.parts[0], './main.bicep');
  const names = file.statements.filter((s) => s.kind === 'Param').map((p) => (p.kind === 'Param' ? `${p.name.text}:${p.type === undefined}` : ''));
  assert.deepEqual(names, ['name:true', 'count:true']);
  assert.equal(only(parseClean('using none\n'), 'Using').none, true);
});

test('nested child resources with decorators, and resource used as a property name', () => {
  const file = parseClean(
    "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'a'\n  tags: {\n    resource: 'not a declaration'\n  }\n  @batchSize(1)\n  resource d 'deployments' = [for x in xs: {\n    name: x\n  }]\n}\n",
  );
  const resource = only(file, 'Resource');
  assert.ok(resource.value.kind === 'Object');
  if (resource.value.kind !== 'Object') return;
  assert.deepEqual(
    resource.value.members.map((m) => m.kind),
    ['Property', 'Property', 'Resource'],
  );
  const child = resource.value.members[2]!;
  assert.ok(child.kind === 'Resource' && child.decorators[0]?.name === 'batchSize' && child.value.kind === 'For');
  assert.equal(r(rangeOf(file, child)), '5:2-8:4');
});

test('resource value: if on the next line after =, loop with if body', () => {
  const file = parseClean("resource a 'T@1' =\n  if (deploy) {\n  name: 'a'\n}\nresource b 'T@1' = [for (x, i) in xs: if (i > 0) {\n  name: x\n}]\n");
  const [a, b] = file.statements;
  assert.ok(a!.kind === 'Resource' && a.value.kind === 'If');
  assert.ok(b!.kind === 'Resource' && b.value.kind === 'For' && b.value.body.kind === 'If' && b.value.index?.text === 'i');
});

test('decorators separated from the declaration by blank lines and comments', () => {
  const file = parseClean('@secure()\n\n// why\n\nparam p string\n');
  const param = only(file, 'Param');
  assert.equal(param.decorators.length, 1);
  assert.equal(r(param.keywordLine), '4:0-4:14');
});
