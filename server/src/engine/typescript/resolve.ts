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
  // The identifiers of that name in the scope, in document order (as a walk of the scope finds them).
  for (const node of identifiersNamed(tsc, decl.getSourceFile(), name)) {
    if (node.pos < scope.pos || node.end > scope.end) continue;
    if (node !== decl.name && isValueReference(tsc, node) && findVariableDeclaration(tsc, node) === decl) refs.push(node);
  }
  return refs;
}

/** Identifiers by name, per tree: built by one walk the first time a tree is asked, instead of one walk per question. */
const IDENTIFIERS = new WeakMap<ts.SourceFile, Map<string, ts.Identifier[]>>();

function identifiersNamed(tsc: typeof ts, sourceFile: ts.SourceFile, name: string): readonly ts.Identifier[] {
  let index = IDENTIFIERS.get(sourceFile);
  if (!index) {
    const built = new Map<string, ts.Identifier[]>();
    walkTree(tsc, sourceFile, (node) => {
      if (tsc.isIdentifier(node)) {
        const list = built.get(node.text);
        if (list) list.push(node);
        else built.set(node.text, [node]);
      }
    });
    IDENTIFIERS.set(sourceFile, built);
    index = built;
  }
  return index.get(name) ?? [];
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
