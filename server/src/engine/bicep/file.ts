/**
 * `parseBicep`: text in, syntax tree + diagnostics + trivia out, in one pass. Never throws.
 */
import type { Position, Range } from '../types.js';
import type { BicepFile, DerivedKey } from './ast.js';
import { scan } from './lexer.js';
import { BicepParser } from './parser.js';
import { positionAtOffset } from '../text.js';
import { setParents } from './walk.js';

/** Parses a `.bicep` or `.bicepparam` text (the grammar is a superset covering both). */
export function parseBicep(text: string): BicepFile {
  const lexed = scan(text);
  const parser = new BicepParser(lexed.tokens, text, lexed.lineStarts);
  const statements = parser.parseStatements();
  const file: BicepFile = {
    kind: 'File',
    start: 0,
    end: text.length,
    text,
    statements,
    syntaxErrors: mergeByPosition(lexed.errors, parser.errors),
    comments: lexed.comments,
    pragmas: lexed.pragmas,
    lineStarts: lexed.lineStarts,
    // Finished children-first; source order puts parents first.
    resources: parser.resources.sort((a, b) => a.start - b.start),
    derivedFacts: new Map(),
  };
  setParents(file);
  return file;
}

function mergeByPosition<T extends { range: { start: Position } }>(a: T[], b: T[]): T[] {
  return [...a, ...b].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}

/** LSP position → offset (clamped to the line's extent as the file stores it). */
export function offsetAtPosition(file: BicepFile, position: Position): number {
  const starts = file.lineStarts;
  if (position.line >= starts.length) return file.text.length;
  const lineStart = starts[Math.max(0, position.line)]!;
  const next = position.line + 1 < starts.length ? starts[position.line + 1]! : file.text.length;
  return Math.min(lineStart + Math.max(0, position.character), next);
}

export function positionAt(file: BicepFile, offset: number): Position {
  return positionAtOffset(file.lineStarts, Math.max(0, Math.min(offset, file.text.length)));
}

/**
 * A node's LSP range, from its offsets. Nodes carry offsets only: building a range (three objects)
 * for every node was a third of the parser's allocations, and rules ask for a few of them.
 */
export function rangeOf(file: BicepFile, node: { start: number; end: number }): Range {
  return { start: positionAtOffset(file.lineStarts, node.start), end: positionAtOffset(file.lineStarts, node.end) };
}

/** The (0-based) line of an offset. */
export function lineAt(file: BicepFile, offset: number): number {
  return positionAtOffset(file.lineStarts, offset).line;
}

/** A new key for `derived`. */
export function derivedKey<T>(name: string): DerivedKey<T> {
  return { name };
}

/**
 * A fact derived from the file's syntax alone (its resources, an index of them), computed on first
 * ask and kept by the file itself. Not in a WeakMap keyed by the file: V8's minor collections keep
 * a WeakMap's values alive, so an entry pointing into the tree made every parsed tree survive them
 * and reach the old generation (parsing the bench's Bicep and listing its resources took twice as
 * long, most of it collecting garbage).
 */
export function derived<T>(file: BicepFile, key: DerivedKey<T>, compute: () => T): T {
  const facts = file.derivedFacts;
  if (facts.has(key)) return facts.get(key) as T;
  const value = compute();
  facts.set(key, value);
  return value;
}
