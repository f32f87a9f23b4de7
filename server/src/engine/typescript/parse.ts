import type * as ts from 'typescript';

let compiler: typeof ts | undefined;

/** The TypeScript compiler, loaded on first use so that Bicep-only sessions never pay for it. */
export function loadTypeScript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiler ??= require('typescript') as typeof ts;
  return compiler;
}

const JS_EXTENSIONS = /\.(m|c)?jsx?$/i;

export function isJavaScriptFile(uri: string, languageId: string): boolean {
  return languageId === 'javascript' || languageId === 'javascriptreact' || JS_EXTENSIONS.test(uri);
}

function scriptKind(tsc: typeof ts, uri: string, languageId: string): ts.ScriptKind {
  if (languageId === 'typescriptreact' || /\.tsx$/i.test(uri)) return tsc.ScriptKind.TSX;
  if (languageId === 'javascriptreact' || /\.jsx$/i.test(uri)) return tsc.ScriptKind.JSX;
  if (isJavaScriptFile(uri, languageId)) return tsc.ScriptKind.JS;
  return tsc.ScriptKind.TS;
}

/** Parses once; the parser recovers from syntax errors, so a broken file still yields a tree. */
export function parseTypeScript(uri: string, languageId: string, text: string): ts.SourceFile {
  const tsc = loadTypeScript();
  return tsc.createSourceFile(uri, text, tsc.ScriptTarget.Latest, true, scriptKind(tsc, uri, languageId));
}
