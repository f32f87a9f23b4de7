import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument } from '../../server/src/engine/index.js';
import { syntaxErrorCount } from '../helpers/rule-tester.js';

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** A snippet body as VS Code inserts it when every placeholder keeps its default. */
export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (c === '$' && /\d/.test(text[i + 1] ?? '')) {
      while (/\d/.test(text[i + 1] ?? '')) i++;
    } else if (c === '$' && text[i + 1] === '{') {
      // ${1:default}, ${1|a,b|}, ${1}: nested placeholders keep their defaults too.
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '\\') j++;
        else if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
        j++;
      }
      const inner = text.slice(i + 2, j - 1);
      const choice = /^\d+\|([^,|]*)/.exec(inner);
      const colon = /^\d+:/.exec(inner);
      out += choice ? choice[1] : colon ? expandSnippet(inner.slice(colon[0].length)) : '';
      i = j - 1;
    } else {
      out += c;
    }
  }
  return out;
}

const FILE_FOR: Record<string, string> = { typescript: 'snippet.ts', typescriptreact: 'snippet.tsx', javascript: 'snippet.js', javascriptreact: 'snippet.jsx', bicep: 'snippet.bicep' };

describe('snippets: expanded with their defaults, they parse and have no finding', () => {
  for (const { language, path: file } of manifest.contributes.snippets as { language: string; path: string }[]) {
    const snippets = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
    for (const [name, snippet] of Object.entries(snippets)) {
      test(`${language}: ${name}`, () => {
        const text = expandSnippet(snippet.body);
        const fileName = FILE_FOR[language]!;
        assert.equal(syntaxErrorCount(text, fileName), 0, text);
        const result = analyzeDocument({ uri: `file:///work/${fileName}`, languageId: language, text });
        assert.deepEqual(
          result.findings.map((f) => `${f.ruleId}: ${f.message}`),
          [],
        );
      });
    }
  }
});

test('the expander keeps defaults and drops tab stops', () => {
  assert.equal(expandSnippet(['a ${1:x} $2 ${3|p,q|} \\$ ${4:${5:n}m}', '$0']), 'a x  p $ nm\n');
});

describe('the secure snippets hold the settings the rules check', () => {
  const bicep = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'bicep.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
  const byPrefix = (prefix: string) => expandSnippet(Object.values(bicep).find((s) => s.prefix.includes(prefix))!.body);
  const ruleIds = (text: string) => analyzeDocument({ uri: 'file:///work/snippet.bicep', languageId: 'bicep', text }).findings.map((f) => f.ruleId);

  // Each case: the secure line of the snippet, and an insecure line that the rule then reports.
  const cases: Array<{ prefix: string; secure: string; insecure: string; rule: string }> = [
    { prefix: 'ai-connection-entra', secure: "authType: 'AAD'", insecure: "authType: 'ApiKey'", rule: 'connection-key-auth' },
    { prefix: 'ml-hub-secure', secure: "isolationMode: 'AllowOnlyApprovedOutbound'", insecure: "isolationMode: 'AllowInternetOutbound'", rule: 'unrestricted-outbound' },
    { prefix: 'ml-hub-secure', secure: "publicNetworkAccess: 'Disabled'", insecure: "publicNetworkAccess: 'Enabled'", rule: 'public-network-access' },
  ];
  for (const c of cases) {
    test(`${c.prefix}: ${c.secure} is what keeps ${c.rule} quiet`, () => {
      const text = byPrefix(c.prefix);
      assert.ok(text.includes(c.secure), text);
      assert.deepEqual(ruleIds(text.replace(c.secure, c.insecure)), [c.rule]);
    });
  }
});
