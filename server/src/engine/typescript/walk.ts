import type * as ts from 'typescript';
import { walkPreorder } from '../preorder.js';

/** `walkPreorder` over the compiler's `forEachChild` children: return `false` from `visit` to skip a node's children. */
export function walkTree(tsc: typeof ts, root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  // Read once: the compiler's exports are getters, and this runs for every node.
  const { forEachChild } = tsc;
  walkPreorder(root, (node, push) => forEachChild(node, push), visit);
}
