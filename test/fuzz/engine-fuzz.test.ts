import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument, type AnalysisResult } from '../../server/src/engine/index.js';
import { languageOf } from '../../server/src/engine/language.js';
import { LineIndex } from '../../server/src/engine/text.js';
import type { Range } from '../../server/src/engine/types.js';
import { seededRandom } from '../helpers/random.js';

/**
 * Hostile input through the engine, both languages: truncations, random edits, inserted and
 * deleted brackets and quotes, and pathological files. `npm test` runs a bounded subset;
 * `npm run fuzz` runs FUZZ_SCALE (default 10) times as many mutations.
 */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const ROOT = path.join(__dirname, '..', '..');
/** Generous: a file of n KB gets 40 ms + 20 ms per KB (this machine does about 1 ms per KB). */
const budgetMs = (text: string) => 40 + (20 * text.length) / 1024;

function corpus(): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (languageOf(name) && statSync(full).size < 200_000) files.push({ name: path.relative(ROOT, full), text: readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  walk(path.join(ROOT, 'sample-workspace'));
  return files;
}

const random = seededRandom;

// prettier-ignore
const NOISE = ['{', '}', '[', ']', '(', ')', "'", '"', '`', '${', "'''", '/*', '//', '\n', '\r', '\r\n', '\0', '\uFFFD', '\uD800', ' ', 'resource ', 'param ', '@', '.', '?', '!', ':', '=>', 'JQQJ99', 'http://'];

function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const roll = rnd();
  if (roll < 0.4) return text.slice(0, at) + NOISE[Math.floor(rnd() * NOISE.length)] + text.slice(at);
  if (roll < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 8));
  return text.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x80)) + text.slice(at + 1);
}

