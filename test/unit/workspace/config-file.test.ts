import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigFile } from '../../../server/src/workspace/config-file.js';

const problemsOf = (text: string) => parseConfigFile(text).problems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.message}`);

test('a valid file sets levels and excludes', () => {
  const { config, problems } = parseConfigFile('{\n  // comments are fine\n  "rules": { "hardcoded-key": "warning", "missing-cmk": "off" },\n  "exclude": ["legacy/**"],\n}\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(config, { rules: { 'hardcoded-key': 'warning', 'missing-cmk': 'off' }, exclude: ['legacy/**'] });
});

test('wrong types are reported where they are, and the valid rest applies', () => {
  const text = '{ "rules": { "hardcoded-key": 3, "missing-cmk": "off" }, "exclude": "legacy/", "extra": true }';
  assert.deepEqual(problemsOf(text), [
    '0:30 Rule "hardcoded-key": level must be one of "off", "info", "warning", "error".',
    '0:68 "exclude" must be an array of glob strings.',
    '0:79 Unknown setting "extra" in .azure-ai-security.json; expected "rules" or "exclude".',
  ]);
  assert.deepEqual(parseConfigFile(text).config.rules, { 'missing-cmk': 'off' });
});

test('not an object, bad JSON, and a huge file: clear problems, never an exception', () => {
  assert.deepEqual(problemsOf('[1, 2]'), ['0:0 .azure-ai-security.json must contain an object: { "rules": { … }, "exclude": [ … ] }.']);
  assert.match(problemsOf('{ "rules": { "hardcoded-key": "off" ')[0]!, /invalid JSON \(CloseBraceExpected\)/);
  assert.deepEqual(problemsOf(`{ "exclude": [${'"x",'.repeat(100_000)}"y"] }`), ['0:0 .azure-ai-security.json is larger than 256 KB and was ignored.']);
  for (const text of ['', '\0\0\0', '{"rules":{"hardcoded-key":"off"}}}}}', '{"rules":', 'null', '"text"', '{"rules":[]}', '{"exclude":[1,{}]}']) {
    assert.doesNotThrow(() => parseConfigFile(text), text);
  }
});
