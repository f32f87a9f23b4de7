/**
 * Token cursor, error reporting and recovery shared by the expression and declaration parsers.
 * Recovery follows Bicep's BaseParser: on an unexpected token, report it and skip to a per-context
 * terminator without consuming it; `isRecoveryPoint` additionally bounds unclosed brackets.
 */
import type { Position, Range, SyntaxError } from '../types.js';
import type { ErrorNode, Name, NodeBase } from './ast.js';
import { positionAtOffset } from '../text.js';
import { isRecoveryPoint } from './recovery-lines.js';
import { TokenKind as TokenKindEnum, describeToken, type TokenList } from './tokens.js';

// tsx compiles imports to getter calls; a local alias keeps hot loops free of them.
const TokenKind = TokenKindEnum;
type TokenKind = TokenKindEnum;

/**
 * Deepest expression nesting parsed normally. Real templates stay far below this; deeper input
 * (e.g. 10,000 `[`) becomes one Error node so the parser's recursion cannot overflow the stack.
 */
export const MAX_NESTING_DEPTH = 200;

/**
 * Placeholder for a declaration's `keyword` and `keywordLine` ranges until `declaration` fills them.
 * Nodes are created with all their fields in the literal (offsets filled by `finish`) so V8 gives
 * each kind one compact shape; nodes carry offsets only (`rangeOf` makes LSP ranges on demand).
 */
export const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A set of token kinds as a lookup table indexed by kind. */
export type KindSet = readonly boolean[];

export function kindSet(...kinds: TokenKind[]): KindSet {
  const set: boolean[] = [];
  for (let k: TokenKind = 0; k <= TokenKind.Unrecognized; k++) set.push(false);
  for (const k of kinds) set[k] = true;
  return set;
}

export class ParserCore {
  /** The cursor: index of the current token. */
  protected index = 0;
  protected depth = 0;
  readonly errors: SyntaxError[] = [];
  // The token columns, by token index (tokens.ts).
  protected readonly kinds: ArrayLike<TokenKind>;
  protected readonly starts: Uint32Array;
  protected readonly ends: Uint32Array;
  protected readonly values: readonly string[];
  protected readonly flags: Uint8Array;

  constructor(
    protected readonly tokens: TokenList,
    protected readonly text: string,
    private readonly lineStarts: readonly number[],
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.values = tokens.values;
    this.flags = tokens.flags;
  }

  protected tokenKind(): TokenKind {
    return this.kinds[this.index]!;
  }

  /** The current token's value (tokens.ts). */
  protected tokenValue(): string {
    return this.values[this.index]!;
  }

  /** The kind of the token `offset` ahead of the cursor (end of file past the end). */
  protected peekKind(offset = 1): TokenKind {
    return this.kinds[Math.min(this.index + offset, this.tokens.count - 1)]!;
  }

  /** Consumes the current token (never the end of file) and returns its index. */
  protected advance(): number {
    const index = this.index;
    if (this.kinds[index] !== TokenKind.EndOfFile) this.index++;
    return index;
  }

  protected eat(kind: TokenKind): boolean {
    if (this.kinds[this.index] !== kind) return false;
    this.advance();
    return true;
  }

  protected atIdentifier(text: string): boolean {
    return this.kinds[this.index] === TokenKind.Identifier && this.values[this.index] === text;
  }

  /** Skips NewLine tokens; returns true when at least one was skipped. */
  protected skipNewLines(): boolean {
    let skipped = false;
    while (this.tokenKind() === TokenKind.NewLine) {
      this.index++;
      skipped = true;
    }
    return skipped;
  }

  /**
   * Skips NewLines where the grammar allows them inside an expression (after an operator, `?`,
   * `:`, `=>`), unless the next line starts a new declaration: then the expression is unfinished.
   */
  protected skipNewLinesInExpression(): void {
    const next = this.indexPastNewLines();
    if (next > this.index && isRecoveryPoint(this.tokens, next, this.text)) return;
    this.index = next;
  }

  /** Index of the first token at or after the cursor that is not a NewLine. */
  protected indexPastNewLines(): number {
    let i = this.index;
    while (this.kinds[i] === TokenKind.NewLine) i++;
    return i;
  }

  protected previousIsNewLine(): boolean {
    return this.index > 0 && this.kinds[this.index - 1] === TokenKind.NewLine;
  }

  /** The cursor sits at the start of a line that begins a new top-level declaration. */
  protected atRecoveryPoint(): boolean {
    return (this.index === 0 || this.previousIsNewLine()) && isRecoveryPoint(this.tokens, this.index, this.text);
  }

  // -------------------------------------------------------------------------------------------
  // Positions and nodes

  /** Where token `index` starts. */
  protected startOf(index: number): Position {
    return positionAtOffset(this.lineStarts, this.starts[index]!);
  }

