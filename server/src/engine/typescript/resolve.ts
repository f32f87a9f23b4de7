import type * as ts from 'typescript';
import { walkTree } from './walk.js';

/** A string literal reached from an expression, and the binding or property it came through. */
export interface ResolvedLiteral {
  literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
  value: string;
  /** The nearest `const`/`let` or property name the literal was bound to, for naming. */
  bindingName?: string;
}

const MAX_HOPS = 8;

/**
 * Follows an expression to the string literal it holds: through parentheses and type assertions,
 * `const`/`let` bindings in enclosing scopes, and properties of object literals bound to a name
 * (`settings.openAiKey`). Anything else (env reads, calls, parameters) is a runtime value: undefined.
 */
export function resolveStringLiteral(tsc: typeof ts, expr: ts.Expression, hops = 0, bindingName?: string): ResolvedLiteral | undefined {
  if (hops > MAX_HOPS) return undefined;
  const node = unwrap(tsc, expr);
  if (tsc.isStringLiteral(node) || tsc.isNoSubstitutionTemplateLiteral(node)) {
    return { literal: node, value: node.text, bindingName };
  }
  if (tsc.isIdentifier(node)) {
    const decl = findVariableDeclaration(tsc, node);
    if (!decl?.initializer) return undefined;
    return resolveStringLiteral(tsc, decl.initializer, hops + 1, node.text);
  }
  if (tsc.isPropertyAccessExpression(node) && tsc.isIdentifier(node.name)) {
    const object = resolveObjectLiteral(tsc, node.expression, hops + 1);
    const initializer = object && propertyInitializer(tsc, object, node.name.text);
    return initializer && resolveStringLiteral(tsc, initializer, hops + 1, node.name.text);
  }
  // `process.env.KEY || "…"` / `?? "…"`: the fallback is what runs wherever the variable is unset.
  if (tsc.isBinaryExpression(node) && (node.operatorToken.kind === tsc.SyntaxKind.BarBarToken || node.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken)) {
    return resolveStringLiteral(tsc, node.right, hops + 1, bindingName);
  }
  return undefined;
}

/** `NAME` of a `process.env.NAME` / `process.env["NAME"]` read. */
export function envReadName(tsc: typeof ts, expr: ts.Expression): string | undefined {
  const node = unwrap(tsc, expr);
  let name: string | undefined;
  if (tsc.isPropertyAccessExpression(node)) name = node.name.text;
  else if (tsc.isElementAccessExpression(node) && tsc.isStringLiteral(node.argumentExpression)) name = node.argumentExpression.text;
  else return undefined;
  const env = unwrap(tsc, node.expression);
  return tsc.isPropertyAccessExpression(env) && env.name.text === 'env' && tsc.isIdentifier(env.expression) && env.expression.text === 'process' ? name : undefined;
}

function resolveObjectLiteral(tsc: typeof ts, expr: ts.Expression, hops: number): ts.ObjectLiteralExpression | undefined {
  if (hops > MAX_HOPS) return undefined;
  const node = unwrap(tsc, expr);
  if (tsc.isObjectLiteralExpression(node)) return node;
  if (tsc.isIdentifier(node)) {
    const decl = findVariableDeclaration(tsc, node);
    return decl?.initializer ? resolveObjectLiteral(tsc, decl.initializer, hops + 1) : undefined;
  }
  if (tsc.isPropertyAccessExpression(node) && tsc.isIdentifier(node.name)) {
    const object = resolveObjectLiteral(tsc, node.expression, hops + 1);
    const initializer = object && propertyInitializer(tsc, object, node.name.text);
    return initializer && resolveObjectLiteral(tsc, initializer, hops + 1);
  }
  return undefined;
}

