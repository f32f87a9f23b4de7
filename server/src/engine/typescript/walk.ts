import type * as ts from 'typescript';

/**
 * Visits `root` and every node below it (`forEachChild` children) in source order, without recursion:
 * machine-made code (a chain of thousands of `+`) nests deeper than the call stack allows. Return
 * `false` from `visit` to skip a node's children.
 */
export function walkTree(tsc: typeof ts, root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  // One closure for the whole walk; it must return undefined, or forEachChild stops.
  const push = (child: ts.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const first = stack.length;
    tsc.forEachChild(node, push);
    // Children were pushed in source order; reversed, they pop in source order.
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const swap = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = swap;
    }
  }
}
