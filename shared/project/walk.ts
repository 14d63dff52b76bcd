import type { ts } from 'ts-morph';
import { tsf } from '../tsf';

const SK = tsf.SyntaxKind;

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
 * Nesting levels a file may have, counted as the parser recurses (see chainedChild). In a fresh
 * process TypeScript's parser runs out of call stack from about 480 nested tuple types, 540 type
 * arguments, 720 parentheses, 480 object types or 530 object literals (two levels each); a file
 * deeper than this limit is skipped whether or not the parser got through it, so that the outcome
 * does not depend on the thread's stack size, on how warm the JIT is or on how deep in the analysis
 * the file was first parsed. The deepest of 8,128 files of five real code bases (vercel/ai,
 * langgraphjs and three apps) nests 53 levels.
 */
export const MAX_NESTING = 256;

/**
 * Sets every node's parent pointer (the parser was asked not to: this walk is needed anyway) and
 * hands each node below the file to `onNode`, in source order: one traversal instead of two for the
 * files the scan walks anyway. Returns false, and stops, at the first node nested deeper than
 * MAX_NESTING.
 */
export function setParents(sf: ts.SourceFile, onNode?: (node: ts.Node) => void): boolean {
  const stack: ts.Node[] = [];
  const depths: number[] = [];
  let parent: ts.Node = sf;
  let depth = 0;
  let sameLevel: ts.Node | undefined;
  const push = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = parent;
    stack.push(child);
    depths.push(child === sameLevel ? depth : depth + 1);
  };
  tsf.forEachChild(sf, push);
  reverseFrom(stack, 0);
  while (stack.length) {
    const node = stack.pop()!;
    depth = depths.pop()!;
    if (depth > MAX_NESTING) return false;
    if (onNode) onNode(node);
    parent = node;
    sameLevel = chainedChild(node);
    const from = stack.length;
    tsf.forEachChild(node, push);
    reverseFrom(stack, from);
    reverseFrom(depths, from);
  }
  return true;
}

/**
 * The child the parser reads in a loop rather than by recursion, so that a long chain of them is
 * not nesting: the left operand of a left-associative operator (`'a' + 'b' + ...`), the object of a
 * member access or call (`a.b().c()...`), the element type of `T[][]`.
 */
function chainedChild(node: ts.Node): ts.Node | undefined {
  switch (node.kind) {
    case SK.BinaryExpression: {
      const op = (node as ts.BinaryExpression).operatorToken.kind;
      const rightAssociative = op === SK.AsteriskAsteriskToken || (op >= SK.FirstAssignment && op <= SK.LastAssignment);
      return rightAssociative ? undefined : (node as ts.BinaryExpression).left;
    }
    case SK.PropertyAccessExpression:
    case SK.ElementAccessExpression:
    case SK.CallExpression:
    case SK.TaggedTemplateExpression:
    case SK.NonNullExpression:
    case SK.AsExpression:
    case SK.SatisfiesExpression:
    case SK.ExpressionWithTypeArguments:
      return (node as ts.PropertyAccessExpression).expression;
    case SK.ArrayType:
      return (node as ts.ArrayTypeNode).elementType;
    case SK.IndexedAccessType:
      return (node as ts.IndexedAccessTypeNode).objectType;
    default:
      return undefined;
  }
}

function reverseFrom<T>(stack: T[], from: number): void {
  for (let i = from, j = stack.length - 1; i < j; i++, j--) {
    const t = stack[i];
    stack[i] = stack[j];
    stack[j] = t;
  }
}
