/**
 * Names spelled with escapes are read by the compiler as the names themselves, so a rule must find
 * them: the prefilters look for names as written, and the engine also asks them of the text with its
 * escapes decoded (server/src/engine/prefilter.ts `cookedText`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine/index.js';
import { cookedText } from '../../server/src/engine/prefilter.js';

const found = (text: string, uri = 'file:///work/app.js') => analyze({ uri, languageId: '', text }).map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`);

const AOAI = 'https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';

test('a header name with an identity escape, a line continuation or a legacy octal escape is still the api-key header', () => {
  for (const name of ['api\\-key', 'api-\\\nkey', '\\141pi-key', 'api-\\u006bey', 'api-\\x6bey', 'api-\\u{6b}ey']) {
    const text = `await fetch("${AOAI}", { method: "POST", headers: { "${name}": process.env.AZURE_OPENAI_API_KEY } });\n`;
    assert.deepEqual(
      found(text).map((f) => f.split('@')[0]),
      ['key-credential'],
      name,
    );
  }
});

test('a client and its credential named with unicode escapes are found', () => {
  const text =
    'import { SearchClient, \\u0041zureKeyCredential } from "@azure/search-documents";\n' +
    'const client = new SearchClient("https://contoso.search.windows.net", "hotels", new \\u0041zureKeyCredential(process.env.AZURE_SEARCH_API_KEY));\n';
  assert.deepEqual(found(text, 'file:///work/search.ts'), ['key-credential@2:81']);
});

test('cookedText decodes escapes as a literal does, in pairs from the left', () => {
  assert.equal(cookedText('a\\x41\\u0042\\u{43}\\104'), 'aABCD');
  assert.equal(cookedText('\\\\x41'), '\\x41', 'an escaped backslash does not start an escape');
  assert.equal(cookedText('api-\\\r\nkey \\-\\/'), 'api-key -/');
  assert.equal(cookedText('\\x4'), 'x4', 'a short hex escape is read as the letter, as sloppy code would fail to parse anyway');
  assert.equal(cookedText('plain'), 'plain');
  assert.equal(cookedText('trailing\\'), 'trailing\\');
});
