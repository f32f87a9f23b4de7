/**
 * What a file imports, and the name a call's callee stands for: `import DIClient from
 * "@azure-rest/ai-document-intelligence"` makes `DIClient(…)` that package's default export, `import {
 * AzureChatOpenAI as Chat }` makes `new Chat(…)` LangChain's `AzureChatOpenAI`, and the CommonJS forms
 * (`const X = require(m).default`, `const { default: X } = require(m)`, `const { A: B } = require(m)`) do the same.
 */
import type * as ts from 'typescript';
import { propertyNameText, unwrap } from './resolve.js';

/** One imported binding: the module and the name it exports (`default`, or `*` for the module object). */
export interface ImportedBinding {
  module: string;
  name: string;
}

/** Kept on the tree, not in a WeakMap whose values would keep trees alive through minor collections (key-sinks.ts `WALK`). */
const BINDINGS = Symbol('import bindings of this tree');

/** Every top-level import or `require` binding of the file, by local name (once per tree). */
export function importBindings(tsc: typeof ts, sourceFile: ts.SourceFile): ReadonlyMap<string, ImportedBinding> {
  const tree = sourceFile as ts.SourceFile & { [BINDINGS]?: Map<string, ImportedBinding> };
  return (tree[BINDINGS] ??= collect(tsc, sourceFile));
}

function collect(tsc: typeof ts, sourceFile: ts.SourceFile): Map<string, ImportedBinding> {
  const map = new Map<string, ImportedBinding>();
  for (const statement of sourceFile.statements) {
    if (tsc.isImportDeclaration(statement) && tsc.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) map.set(clause.name.text, { module, name: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && tsc.isNamespaceImport(bindings)) map.set(bindings.name.text, { module, name: '*' });
      else if (bindings) for (const e of bindings.elements) if (!e.isTypeOnly) map.set(e.name.text, { module, name: (e.propertyName ?? e.name).text });
    } else if (tsc.isImportEqualsDeclaration(statement) && tsc.isExternalModuleReference(statement.moduleReference)) {
      const ref = statement.moduleReference.expression;
      if (tsc.isStringLiteral(ref)) map.set(statement.name.text, { module: ref.text, name: '*' });
    } else if (tsc.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const required = decl.initializer && requireOf(tsc, decl.initializer);
        if (!required) continue;
        if (tsc.isIdentifier(decl.name)) map.set(decl.name.text, { module: required.module, name: required.member ?? '*' });
        else if (tsc.isObjectBindingPattern(decl.name) && required.member === undefined) {
          for (const e of decl.name.elements) {
            const imported = e.propertyName ? propertyNameText(tsc, e.propertyName) : tsc.isIdentifier(e.name) ? e.name.text : undefined;
            if (imported && tsc.isIdentifier(e.name) && !e.dotDotDotToken) map.set(e.name.text, { module: required.module, name: imported });
          }
        }
      }
    }
  }
  return map;
}

/** `require("m")` (member undefined) or `require("m").x` / `require("m")["x"]`. */
function requireOf(tsc: typeof ts, expr: ts.Expression): { module: string; member?: string } | undefined {
  let node = unwrap(tsc, expr);
  let member: string | undefined;
  if (tsc.isPropertyAccessExpression(node)) {
    member = node.name.text;
    node = unwrap(tsc, node.expression);
  } else if (tsc.isElementAccessExpression(node) && tsc.isStringLiteral(node.argumentExpression)) {
    member = node.argumentExpression.text;
    node = unwrap(tsc, node.expression);
  }
  if (!tsc.isCallExpression(node) || !tsc.isIdentifier(node.expression) || node.expression.text !== 'require') return undefined;
  const arg = node.arguments[0];
  return arg && tsc.isStringLiteral(arg) ? { module: arg.text, member } : undefined;
}

/**
 * What a callee stands for: `name` is the exported name when the callee is an imported binding (or a
 * member of an imported namespace), else the name as written; `module` is set when the import says.
 */
export interface Callee {
  name: string;
  module?: string;
  /** The callee is the module's default export (or the module object itself); `name` is then the local name. */
  isDefault?: boolean;
}

/** Default exports known by their class name (`import Client from "openai"` is `OpenAI`). */
const DEFAULT_EXPORT_NAMES: Record<string, string> = { openai: 'OpenAI' };

function calleeOf(local: string, bound: ImportedBinding | undefined): Callee {
  if (!bound) return { name: local };
  if (bound.name === 'default' || bound.name === '*') return { name: DEFAULT_EXPORT_NAMES[bound.module] ?? local, module: bound.module, isDefault: true };
  return { name: bound.name, module: bound.module };
}

export function resolveCallee(tsc: typeof ts, expr: ts.LeftHandSideExpression): Callee | undefined {
  const node = unwrap(tsc, expr);
  if (tsc.isIdentifier(node)) {
    return calleeOf(node.text, importBindings(tsc, node.getSourceFile()).get(node.text));
  }
  if (tsc.isPropertyAccessExpression(node)) {
    const receiver = unwrap(tsc, node.expression);
    if (tsc.isIdentifier(receiver)) {
      const bound = importBindings(tsc, receiver.getSourceFile()).get(receiver.text);
      if (bound && bound.name === '*') return node.name.text === 'default' ? calleeOf(receiver.text, bound) : { name: node.name.text, module: bound.module };
    }
    // `require("m").default(…)` written inline.
    const required = requireOf(tsc, node);
    if (required)
      return required.member === undefined || required.member === 'default'
        ? calleeOf(node.name.text, { module: required.module, name: 'default' })
        : { name: required.member, module: required.module };
    return { name: node.name.text };
  }
  return undefined;
}
