/**
 * A prefilter (server/src/engine/rule.ts) only saves work: a rule whose prefilter says "no" must have
 * had nothing to report, or its findings are silently lost. So on every text the tests know (the
 * fixtures, the sample workspace, every rule-tester case with the outputs of its fixes) the engine
 * must report exactly the same findings, fixes included, with every prefilter removed.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import { analyzeDocument, materialized, type Finding } from '../../server/src/engine/index.js';
import { languageOf } from '../../server/src/engine/language.js';
import type { Rule } from '../../server/src/engine/rule.js';
import { RULES } from '../../server/src/engine/rules/index.js';
import { recordCases, workspaceOf, type RecordedCase } from '../helpers/rule-tester.js';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The registry without prefilters: the engine's `registry` parameter takes any rules, and a rule with
 * no prefilter runs on every file of its languages. Every key naming a prefilter goes, so one added
 * later is removed too.
 */
const UNFILTERED: readonly Rule[] = RULES.map((rule) => Object.fromEntries(Object.entries(rule).filter(([key]) => !/prefilter/i.test(key))) as unknown as Rule);

/** What the faces see of an analysis: findings as plain data (fixes built) and the rules that threw. */
function outcome(uri: string, text: string, rules: readonly Rule[], workspace?: Record<string, string>, file?: string) {
  const context = workspace && file ? { workspace: { view: workspaceOf(workspace, file, text), file: path.resolve('/work', file) } } : {};
  const result = analyzeDocument({ uri, languageId: '', text }, {}, rules, undefined, context);
  return { findings: result.findings.map(materialized), ruleFailures: result.ruleFailures };
}

const brief = (f: Finding) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`;

/** Empty when prefilters change nothing; else what they drop, to name the unsound rule. */
function prefilterDifference(uri: string, text: string, workspace?: Record<string, string>, file?: string): string {
  const filtered = outcome(uri, text, RULES, workspace, file);
  const unfiltered = outcome(uri, text, UNFILTERED, workspace, file);
  if (isDeepStrictEqual(filtered, unfiltered)) return '';
  const kept = new Set(filtered.findings.map((f) => JSON.stringify(f)));
  const dropped = unfiltered.findings.filter((f) => !kept.has(JSON.stringify(f))).map(brief);
  const failures = unfiltered.ruleFailures.map((f) => `${f.ruleId}: ${f.message}`);
  return `${uri}: prefilters drop [${dropped.join(', ')}]${failures.length ? `; without them rules fail: ${failures.join('; ')}` : ''}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

/** Checks every file under `dir` the engine analyses; returns how many there were. */
function assertSoundOnFilesUnder(dir: string): number {
  const analysed = filesUnder(path.join(ROOT, dir)).filter((file) => languageOf(file) !== undefined);
  const differences = analysed.map((file) => prefilterDifference(pathToFileURL(file).href, readFileSync(file, 'utf8'))).filter(Boolean);
  assert.deepEqual(differences, []);
  return analysed.length;
}

test('the prefilter-free registry really has no prefilters, and so parses a file every prefilter skips', () => {
  assert.ok(RULES.some((r) => r.typescriptPrefilter) && RULES.some((r) => r.bicepPrefilter), 'nothing to prove: no rule has a prefilter');
  assert.deepEqual(
    UNFILTERED.flatMap((r) => Object.keys(r).filter((key) => /prefilter/i.test(key))),
    [],
  );
  assert.deepEqual(
    UNFILTERED.map((r) => r.id),
    RULES.map((r) => r.id),
  );
  const plain = { uri: 'file:///work/plain.ts', languageId: '', text: 'export const answer = 42;\n' };
  assert.equal(analyzeDocument(plain, {}, RULES).parsed, false);
  assert.equal(analyzeDocument(plain, {}, UNFILTERED).parsed, true);
});

