/**
 * The recovery heuristic for unclosed brackets and unterminated multi-line tokens: a line that
 * starts at column 0 with a declaration keyword is taken as the start of the next statement.
 * Bicep itself only resynchronises on terminator tokens; this bound keeps a half-typed `{` from
 * hiding every later resource (formatted Bicep never puts nested content at column 0).
 */
import { TokenKind as TokenKindEnum, type Token } from './tokens.js';

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
export function isRecoveryPoint(tokens: readonly Token[], index: number, text: string): boolean {
  const token = tokens[index]!;
  const before = token.start === 0 ? LF : text.charCodeAt(token.start - 1);
  if (before !== LF && before !== CR) return false;
  const next = tokens[index + 1];
  if (next === undefined) return false;
  if (token.kind === TokenKind.At) return next.kind === TokenKind.Identifier;
  if (token.kind !== TokenKind.Identifier || !DECLARATION_KEYWORDS.has(token.value)) return false;
  if (token.value === 'targetScope') return next.kind === TokenKind.Assignment;
  if (token.value === 'using') return next.kind === TokenKind.StringComplete || next.kind === TokenKind.Identifier;
  if (token.value === 'extends') return next.kind === TokenKind.StringComplete;
  if (token.value === 'import') return next.kind === TokenKind.LeftBrace || next.kind === TokenKind.Asterisk || next.kind === TokenKind.StringComplete;
  return next.kind === TokenKind.Identifier || (token.value === 'extension' && next.kind === TokenKind.StringComplete);
}
