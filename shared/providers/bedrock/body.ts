import { ts } from 'ts-morph';
import { tsf } from '../../tsf';
import { fromJson } from '../../resolve/text';
import { findDeclaration } from '../../resolve/scope';
import { exactString, prop, type Arg, type Value } from '../../resolve/values';
import type { MatchContext } from '../types';

// InvokeModel sends the provider's native request as bytes: `body: JSON.stringify({...})`.
// The evaluator turns a stringify of a partly dynamic object into one opaque hole, so the
// object is read from the code that was stringified, not from the string.

function unwrap(node: ts.Expression): ts.Expression {
  let cur = node;
  while (tsf.isParenthesizedExpression(cur) || tsf.isAsExpression(cur) || tsf.isNonNullExpression(cur) || tsf.isSatisfiesExpression(cur) || tsf.isAwaitExpression(cur)) cur = cur.expression;
  return cur;
}

/** What a local name was initialised with (`const body = JSON.stringify(...)`), a few hops deep. */
function definition(node: ts.Expression): ts.Expression {
  let cur = unwrap(node);
  for (let hops = 0; hops < 5 && tsf.isIdentifier(cur); hops++) {
    const decl = findDeclaration(cur);
    if (!decl || !tsf.isVariableDeclaration(decl) || !decl.initializer || !tsf.isIdentifier(decl.name)) break;
    cur = unwrap(decl.initializer);
  }
  return cur;
}

function propertyExpr(obj: ts.Expression, name: string): ts.Expression | null {
  const lit = definition(obj);
  if (!tsf.isObjectLiteralExpression(lit)) return null;
  for (const p of lit.properties) {
    if (!p.name || !(tsf.isIdentifier(p.name) || tsf.isStringLiteral(p.name)) || p.name.text !== name) continue;
    if (tsf.isPropertyAssignment(p)) return p.initializer;
    if (tsf.isShorthandPropertyAssignment(p)) return p.name;
  }
  return null;
}

const ENCODERS = new Set(['from', 'encode']);

/** The object that `JSON.stringify(x)`, `Buffer.from(JSON.stringify(x))` or `encoder.encode(...)` turns into bytes. */
function stringifiedObject(expr: ts.Expression): ts.Expression | null {
  const def = definition(expr);
  if (!tsf.isCallExpression(def) || !def.arguments[0]) return null;
  const callee = unwrap(def.expression);
  if (!tsf.isPropertyAccessExpression(callee)) return null;
  if (callee.name.text === 'stringify' && tsf.isIdentifier(callee.expression) && callee.expression.text === 'JSON') return def.arguments[0];
  if (ENCODERS.has(callee.name.text)) return stringifiedObject(def.arguments[0]);
  return null;
}

/** The native request body of an InvokeModel input as an object value, or null when it cannot be read. */
export function nativeBody(ctx: MatchContext, inputArg: Arg | undefined, input: Value | undefined): Value | null {
  if (inputArg && !inputArg.spread) {
    const bodyExpr = propertyExpr(inputArg.node, 'body');
    const source = bodyExpr && stringifiedObject(bodyExpr);
    if (source) return ctx.ev.eval(source, inputArg.env);
  }
  const text = exactString(prop(input, 'body'));
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? fromJson(parsed) : null;
  } catch {
    return null;
  }
}
