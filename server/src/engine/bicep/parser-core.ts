/**
 * Token cursor, error reporting and recovery shared by the expression and declaration parsers.
 * Recovery follows Bicep's BaseParser: on an unexpected token, report it and skip to a per-context
 * terminator without consuming it; `isRecoveryPoint` additionally bounds unclosed brackets.
 */
import type { Position, Range, SyntaxError } from '../types.js';
import type { ErrorNode, Name, NodeBase } from './ast.js';
import { positionAtOffset } from '../text.js';
import { isRecoveryPoint } from './recovery-lines.js';
import { TokenKind as TokenKindEnum, describeToken, type Token } from './tokens.js';

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
  protected index = 0;
  protected depth = 0;
  readonly errors: SyntaxError[] = [];

  constructor(
    protected readonly tokens: readonly Token[],
    protected readonly text: string,
    private readonly lineStarts: readonly number[],
  ) {}

  protected get token(): Token {
    return this.tokens[this.index]!;
  }

  protected tokenKind(): TokenKind {
    return this.tokens[this.index]!.kind;
  }

  protected peek(offset = 1): Token {
    const i = Math.min(this.index + offset, this.tokens.length - 1);
    return this.tokens[i]!;
  }

  protected advance(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== TokenKind.EndOfFile) this.index++;
    return token;
  }

  protected eat(kind: TokenKind): Token | undefined {
    return this.tokenKind() === kind ? this.advance() : undefined;
  }

  protected atIdentifier(text: string): boolean {
    const token = this.token;
    return token.kind === TokenKind.Identifier && token.value === text;
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
    while (this.tokens[i]!.kind === TokenKind.NewLine) i++;
    return i;
  }

  protected previousIsNewLine(): boolean {
    return this.index > 0 && this.tokens[this.index - 1]!.kind === TokenKind.NewLine;
  }

  /** The cursor sits at the start of a line that begins a new top-level declaration. */
  protected atRecoveryPoint(): boolean {
    return (this.index === 0 || this.previousIsNewLine()) && isRecoveryPoint(this.tokens, this.index, this.text);
  }

  // -------------------------------------------------------------------------------------------
  // Positions and nodes

  protected startOf(token: Token): Position {
    return positionAtOffset(this.lineStarts, token.start);
  }

  protected endOf(token: Token): Position {
    return positionAtOffset(this.lineStarts, token.end);
  }

  /** Offset where the line after `line` starts (the text's length on the last line). */
  protected lineEndOffset(line: number): number {
    return this.lineStarts[line + 1] ?? this.text.length;
  }

  /** Where a zero-width node or error at the cursor goes: after the previous token when at a line end. */
  protected hereAnchor(): { offset: number; position: Position } {
    const token = this.token;
    if ((token.kind === TokenKind.NewLine || token.kind === TokenKind.EndOfFile) && this.index > 0) {
      const previous = this.tokens[this.index - 1]!;
      if (previous.kind !== TokenKind.NewLine) return { offset: previous.end, position: this.endOf(previous) };
    }
    return { offset: token.start, position: this.startOf(token) };
  }

  /** Completes a node that began at token index `mark` and ends with the last consumed token. */
  protected finish<F extends { kind: string }>(fields: F, mark: number): F & NodeBase {
    const node = fields as F & NodeBase;
    const first = this.tokens[mark]!;
    if (this.index > mark) {
      const last = this.tokens[this.index - 1]!;
      node.start = first.start;
      node.end = last.end;
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
    const last = this.tokens[Math.max(this.index - 1, 0)]!;
    const endsAfter = last.end >= from.end;
    node.start = from.start;
    node.end = endsAfter ? last.end : from.end;
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
    const token = this.token;
    if (token.kind === TokenKind.NewLine || token.kind === TokenKind.EndOfFile) {
      const anchor = this.hereAnchor().position;
      this.reportRange({ start: anchor, end: anchor }, message);
    } else {
      this.reportRange({ start: this.startOf(token), end: this.endOf(token) }, message);
    }
  }

  protected expect(kind: TokenKind, what?: string): Token | undefined {
    if (this.tokenKind() === kind) return this.advance();
    this.report(`Expected ${what ?? describeToken(kind)}.`);
    return undefined;
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
