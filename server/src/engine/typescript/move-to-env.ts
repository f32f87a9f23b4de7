import type * as ts from 'typescript';
import type { LineIndex } from '../text.js';
import type { Fix, TextEdit } from '../types.js';
import { indentUnit, insertTopLevelEdit } from './edits.js';
import { envReadName } from './resolve.js';

/** Name of the helper the fix adds; reused when the file already has it. */
export const MISSING_ENV_HELPER = 'missingEnv';

/**
 * *Move to environment variable*: the literal becomes `process.env.NAME ?? missingEnv("NAME")`,
 * which is a `string` under `strict` and fails with a clear message when the variable is unset
 * (an empty key would only fail later, inside the SDK). The value goes to `.env` via `envVar`.
 */
export function moveToEnvFix(
  tsc: typeof ts,
  sourceFile: ts.SourceFile,
  lines: LineIndex,
  literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral,
  envName: string,
  value: string,
  isJavaScript: boolean,
): Fix {
  // `process.env.NAME || "key"`: the fallback goes, and the read of NAME is kept, now checked.
  const parent = literal.parent;
  const fallback =
    tsc.isBinaryExpression(parent) &&
    parent.right === literal &&
    (parent.operatorToken.kind === tsc.SyntaxKind.BarBarToken || parent.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken)
      ? parent
      : undefined;
  const existing = fallback && envReadName(tsc, fallback.left);
  if (existing) envName = existing;
  const replaced: ts.Node = existing ? fallback : literal;
  const edits: TextEdit[] = [
    { range: lines.range(replaced.getStart(sourceFile), replaced.end), newText: wrapForContext(tsc, replaced, envRead(envName)) },
    ...missingEnvHelperEdits(tsc, sourceFile, lines, isJavaScript),
  ];
  return {
    title: `Move to environment variable ${envName}`,
    preferred: true,
    edits,
    envVar: { name: envName, value },
  };
}

/** `process.env.NAME ?? missingEnv("NAME")`: a `string` under `strict`, failing clearly when unset. */
export function envRead(envName: string): string {
  return `process.env.${envName} ?? ${MISSING_ENV_HELPER}("${envName}")`;
}

/** The edit adding the `missingEnv` helper after the imports, unless the file already has it. */
export function missingEnvHelperEdits(tsc: typeof ts, sourceFile: ts.SourceFile, lines: LineIndex, isJavaScript: boolean): TextEdit[] {
  if (hasTopLevelFunction(tsc, sourceFile, MISSING_ENV_HELPER)) return [];
  return [insertTopLevelEdit(tsc, sourceFile, lines, missingEnvHelper(isJavaScript, indentUnit(sourceFile.text)))];
}

function missingEnvHelper(isJavaScript: boolean, indent: string): string {
  const signature = isJavaScript ? `function ${MISSING_ENV_HELPER}(name)` : `function ${MISSING_ENV_HELPER}(name: string): never`;
  // The JSDoc types keep a JavaScript file clean under `checkJs` + `strict`, as the TypeScript signature does.
  const jsDoc = isJavaScript ? ['/**', ' * @param {string} name', ' * @returns {never}', ' */'] : [];
  return [...jsDoc, `${signature} {`, `${indent}throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);`, `}`].join('\n');
}

/** Keeps the rewrite an expression where the literal stood: JSX needs braces, operators need parentheses. */
export function wrapForContext(tsc: typeof ts, literal: ts.Node, expression: string): string {
  if (tsc.isParenthesizedExpression(literal.parent) && tsc.isBinaryExpression(literal)) return expression;
  const parent = literal.parent;
  if (tsc.isJsxAttribute(parent)) return `{${expression}}`;
  const bare =
    tsc.isPropertyAssignment(parent) ||
    tsc.isVariableDeclaration(parent) ||
    tsc.isCallExpression(parent) ||
    tsc.isNewExpression(parent) ||
    tsc.isArrayLiteralExpression(parent) ||
    tsc.isReturnStatement(parent) ||
    tsc.isParenthesizedExpression(parent) ||
    tsc.isExpressionStatement(parent) ||
    (tsc.isBinaryExpression(parent) && parent.operatorToken.kind === tsc.SyntaxKind.EqualsToken && parent.right === literal);
  return bare ? expression : `(${expression})`;
}

function hasTopLevelFunction(tsc: typeof ts, sourceFile: ts.SourceFile, name: string): boolean {
  return sourceFile.statements.some((s) => tsc.isFunctionDeclaration(s) && s.name?.text === name);
}
