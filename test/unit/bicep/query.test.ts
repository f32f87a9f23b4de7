import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  descriptionOf,
  enclosingResource,
  findKeyListCalls,
  findParam,
  findReferences,
  getProperty,
  hasDecorator,
  keyCallTarget,
  nodeAt,
  outputs,
  params,
  rangeOf,
  resolveIdentifier,
  resourceDeclarations,
  variables,
  walk,
  type Node,
} from '../../../server/src/engine/bicep/index.js';
import { parseClean, r, readFixture, textOf } from './helpers.js';

test('resources of the AI account fixture: nested, existing, loop, parent-typed', () => {
  const file = parseClean(readFixture('ai-account.bicep'));
  assert.deepEqual(
    resourceDeclarations(file).map((res) => [res.symbolicName, res.type, res.apiVersion, res.existing, res.loop !== undefined, res.parent?.symbolicName]),
    [
      ['keyVault', 'Microsoft.KeyVault/vaults', '2023-07-01', true, false, undefined],
      ['cmkKey', 'Microsoft.KeyVault/vaults/keys', '2023-07-01', true, false, 'keyVault'],
      ['cognitiveService', 'Microsoft.CognitiveServices/accounts', '2024-10-01', false, false, undefined],
      ['deployment', 'Microsoft.CognitiveServices/accounts/deployments', '2024-10-01', false, true, 'cognitiveService'],
      ['raiPolicy', 'Microsoft.CognitiveServices/accounts/raiPolicies', '2024-10-01', false, false, undefined],
    ],
  );
  const account = resourceDeclarations(file)[2]!;
  assert.equal(r(account.nameRange), '45:9-45:25');
  assert.equal(r(account.keywordLine), '45:0-45:79');
  assert.equal(account.body?.kind, 'Object');
});

test('conditional and looped resources expose condition, loop and unwrapped body', () => {
  const file = parseClean(readFixture('storage-webapp.bicep'));
  const byName = new Map(resourceDeclarations(file).map((res) => [res.symbolicName, res]));
  const webApp = byName.get('webApp')!;
  assert.equal(webApp.condition?.kind, 'Identifier');
  assert.equal(getProperty(webApp.body, 'properties.httpsOnly')?.value.kind, 'Boolean');
  const containers = byName.get('containers')!;
  assert.ok(containers.loop && containers.condition?.kind === 'Binary');
  assert.equal(getProperty(containers.body, 'name')?.value.kind, 'String');
});

test('getProperty walks a path case-insensitively and returns key, value and ranges', () => {
  const file = parseClean("resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  Properties: {\n    NetworkAcls: {\n      defaultAction: 'Allow'\n    }\n  }\n}\n");
  const [res] = resourceDeclarations(file);
  const property = getProperty(res!.body, 'properties.networkAcls.DEFAULTACTION');
  assert.ok(property);
  assert.equal(r(rangeOf(file, property.key)), '3:6-3:19');
  assert.equal(r(rangeOf(file, property.value)), '3:21-3:28');
  assert.equal(r(rangeOf(file, property)), '3:6-3:28');
  assert.equal(getProperty(res!.body, 'properties.missing'), undefined);
  assert.equal(getProperty(res!.body, 'properties.networkAcls.defaultAction.deeper'), undefined);
  assert.equal(getProperty(res!.body, ['properties', 'networkAcls'])?.value.kind, 'Object');
});

test('decorators: @secure(), @sys.secure(), description', () => {
  const file = parseClean("@sys.secure()\nparam a string\n@secure()\n@description('the b')\nparam b string\nparam c string\n@Secure\nparam d string\n");
  assert.deepEqual(
    params(file).map((p) => hasDecorator(p, 'secure')),
    [true, true, false, true],
  );
  assert.equal(descriptionOf(findParam(file, 'b')!), 'the b');
});

test('params, vars and outputs with name and keyword-line ranges', () => {
  const file = parseClean(readFixture('ai-account.bicep'));
  assert.deepEqual(
    params(file).map((p) => p.name.text),
    ['name', 'location', 'kind', 'publicNetworkAccess', 'disableLocalAuth', 'deployments'],
  );
  assert.deepEqual(
    variables(file).map((v) => v.name.text),
    ['skuName', 'networkAcls'],
  );
  const outs = outputs(file);
  assert.deepEqual(
    outs.map((o) => [o.name.text, hasDecorator(o, 'secure')]),
    [
      ['resourceId', false],
      ['endpoint', false],
      ['primaryKey', true],
      ['secondaryKey', false],
    ],
  );
  const secondary = outs[3]!;
  assert.equal(r(rangeOf(file, secondary.name)), '96:7-96:19');
  assert.equal(r(secondary.keywordLine), '96:0-96:61');
});

test('key-listing calls: instance, plain and az. forms, and what they read keys from', () => {
  const file = parseClean(readFixture('storage-webapp.bicep'));
  const webApp = resourceDeclarations(file).find((res) => res.symbolicName === 'webApp')!;
  const calls = findKeyListCalls(webApp.declaration);
  assert.deepEqual(
    calls.map((c) => [textOf(file, c), keyCallTarget(c, file).resource?.symbolicName, keyCallTarget(c, file).type]),
    [
      ['openAi.listKeys()', 'openAi', 'Microsoft.CognitiveServices/accounts'],
      ["listKeys(storage.id, '2023-05-01')", 'storage', 'Microsoft.Storage/storageAccounts'],
      ["az.listAdminKeys(resourceId('Microsoft.Search/searchServices', '${prefix}-search'), '2023-11-01')", undefined, 'Microsoft.Search/searchServices'],
    ],
  );
  const search = parseClean(readFixture('ai-search.bicep'));
  assert.deepEqual(
    outputs(search).flatMap((o) => findKeyListCalls(o.value).map((c) => c.name.text)),
    ['listAdminKeys', 'listQueryKeys'],
  );
});

test('references inside an expression and their declarations; loop and lambda variables are local', () => {
  const file = parseClean("param p string\nvar v = p\nvar w = [for p in xs: p]\nvar f = map(xs, p => p)\noutput o string = '${p}-${v}'\n");
  const out = outputs(file)[0]!;
  assert.deepEqual(
    findReferences(out.value).map((i) => i.name),
    ['p', 'v'],
  );
  assert.deepEqual(
    findReferences(out.value).map((i) => resolveIdentifier(i, file)?.kind),
    ['Param', 'Var'],
  );
  const loopRefs = findReferences(variables(file)[1]!.value, 'p');
  assert.equal(loopRefs.length, 1);
  assert.equal(resolveIdentifier(loopRefs[0]!, file), undefined);
  assert.equal(resolveIdentifier(findReferences(variables(file)[2]!.value, 'p')[0]!, file), undefined);
});

test('enclosing resource from any node, and node lookup by position', () => {
  const file = parseClean(readFixture('ai-account.bicep'));
  let modelNode: Node | undefined;
  walk(file, (node) => {
    if (node.kind === 'Property' && node.name === 'raiPolicyName') modelNode = node;
  });
  assert.equal(enclosingResource(file, modelNode!)?.symbolicName, 'deployment');
  assert.equal(enclosingResource(file, modelNode!)?.parent?.symbolicName, 'cognitiveService');
  const at = nodeAt(file, { line: 59, character: 8 });
  assert.equal(at.kind, 'Name');
  assert.equal(enclosingResource(file, at)?.symbolicName, 'cognitiveService');
  assert.equal(enclosingResource(file, nodeAt(file, { line: 0, character: 3 })), undefined);
});
