/** Shared helpers for the Bicep parser tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { parseBicep, type BicepFile, type Declaration } from '../../../server/src/engine/bicep/index.js';
import type { Range } from '../../../server/src/engine/types.js';

// Tests compile to CommonJS (no import.meta), so the fixture folder is found from __dirname.
export const FIXTURES = join(__dirname, '../../fixtures/bicep-parser');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.bicep') || f.endsWith('.bicepparam'))
    .sort();
}

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Parses and asserts there are no syntax errors. */
export function parseClean(text: string): BicepFile {
  const file = parseBicep(text);
  assert.deepEqual(file.syntaxErrors, [], `unexpected syntax errors for:\n${text}`);
  return file;
}

/** `line:char-line:char`, compact for exact range assertions. */
export function r(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function only<T extends Declaration['kind']>(file: BicepFile, kind: T): Extract<Declaration, { kind: T }> {
  const found = file.statements.filter((s) => s.kind === kind);
  assert.equal(found.length, 1, `expected one ${kind}`);
  return found[0] as Extract<Declaration, { kind: T }>;
}

/** The source text of a range. */
export function textOf(file: BicepFile, node: { start: number; end: number }): string {
  return file.text.slice(node.start, node.end);
}
