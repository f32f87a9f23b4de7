/**
 * Code that runs in a browser, as `key-exposed-to-browser` (docs/rules/key-exposed-to-browser.md) reads
 * it: values a bundler inlines into the bundle (`process.env.NEXT_PUBLIC_*`, `REACT_APP_*`,
 * `EXPO_PUBLIC_*`, `import.meta.env.*`, a `define`d constant), files marked `'use client'`, and
 * OpenAI clients told `dangerouslyAllowBrowser: true`. `key-credential` and `hardcoded-key` ask too:
 * Microsoft Entra ID's `DefaultAzureCredential` does not run in a browser, so its fix is never offered there.
 */
import type * as ts from 'typescript';
import { importBindings } from './bindings.js';
import { isTokenBased } from './credentials.js';
import type { KeySink } from './key-sinks.js';
import { findVariableDeclaration, propertyInitializer, unwrap } from './resolve.js';

/** A read of a value the bundler writes into the bundle. */
export interface PublicRead {
  node: ts.Expression;
  /** What is read, for the message: `process.env.NEXT_PUBLIC_AZURE_OPENAI_KEY`, `import.meta.env.VITE_KEY`, `__AZURE_KEY__`. */
  what: string;
  /** Who inlines it: `Next.js`, `Vite`, … */
  by: string;
  /** The variable's name without its public prefix, to tell whether it names an AI key. */
  name: string;
  /** Whether the name has its bundler's public prefix (`NEXT_PUBLIC_`, …, Vite's `VITE_`). */
  prefixed: boolean;
}

// prettier-ignore
const PUBLIC_PREFIXES: ReadonlyArray<[string, string]> = [
  ['NEXT_PUBLIC_', 'Next.js'],
  ['REACT_APP_', 'Create React App'],
  ['EXPO_PUBLIC_', 'Expo'],
];

/** A `define`d constant by the bundlers' convention: `__NAME__`, declared nowhere in the file (or only with `declare`). */
const DEFINE_CONSTANT = /^__[A-Z][A-Z0-9_]*__$/;