/** The value expression of property `name` in an object literal (`name: v` or shorthand `name`). */
export function propertyInitializer(tsc: typeof ts, object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (tsc.isPropertyAssignment(property) && propertyNameText(tsc, property.name) === name) return property.initializer;
    if (tsc.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}

export function propertyNameText(tsc: typeof ts, name: ts.PropertyName): string | undefined {
  if (tsc.isIdentifier(name) || tsc.isStringLiteral(name) || tsc.isNoSubstitutionTemplateLiteral(name) || tsc.isPrivateIdentifier(name)) return name.text;
  if (tsc.isComputedPropertyName(name)) {
    const inner = unwrap(tsc, name.expression);
    if (tsc.isStringLiteral(inner) || tsc.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  }
  return undefined;
}

export function unwrap(tsc: typeof ts, expr: ts.Expression): ts.Expression {
  let node = expr;
  for (;;) {
    if (tsc.isParenthesizedExpression(node) || tsc.isAsExpression(node) || tsc.isNonNullExpression(node) || tsc.isSatisfiesExpression(node) || tsc.isTypeAssertionExpression(node)) {
      node = node.expression;
    } else {
      return node;
    }
  }
}

/**
 * The `const`/`let`/`var` declaration an identifier refers to, looking outwards through the
 * enclosing blocks. A parameter of an enclosing function with that name shadows outer bindings,
 * and a parameter is a runtime value, so the search stops there.
 */
export function findVariableDeclaration(tsc: typeof ts, identifier: ts.Identifier): ts.VariableDeclaration | undefined {
  const name = identifier.text;
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (tsc.isFunctionLike(scope) && scope.parameters.some((p) => tsc.isIdentifier(p.name) && p.name.text === name)) return undefined;
    const statements = statementsOf(tsc, scope);
    if (!statements) continue;
    for (const statement of statements) {
      if (!tsc.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (tsc.isIdentifier(decl.name) && decl.name.text === name) return decl;
      }
    }
  }
  return undefined;
}

function statementsOf(tsc: typeof ts, node: ts.Node): readonly ts.Statement[] | undefined {
  if (tsc.isSourceFile(node) || tsc.isBlock(node) || tsc.isModuleBlock(node) || tsc.isCaseClause(node) || tsc.isDefaultClause(node)) return node.statements;
  return undefined;
}

/** Name of the callee of a call or `new`: `AzureKeyCredential` for `new core.AzureKeyCredential(…)`. */
export function calleeName(tsc: typeof ts, expr: ts.LeftHandSideExpression): string | undefined {
  const node = unwrap(tsc, expr);
  if (tsc.isIdentifier(node)) return node.text;
  if (tsc.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

/** For `a.b.fromSubscription(…)`: the name before the method (`b`). */
export function receiverName(tsc: typeof ts, expr: ts.LeftHandSideExpression): string | undefined {
  const node = unwrap(tsc, expr);
  if (!tsc.isPropertyAccessExpression(node)) return undefined;
  const receiver = unwrap(tsc, node.expression);
  if (tsc.isIdentifier(receiver)) return receiver.text;
  if (tsc.isPropertyAccessExpression(receiver)) return receiver.name.text;
  return undefined;
}

/** Every identifier that refers to `decl` (the same name, resolving to the same declaration), except its own name. */
export function referencesOf(tsc: typeof ts, decl: ts.VariableDeclaration): ts.Identifier[] {
  if (!tsc.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  const refs: ts.Identifier[] = [];
  const scope = declarationScope(tsc, decl);
  for (const node of identifiersNamed(tsc, scope, name)) {
    if (node !== decl.name && isValueReference(tsc, node) && findVariableDeclaration(tsc, node) === decl) refs.push(node);
  }
  return refs;
}

/**
 * The identifiers named `name` under `scope`, in document order: those a walk of the scope would
 * find, without walking it. Each place the text spells the name is looked up in the tree by position
 * (a descent, binary search through statement and argument lists), and kept when an identifier of
 * that name ends there: a comment, a string or a longer name is not one. An edit re-parses the tree,
 * and a whole-tree walk per edit cost more than the rest of an analysis. A scope whose text has an
 * escape (`\u0061piKey` is the identifier `apiKey`) does not spell every name out, and is walked.
 */
export function identifiersNamed(tsc: typeof ts, scope: ts.Node, name: string): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const text = scope.getSourceFile().text;
  // Broken code has nameless declarations (an identifier with empty text), which no text spells.
  if (name === '' || text.slice(scope.pos, scope.end).includes('\\u')) {
    walkTree(tsc, scope, (node) => {
      if (tsc.isIdentifier(node) && node.text === name) found.push(node);
    });
    return found;
  }
  for (let at = text.indexOf(name, scope.pos); at !== -1 && at + name.length <= scope.end; at = text.indexOf(name, at + 1)) {
    // Inside a longer word (`e` in `else`, minified code's every letter): not this name, no descent.
    if (insideWord(text, at, at + name.length)) continue;
    const identifier = identifierEndingAt(tsc, scope, name, at + name.length);
    if (identifier) found.push(identifier);
  }
  return found;
}

/**
 * Whether `text[start, end)` is part of a longer ASCII word, so that no identifier is exactly it. A word
 * that starts with a digit is a number, which may end where an identifier begins (`2key`, `0xkey` in
 * broken code): that one is left to the tree, as are non-ASCII neighbours.
 */
function insideWord(text: string, start: number, end: number): boolean {
  if (isAsciiWordChar(text.charCodeAt(end)) && isAsciiWordChar(text.charCodeAt(end - 1))) return true;
  // A name that does not start with a word character (`#x`, which broken code can make an identifier of) starts a word itself.
  if (!isAsciiWordChar(text.charCodeAt(start))) return false;
  let first = start;
  while (first > 0 && isAsciiWordChar(text.charCodeAt(first - 1))) first--;
  if (first === start) return false;
  const code = text.charCodeAt(first);
  return !(code >= 48 && code <= 57);
}

/** `[A-Za-z0-9_$]`. Other characters (non-ASCII letters among them) are left to the tree to decide. */
function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

/** The identifier named `name` that ends at `end` under `root`, if that is what the text there is. */
function identifierEndingAt(tsc: typeof ts, root: ts.Node, name: string, end: number): ts.Identifier | undefined {
  const at = end - 1; // its last character
  for (let node: ts.Node | undefined = root; node; node = childAt(tsc, node, at)) {
    if (tsc.isIdentifier(node)) return node.end === end && node.text === name ? node : undefined;
  }
  return undefined;
}

/** The child of `node` (as `forEachChild` sees them) whose span, leading trivia included, holds `at`. */
function childAt(tsc: typeof ts, node: ts.Node, at: number): ts.Node | undefined {
  const holds = (child: ts.Node) => child.pos <= at && at < child.end;
  return tsc.forEachChild(
    node,
    (child) => (holds(child) ? child : undefined),
    (children) => {
      // A list is in source order, its spans back to back.
      let low = 0;
      let high = children.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const child = children[middle]!;
        if (at < child.pos) high = middle - 1;
        else if (at >= child.end) low = middle + 1;
        else return child;
      }
      return undefined;
    },
  );
}

/** An identifier used as a value, not as a property name (`x.name`, `{ name: … }`). Shorthand `{ name }` is a use. */
function isValueReference(tsc: typeof ts, id: ts.Identifier): boolean {
  const parent = id.parent;
  if (tsc.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if ((tsc.isPropertyAssignment(parent) || tsc.isMethodDeclaration(parent) || tsc.isPropertyDeclaration(parent)) && parent.name === id) return false;
  if (tsc.isBindingElement(parent) && parent.propertyName === id) return false;
  if ((tsc.isImportSpecifier(parent) || tsc.isExportSpecifier(parent)) && parent.propertyName === id) return false;
  return true;
}

function declarationScope(tsc: typeof ts, decl: ts.VariableDeclaration): ts.Node {
  let node: ts.Node = decl;
  while (node.parent && !statementsOfScope(tsc, node.parent)) node = node.parent;
  return node.parent ?? node;
}

function statementsOfScope(tsc: typeof ts, node: ts.Node): boolean {
  return tsc.isSourceFile(node) || tsc.isBlock(node) || tsc.isModuleBlock(node) || tsc.isCaseClause(node) || tsc.isDefaultClause(node);
}

/** The declaration a plain identifier refers to, when it is a single-name `const`/`let`/`var` in a statement of its own. */
export function soleDeclarationStatement(tsc: typeof ts, decl: ts.VariableDeclaration): ts.VariableStatement | undefined {
  const list = decl.parent;
  if (!tsc.isVariableDeclarationList(list) || list.declarations.length !== 1) return undefined;
  const statement = list.parent;
  if (!tsc.isVariableStatement(statement)) return undefined;
  if (tsc.getModifiers(statement)?.some((m) => m.kind === tsc.SyntaxKind.ExportKeyword)) return undefined;
  return statement;
}
