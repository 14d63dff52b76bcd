import type { ts } from 'ts-morph';
import { tsf } from '../tsf';

// Syntax-tree walks with an explicit stack. A scanned file can nest thousands of levels deep (a
// 5,000-term string concatenation, a generated else-if chain); a recursive walk would run out of
// call stack on it, so no whole-tree walk of ours recurses. The order is the recursive one: a node
// before its children, children in source order (forEachChild's), so results do not change.

/**
 * Visits every node below `root` (not `root` itself), in source order. `visit` returns false to skip
 * the node's children.
 */
export function walkDescendants(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [];
  // forEachChild stops at the first callback that returns a truthy value: this one returns nothing.
  const push = (child: ts.Node): undefined => void stack.push(child);
  const pushChildren = (node: ts.Node) => {
    const from = stack.length;
    tsf.forEachChild(node, push);
    reverseFrom(stack, from);
  };
  pushChildren(root);
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node) !== false) pushChildren(node);
  }
}

/** `root` and every node below it, as walkDescendants. */
export function walkTree(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  if (visit(root) !== false) walkDescendants(root, visit);
}

/**
 * Sets every node's parent pointer (the parser was asked not to: this walk is needed anyway) and
 * hands each node below the file to `onNode`, in source order: one traversal instead of two for the
 * files the scan walks anyway.
 */
export function setParents(sf: ts.SourceFile, onNode?: (node: ts.Node) => void): void {
  const stack: ts.Node[] = [];
  let parent: ts.Node = sf;
  const push = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = parent;
    stack.push(child);
  };
  tsf.forEachChild(sf, push);
  reverseFrom(stack, 0);
  while (stack.length) {
    const node = stack.pop()!;
    if (onNode) onNode(node);
    parent = node;
    const from = stack.length;
    tsf.forEachChild(node, push);
    reverseFrom(stack, from);
  }
}

function reverseFrom(stack: ts.Node[], from: number): void {
  for (let i = from, j = stack.length - 1; i < j; i++, j--) {
    const t = stack[i];
    stack[i] = stack[j];
    stack[j] = t;
  }
}
