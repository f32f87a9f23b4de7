import type * as ts from 'typescript';
import { linkParents } from '../preorder.js';
import { markKeptForReparse } from './kept-trees.js';
import { sinkCandidateCollector } from './key-sinks.js';

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
  return createTree(tsc, uri, text, scriptKind(tsc, uri, languageId));
}

/**
 * A tree with `parent` set on every node the rules can reach (`forEachChild` children; JSDoc is
 * not walked by any rule). One pass with an explicit stack (a chain of thousands of `+` is deep but
 * parses fine) costs less than the compiler's own `setParentNodes` pass, which also visits JSDoc.
 * The same pass notes the nodes the key-sink walk looks at (`sinkCandidateCollector`), so a new tree
 * is walked once, not twice: at the editor's first analysis of a file, in interpreted code, that
 * second walk cost about a tenth of the time to its first diagnostics.
 */
function createTree(tsc: typeof ts, uri: string, text: string, kind: ts.ScriptKind): ts.SourceFile {
  // No rule reads JSDoc: skipping its parse saves about a tenth of the parse (updateSourceFile keeps the mode).
  const sourceFile = tsc.createSourceFile(uri, text, { languageVersion: tsc.ScriptTarget.Latest, jsDocParsingMode: tsc.JSDocParsingMode.ParseNone }, false, kind);
  // Read once: the compiler's exports are getters, and this runs for every node.
  const { forEachChild } = tsc;
  linkParents<ts.Node>(sourceFile, (node, adopt) => forEachChild(node, adopt), sinkCandidateCollector(tsc, sourceFile));
  return sourceFile;
}

/**
 * The last tree of each open document, for the editor: a new version is parsed incrementally
 * (`ts.updateSourceFile` reuses the nodes outside the edited range), and an unchanged text keeps
 * its tree. The CLI parses each file once and does not use it. A tree given to `updateSourceFile`
 * must not be used again, so each document's tree is handed out for one analysis at a time.
 */
export class TypeScriptTrees {
  private readonly trees = new Map<string, { text: string; kind: ts.ScriptKind; sourceFile: ts.SourceFile }>();

  parse(uri: string, languageId: string, text: string): ts.SourceFile {
    const tsc = loadTypeScript();
    const kind = scriptKind(tsc, uri, languageId);
    const previous = this.trees.get(uri);
    this.trees.delete(uri); // dropped while parsing: a parse that throws leaves no tree half-updated
    let sourceFile: ts.SourceFile;
    if (previous && previous.kind === kind && previous.text === text) sourceFile = previous.sourceFile;
    else if (previous && previous.kind === kind) sourceFile = tsc.updateSourceFile(previous.sourceFile, text, changeRange(previous.text, text));
    else sourceFile = createTree(tsc, uri, text, kind);
    this.trees.set(uri, { text, kind, sourceFile });
    markKeptForReparse(sourceFile);
    return sourceFile;
  }

  delete(uri: string): void {
    this.trees.delete(uri);
  }

  clear(): void {
    this.trees.clear();
  }
}

/** The one span that differs between two texts (common prefix and suffix left out). */
function changeRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { span: { start, length: before.length - start - tail }, newLength: after.length - start - tail };
}
