import type * as ts from 'typescript';

const KEPT = new WeakSet<ts.SourceFile>();

/** Marks a tree the editor keeps for its document's next version (`TypeScriptTrees`). */
export function markKeptForReparse(sourceFile: ts.SourceFile): void {
  KEPT.add(sourceFile);
}

/**
 * Whether a tree comes from `TypeScriptTrees`: its next version will reuse the nodes an edit does not
 * touch, so results kept per node pay off. A tree parsed once (an audit) would only pay for keeping them.
 */
export function isKeptForReparse(sourceFile: ts.SourceFile): boolean {
  return KEPT.has(sourceFile);
}
