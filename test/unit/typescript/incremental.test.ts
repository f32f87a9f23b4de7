/**
 * The editor re-parses a TypeScript document incrementally (`TypeScriptTrees`): the compiler reuses
 * the nodes an edit did not touch, and the rules keep per-node results (key-sink candidates per
 * top-level statement). After any sequence of edits, an analysis must report exactly what a fresh
 * parse of the same text reports: findings, ranges, messages and fixes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument, materialized, TypeScriptTrees, type AnalysisResult } from '../../../server/src/engine/index.js';
import { RULES } from '../../../server/src/engine/rules/index.js';
import { seededRandom } from '../../helpers/random.js';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'typescript');
const EDITS = 120;

/** What typing does to a file: characters, lines, whole statements that add or remove key sinks, deletions. */
const SNIPPETS = [
  ' ',
  '\n',
  'x',
  '}',
  '{',
  ';',
  '"',
  '\nconst speechKey = "9b74c9897bac770ffc029102a200c5de";\n',
  '\nconst credential = new AzureKeyCredential("1679091c5a880faf6fb5e6087eb1b2dc");\n',
  '\nnew SearchClient("https://contoso.search.windows.net", "idx", credential);\n',
  '\nheaders.set("api-key", apiKey);\n',
  '\nfunction later() { return new AzureOpenAI({ apiKey: "9b74c9897bac770ffc029102a200c5de", endpoint: "http://x.openai.azure.com" }); }\n',
  'apiKey',
  // Imports decide what a callee is (a REST client's default export under any name), and browser signs decide key-credential.
  '\nimport DIClient from "@azure-rest/ai-document-intelligence";\n',
  '\nconst docs = DIClient("https://contoso.cognitiveservices.azure.com", { key: process.env.DI_KEY! });\n',
  "'use client';\n",
  'NEXT_PUBLIC_',
];

/** Plain data, fixes built. */
function comparable(result: AnalysisResult) {
  return result.findings.map(materialized);
}

describe('incremental re-analysis equals a fresh parse', () => {
  test('an edit to an import line changes what an untouched call is', () => {
    const uri = '/work/app.ts';
    const trees = new TypeScriptTrees();
    const call = `\nexport const client = Docs("https://contoso.cognitiveservices.azure.com", { key: process.env.DOCUMENTINTELLIGENCE_API_KEY! });\n`;
    const rest = `import Docs from "@azure-rest/ai-document-intelligence";${call}`;
    const local = `import Docs from "./docs";${call}`;
    const ids = (text: string) => analyzeDocument({ uri, languageId: '', text }, {}, RULES, trees).findings.map((f) => f.ruleId);
    assert.deepEqual(ids(rest), ['key-credential']);
    assert.deepEqual(ids(local), []);
    assert.deepEqual(ids(rest), ['key-credential']);
    assert.deepEqual(ids(`'use client';\n${rest}`), ['key-exposed-to-browser']);
  });

  for (const name of readdirSync(FIXTURES).sort()) {
    test(name, () => {
      const uri = path.join(FIXTURES, name);
      const random = seededRandom(name.length * 7919 + name.charCodeAt(0));
      const trees = new TypeScriptTrees();
      let text = readFileSync(uri, 'utf8');
      let differed = 0;
      for (let i = 0; i <= EDITS; i++) {
        const incremental = analyzeDocument({ uri, languageId: '', text }, {}, RULES, trees);
        const fresh = analyzeDocument({ uri, languageId: '', text }, {});
        assert.deepEqual(comparable(incremental), comparable(fresh), `after edit ${i} of ${name}`);
        if (i > 0 && fresh.findings.length !== 0) differed++;
        // The next edit: an insertion or a deletion at a random place.
        const at = Math.floor(random() * (text.length + 1));
        if (random() < 0.35 && text.length > 0) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 20)));
        else text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)]! + text.slice(at);
      }
      assert.ok(differed > EDITS / 4, 'most edited versions still have findings to compare');
    });
  }
});
