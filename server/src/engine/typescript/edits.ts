import type * as ts from 'typescript';
import type { LineIndex } from '../text.js';
import type { TextEdit } from '../types.js';

/** Position after the file's leading imports, `require`s and directive prologue, at a line start. */
export function afterImportsOffset(tsc: typeof ts, sourceFile: ts.SourceFile): number {
  let end = shebangEnd(sourceFile.text);
  for (const statement of sourceFile.statements) {
    if (tsc.isImportDeclaration(statement) || tsc.isImportEqualsDeclaration(statement) || isRequireStatement(tsc, statement) || isDirective(tsc, statement)) {
      end = statement.end;
    } else {
      break;
    }
  }
  return end;
}

/** After a `#!` line (which must stay first), else 0. */
function shebangEnd(text: string): number {
  if (!text.startsWith('#!')) return 0;
  const nl = text.indexOf('\n');
  return nl < 0 ? text.length : nl + 1;
}

/** True when an insertion at `offset` starts a line (file start, or right after a line break). */
export function isLineStart(text: string, offset: number): boolean {
  return offset === 0 || text.charCodeAt(offset - 1) === 10 || text.charCodeAt(offset - 1) === 13;
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
  if (isLineStart(sourceFile.text, offset)) return { range: { start: position, end: position }, newText: `${body}${nl}${nl}` };
  return { range: { start: position, end: position }, newText: `${nl}${nl}${body}` };
}

/**
 * Deletes a statement: its whole lines when it stands alone on them (so no blank line is left behind),
 * else just its text.
 */
export function removeStatementEdit(sourceFile: ts.SourceFile, lines: LineIndex, statement: ts.Node): TextEdit {
  const text = sourceFile.text;
  let start = statement.getStart(sourceFile);
  let end = statement.end;
  const lineStart = lines.lineStart(lines.positionAt(start).line);
  const endLine = lines.positionAt(end).line;
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart, start));
  const aloneAfter = /^[ \t]*$/.test(text.slice(end, lines.lineEnd(endLine)));
  if (aloneBefore && aloneAfter) {
    start = lineStart;
    end = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : lines.lineEnd(endLine);
  }
  return { range: lines.range(start, end), newText: '' };
}

/**
 * Deletes one element of a comma-separated list (an object literal's property): its whole lines when
 * it stands alone on them, else the element with the comma that joins it to a neighbour.
 */
export function removeListElementEdit(sourceFile: ts.SourceFile, lines: LineIndex, elements: ts.NodeArray<ts.Node>, element: ts.Node): TextEdit {
  const text = sourceFile.text;
  const index = elements.indexOf(element);
  const start = element.getStart(sourceFile);
  let end = element.end;
  const comma = /^\s*,/.exec(text.slice(end));
  const afterComma = comma ? end + comma[0].length : end;
  const startLine = lines.positionAt(start).line;
  const lineStart = lines.lineStart(startLine);
  const endLine = lines.positionAt(afterComma).line;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*(\/\/.*)?$/.test(text.slice(afterComma, lines.lineEnd(endLine))) && lines.positionAt(end).line === endLine) {
    const next = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : lines.lineEnd(endLine);
    // Dropping the last element of a multi-line list keeps the previous one's comma: valid in every list.
    return { range: lines.range(lineStart, next), newText: '' };
  }
  const next = elements[index + 1];
  if (next) return { range: lines.range(start, next.getStart(sourceFile)), newText: '' };
  const previous = elements[index - 1];
  if (previous) return { range: lines.range(previous.end, comma ? afterComma - 1 : end), newText: '' };
  end = afterComma;
  return { range: lines.range(start, end), newText: '' };
}
