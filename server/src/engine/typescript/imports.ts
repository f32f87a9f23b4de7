import type * as ts from 'typescript';
import type { LineIndex } from '../text.js';
import type { TextEdit } from '../types.js';
import { afterImportsOffset, isLineStart } from './edits.js';
import { propertyNameText } from './resolve.js';

/** How a fix refers to names it needs from a module, and the edit (if any) that makes them available. */
export interface ImportPlan {
  /** The expression to write for `name`: `DefaultAzureCredential` or `identity.DefaultAzureCredential`. */
  ref: (name: string) => string;
  edits: TextEdit[];
}

/**
 * The file's module style. `.mjs`/`.mts` are ES modules and `.cjs`/`.cts` CommonJS by definition;
 * otherwise what the file already does decides (an `import`/`export` → ESM, a `require` → CommonJS),
 * and a bare `.js` with neither is CommonJS, as Node runs it without `"type": "module"`.
 */
export function moduleStyle(tsc: typeof ts, sourceFile: ts.SourceFile, isJavaScript: boolean): 'esm' | 'commonjs' {
  const name = sourceFile.fileName;
  if (/\.m[jt]s$/i.test(name)) return 'esm';
  if (/\.c[jt]s$/i.test(name)) return 'commonjs';
  let sawRequire = false;
  for (const statement of sourceFile.statements) {
    if (tsc.isImportDeclaration(statement) || tsc.isExportDeclaration(statement) || tsc.isExportAssignment(statement)) return 'esm';
    if (tsc.canHaveModifiers(statement) && tsc.getModifiers(statement)?.some((m) => m.kind === tsc.SyntaxKind.ExportKeyword)) return 'esm';
    if (!sawRequire && requiredModule(tsc, statement) !== undefined) sawRequire = true;
  }
  if (sawRequire) return 'commonjs';
  return isJavaScript && !/\.jsx$/i.test(name) ? 'commonjs' : 'esm';
}

/**
 * Makes `names` from `moduleName` available, in the file's module style: merged into an existing
 * `import { … }` / `const { … } = require(…)` of that module, qualified through an existing namespace
 * import or `require` binding, or a new import after the last one. Never adds a second import of the module.
 */
export function planImport(tsc: typeof ts, sourceFile: ts.SourceFile, lines: LineIndex, moduleName: string, names: readonly string[], isJavaScript: boolean): ImportPlan {
  const plain: ImportPlan = { ref: (n) => n, edits: [] };
  for (const statement of sourceFile.statements) {
    if (tsc.isImportDeclaration(statement) && tsc.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === moduleName) {
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const bindings = clause.namedBindings;
      if (bindings && tsc.isNamespaceImport(bindings)) return qualified(bindings.name.text);
      if (bindings && tsc.isNamedImports(bindings)) {
        const have = new Set(bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text));
        const missing = names.filter((n) => !have.has(n));
        // An alias (`import { DefaultAzureCredential as Dac }`) is reused under its local name.
        const local = (n: string) => bindings.elements.find((e) => !e.isTypeOnly && (e.propertyName?.text ?? e.name.text) === n)?.name.text ?? n;
        return { ref: local, edits: missing.length ? [appendToList(sourceFile, lines, bindings.elements, bindings, missing)] : [] };
      }
      if (clause.name) return qualified(clause.name.text);
    }
    if (tsc.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!decl.initializer || !isRequireOf(tsc, decl.initializer, moduleName)) continue;
        if (tsc.isIdentifier(decl.name)) return qualified(decl.name.text);
        if (tsc.isObjectBindingPattern(decl.name)) {
          const elements = decl.name.elements;
          const have = new Set(elements.map((e) => (e.propertyName ? propertyNameText(tsc, e.propertyName) : tsc.isIdentifier(e.name) ? e.name.text : undefined)));
          const missing = names.filter((n) => !have.has(n));
          const local = (n: string) => {
            const e = elements.find((el) => (el.propertyName ? propertyNameText(tsc, el.propertyName) : tsc.isIdentifier(el.name) ? el.name.text : undefined) === n);
            return e && tsc.isIdentifier(e.name) ? e.name.text : n;
          };
          return { ref: local, edits: missing.length ? [appendToList(sourceFile, lines, elements, decl.name, missing)] : [] };
        }
      }
    }
  }
  const quote = preferredQuote(sourceFile.text);
  const list = [...names].sort().join(', ');
  const line =
    moduleStyle(tsc, sourceFile, isJavaScript) === 'esm' ? `import { ${list} } from ${quote}${moduleName}${quote};` : `const { ${list} } = require(${quote}${moduleName}${quote});`;
  const nl = lines.newline;
  const offset = afterImportsOffset(tsc, sourceFile);
  const at = lines.positionAt(offset);
  const newText = isLineStart(sourceFile.text, offset) ? `${line}${nl}${nl}` : `${nl}${line}`;
  return { ...plain, edits: [{ range: { start: at, end: at }, newText }] };

  function qualified(namespace: string): ImportPlan {
    return { ref: (n) => `${namespace}.${n}`, edits: [] };
  }
}

/** Adds names at the end of `{ a, b }` (keeping a trailing comma style). */
function appendToList(sourceFile: ts.SourceFile, lines: LineIndex, elements: ts.NodeArray<ts.Node>, list: ts.Node, names: readonly string[]): TextEdit {
  if (elements.length === 0) {
    // `import {} from "m"`: write between the braces.
    const open = sourceFile.text.indexOf('{', list.getStart(sourceFile));
    const at = lines.positionAt(open + 1);
    return { range: { start: at, end: at }, newText: ` ${names.join(', ')} ` };
  }
  const last = elements[elements.length - 1]!;
  const at = lines.positionAt(last.end);
  return { range: { start: at, end: at }, newText: names.map((n) => `, ${n}`).join('') };
}

function isRequireOf(tsc: typeof ts, expr: ts.Expression, moduleName: string): boolean {
  return (
    tsc.isCallExpression(expr) &&
    tsc.isIdentifier(expr.expression) &&
    expr.expression.text === 'require' &&
    expr.arguments.length === 1 &&
    tsc.isStringLiteral(expr.arguments[0]!) &&
    expr.arguments[0].text === moduleName
  );
}

function requiredModule(tsc: typeof ts, statement: ts.Statement): string | undefined {
  if (!tsc.isVariableStatement(statement)) return undefined;
  for (const decl of statement.declarationList.declarations) {
    let init = decl.initializer;
    while (init && tsc.isPropertyAccessExpression(init)) init = init.expression;
    if (init && tsc.isCallExpression(init) && tsc.isIdentifier(init.expression) && init.expression.text === 'require') {
      const arg = init.arguments[0];
      return arg && tsc.isStringLiteral(arg) ? arg.text : '';
    }
  }
  return undefined;
}

/** The quote the file uses most for module specifiers and strings: keeps a fix in the file's own style. */
function preferredQuote(text: string): string {
  const fromImport = /\b(?:from|require\()\s*(['"])/.exec(text);
  if (fromImport) return fromImport[1]!;
  return (text.match(/'/g)?.length ?? 0) > (text.match(/"/g)?.length ?? 0) ? "'" : '"';
}
