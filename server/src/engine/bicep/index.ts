/**
 * Public API of the Bicep parser and of the helpers rules use. Positions are LSP-style (0-based
 * line, UTF-16 character) relative to the text given to `parseBicep` (a BOM counts as a character).
 */
export type * from './ast.js';
export { parseBicep, positionAt, offsetAtPosition, rangeOf, lineAt, derived, derivedKey } from './file.js';
export { lex, type LexResult } from './lexer.js';
export { TokenKind, type Token, type Comment, type Pragma, type PragmaKind } from './tokens.js';
export { MAX_NESTING_DEPTH } from './parser-core.js';
export { forEachChild, walk, ancestors } from './walk.js';
export { stringValue, nameText } from './strings.js';
export { resourceDeclarations, findResource, resourceInfoOf, enclosingResource, enclosingResourceDeclaration, isResourceType, type ResourceInfo } from './resources.js';
export {
  splitPath,
  getProperty,
  getOwnProperty,
  getPropertyValue,
  properties,
  params,
  variables,
  outputs,
  findParam,
  findVariable,
  getDecorator,
  hasDecorator,
  descriptionOf,
  KEY_LIST_FUNCTIONS,
  findCalls,
  findKeyListCalls,
  keyCallTarget,
  resourceOfExpression,
  findReferences,
  resolveIdentifier,
  isLocallyBound,
  nodeAt,
} from './query.js';
export { evaluate, evaluateString, evaluateBoolean, type BicepValue, type Evaluation, type ValueSource } from './evaluate.js';
export {
  insertPropertyEdit,
  setPropertyEdit,
  replaceValueEdit,
  insertDecoratorEdit,
  applyEdits,
  indentUnit,
  lineIndentation,
  memberIndentation,
  newlineOf,
  adaptValueText,
} from './edits.js';
