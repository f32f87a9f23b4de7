import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scrubSecrets } from '../../../server/src/engine/secrets/scrub.js';

/** The contract, written as the regex it documents (the implementation scans by hand, skipping ahead). */
function reference(text: string): string {
  const looksRandom = (t: string) => /[0-9]/.test(t) && /[A-Za-z]/.test(t) && !/^[a-z]+([A-Z][a-z]+)+[0-9]*$/.test(t) && !/^[A-Z]+(_[A-Z0-9]+)+$/.test(t);
  return text.replace(/[A-Za-z0-9+/_-]{20,}={0,2}/g, (m) => (looksRandom(m) ? `${m.slice(0, 4)}…` : m));
}

describe('scrubSecrets', () => {
  const KEY = '9b74c9897bac770ffc029102a200c5de';
  const cases: Array<[string, string]> = [
    [`Hardcoded key ${KEY} in a message`, 'Hardcoded key 9b74… in a message'],
    [KEY, '9b74…'],
    [`x=${KEY}`, 'x=9b74…'],
    ['k: dGhpcyBpcyBhIHNlY3JldCBrZXkgMTIzNDU2==, done', 'k: dGhp…, done'],
    ['a1b2c3d4e5f6g7h8i9j0', 'a1b2…'],
    ['a1b2c3d4e5f6g7h8i9j', 'a1b2c3d4e5f6g7h8i9j'],
    ["Azure AI account 'ai0' accepts API keys: disableLocalAuth is not set.", "Azure AI account 'ai0' accepts API keys: disableLocalAuth is not set."],
    [
      'Microsoft.CognitiveServices/accounts and AZURE_AI_SERVICES_KEY_2 and someVeryLongCamelCaseIdentifier2',
      'Microsoft.CognitiveServices/accounts and AZURE_AI_SERVICES_KEY_2 and someVeryLongCamelCaseIdentifier2',
    ],
    [`é${KEY}é ${KEY}`, 'é9b74…é 9b74…'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input.slice(0, 40))}…`, () => {
      assert.equal(scrubSecrets(input), expected);
      assert.equal(reference(input), expected, 'the reference agrees');
    });
  }

  test('agrees with the regex it documents on 5,000 generated texts (runs of 15–30 characters, padding, non-ASCII)', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = (s: string) => s[Math.floor(random() * s.length)]!;
    const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/_-';
    const OTHER = ' .,:;\'"=()[]{}é😀\n';
    for (let i = 0; i < 5000; i++) {
      let text = '';
      while (text.length < 120) {
        const run = Math.floor(random() * 31);
        const digits = random() < 0.5;
        for (let j = 0; j < run; j++) text += digits ? pick(TOKEN) : pick('abcdefghijklmnopqrstuvwxyz');
        if (random() < 0.2) text += '='.repeat(1 + Math.floor(random() * 3));
        text += pick(OTHER);
      }
      assert.equal(scrubSecrets(text), reference(text), JSON.stringify(text));
    }
  });
});
