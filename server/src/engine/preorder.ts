/**
 * Visits `root` and every node below it in source order (pre-order), without recursion: machine-made
 * code (a chain of thousands of `+`) nests deeper than the call stack allows. `eachChild` calls `push`
 * for each direct child of a node, in source order. Return `false` from `visit` to skip a node's
 * children. The one walk of both syntax trees (Bicep's `walk`, TypeScript's `walkTree`).
 */
export function walkPreorder<N>(root: N, eachChild: (node: N, push: (child: N) => undefined) => unknown, visit: (node: N) => boolean | void): void {
  const stack: N[] = [root];
  // One closure for the whole walk; it returns undefined, or the TypeScript compiler's forEachChild stops.
  const push = (child: N): undefined => {
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const first = stack.length;
    eachChild(node, push);
    // Children were pushed in source order; reversed in place, they pop in source order.
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const swap = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = swap;
    }
  }
}

/**
 * Sets `parent` on every node below `root` (children as `eachChild` gives them), without recursion.
 * With `visit`, the same walk also shows it every node below `root`, in source order (pre-order, as
 * `walkPreorder` would) and with its parent set: what a later walk of the whole tree would look for
 * can be collected here instead.
 */
export function linkParents<N>(root: N, eachChild: (node: N, adopt: (child: N) => undefined) => unknown, visit?: (node: N) => void): void {
  const stack: N[] = [root];
  let parent = root;
  // One closure for the whole tree (this runs over every node of every parse); it returns undefined,
  // or the TypeScript compiler's forEachChild stops.
  const adopt = (child: N): undefined => {
    (child as { parent: N }).parent = parent;
    stack.push(child);
    return undefined;
  };
  if (!visit) {
    while (stack.length > 0) {
      parent = stack.pop()!;
      eachChild(parent, adopt);
    }
    return;
  }
  while (stack.length > 0) {
    parent = stack.pop()!;
    if (parent !== root) visit(parent);
    const first = stack.length;
    eachChild(parent, adopt);
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const swap = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = swap;
    }
  }
}
