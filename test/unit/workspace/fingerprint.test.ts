import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../server/src/engine/types.js';
import { fingerprintOf, withContentDigests } from '../../../server/src/workspace/fingerprint.js';

/** A finding on each `"…"` literal of the text, as a rule would report it. */
function findingsOn(text: string): Finding[] {
  const lines = text.split('\n');
  return lines.flatMap((line, i) =>
    [...line.matchAll(/"[^"]*"/g)].map((m) => ({
      ruleId: 'hardcoded-key',
      severity: 'error' as const,
      range: { start: { line: i, character: m.index }, end: { line: i, character: m.index + m[0].length } },
      message: 'm',
      fixes: [],
    })),
  );
}
const prints = (text: string, file = 'src/a.ts') => withContentDigests(text, findingsOn(text)).map((f) => fingerprintOf(file, f));

test('two flagged values on one line: changing one changes only its own fingerprint (each is masked in the other)', () => {
  const [a, b] = prints('f("1111aaaa", "2222bbbb");\n');
  const [a2, b2] = prints('f("1111aaaa", "3333cccc");\n');
  assert.equal(a2, a);
  assert.notEqual(b2, b);
});

test('the path and the rule are part of it; the order of the findings given is not', () => {
  const text = 'x("k1");\ny("k2");\n';
  assert.notDeepEqual(prints(text, 'src/b.ts'), prints(text));
  const findings = findingsOn(text);
  const reversed = withContentDigests(text, [...findings].reverse()).map((f) => fingerprintOf('src/a.ts', f));
  assert.deepEqual(reversed.reverse(), prints(text));
  const other = withContentDigests(
    text,
    findings.map((f) => ({ ...f, ruleId: 'insecure-endpoint' })),
  ).map((f) => fingerprintOf('src/a.ts', f));
  assert.notDeepEqual(other, prints(text));
});

test('a fingerprint never contains the flagged text', () => {
  const key = '9b74c9897bac770ffc029102a200c5de';
  for (const f of withContentDigests(`k("${key}");\n`, findingsOn(`k("${key}");\n`))) {
    assert.ok(!f.contentDigest.includes(key.slice(0, 5)));
    assert.match(fingerprintOf('a.ts', f), /^[0-9a-f]{16}$/);
  }
});
