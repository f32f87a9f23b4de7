import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEdits,
  findParam,
  getProperty,
  indentUnit,
  insertDecoratorEdit,
  insertPropertyEdit,
  outputs,
  parseBicep,
  replaceValueEdit,
  resourceDeclarations,
  setPropertyEdit,
  type BicepFile,
  type ObjectExpression,
} from '../../../server/src/engine/bicep/index.js';
import type { TextEdit } from '../../../server/src/engine/types.js';
import { parseClean, readFixture } from './helpers.js';

/** Applies edits, re-parses and asserts no new syntax errors. */
function applyAndReparse(file: BicepFile, edits: TextEdit[]): { text: string; file: BicepFile } {
  const text = applyEdits(file, edits);
  const reparsed = parseBicep(text);
  assert.deepEqual(reparsed.syntaxErrors, file.syntaxErrors, `new syntax errors in:\n${text}`);
  return { text, file: reparsed };
}

function body(file: BicepFile, index = 0): ObjectExpression {
  return resourceDeclarations(file)[index]!.body!;
}

test('insert into a multi-line object uses the siblings indentation', () => {
  const file = parseClean("resource a 'T@1' = {\n  name: 'a'\n  properties: {\n      odd: 1\n  }\n}\n");
  const properties = getProperty(body(file), 'properties')!.value as ObjectExpression;
  const { text } = applyAndReparse(file, [insertPropertyEdit(file, properties, 'publicNetworkAccess', "'Disabled'")]);
  assert.equal(text, "resource a 'T@1' = {\n  name: 'a'\n  properties: {\n      odd: 1\n      publicNetworkAccess: 'Disabled'\n  }\n}\n");
});

test('insert after a last member with a trailing comment goes on a new line after the comment', () => {
  const file = parseClean("resource a 'T@1' = {\n  name: 'a' // the name\n}\n");
  const { text } = applyAndReparse(file, [insertPropertyEdit(file, body(file), 'kind', "'OpenAI'")]);
  assert.equal(text, "resource a 'T@1' = {\n  name: 'a' // the name\n  kind: 'OpenAI'\n}\n");
});

test('insert into an empty multi-line object: parent indent + detected unit (4 spaces)', () => {
  const file = parseClean("resource a 'T@1' = {\n    name: 'a'\n    properties: {\n    }\n}\n");
  assert.equal(indentUnit(file), '    ');
  const properties = getProperty(body(file), 'properties')!.value as ObjectExpression;
  const { text } = applyAndReparse(file, [insertPropertyEdit(file, properties, 'disableLocalAuth', 'true')]);
  assert.equal(text, "resource a 'T@1' = {\n    name: 'a'\n    properties: {\n        disableLocalAuth: true\n    }\n}\n");
});

test('single-line objects {} and { a: 1 } are expanded', () => {
  const file = parseClean("resource a 'T@1' = {\n  identity: {}\n  sku: { name: 'S0' }\n}\n");
  const identity = getProperty(body(file), 'identity')!.value as ObjectExpression;
  const sku = getProperty(body(file), 'sku')!.value as ObjectExpression;
  const { text } = applyAndReparse(file, [insertPropertyEdit(file, identity, 'type', "'SystemAssigned'"), insertPropertyEdit(file, sku, 'capacity', '1')]);
  assert.equal(text, "resource a 'T@1' = {\n  identity: {\n    type: 'SystemAssigned'\n  }\n  sku: {\n    name: 'S0'\n    capacity: 1\n  }\n}\n");
});