/** `process.env.X` / `process.env["X"]` / `import.meta.env.X`: the object and the name. */
function envAccess(tsc: typeof ts, node: ts.Expression): { env: 'process' | 'import.meta'; name: string } | undefined {
  let name: string | undefined;
  if (tsc.isPropertyAccessExpression(node)) name = node.name.text;
  else if (tsc.isElementAccessExpression(node) && (tsc.isStringLiteral(node.argumentExpression) || tsc.isNoSubstitutionTemplateLiteral(node.argumentExpression)))
    name = node.argumentExpression.text;
  if (name === undefined) return undefined;
  const env = unwrap(tsc, (node as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
  if (!tsc.isPropertyAccessExpression(env) || env.name.text !== 'env') return undefined;
  const owner = unwrap(tsc, env.expression);
  if (tsc.isIdentifier(owner) && owner.text === 'process') return { env: 'process', name };
  if (tsc.isMetaProperty(owner) && owner.keywordToken === tsc.SyntaxKind.ImportKeyword && owner.name.text === 'meta') return { env: 'import.meta', name };
  return undefined;
}

/** The public read an expression is, directly, through `const`s, or as either side of `??` / `||`. */
export function publicReadOf(tsc: typeof ts, expr: ts.Expression, hops = 0): PublicRead | undefined {
  if (hops > 8) return undefined;
  const node = unwrap(tsc, expr);
  const access = envAccess(tsc, node);
  if (access) {
    if (access.env === 'import.meta') {
      return { node, what: `import.meta.env.${access.name}`, by: 'Vite', name: access.name.replace(/^VITE_/, ''), prefixed: access.name.startsWith('VITE_') };
    }
    const prefix = PUBLIC_PREFIXES.find(([p]) => access.name.startsWith(p));
    return prefix ? { node, what: `process.env.${access.name}`, by: prefix[1], name: access.name.slice(prefix[0].length), prefixed: true } : undefined;
  }
  if (tsc.isBinaryExpression(node) && (node.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === tsc.SyntaxKind.BarBarToken)) {
    return publicReadOf(tsc, node.left, hops + 1) ?? publicReadOf(tsc, node.right, hops + 1);
  }
  if (tsc.isIdentifier(node)) {
    const decl = findVariableDeclaration(tsc, node);
    if (decl?.initializer) return publicReadOf(tsc, decl.initializer, hops + 1);
    if (isDefineConstant(tsc, node, decl)) return { node, what: node.text, by: 'the bundler (a define constant)', name: node.text.replace(/^__|__$/g, ''), prefixed: false };
  }
  return undefined;
}

function isDefineConstant(tsc: typeof ts, node: ts.Identifier, decl: ts.VariableDeclaration | undefined): boolean {
  if (!DEFINE_CONSTANT.test(node.text) || importBindings(tsc, node.getSourceFile()).has(node.text)) return false;
  // `declare const __AZURE_KEY__: string;` is how a TypeScript file types one; any other declaration makes it a variable.
  if (decl) return isAmbient(tsc, decl);
  return !isDeclaredOtherwise(tsc, node);
}

function isAmbient(tsc: typeof ts, decl: ts.VariableDeclaration): boolean {
  const statement = decl.parent.parent;
  return tsc.isVariableStatement(statement) && (tsc.getModifiers(statement)?.some((m) => m.kind === tsc.SyntaxKind.DeclareKeyword) ?? false);
}

/** A function, class or parameter of that name: then it is not a constant the bundler writes. */
function isDeclaredOtherwise(tsc: typeof ts, node: ts.Identifier): boolean {
  for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (tsc.isFunctionLike(scope) && scope.parameters.some((p) => tsc.isIdentifier(p.name) && p.name.text === node.text)) return true;
    if (tsc.isSourceFile(scope) || tsc.isBlock(scope)) {
      for (const s of scope.statements) {
        if ((tsc.isFunctionDeclaration(s) || tsc.isClassDeclaration(s)) && s.name?.text === node.text) return true;
        if (tsc.isVariableStatement(s) && !tsc.getModifiers(s)?.some((m) => m.kind === tsc.SyntaxKind.DeclareKeyword)) {
          if (s.declarationList.declarations.some((d) => tsc.isIdentifier(d.name) && d.name.text === node.text)) return true;
        }
      }
    }
  }
  return false;
}

/** `'use client'` among the file's leading directives (Next.js / React Server Components: the module runs in the browser). */
export function isUseClientFile(tsc: typeof ts, sourceFile: ts.SourceFile): boolean {
  for (const statement of sourceFile.statements) {
    if (!tsc.isExpressionStatement(statement) || !tsc.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use client') return true;
  }
  return false;
}

/** `dangerouslyAllowBrowser: true` in an OpenAI client's options. */
export function allowBrowserProperty(tsc: typeof ts, options: ts.ObjectLiteralExpression | undefined): ts.Node | undefined {
  const value = options && propertyInitializer(tsc, options, 'dangerouslyAllowBrowser');
  return value && unwrap(tsc, value).kind === tsc.SyntaxKind.TrueKeyword ? value.parent : undefined;
}

/** Whether a key sink is in code that runs in a browser: fed by a public read, in a `'use client'` file, or on a client allowed in browsers. */
export function isBrowserSink(tsc: typeof ts, sourceFile: ts.SourceFile, sink: KeySink): boolean {
  if (isTokenBased(tsc, sink.value)) return false;
  if (isUseClientFile(tsc, sourceFile)) return true;
  if (allowBrowserProperty(tsc, sink.openAiOptions)) return true;
  return sink.kind !== 'implicit-env-key' && publicReadOf(tsc, sink.value) !== undefined;
}
