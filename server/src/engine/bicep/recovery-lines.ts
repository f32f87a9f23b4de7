/**
 * The recovery heuristic for unclosed brackets and unterminated multi-line tokens: a line that
 * starts at column 0 with a declaration keyword is taken as the start of the next statement.
 * Bicep itself only resynchronises on terminator tokens; this bound keeps a half-typed `{` from
 * hiding every later resource (formatted Bicep never puts nested content at column 0).
 */
import { TokenKind as TokenKindEnum, type TokenList } from './tokens.js';

// tsx compiles imports to getter calls; a local alias keeps hot loops free of them.
const TokenKind = TokenKindEnum;
const LF = 10;
const CR = 13;
type TokenKind = TokenKindEnum;

/** Keywords that start a top-level statement and are followed by a name or a value. */
const DECLARATION_KEYWORDS = new Set([
  'param',
  'var',
  'resource',
  'module',
  'output',
  'metadata',
  'type',
  'func',
  'import',
  'extension',
  'using',
  'extends',
  'extensionConfig',
  'assert',
  'targetScope',
]);

export function isDeclarationKeyword(word: string): boolean {
  return DECLARATION_KEYWORDS.has(word);
}

/** Text-level check used by the lexer: `keyword` + blank (or `targetScope` + `=`) at `offset`. */
export function startsDeclarationLine(text: string, offset: number): boolean {
  let end = offset;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
    end++;
  }
  if (end === offset || end - offset > 15) return false; // 'extensionConfig'
  const after = text.charCodeAt(end);
  if (after !== 32 && after !== 9 && !(after === 61 && text.startsWith('targetScope', offset))) return false;
  return DECLARATION_KEYWORDS.has(text.slice(offset, end));
}

/**
 * Token-level check used by the parser inside brackets: the token begins a line at column 0 and
 * looks like a declaration (`resource foo`, `param p`, `targetScope =`, `@description(`…).
 */
export function isRecoveryPoint(tokens: TokenList, index: number, text: string): boolean {
  const start = tokens.starts[index]!;
  const before = start === 0 ? LF : text.charCodeAt(start - 1);
  if (before !== LF && before !== CR) return false;
  if (index + 1 >= tokens.count) return false;
  const kinds: ArrayLike<TokenKind> = tokens.kinds;
  const kind = kinds[index]!;
  const next = kinds[index + 1]!;
  if (kind === TokenKind.At) return next === TokenKind.Identifier;
  const value = tokens.values[index]!;
  if (kind !== TokenKind.Identifier || !DECLARATION_KEYWORDS.has(value)) return false;
  if (value === 'targetScope') return next === TokenKind.Assignment;
  if (value === 'using') return next === TokenKind.StringComplete || next === TokenKind.Identifier;
  if (value === 'extends') return next === TokenKind.StringComplete;
  if (value === 'import') return next === TokenKind.LeftBrace || next === TokenKind.Asterisk || next === TokenKind.StringComplete;
  return next === TokenKind.Identifier || (value === 'extension' && next === TokenKind.StringComplete);
}