test('every fixture under test/fixtures: same findings with and without prefilters', () => {
  const count = assertSoundOnFilesUnder(path.join('test', 'fixtures'));
  assert.ok(count >= 20, `only ${count} fixture files analysed`);
});

test('every file of sample-workspace: same findings with and without prefilters', () => {
  const count = assertSoundOnFilesUnder('sample-workspace');
  assert.ok(count >= 7, `only ${count} sample-workspace files analysed`);
});

/** The table tests: every test file under test/unit that calls the rule tester at its top level. */
function tableTestFiles(): string[] {
  return filesUnder(path.join(ROOT, 'test', 'unit')).filter((file) => file.endsWith('.test.ts') && /^ruleTester\(/m.test(readFileSync(file, 'utf8')));
}

test('every rule-tester case (its code and the outputs of its fixes): same findings with and without prefilters', async () => {
  const cases: RecordedCase[] = [];
  for (const file of tableTestFiles()) {
    const recorded = await recordCases(() => import(pathToFileURL(file).href));
    assert.ok(recorded.length > 0, `${path.relative(ROOT, file)} gave the rule tester no cases`);
    cases.push(...recorded);
  }
  const untested = RULES.filter((rule) => !cases.some((c) => c.ruleId === rule.id)).map((rule) => rule.id);
  assert.deepEqual(untested, [], 'rules without recorded table cases');
  assert.ok(cases.length >= 250, `only ${cases.length} rule-tester cases recorded`);

  const differences = cases.flatMap((c) =>
    c.texts
      .map((text) => prefilterDifference(`file:///work/${c.file}`, text, c.workspace, c.file))
      .filter(Boolean)
      .map((d) => `${c.ruleId} ${c.name}: ${d}`),
  );
  assert.deepEqual(differences, []);
});

/**
 * Real code, as `npm run bench` installs it into .bench/real/corpus (bench/real-corpus.ts: published
 * npm packages at pinned versions): a sample by stride, and the files where the prefilters' finer
 * tests decide and say no: the sink names without their client (`apiKey`, `AzureKeyCredential`, `OpenAI`,
 * `@azure`), `key` and `region` not as properties, `http://` without an Azure AI host, a public prefix
 * without a key name, escapes (decoded or not), a Speech-like method name in another case.
 * Skipped, saying so, in a clone where the bench has not run.
 */
const REAL_CORPUS = path.join(ROOT, '.bench', 'real', 'corpus');
const FINER = /region|fromhost|fromsubscription|fromendpoint|\\[ux0-7\n/.-]|apikey|api-key|keycredential|openai|@azure|\bkey\b|https?:\/\/|_PUBLIC_|REACT_APP_|VITE_|translat/i;
test(
  'a sample of the real-code corpus of npm run bench: same findings with and without prefilters',
  { skip: !existsSync(REAL_CORPUS) && 'no .bench/real/corpus: run `npm run bench` once to install it' },
  () => {
    const all = filesUnder(REAL_CORPUS).filter((file) => languageOf(file) !== undefined && statSync(file).size <= 300_000);
    const byStride = all.filter((_, i) => i % 60 === 0);
    const filtered = (text: string) => !RULES.some((r) => r.typescriptPrefilter && analyzeDocument({ uri: 'file:///x.ts', languageId: '', text }, {}, [r]).parsed);
    const finer = all.filter((file) => /\.[cm]?[jt]sx?$/.test(file) && FINER.test(readFileSync(file, 'utf8'))).filter((_, i) => i % 8 === 0);
    const sample = [...new Set([...byStride, ...finer.filter((file) => filtered(readFileSync(file, 'utf8')))])];
    assert.ok(sample.length >= 200, `only ${sample.length} files sampled from ${all.length}`);
    const differences = sample.map((file) => prefilterDifference(pathToFileURL(file).href, readFileSync(file, 'utf8'))).filter(Boolean);
    assert.deepEqual(differences, []);
  },
);
