import type * as ts from 'typescript';
import { walkPreorder } from '../preorder.js';

/** `walkPreorder` over the compiler's `forEachChild` children: return `false` from `visit` to skip a node's children. */
export function walkTree(tsc: typeof ts, root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  walkPreorder(root, (node, push) => tsc.forEachChild(node, push), visit);
}
