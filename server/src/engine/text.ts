import type { Position, Range } from './types.js';

/**
 * Offsets ↔ LSP positions for one text. Built once per document version; the line starts are found on
 * first use, so a file analysed without a finding never pays for them.
 */
export class LineIndex {
  private found: number[] | undefined;

  /** `starts`: the offsets of the lines' first characters, when a lexer has already found them. */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    this.found = starts;
  }

  private get starts(): number[] {
    return (this.found ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    return positionAtOffset(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, position.line)]!;
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    let end = next;
    while (end > this.starts[line]! && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The file's dominant line break, for edits that add lines. */
  get newline(): string {
    const lf = this.text.indexOf('\n');
    return lf > 0 && this.text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
  }
}

/** Offset → LSP position, by binary search over the line starts (`offset` within the text). */
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

/** Offsets of the first character of every line: `\r\n`, `\n` and a lone `\r` all end a line, as in LSP. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case: `indexOf` finds each `\n` far faster than a loop over the characters.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * \`a.toLowerCase() === b.toLowerCase()\` without making either copy: rules compare property names,
 * resource types and enum values this way thousands of times per file.
 */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    let i = 0;
    for (; i < a.length; i++) {
      let x = a.charCodeAt(i);
      let y = b.charCodeAt(i);
      if (x === y) continue;
      if (x > 127 || y > 127) break;
      if (x >= 65 && x <= 90) x += 32;
      if (y >= 65 && y <= 90) y += 32;
      if (x !== y) return false;
    }
    if (i === a.length) return true;
  } else {
    // Lower-casing changes lengths only beyond ASCII ('İ' → 'i̇') and maps an ASCII first character
    // to one character: different ASCII first letters settle it without scanning either string.
    const x = lowerAscii(a.charCodeAt(0));
    const y = lowerAscii(b.charCodeAt(0));
    if (x <= 127 && y <= 127 && x !== y) return false;
    if (isAscii(a) && isAscii(b)) return false;
  }
  // Beyond ASCII, lower-casing can change lengths ('İ'): let the runtime decide.
  return a.toLowerCase() === b.toLowerCase();
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}
