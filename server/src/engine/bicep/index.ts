/** Public API of the Bicep parser and the helpers rules use. */
export type * from './ast.js';
export { parseBicep, positionAt, offsetAtPosition } from './file.js';
export { lex } from './lexer.js';
export { TokenKind, type Token, type Comment, type Pragma, type PragmaKind } from './tokens.js';
export { forEachChild, walk, ancestors } from './walk.js';
