import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../server/src/engine/index.js';
import type { Rule } from '../../server/src/engine/rule.js';
import { RULES } from '../../server/src/engine/rules/index.js';

const KEY = 'e4da3b7fbbce2345d7772b0674a318d5';

const throwing: Rule = {
  id: 'always-throws',
  feature: 'tls',
  languages: ['typescript', 'bicep'],
  severity: 'error',
  docs: { summary: 's', why: 'w', fix: 'f' },
  typescript(ctx) {
    throw new Error(`boom while reading "${ctx.text.slice(ctx.text.indexOf(KEY), ctx.text.indexOf(KEY) + 32)}"`);
  },
  bicep() {
    throw new TypeError('bicep boom');
  },
};

test('a rule that throws loses only its own findings, and its error is logged without the key', () => {
  const text = `const c = new AzureKeyCredential("${KEY}");\n`;
  const result = analyzeDocument({ uri: 'file:///w/a.ts', languageId: 'typescript', text }, {}, [...RULES, throwing]);
  assert.deepEqual(result.findings.map((f) => f.ruleId), ['hardcoded-key']);
  assert.equal(result.ruleFailures.length, 1);
  assert.equal(result.ruleFailures[0]!.ruleId, 'always-throws');
  assert.equal(result.ruleFailures[0]!.message, 'Error: boom while reading "e4da…"');
});

test('the same isolation holds for Bicep rules', () => {
  const result = analyzeDocument({ uri: 'file:///w/main.bicep', languageId: 'bicep', text: "param x string = 'a'\n" }, {}, [throwing]);
  assert.deepEqual(result.ruleFailures, [{ ruleId: 'always-throws', message: 'TypeError: bicep boom' }]);
});