function inBounds(lines: LineIndex, range: Range): boolean {
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

function check(name: string, text: string): AnalysisResult {
  const started = performance.now();
  let result: AnalysisResult;
  try {
    result = analyzeDocument({ uri: `file:///fuzz/${name}`, languageId: '', text });
  } catch (error) {
    throw new Error(`${name}: the engine threw ${String(error)} on ${JSON.stringify(text.slice(0, 200))}…`, { cause: error });
  }
  let elapsed = performance.now() - started;
  if (elapsed > budgetMs(text)) {
    // One slow sample on a busy 2-core machine is usually a GC pause: measure once more.
    const again = performance.now();
    analyzeDocument({ uri: `file:///fuzz/${name}`, languageId: '', text });
    elapsed = performance.now() - again;
  }
  assert.ok(elapsed <= budgetMs(text), `${name}: ${elapsed.toFixed(1)} ms for ${text.length} chars`);
  assert.deepEqual(result.ruleFailures, [], `${name}: a rule threw`);
  const lines = new LineIndex(text);
  for (const f of result.findings) {
    assert.ok(inBounds(lines, f.range), `${name}: finding ${f.ruleId} out of range ${JSON.stringify(f.range)}`);
    for (const fix of f.fixes().fixes) for (const e of fix.edits) assert.ok(inBounds(lines, e.range), `${name}: fix edit out of range`);
  }
  return result;
}

describe('fuzz: mutated fixtures never throw, stay in range and take linear time', () => {
  const files = corpus();
  test('the corpus has both languages', () => {
    assert.ok(files.some((f) => f.name.endsWith('.ts')) && files.some((f) => f.name.endsWith('.bicep')), files.map((f) => f.name).join(', '));
  });
  for (const [index, file] of files.entries()) {
    test(file.name, () => {
      const rnd = random(index + 1);
      const cuts = Math.min(file.text.length, 12 * SCALE);
      for (let i = 1; i <= cuts; i++) check(file.name, file.text.slice(0, Math.floor((file.text.length * i) / (cuts + 1))));
      let text = file.text;
      for (let i = 0; i < 25 * SCALE; i++) {
        text = rnd() < 0.2 ? file.text : text;
        text = mutate(text, rnd);
        check(file.name, text);
      }
    });
  }
});

describe('pathological inputs', () => {
  const key = '0123456789abcdef0123456789abcdef';
  const cases: Array<[string, string, () => string]> = [
    ['10 MB single-line minified bundle', 'bundle.min.js', () => `var a=${'{b:[1,"x",function(c){return c+1}],d:"y"},'.repeat(250_000)}0;new AzureKeyCredential("${key}");`],
    ['100,000-line file', 'long.ts', () => `${'export const x = { apiKey: process.env.K, region: "w" };\n'.repeat(100_000)}`],
    ['10,000-deep arrays', 'deep.ts', () => `const apiKey = ${'['.repeat(10_000)}1${']'.repeat(10_000)};`],
    ['10,000-deep parentheses', 'parens.js', () => `apiKey(${'('.repeat(10_000)}1${')'.repeat(10_000)});`],
    ['10,000-deep objects', 'objects.ts', () => `const region = ${'{a:'.repeat(10_000)}1${'}'.repeat(10_000)};`],
    ['10,000 chained ternaries', 'ternary.ts', () => `const apiKey = ${'a ? b : '.repeat(10_000)}c;`],
    ['10,000-deep Bicep objects', 'deep.bicep', () => `var x = ${'{\n a: '.repeat(10_000)}1${'\n}'.repeat(10_000)}\n`],
    ['invalid UTF-8 decoded', 'bad.ts', () => Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x61, 0x70, 0x69, 0x4b, 0x65, 0x79]).toString('utf8')],
    ['NUL bytes', 'nul.bicep', () => `param apiKey string = '${key}\0'\0\0resource\0`],
    ['CRLF, BOM and lone CR', 'mixed.ts', () => `\uFEFFconst a = 1;\r\nnew AzureKeyCredential("${key}");\rconst b = 2;\n`],
  ];
  for (const [name, file, make] of cases) test(name, () => void check(file, make()));

  test('a 20,000-term `+` chain (parsed: the compiler nests it 20,000 deep) leaves every rule running', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `"p${i}"`).join(' + ');
    const text = [
      'import https from "node:https";',
      'import { AzureKeyCredential } from "@azure/core-auth";',
      'export const credential = new AzureKeyCredential("9b74c9897bac770ffc029102a200c5de");',
      `export const s = ${chain};`,
      `export const url = "http://contoso.openai.azure.com/" + ${chain};`,
      `export const agent = new https.Agent({ rejectUnauthorized: false, minVersion: "TLSv1", x: ${chain} });`,
      '',
    ].join('\n');
    const result = check('chain.ts', text);
    assert.deepEqual(result.syntaxErrors, []);
    assert.deepEqual([...new Set(result.findings.map((f) => f.ruleId))].sort(), ['hardcoded-key', 'insecure-endpoint', 'tls-downgrade', 'tls-verification-disabled']);
  });

  for (const [name, chain] of [
    ['??', Array.from({ length: 20_000 }, (_, i) => `'p${i}'`).join(' ?? ')],
    ['!', `${'!'.repeat(20_000)}true`],
    ['member', `{a: 1}${'.a'.repeat(20_000)}`],
    ['index', `[1]${'[0]'.repeat(20_000)}`],
  ] as const) {
    test(`a 20,000-long Bicep ${name} chain feeding an AI account's properties: every rule runs, the next account is still checked`, () => {
      const account = (symbol: string, value: string) =>
        `resource ${symbol} 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: '${symbol}'\n  location: 'westeurope'\n  kind: 'OpenAI'\n  sku: { name: 'S0' }\n  properties: {\n    publicNetworkAccess: ${value}\n    disableLocalAuth: ${value}\n    customSubDomainName: ${value}\n  }\n}\n`;
      const result = check('chain.bicep', `var deep = ${chain}\n${account('deepAccount', 'deep')}${account('plain', "'Enabled'")}`);
      assert.deepEqual(result.syntaxErrors, []);
      // The chain is beyond folding, so the first account's values are unknown (no guess); the second's are not.
      assert.ok(
        result.findings.some((f) => f.ruleId === 'public-network-access' && f.range.start.line > 11),
        'the plain account is checked',
      );
    });
  }

  test('a key read through a 20,000-long index chain (`acct[0][0]….listKeys()`) is still traced to its account', () => {
    const text = [
      "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
      "  name: 'ai'",
      "  kind: 'OpenAI'",
      "  sku: { name: 'S0' }",
      '}',
      "resource site 'Microsoft.Web/sites@2023-12-01' = {",
      "  name: 'web'",
      `  properties: { siteConfig: { appSettings: [ { name: 'OPENAI_KEY', value: ai${'[0]'.repeat(20_000)}.listKeys().key1 } ] } }`,
      '}',
      '',
    ].join('\n');
    const result = check('index-chain.bicep', text);
    assert.ok(
      result.findings.some((f) => f.ruleId === 'key-in-app-settings' && f.range.start.line === 7),
      'the app setting is flagged',
    );
  });

  test('an identifiable key in a file too deep to parse is still found', () => {
    const aiKey = ['Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7kL9mN1pQ3sT5vW'.slice(0, 52), 'JQQJ99', 'B', 'K', 'ACAAAAAAAAAA', 'AAAB', 'ACOG', 'Xy12'].join('');
    const result = check('deep-key.ts', `const k = "${aiKey}";\nconst apiKey = ${'['.repeat(20_000)}${']'.repeat(20_000)};`);
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character]),
      [['hardcoded-key', 0, 11]],
    );
    assert.match(result.syntaxErrors[0]!.message, /Nested too deeply to parse/);
  });
});
