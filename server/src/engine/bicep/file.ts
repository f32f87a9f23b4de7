/**
 * `parseBicep`: text in, syntax tree + diagnostics + trivia out, in one pass. Never throws.
 */
import type { Position, Range } from '../types.js';
import type { BicepFile } from './ast.js';
import { lex } from './lexer.js';
import { BicepParser } from './parser.js';
import { setParents } from './walk.js';

/** Parses a `.bicep` or `.bicepparam` text (the grammar is a superset covering both). */
export function parseBicep(text: string): BicepFile {
  const lexed = lex(text);
  const parser = new BicepParser(lexed.tokens, text);
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
  };
  setParents(file);
  return file;
}

function mergeByPosition<T extends { range: { start: Position } }>(a: T[], b: T[]): T[] {
  return [...a, ...b].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}

/** Offset → LSP position, by binary search over the line starts. */
export function positionAtOffset(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lineStarts[low]! };
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
