/**
 * Robustness: every prefix of every fixture and a few hundred seeded single-byte edits parse
 * without an exception and within a time bound proportional to size; deep nesting does not
 * overflow the stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { MAX_NESTING_DEPTH, parseBicep, resourceDeclarations, walk, type Node } from '../../../server/src/engine/bicep/index.js';
import { fixtureNames, readFixture } from './helpers.js';
import { seededRandom } from '../../helpers/random.js';
import { lineStartsOf } from '../../../server/src/engine/text.js';

/** Generous bound: 5 ms per KB plus 20 ms, per parse. */
function budgetMs(text: string): number {
  return 20 + (5 * text.length) / 1024;
}

function timedParse(text: string): { file: ReturnType<typeof parseBicep>; elapsed: number } {
  const start = performance.now();
  const file = parseBicep(text);
  return { file, elapsed: performance.now() - start };
}

function parseWithinBudget(text: string, label: string): void {
  let { file, elapsed } = timedParse(text);
  // A lone slow sample is a GC pause or JIT tier-up on a busy machine; a slow parser is slow twice.
  if (elapsed > budgetMs(text)) ({ file, elapsed } = timedParse(text));
  assert.ok(elapsed <= budgetMs(text), `${label}: ${elapsed.toFixed(1)} ms for ${text.length} chars`);
  // Rules walk the tree: it must be consistent (parents set, ranges ordered).
  const inTree: Node[] = [];
  walk(file, (node) => {
    assert.ok(node.start <= node.end, `${label}: ${node.kind} range inverted`);
    if (node.kind === 'Resource') inTree.push(node);
  });
  // The parser's list of resource declarations is exactly the tree's, in source order.
  assert.deepEqual(file.resources, inTree, `${label}: resources`);
  assert.deepEqual(
    resourceDeclarations(file).map((r) => r.declaration),
    inTree,
  );
  // Findings' line numbers come from the lexer's line starts (engine/index.ts): they must be the
  // lines an editor counts, whatever the strings, comments and line breaks.
  assert.deepEqual(file.lineStarts, lineStartsOf(text), `${label}: line starts`);
}

const random = seededRandom;

const INTERESTING = "{}[]()'$\n\r\t:,.?!=@#/*\\ab1 ";

for (const name of fixtureNames()) {
  test(`every prefix of ${name} parses`, () => {
    const text = readFixture(name);
    for (let end = 0; end <= text.length; end++) parseWithinBudget(text.slice(0, end), `${name}[0:${end}]`);
  });
}

test('300 seeded single-byte edits of the fixtures parse', () => {
  const rand = random(0xb1c3);
  const names = fixtureNames();
  for (let i = 0; i < 300; i++) {
    const text = readFixture(names[i % names.length]!);
    const at = Math.floor(rand() * text.length);
    const replacement = INTERESTING[Math.floor(rand() * INTERESTING.length)]!;
    const mode = Math.floor(rand() * 3);
    const edited = mode === 0 ? text.slice(0, at) + text.slice(at + 1) : mode === 1 ? text.slice(0, at) + replacement + text.slice(at) : text.slice(0, at) + replacement + text.slice(at + 1);
    parseWithinBudget(edited, `edit ${i}`);
  }
});

for (const [open, close] of [
  ['{a:', '}'],
  ['[', ']'],
  ['(', ')'],
] as const) {
  test(`10,000-deep ${open} nesting returns a tree with a syntax error, not a stack overflow`, () => {
    const text = `var deep = ${open.repeat(10_000)}${close.repeat(10_000)}\nvar after = 1\n`;
    const file = parseBicep(text);
    assert.ok(file.syntaxErrors.some((e) => e.message === `Expression is nested more than ${MAX_NESTING_DEPTH} levels deep.`));
    assert.deepEqual(
      file.statements.map((s) => s.kind),
      ['Var', 'Var'],
    );
    const unclosed = parseBicep(`var deep = ${open.repeat(10_000)}\nvar after = 1\n`);
    assert.ok(unclosed.syntaxErrors.length > 0);
  });
}

test('deep nesting of strings, ternaries, lambdas and prefix operators does not overflow', () => {
  const inputs = [
    `var s = ${"'${".repeat(5_000)}x${"}'".repeat(5_000)}\n`,
    `var t = ${'a ? '.repeat(5_000)}b${' : c'.repeat(5_000)}\n`,
    `var l = ${'x => '.repeat(5_000)}x\n`,
    `var n = ${'!'.repeat(50_000)}x\n`,
    `var m = x${'.y'.repeat(50_000)}\n`,
    `var b = 1${' + 1'.repeat(50_000)}\n`,
  ];
  for (const text of inputs) {
    const file = parseBicep(text);
    assert.equal(file.statements.length, 1);
    walk(file, () => undefined);
  }
});

test('a valid fixture within nesting limits has no errors; slightly below the limit is fine', () => {
  const depth = MAX_NESTING_DEPTH - 5;
  const file = parseBicep(`var ok = ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
  assert.deepEqual(file.syntaxErrors, []);
});