  /** Where token `index` ends. */
  protected endOf(index: number): Position {
    return positionAtOffset(this.lineStarts, this.ends[index]!);
  }

  /** Offset where the line after `line` starts (the text's length on the last line). */
  protected lineEndOffset(line: number): number {
    return this.lineStarts[line + 1] ?? this.text.length;
  }

  /** Where a zero-width node or error at the cursor goes: after the previous token when at a line end. */
  protected hereAnchor(): { offset: number; position: Position } {
    const kind = this.tokenKind();
    if ((kind === TokenKind.NewLine || kind === TokenKind.EndOfFile) && this.index > 0) {
      const previous = this.index - 1;
      if (this.kinds[previous] !== TokenKind.NewLine) return { offset: this.ends[previous]!, position: this.endOf(previous) };
    }
    return { offset: this.starts[this.index]!, position: this.startOf(this.index) };
  }

  /** Completes a node that began at token index `mark` and ends with the last consumed token. */
  protected finish<F extends { kind: string }>(fields: F, mark: number): F & NodeBase {
    const node = fields as F & NodeBase;
    if (this.index > mark) {
      node.start = this.starts[mark]!;
      node.end = this.ends[this.index - 1]!;
    } else {
      const anchor = this.hereAnchor();
      node.start = anchor.offset;
      node.end = anchor.offset;
    }
    return node;
  }

  /** Completes a node that starts where `from` starts and ends with the last consumed token. */
  protected finishFrom<F extends { kind: string }>(fields: F, from: NodeBase): F & NodeBase {
    const node = fields as F & NodeBase;
    const lastEnd = this.ends[Math.max(this.index - 1, 0)]!;
    node.start = from.start;
    node.end = lastEnd >= from.end ? lastEnd : from.end;
    return node;
  }

  /** Completes a node spanning from `first` to `last`. */
  protected between<F extends { kind: string }>(fields: F, first: NodeBase, last: NodeBase): F & NodeBase {
    const node = fields as F & NodeBase;
    node.start = first.start;
    node.end = last.end;
    return node;
  }

  /** A zero-width Error node at the cursor. */
  protected missing(message: string): ErrorNode {
    return this.finish({ kind: 'Error' as const, start: 0, end: 0, parent: undefined, message }, this.index);
  }

  protected missingName(): Name {
    return this.finish({ kind: 'Name' as const, start: 0, end: 0, parent: undefined, text: '', missing: true }, this.index);
  }

  // -------------------------------------------------------------------------------------------
  // Errors and recovery

  protected reportRange(range: Range, message: string): void {
    const last = this.errors[this.errors.length - 1];
    // One error per spot: a missing token usually triggers several "expected" checks in a row.
    if (last && last.range.start.line === range.start.line && last.range.start.character === range.start.character) return;
    this.errors.push({ range, message });
  }

  /** Reports at the current token (or right after the previous one when at a line end). */
  protected report(message: string): void {
    const kind = this.tokenKind();
    if (kind === TokenKind.NewLine || kind === TokenKind.EndOfFile) {
      const anchor = this.hereAnchor().position;
      this.reportRange({ start: anchor, end: anchor }, message);
    } else {
      this.reportRange({ start: this.startOf(this.index), end: this.endOf(this.index) }, message);
    }
  }

  /** Consumes a token of `kind`, or reports what was expected; whether it was there. */
  protected expect(kind: TokenKind, what?: string): boolean {
    if (this.eat(kind)) return true;
    this.report(`Expected ${what ?? describeToken(kind)}.`);
    return false;
  }

  /**
   * Skips tokens up to (not including) a terminator, end of file or a recovery line, and returns
   * an Error node covering them (or undefined when nothing was skipped).
   */
  protected skipUntil(terminators: KindSet, message: string): ErrorNode | undefined {
    const mark = this.index;
    while (this.tokenKind() !== TokenKind.EndOfFile && !terminators[this.tokenKind()] && !(this.index > mark && this.atRecoveryPoint())) this.index++;
    if (this.index === mark) return undefined;
    return this.finish({ kind: 'Error' as const, start: 0, end: 0, parent: undefined, message }, mark);
  }

  /**
   * Skips one bracketed region from an opening bracket to its match (or to end of file),
   * iteratively: used when nesting exceeds `MAX_NESTING_DEPTH`.
   */
  protected skipBalanced(): void {
    let open = 0;
    do {
      const kind = this.tokenKind();
      if (kind === TokenKind.EndOfFile) return;
      if (kind === TokenKind.LeftBrace || kind === TokenKind.LeftSquare || kind === TokenKind.LeftParen) open++;
      else if (kind === TokenKind.RightBrace || kind === TokenKind.RightSquare || kind === TokenKind.RightParen) open--;
      this.index++;
    } while (open > 0);
  }
}