test('tabs and CRLF are kept; multi-line values are re-indented with the file unit', () => {
  const file = parseClean("resource a 'T@1' = {\r\n\tname: 'a'\r\n\tproperties: {\r\n\t\tx: 1\r\n\t}\r\n}\r\n");
  assert.equal(indentUnit(file), '\t');
  const properties = getProperty(body(file), 'properties')!.value as ObjectExpression;
  const { text } = applyAndReparse(file, [insertPropertyEdit(file, properties, 'networkAcls', "{\n  defaultAction: 'Deny'\n  ipRules: []\n}")]);
  assert.equal(text, "resource a 'T@1' = {\r\n\tname: 'a'\r\n\tproperties: {\r\n\t\tx: 1\r\n\t\tnetworkAcls: {\r\n\t\t\tdefaultAction: 'Deny'\r\n\t\t\tipRules: []\r\n\t\t}\r\n\t}\r\n}\r\n");
});

test('setPropertyEdit creates the missing part of a path', () => {
  const file = parseClean("resource a 'T@1' = {\n  name: 'a'\n}\n");
  const { text, file: after } = applyAndReparse(file, [setPropertyEdit(file, body(file), 'properties.networkAcls.defaultAction', "'Deny'")!]);
  assert.equal(text, "resource a 'T@1' = {\n  name: 'a'\n  properties: {\n    networkAcls: {\n      defaultAction: 'Deny'\n    }\n  }\n}\n");
  assert.equal(getProperty(body(after), 'properties.networkAcls.defaultAction')?.value.kind, 'String');
});

test('setPropertyEdit replaces an existing value and refuses a non-object step', () => {
  const file = parseClean("resource a 'T@1' = {\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n  tags: tagsVar\n}\n");
  const { text } = applyAndReparse(file, [setPropertyEdit(file, body(file), 'properties.publicNetworkAccess', "'Disabled'")!]);
  assert.equal(text, "resource a 'T@1' = {\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n  tags: tagsVar\n}\n");
  assert.equal(setPropertyEdit(file, body(file), 'tags.env', "'x'"), undefined);
});

test('replaceValueEdit replaces exactly the value', () => {
  const file = parseClean("resource a 'T@1' = {\n  properties: {\n    minimumTlsVersion: 'TLS1_0'\n  }\n}\n");
  const value = getProperty(body(file), 'properties.minimumTlsVersion')!.value;
  const { text } = applyAndReparse(file, [replaceValueEdit(file, value, "'TLS1_2'")]);
  assert.equal(text, "resource a 'T@1' = {\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n  }\n}\n");
});

test('insertDecoratorEdit goes above existing decorators and keeps a #disable-next-line attached', () => {
  const file = parseClean("@description('k')\nparam apiKey string\n#disable-next-line no-unused-params\nparam other string\noutput k string = x\n");
  const edits = [
    insertDecoratorEdit(file, findParam(file, 'apiKey')!, '@secure()'),
    insertDecoratorEdit(file, findParam(file, 'other')!, '@secure()'),
    insertDecoratorEdit(file, outputs(file)[0]!, '@secure()'),
  ];
  const { text, file: after } = applyAndReparse(file, edits);
  assert.equal(text, "@secure()\n@description('k')\nparam apiKey string\n@secure()\n#disable-next-line no-unused-params\nparam other string\n@secure()\noutput k string = x\n");
  assert.equal(after.statements.filter((s) => s.decorators.some((d) => d.name === 'secure')).length, 3);
});

test('every insertion on every fixture resource re-parses cleanly', () => {
  for (const name of ['ai-account.bicep', 'ai-search.bicep', 'ml-workspace.bicep', 'storage-webapp.bicep']) {
    const file = parseClean(readFixture(name));
    for (const res of resourceDeclarations(file)) {
      if (!res.body) continue;
      applyAndReparse(file, [setPropertyEdit(file, res.body, 'properties.publicNetworkAccess', "'Disabled'")!]);
      applyAndReparse(file, [
        setPropertyEdit(file, res.body, 'properties.networkAcls', "{\n  defaultAction: 'Deny'\n  ipRules: []\n  virtualNetworkRules: []\n}") ?? insertPropertyEdit(file, res.body, 'x', '1'),
      ]);
      applyAndReparse(file, [insertPropertyEdit(file, res.body, 'identity', "{\n  type: 'SystemAssigned'\n}")]);
    }
  }
});
