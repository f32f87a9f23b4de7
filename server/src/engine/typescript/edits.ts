import type * as ts from 'typescript';
import type { LineIndex } from '../text.js';
import type { TextEdit } from '../types.js';

/** Position after the file's leading imports, `require`s and directive prologue, at a line start. */
export function afterImportsOffset(tsc: typeof ts, sourceFile: ts.SourceFile): number {
  let end = 0;
  for (const statement of sourceFile.statements) {
    if (tsc.isImportDeclaration(statement) || tsc.isImportEqualsDeclaration(statement) || isRequireStatement(tsc, statement) || isDirective(tsc, statement)) {
      end = statement.end;
    } else {
      break;
    }
  }
  return end;
}

function isDirective(tsc: typeof ts, statement: ts.Statement): boolean {
  return tsc.isExpressionStatement(statement) && tsc.isStringLiteral(statement.expression);
}

function isRequireStatement(tsc: typeof ts, statement: ts.Statement): boolean {
  if (!tsc.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.every((d) => {
    let init = d.initializer;
    while (init && (tsc.isPropertyAccessExpression(init) || tsc.isCallExpression(init)) && !isRequireCall(tsc, init)) init = init.expression;
    return init !== undefined && isRequireCall(tsc, init);
  });
}

function isRequireCall(tsc: typeof ts, node: ts.Node): boolean {
  return tsc.isCallExpression(node) && tsc.isIdentifier(node.expression) && node.expression.text === 'require';
}

/** One indentation unit as the file uses it (a tab, or the smallest run of leading spaces). */
export function indentUnit(text: string): string {
  let smallest = 0;
  for (const m of text.matchAll(/^( +|\t)\S/gm)) {
    if (m[1] === '\t') return '\t';
    if (smallest === 0 || m[1]!.length < smallest) smallest = m[1]!.length;
    if (smallest === 2) break;
  }
  return ' '.repeat(smallest || 2);
}

/**
 * An edit that inserts `block` (lines without a trailing newline) as top-level statements after the
 * imports, separated by blank lines, in the file's newline style.
 */
export function insertTopLevelEdit(tsc: typeof ts, sourceFile: ts.SourceFile, lines: LineIndex, block: string): TextEdit {
  const nl = lines.newline;
  const offset = afterImportsOffset(tsc, sourceFile);
  const body = block.replace(/\n/g, nl);
  const position = lines.positionAt(offset);
  if (offset === 0) return { range: { start: position, end: position }, newText: `${body}${nl}${nl}` };
  return { range: { start: position, end: position }, newText: `${nl}${nl}${body}` };
}
