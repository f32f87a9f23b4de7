/**
 * Bicep tokens (mirrors the token set of Azure/bicep `TokenType.cs`). Comments and pragmas are
 * trivia and never become tokens; a run of line breaks is one `NewLine` token because Bicep's
 * grammar is newline-sensitive.
 */

import type { Range } from '../types.js';

export enum TokenKind {
  EndOfFile,
  NewLine,
  Identifier,
  Integer,
  TrueKeyword,
  FalseKeyword,
  NullKeyword,
  /** `'abc'` or `'''abc'''`: a string without holes. */
  StringComplete,
  /** `'abc${` — opens an interpolated string. */
  StringLeftPiece,
  /** `}abc${` — between two holes. */
  StringMiddlePiece,
  /** `}abc'` — closes an interpolated string. */
  StringRightPiece,
  At,
  LeftBrace,
  RightBrace,
  LeftParen,
  RightParen,
  LeftSquare,
  RightSquare,
  Comma,
  Dot,
  Ellipsis,
  Question,
  DoubleQuestion,
  Colon,
  DoubleColon,
  Semicolon,
  Assignment,
  Equals,
  NotEquals,
  EqualsInsensitive,
  NotEqualsInsensitive,
  Arrow,
  Exclamation,
  Plus,
  Minus,
  Asterisk,
  Slash,
  Modulo,
  LessThan,
  LessThanOrEqual,
  GreaterThan,
  GreaterThanOrEqual,
  LogicalAnd,
  LogicalOr,
  Pipe,
  Hat,
  Unrecognized,
}

/** Set on string tokens written with `'''`, so the tree can tell multi-line strings apart. */
export const TOKEN_MULTILINE = 1;

/** One token as an object (`lex`; the parser reads a `TokenList`). Line/character positions come from the line starts when asked. */
export interface Token {
  kind: TokenKind;
  /** UTF-16 offsets into the parsed text; `end` is exclusive. */
  start: number;
  end: number;
  /** Identifier or integer text; decoded text of a string piece; '' otherwise. */
  value: string;
  flags: number;
}

/**
 * The tokens of one text, a column per field (a token is its index). A large file has hundreds of
 * thousands of tokens: one object per token was most of what parsing allocated, and every one lived
 * until the parse ended. The parser reads the columns; `token(i)` makes the object form (`lex`).
 */
export class TokenList {
  kinds: Uint8Array;
  /** UTF-16 offsets into the text; `ends` are exclusive. */
  starts: Uint32Array;
  ends: Uint32Array;
  flags: Uint8Array;
  /** Identifier or integer text; decoded text of a string piece; '' otherwise. */
  readonly values: string[] = [];
  count = 0;

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  push(kind: TokenKind, start: number, end: number, value: string, flags: number): void {
    const i = this.count;
    if (i === this.kinds.length) this.grow();
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = flags;
    this.values.push(value);
    this.count = i + 1;
  }

  /** Empties the list for another text, keeping its columns (and their capacity). */
  clear(): void {
    this.count = 0;
    this.values.length = 0;
  }

  /** Token `i` as an object. */
  token(i: number): Token {
    return { kind: this.kinds[i]!, start: this.starts[i]!, end: this.ends[i]!, value: this.values[i]!, flags: this.flags[i]! };
  }

  private grow(): void {
    const capacity = this.kinds.length * 2 + 16;
    const kinds = new Uint8Array(capacity);
    const starts = new Uint32Array(capacity);
    const ends = new Uint32Array(capacity);
    const flags = new Uint8Array(capacity);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    flags.set(this.flags);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

export interface Comment {
  range: Range;
  /** Full comment text including `//` or `/*`. */
  text: string;
  block: boolean;
}

export type PragmaKind = 'disable-next-line' | 'disable-diagnostics' | 'restore-diagnostics';

/**
 * `#disable-next-line code1 code2`, `#disable-diagnostics …`, `#restore-diagnostics …`: Bicep's
 * suppression pragmas, kept with their codes (a trailing `// comment` is not one). What they silence
 * is decided in engine/suppressions.ts.
 */
export interface Pragma {
  kind: PragmaKind;
  range: Range;
  line: number;
  codes: string[];
}

const punctuationText: Partial<Record<TokenKind, string>> = {
  [TokenKind.At]: '@',
  [TokenKind.LeftBrace]: '{',
  [TokenKind.RightBrace]: '}',
  [TokenKind.LeftParen]: '(',
  [TokenKind.RightParen]: ')',
  [TokenKind.LeftSquare]: '[',
  [TokenKind.RightSquare]: ']',
  [TokenKind.Comma]: ',',
  [TokenKind.Dot]: '.',
  [TokenKind.Colon]: ':',
  [TokenKind.DoubleColon]: '::',
  [TokenKind.Assignment]: '=',
  [TokenKind.Arrow]: '=>',
  [TokenKind.Question]: '?',
};

/** Human name of a token kind for "expected …" messages. */
export function describeToken(kind: TokenKind): string {
  const text = punctuationText[kind];
  if (text !== undefined) return `'${text}'`;
  switch (kind) {
    case TokenKind.EndOfFile:
      return 'end of file';
    case TokenKind.NewLine:
      return 'new line';
    case TokenKind.Identifier:
      return 'identifier';
    case TokenKind.StringComplete:
      return 'string';
    default:
      return TokenKind[kind];
  }
}
