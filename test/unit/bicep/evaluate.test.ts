import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, evaluateString, getPropertyValue, outputs, resourceDeclarations } from '../../../server/src/engine/bicep/index.js';
import { parseClean, readFixture } from './helpers.js';

/** Evaluates the value of `output o` after the given declarations. */
function valueOf(declarations: string, expression: string) {
  const file = parseClean(`${declarations}\noutput o object = ${expression}\n`);
  return evaluate(outputs(file)[0]!.value, file);
}

test('literals fold', () => {
  assert.deepEqual(valueOf('', "'Disabled'"), { known: true, value: 'Disabled' });
  assert.deepEqual(valueOf('', '42'), { known: true, value: 42 });
  assert.deepEqual(valueOf('', '-3'), { known: true, value: -3 });
  assert.deepEqual(valueOf('', 'true'), { known: true, value: true });
  assert.deepEqual(valueOf('', '!false'), { known: true, value: true });
  assert.deepEqual(valueOf('', 'null'), { known: true, value: null });
  assert.deepEqual(valueOf('', "[1, 'a', [true]]"), { known: true, value: [1, 'a', [true]] });
  assert.deepEqual(valueOf('', "{ a: { b: 'c' }, 'd-e': [] }"), { known: true, value: { a: { b: 'c' }, 'd-e': [] } });
  assert.deepEqual(valueOf('', "'''\nraw\n'''"), { known: true, value: 'raw\n' });
});

test('param defaults and vars are followed, with via naming the first symbol', () => {
  const r1 = valueOf("param access string = 'Enabled'", 'access');
  assert.ok(r1.known && r1.value === 'Enabled' && r1.via?.kind === 'param' && r1.via.name === 'access');
  const r2 = valueOf("param p string = 'x'\nvar v = p", 'v');
  assert.ok(r2.known && r2.value === 'x' && r2.via?.kind === 'var' && r2.via.name === 'v');
  const r3 = valueOf("var acls = {\n  defaultAction: 'Deny'\n}", 'acls.defaultAction');
  assert.ok(r3.known && r3.value === 'Deny' && r3.via?.name === 'acls');
});

test('interpolation folds when every hole is known', () => {
  const folded = valueOf("param env string = 'dev'\nvar n = 3", "'app-${env}-${n}'");
  assert.ok(folded.known && folded.value === 'app-dev-3');
  assert.deepEqual(valueOf('param env string', "'app-${env}'"), { known: false });
});

test('unknown: params without default, function calls, resource properties, cycles', () => {
  assert.deepEqual(valueOf('param p string', 'p'), { known: false });
  assert.deepEqual(valueOf('', "uniqueString('A')"), { known: false });
  assert.deepEqual(valueOf('', 'toLower(resourceGroup().location)'), { known: false });
  assert.deepEqual(valueOf("resource r 'T@1' = {\n  name: 'r'\n}", 'r.name'), { known: false });
  assert.deepEqual(valueOf('var a = b\nvar b = a', 'a'), { known: false });
  assert.deepEqual(valueOf('var a = a', 'a'), { known: false });
  assert.deepEqual(valueOf('', '[for x in [1]: x]'), { known: false });
});

test('?? ternary, index and case-insensitive member access fold over known values', () => {
  assert.deepEqual(valueOf('', "null ?? 'fallback'"), { known: true, value: 'fallback' });
  assert.deepEqual(valueOf('', "true ? 'a' : 'b'"), { known: true, value: 'a' });
  assert.deepEqual(valueOf('', '[1, 2, 3][^1]'), { known: true, value: 3 });
  assert.deepEqual(valueOf('', "{ Key: 'v' }.key"), { known: true, value: 'v' });
  assert.deepEqual(valueOf('', "{ a: 1 }['a']"), { known: true, value: 1 });
});

test('a loop variable shadowing a param is not followed', () => {
  const file = parseClean("param x string = 'p'\nvar v = [for x in ['a']: x]\n");
  const loop = file.statements[1]!;
  assert.ok(loop.kind === 'Var' && loop.value.kind === 'For');
  if (loop.kind !== 'Var' || loop.value.kind !== 'For') return;
  assert.deepEqual(evaluate(loop.value.body, file), { known: false });
});

test('fixture values: publicNetworkAccess via param default, networkAcls via var', () => {
  const file = parseClean(readFixture('ai-account.bicep'));
  const account = resourceDeclarations(file).find((res) => res.symbolicName === 'cognitiveService')!;
  const access = evaluate(getPropertyValue(account.body, 'properties.publicNetworkAccess'), file);
  assert.ok(access.known && access.value === 'Enabled' && access.via?.kind === 'param' && access.via.name === 'publicNetworkAccess');
  assert.equal(evaluate(getPropertyValue(account.body, 'properties.networkAcls'), file).known, true);
  assert.equal(evaluateString(getPropertyValue(account.body, 'properties.customSubDomainName'), file), undefined);
  const disable = evaluate(getPropertyValue(account.body, 'properties.disableLocalAuth'), file);
  assert.ok(disable.known && disable.value === false);
});

test('operators and functions a template derives settings with fold over known values', () => {
  const cases: Array<[string, string, unknown]> = [
    ['param enabled bool = false', "enabled ? 'Enabled' : 'Disabled'", 'Disabled'],
    ["param access string = 'Enabled'", "access == 'Enabled'", true],
    ["param access string = 'Enabled'", "access != 'enabled'", true],
    ["param access string = 'Enabled'", "access =~ 'enabled'", true],
    ['param a bool = true\nparam b bool = false', 'a && !b', true],
    ['param a bool = false', 'a && unknownFunction()', false],
    ['param a bool = true', 'a || unknownFunction()', true],
    ['param ips array = []', "empty(ips) ? 'Allow' : 'Deny'", 'Allow'],
    ["param name string = ''", 'empty(name)', true],
    ['param o object = {}', '!empty(o)', false],
    ["param kind string = 'OpenAI'", "toLower(kind) == 'openai'", true],
    ["param kind string = 'openai'", 'toUpper(kind)', 'OPENAI'],
    ["param kinds array = ['OpenAI', 'Speech']", "contains(kinds, 'Speech')", true],
    ['param settings object = { disableLocalAuth: true }', "contains(settings, 'disablelocalauth')", true],
    ["param s string = 'AIServices'", "contains(s, 'services')", true],
    ['', "coalesce(null, 'Disabled')", 'Disabled'],
    ['param n int = 3', 'n >= 2', true],
    ["param flag string = 'true'", 'bool(flag)', true],
    // Safe access gives null for a missing key or a null object, so `?? default` applies.
    ['param acls object = {}', 'acls.?ipRules ?? []', []],
    ['param identities object = { systemAssigned: true }', 'identities.?userAssignedResourceIds ?? {}', {}],
    ['param o object = {}', "o[?'key'] ?? 'none'", 'none'],
    ['param arr array = []', 'arr[?0] ?? 1', 1],
  ];
  for (const [declarations, expression, expected] of cases) {
    const folded = valueOf(declarations, expression);
    assert.ok(folded.known, `${expression} folds`);
    assert.deepEqual(folded.value, expected, expression);
  }
  // Unknown operands stay unknown: no guess.
  assert.deepEqual(valueOf('param p string', "p == 'Enabled'"), { known: false });
  assert.deepEqual(valueOf('param p bool', 'p && true'), { known: false });
  assert.deepEqual(valueOf('', "contains(resourceGroup().tags, 'x')"), { known: false });
});
