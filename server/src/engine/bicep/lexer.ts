/**
 * Hand-written Bicep lexer over char codes (lexical rules of Azure/bicep `Lexer.cs`). It never
 * throws: bad input becomes an `Unrecognized` token or a diagnostic and scanning goes on.
 * Line/character positions are tracked while scanning, so nodes never search for them.
 */
import type { SyntaxError } from '../types.js';
import { startsDeclarationLine } from './recovery-lines.js';
import { TOKEN_MULTILINE, TokenKind as TokenKindEnum, TokenList, type Comment, type Pragma, type PragmaKind, type Token } from './tokens.js';

// tsx compiles imports to getter calls; a local alias keeps hot loops free of them.
const TokenKind = TokenKindEnum;
type TokenKind = TokenKindEnum;

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
  pragmas: Pragma[];
  errors: SyntaxError[];
  /** Offset of the first character of every line (`\r\n`, `\n` and lone `\r` end lines, as in LSP). */
  lineStarts: number[];
}

/** What the parser reads: `LexResult` with the tokens as columns. */
export type ScanResult = Omit<LexResult, 'tokens'> & { tokens: TokenList };

const MAX_IDENTIFIER_LENGTH = 255;
/** Template-stack marker for a `{` opened inside an interpolation hole. */
const BRACE = -1;
/** Template-stack marker for a hole of a single-line string; values ≥ 1 are `$'''` strings with that many dollars. */
const SINGLE_LINE = 0;

const CR = 13;
const LF = 10;

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * The codes after a pragma's name, read as Bicep reads them: words of letters, digits, `_` and `-`;
 * any other character ends the list, so `#disable-next-line a b // why` has the codes a and b and
 * `#disable-next-line // why` has none.
 */
function pragmaCodes(words: readonly string[]): string[] {
  const codes: string[] = [];
  for (const word of words) {
    let length = 0;
    while (length < word.length && isPragmaCodeChar(word.charCodeAt(length))) length++;
    if (length > 0) codes.push(word.slice(0, length));
    if (length < word.length) break;
  }
  return codes;
}

function isPragmaCodeChar(c: number): boolean {
  return isIdentifierPart(c) || c === 45; /* - */
}

class Lexer {
  private pos = 0;
  private line = 0;
  private lineStart = 0;
  private atLineStart = true;
  private readonly templateStack: number[] = [];
  readonly tokens: TokenList;
  readonly comments: Comment[] = [];
  readonly pragmas: Pragma[] = [];
  readonly errors: SyntaxError[] = [];
  readonly lineStarts: number[] = [0];

  // Where the token being scanned began.
  private tokenStart = 0;
  private tokenLine = 0;
  private tokenCharacter = 0;

  constructor(
    private readonly text: string,
    tokens: TokenList,
  ) {
    this.tokens = tokens;
  }

  run(): void {
    const text = this.text;
    const length = text.length;
    for (;;) {
      this.skipTrivia();
      if (this.pos >= length) break;
      this.markTokenStart();
      const c = text.charCodeAt(this.pos);
      if (c === LF || c === CR) {
        this.scanNewLine();
        continue;
      }
      this.atLineStart = false;
      this.scanToken(c);
    }
    this.markTokenStart();
    this.push(TokenKind.EndOfFile, '', 0);
  }

  /** Consumes one line break at `this.pos` (which must be `\r` or `\n`) and records the new line. */
  private advanceLineBreak(): void {
    const text = this.text;
    if (text.charCodeAt(this.pos) === CR && text.charCodeAt(this.pos + 1) === LF) this.pos += 2;
    else this.pos += 1;
    this.line++;
    this.lineStart = this.pos;
    this.lineStarts.push(this.pos);
  }

  private markTokenStart(): void {
    this.tokenStart = this.pos;
    this.tokenLine = this.line;
    this.tokenCharacter = this.pos - this.lineStart;
  }

  private push(kind: TokenKind, value: string, flags: number): void {
    this.tokens.push(kind, this.tokenStart, this.pos, value, flags);
  }

  private error(_start: number, startLine: number, startCharacter: number, message: string): void {
    this.errors.push({
      range: { start: { line: startLine, character: startCharacter }, end: { line: this.line, character: this.pos - this.lineStart } },
      message,
    });
  }

  private errorAtToken(message: string): void {
    this.error(this.tokenStart, this.tokenLine, this.tokenCharacter, message);
  }

