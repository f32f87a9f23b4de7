import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, materializeFindings } from '../../server/src/engine/index.js';
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
  assert.deepEqual(
    result.findings.map((f) => f.ruleId),
    ['hardcoded-key'],
  );
  assert.equal(result.ruleFailures.length, 1);
  assert.equal(result.ruleFailures[0]!.ruleId, 'always-throws');
  assert.equal(result.ruleFailures[0]!.message, 'Error: boom while reading "e4da…"');
});

test('the same isolation holds for Bicep rules', () => {
  const result = analyzeDocument({ uri: 'file:///w/main.bicep', languageId: 'bicep', text: "param x string = 'a'\n" }, {}, [throwing]);
  assert.deepEqual(result.ruleFailures, [{ ruleId: 'always-throws', message: 'TypeError: bicep boom' }]);
});

test('a deferred fix that throws leaves its finding in place, without that fix, and is a rule failure; a deferred title is scrubbed of keys', () => {
  let built = 0;
  const deferring: Rule = {
    id: 'defers-fixes',
    feature: 'tls',
    languages: ['bicep'],
    severity: 'warning',
    docs: { summary: 's', why: 'w', fix: 'f' },
    bicep(ctx) {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
      ctx.report({
        range,
        message: 'broken fix',
        fixes: () => {
          built++;
          throw new Error('fix boom');
        },
      });
      ctx.report({
        range,
        message: 'good fix',
        fixes: () => {
          built++;
          return [{ title: `Use ${KEY}`, preferred: true, edits: [] }];
        },
      });
    },
  };
  const result = analyzeDocument({ uri: 'file:///w/main.bicep', languageId: 'bicep', text: "param x string = 'a'\n" }, {}, [deferring]);
  assert.equal(built, 0, 'nothing is built before someone asks');
  assert.deepEqual(result.ruleFailures, []);
  const broken = result.findings[0]!.fixes();
  assert.deepEqual(broken, { fixes: [], failure: { ruleId: 'defers-fixes', message: 'building its fixes: Error: fix boom' } });
  assert.deepEqual(result.ruleFailures, [], 'reading fixes leaves the analysis result as it was');
  const { findings, ruleFailures } = materializeFindings(result);
  assert.deepEqual(
    findings.map((f) => [f.message, f.fixes.map((x) => x.title)]),
    [
      ['broken fix', []],
      ['good fix', ['Use e4da…']],
    ],
  );
  assert.deepEqual(ruleFailures, [{ ruleId: 'defers-fixes', message: 'building its fixes: Error: fix boom' }], 'the failure comes with the materialized findings');
  assert.equal(result.findings[0]!.fixes(), broken, 'the same outcome on every read');
  void result.findings[1]!.fixes();
  assert.equal(built, 2, 'each builder runs once');
});