  private skipTrivia(): void {
    const text = this.text;
    const length = text.length;
    while (this.pos < length) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 0xfeff) {
        this.pos++;
      } else if (c === 47 /* / */ && text.charCodeAt(this.pos + 1) === 47) {
        this.scanLineComment();
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42 /* * */) {
        this.scanBlockComment();
      } else if (c === 35 /* # */ && this.atLineStart) {
        this.scanPragma();
      } else {
        break;
      }
    }
  }

  private scanLineComment(): void {
    this.markTokenStart();
    const text = this.text;
    let end = this.pos + 2;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === LF || c === CR) break;
      end++;
    }
    this.pos = end;
    this.comments.push({ range: this.currentRange(), text: text.slice(this.tokenStart, end), block: false });
  }

  private scanBlockComment(): void {
    this.markTokenStart();
    const text = this.text;
    this.pos += 2;
    let closed = false;
    // An unterminated `/*` would swallow the rest of the file; stop it before the next line that
    // plainly starts a declaration so later resources stay analysable.
    const limit = text.indexOf('*/', this.pos) >= 0 ? text.length : this.findRecoveryLine(this.pos);
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 42 && text.charCodeAt(this.pos + 1) === 47) {
        this.pos += 2;
        closed = true;
        break;
      }
      if (c === LF || c === CR) {
        if (this.lineBreakEndsBefore(limit)) break;
        this.advanceLineBreak();
      } else {
        this.pos++;
      }
    }
    this.comments.push({ range: this.currentRange(), text: text.slice(this.tokenStart, this.pos), block: true });
    if (!closed) this.errorAtToken('Unterminated multi-line comment: add "*/".');
  }

  private scanPragma(): void {
    this.markTokenStart();
    const text = this.text;
    let end = this.pos;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === LF || c === CR) break;
      end++;
    }
    this.pos = end;
    const body = text.slice(this.tokenStart + 1, end);
    const words = body.split(/[ \t]+/).filter((w) => w.length > 0);
    const name = words[0] ?? '';
    let kind: PragmaKind | undefined;
    if (name === 'disable-next-line' || name === 'disable-diagnostics' || name === 'restore-diagnostics') kind = name;
    if (kind === undefined) {
      this.errorAtToken(`Unknown directive "#${name}".`);
      return;
    }
    this.pragmas.push({ kind, range: this.currentRange(), line: this.tokenLine, codes: pragmaCodes(words.slice(1)) });
  }

  private currentRange(): { start: { line: number; character: number }; end: { line: number; character: number } } {
    return {
      start: { line: this.tokenLine, character: this.tokenCharacter },
      end: { line: this.line, character: this.pos - this.lineStart },
    };
  }

  private scanNewLine(): void {
    const text = this.text;
    const singleLineHole = this.templateStack.includes(SINGLE_LINE);
    if (singleLineHole) {
      // A line break inside `${…}` of a one-line string ends the string (Bicep does the same):
      // close it with an empty right piece so the parser sees a complete string.
      this.templateStack.length = 0;
      this.errorAtToken('Unterminated string interpolation: expected "}" before the end of the line.');
      this.push(TokenKind.StringRightPiece, '', 0);
      this.markTokenStart();
    }
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== LF && c !== CR) break;
      this.advanceLineBreak();
    }
    this.push(TokenKind.NewLine, '', 0);
    this.atLineStart = true;
  }

  private scanToken(c: number): void {
    const text = this.text;
    const next = text.charCodeAt(this.pos + 1);
    if (isIdentifierStart(c)) return this.scanIdentifier();
    if (isDigit(c)) return this.scanInteger();
    switch (c) {
      case 39 /* ' */:
        if (next === 39 && text.charCodeAt(this.pos + 2) === 39) {
          this.pos += 3;
          return this.scanMultilineBody(0, true);
        }
        this.pos++;
        return this.scanStringBody(false);
      case 36 /* $ */: {
        let dollars = 0;
        while (text.charCodeAt(this.pos + dollars) === 36) dollars++;
        const q = this.pos + dollars;
        if (text.charCodeAt(q) === 39 && text.charCodeAt(q + 1) === 39 && text.charCodeAt(q + 2) === 39) {
          this.pos = q + 3;
          return this.scanMultilineBody(dollars, true);
        }
        this.pos += dollars;
        this.push(TokenKind.Unrecognized, '$', 0);
        this.errorAtToken('Unrecognized character "$".');
        return;
      }
      case 34 /* " */:
        return this.scanDoubleQuoted();
      case 123 /* { */:
        this.pos++;
        if (this.templateStack.length > 0) this.templateStack.push(BRACE);
        this.push(TokenKind.LeftBrace, '', 0);
        return;
      case 125 /* } */: {
        this.pos++;
        const top = this.templateStack.length > 0 ? this.templateStack[this.templateStack.length - 1]! : BRACE;
        if (this.templateStack.length > 0) this.templateStack.pop();
        if (top === SINGLE_LINE) return this.scanStringBody(true);
        if (top > 0) return this.scanMultilineBody(top, false);
        this.push(TokenKind.RightBrace, '', 0);
        return;
      }
      case 46 /* . */:
        if (next === 46 && text.charCodeAt(this.pos + 2) === 46) return this.punct(3, TokenKind.Ellipsis);
        return this.punct(1, TokenKind.Dot);
      case 58 /* : */:
        return next === 58 ? this.punct(2, TokenKind.DoubleColon) : this.punct(1, TokenKind.Colon);
      case 63 /* ? */:
        return next === 63 ? this.punct(2, TokenKind.DoubleQuestion) : this.punct(1, TokenKind.Question);
      case 61 /* = */:
        if (next === 61) return this.punct(2, TokenKind.Equals);
        if (next === 126) return this.punct(2, TokenKind.EqualsInsensitive);
        if (next === 62) return this.punct(2, TokenKind.Arrow);
        return this.punct(1, TokenKind.Assignment);
      case 33 /* ! */:
        // `x!=y` is always inequality, never non-null assertion followed by `=`.
        if (next === 61) return this.punct(2, TokenKind.NotEquals);
        if (next === 126) return this.punct(2, TokenKind.NotEqualsInsensitive);
        return this.punct(1, TokenKind.Exclamation);
      case 60 /* < */:
        return next === 61 ? this.punct(2, TokenKind.LessThanOrEqual) : this.punct(1, TokenKind.LessThan);
      case 62 /* > */:
        return next === 61 ? this.punct(2, TokenKind.GreaterThanOrEqual) : this.punct(1, TokenKind.GreaterThan);
      case 38 /* & */:
        if (next === 38) return this.punct(2, TokenKind.LogicalAnd);
        break;
      case 124 /* | */:
        return next === 124 ? this.punct(2, TokenKind.LogicalOr) : this.punct(1, TokenKind.Pipe);
      case 64:
        return this.punct(1, TokenKind.At);
      case 40:
        return this.punct(1, TokenKind.LeftParen);
      case 41:
        return this.punct(1, TokenKind.RightParen);
      case 91:
        return this.punct(1, TokenKind.LeftSquare);
      case 93:
        return this.punct(1, TokenKind.RightSquare);
      case 44:
        return this.punct(1, TokenKind.Comma);
      case 59:
        return this.punct(1, TokenKind.Semicolon);
      case 43:
        return this.punct(1, TokenKind.Plus);
      case 45:
        return this.punct(1, TokenKind.Minus);
      case 42:
        return this.punct(1, TokenKind.Asterisk);
      case 47:
        return this.punct(1, TokenKind.Slash);
      case 37:
        return this.punct(1, TokenKind.Modulo);
      case 94:
        return this.punct(1, TokenKind.Hat);
    }
    // Keep surrogate pairs together so the error range covers the whole character.
    const low = text.charCodeAt(this.pos + 1);
    // Only a real pair: a lone high surrogate before a line break must not swallow the break.
    this.pos += c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    this.push(TokenKind.Unrecognized, text.slice(this.tokenStart, this.pos), 0);
    this.errorAtToken(`Unrecognized character "${text.slice(this.tokenStart, this.pos)}".`);
  }

  private punct(length: number, kind: TokenKind): void {
    this.pos += length;
    this.push(kind, '', 0);
  }

  private scanIdentifier(): void {
    const text = this.text;
    let end = this.pos + 1;
    while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
    this.pos = end;
    const name = text.slice(this.tokenStart, end);
    let kind = TokenKind.Identifier;
    if (name === 'true') kind = TokenKind.TrueKeyword;
    else if (name === 'false') kind = TokenKind.FalseKeyword;
    else if (name === 'null') kind = TokenKind.NullKeyword;
    this.push(kind, name, 0);
    if (name.length > MAX_IDENTIFIER_LENGTH) this.errorAtToken(`Identifier is longer than ${MAX_IDENTIFIER_LENGTH} characters.`);
  }

  private scanInteger(): void {
    const text = this.text;
    let end = this.pos + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    this.pos = end;
    const digits = text.slice(this.tokenStart, end);
    this.push(TokenKind.Integer, digits, 0);
    // Bicep integers are 64-bit; beyond that the template is invalid.
    if (digits.length > 19 && BigInt(digits) > 18446744073709551615n) this.errorAtToken('Integer is too large.');
  }

  /**
   * Scans a single-line string body after `'` (or after the `}` closing a hole when
   * `continuation`), producing a complete string or a left/middle/right piece.
   */
  private scanStringBody(continuation: boolean): void {
    const text = this.text;
    let value = '';
    let segmentStart = this.pos;
    for (;;) {
      if (this.pos >= text.length) break;
      const c = text.charCodeAt(this.pos);
      if (c === 39) {
        value += text.slice(segmentStart, this.pos);
        this.pos++;
        this.push(continuation ? TokenKind.StringRightPiece : TokenKind.StringComplete, value, 0);
        return;
      }
      if (c === LF || c === CR) break;
      if (c === 36 && text.charCodeAt(this.pos + 1) === 123) {
        value += text.slice(segmentStart, this.pos);
        this.pos += 2;
        this.templateStack.push(SINGLE_LINE);
        this.push(continuation ? TokenKind.StringMiddlePiece : TokenKind.StringLeftPiece, value, 0);
        return;
      }
      if (c === 92 /* \ */) {
        value += text.slice(segmentStart, this.pos);
        value += this.scanEscape();
        segmentStart = this.pos;
        continue;
      }
      this.pos++;
    }
    value += text.slice(segmentStart, this.pos);
    this.push(continuation ? TokenKind.StringRightPiece : TokenKind.StringComplete, value, 0);
    this.errorAtToken('Unterminated string: add the closing "\'".');
  }

  /** Decodes one escape at `this.pos` (a backslash) and returns its text. */
  private scanEscape(): string {
    const text = this.text;
    const escapeStart = this.pos;
    const escapeCharacter = escapeStart - this.lineStart;
    const c = text.charCodeAt(this.pos + 1);
    switch (c) {
      case 110:
        this.pos += 2;
        return '\n';
      case 114:
        this.pos += 2;
        return '\r';
      case 116:
        this.pos += 2;
        return '\t';
      case 92:
        this.pos += 2;
        return '\\';
      case 39:
        this.pos += 2;
        return "'";
      case 36:
        this.pos += 2;
        return '$';
      case 117 /* u */:
        if (text.charCodeAt(this.pos + 2) === 123) {
          let end = this.pos + 3;
          while (isHexDigit(text.charCodeAt(end))) end++;
          if (end > this.pos + 3 && text.charCodeAt(end) === 125) {
            const codePoint = parseInt(text.slice(this.pos + 3, end), 16);
            this.pos = end + 1;
            if (codePoint <= 0x10ffff) return String.fromCodePoint(codePoint);
            this.error(escapeStart, this.line, escapeCharacter, 'Unicode escape is out of range (max \\u{10FFFF}).');
            return '';
          }
        }
        break;
    }
    if (c === LF || c === CR || Number.isNaN(c)) {
      this.pos += 1;
      this.error(escapeStart, this.line, escapeCharacter, 'Unrecognized escape sequence.');
      return '\\';
    }
    this.pos += 2;
    this.error(escapeStart, this.line, escapeCharacter, 'Unrecognized escape sequence.');
    return text.slice(this.pos - 1, this.pos);
  }

  /**
   * Scans the body of `'''…'''` (dollars = 0: no holes) or `$'''…${x}…'''` (dollars = N: a hole
   * opens at ≥N `$` followed by `{`). No escapes. `first` is true right after the opening quotes.
   */
  private scanMultilineBody(dollars: number, first: boolean): void {
    const text = this.text;
    let contentStart = this.pos;
    // Unterminated `'''` must not eat every later declaration: without a closing `'''` ahead, stop
    // before the next line that plainly starts one (the file is broken anyway; this keeps the rest
    // analysable). A terminated string is never cut, whatever its lines look like.
    const limit = text.indexOf("'''", this.pos) >= 0 ? text.length : this.findRecoveryLine(this.pos);
    if (first && !this.lineBreakEndsBefore(limit)) {
      // One line break right after the opening quotes is not part of the value.
      if (text.charCodeAt(this.pos) === CR && text.charCodeAt(this.pos + 1) === LF) this.advanceLineBreak();
      else if (text.charCodeAt(this.pos) === LF) this.advanceLineBreak();
      contentStart = this.pos;
    }
    const pieceKind = (closing: boolean): TokenKind =>
      first ? (closing ? TokenKind.StringComplete : TokenKind.StringLeftPiece) : closing ? TokenKind.StringRightPiece : TokenKind.StringMiddlePiece;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 39 && text.charCodeAt(this.pos + 1) === 39 && text.charCodeAt(this.pos + 2) === 39) {
        let end = this.pos + 3;
        while (text.charCodeAt(end) === 39) end++;
        const value = text.slice(contentStart, end - 3);
        this.pos = end;
        this.push(pieceKind(true), value, TOKEN_MULTILINE);
        return;
      }
      if (c === 36 && dollars > 0) {
        let run = 0;
        while (text.charCodeAt(this.pos + run) === 36) run++;
        if (run >= dollars && text.charCodeAt(this.pos + run) === 123) {
          const value = text.slice(contentStart, this.pos + run - dollars);
          this.pos += run + 1;
          this.templateStack.push(dollars);
          this.push(pieceKind(false), value, TOKEN_MULTILINE);
          return;
        }
        this.pos += run;
        continue;
      }
      if (c === LF || c === CR) {
        if (this.lineBreakEndsBefore(limit)) break;
        this.advanceLineBreak();
        continue;
      }
      this.pos++;
    }
    this.push(pieceKind(true), text.slice(contentStart, this.pos), TOKEN_MULTILINE);
    this.errorAtToken("Unterminated multi-line string: add the closing \"'''\".");
  }

  /** True when the line break run at `this.pos` leads to `limit` (the start of a recovery line). */
  private lineBreakEndsBefore(limit: number): boolean {
    if (limit >= this.text.length) return false;
    let p = this.pos;
    const text = this.text;
    if (p === limit || (text.charCodeAt(p) !== LF && text.charCodeAt(p) !== CR)) return false;
    while (p < limit && (text.charCodeAt(p) === LF || text.charCodeAt(p) === CR)) p++;
    return p === limit;
  }

  /** Offset of the next line after `from` that starts with a declaration keyword at column 0, or text length. */
  private findRecoveryLine(from: number): number {
    const text = this.text;
    for (let p = from; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c !== LF && c !== CR) continue;
      if (c === CR && text.charCodeAt(p + 1) === LF) p++;
      if (startsDeclarationLine(text, p + 1)) return p + 1;
    }
    return text.length;
  }

  /** `"…"` is not Bicep, but reading it as a string keeps the rest of the line intact. */
  private scanDoubleQuoted(): void {
    const text = this.text;
    let end = this.pos + 1;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 34 || c === LF || c === CR) break;
      end++;
    }
    const value = text.slice(this.pos + 1, end);
    this.pos = end < text.length && text.charCodeAt(end) === 34 ? end + 1 : end;
    this.push(TokenKind.StringComplete, value, 0);
    this.errorAtToken("Strings in Bicep use single quotes (').");
  }
}

/** Splits Bicep text into tokens, trivia (comments, pragmas) and lexical diagnostics. Never throws. */
export function lex(text: string): LexResult {
  const { tokens, ...rest } = scan(text);
  const list: Token[] = [];
  for (let i = 0; i < tokens.count; i++) list.push(tokens.token(i));
  return { tokens: list, ...rest };
}

/**
 * The columns every `scan` of a thread fills: they grow to the most tokens a text has had, and
 * a parse allocates nothing for its tokens (real templates average about six characters a token).
 */
const columns = new TokenList(16 * 1024);

/** `lex` for the parser: the tokens as columns, valid until the next `scan` (`parseBicep` reads them at once). */
export function scan(text: string): ScanResult {
  columns.clear();
  const lexer = new Lexer(text, columns);
  lexer.run();
  return { tokens: lexer.tokens, comments: lexer.comments, pragmas: lexer.pragmas, errors: lexer.errors, lineStarts: lexer.lineStarts };
}
