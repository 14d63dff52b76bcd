import { ts } from 'ts-morph';
import { tsf } from '../../tsf';
import type { Evaluator } from '../../resolve/evaluate';
import { fromJson } from '../../resolve/text';
import { stringifiedFrom } from '../../resolve/builtins';
import { findDeclaration } from '../../resolve/scope';
import { EMPTY_ENV, exactString, oneOf, options, prop, type Env, type Value } from '../../resolve/values';

// Raw HTTP bodies are usually `JSON.stringify({...})`: evaluated, that is one opaque string as soon
// as any field is dynamic. So options and bodies are read from the syntax where it is at hand, and
// from evaluated values only where the syntax gives out (a parameter, a value from a function).

/** Where a value is written (read from its syntax), or the value itself when only that is known. */
export type Src = { node: ts.Expression; env: Env } | { value: Value };

const MAX_FOLLOW = 12;

export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (tsf.isParenthesizedExpression(n) || tsf.isAsExpression(n) || tsf.isNonNullExpression(n) || tsf.isSatisfiesExpression(n) || tsf.isAwaitExpression(n) || tsf.isTypeAssertionExpression(n)) n = n.expression;
  return n;
}

function isTopLevelVar(decl: ts.VariableDeclaration): boolean {
  const stmt = decl.parent?.parent;
  return !!stmt && tsf.isVariableStatement(stmt) && tsf.isSourceFile(stmt.parent);
}

/** `const x = <init>`: the initializer, so its syntax can be read. Reassignable variables are evaluated instead. */
export function followConst(node: ts.Expression, env: Env): { node: ts.Expression; env: Env } | null {
  if (!tsf.isIdentifier(node)) return null;
  const decl = findDeclaration(node);
  if (!decl || !tsf.isVariableDeclaration(decl) || !decl.initializer || !tsf.isIdentifier(decl.name)) return null;
  const list = decl.parent;
  if (!tsf.isVariableDeclarationList(list) || (list.flags & tsf.NodeFlags.Const) === 0) return null;
  if (list.parent && (tsf.isForOfStatement(list.parent) || tsf.isForInStatement(list.parent))) return null;
  return { node: decl.initializer, env: isTopLevelVar(decl) ? EMPTY_ENV : env };
}

export function valueOf(ev: Evaluator, src: Src | undefined): Value | undefined {
  if (!src) return undefined;
  return 'value' in src ? src.value : ev.eval(src.node, src.env);
}

function propertyName(name: ts.PropertyName): string | null {
  if (tsf.isIdentifier(name) || tsf.isStringLiteral(name) || tsf.isNumericLiteral(name)) return name.text;
  if (tsf.isComputedPropertyName(name) && tsf.isStringLiteralLike(name.expression)) return name.expression.text;
  return null;
}

/** A property of an options object, located in the source when it is written as an object literal. */
export function member(ev: Evaluator, src: Src | undefined, name: string, depth = 0): Src | undefined {
  if (!src) return undefined;
  if ('value' in src) return fromValue(prop(src.value, name));
  let node = unwrap(src.node);
  let env = src.env;
  for (let i = 0; i < MAX_FOLLOW; i++) {
    const next = followConst(node, env);
    if (!next) break;
    node = unwrap(next.node);
    env = next.env;
  }
  if (!tsf.isObjectLiteralExpression(node) || depth > MAX_FOLLOW) return fromValue(prop(ev.eval(node, env), name));
  // Later properties win, so read from the end; a spread we cannot see into is the last resort.
  let fallback: Src | undefined;
  const props = [...node.properties].reverse();
  for (const p of props) {
    if (tsf.isPropertyAssignment(p)) {
      const key = propertyName(p.name);
      if (key === null) return fromValue(prop(ev.eval(node, env), name));
      if (key === name) return { node: p.initializer, env };
    } else if (tsf.isShorthandPropertyAssignment(p)) {
      if (p.name.text === name) return { node: p.name, env };
    } else if (tsf.isSpreadAssignment(p)) {
      const inner = member(ev, { node: p.expression, env }, name, depth + 1);
      if (!inner) continue;
      const v = 'value' in inner ? inner.value : null;
      if (v && (v.k === 'unknown' || v.k === 'nullish')) fallback ??= inner;
      else return inner;
    } else if ((tsf.isMethodDeclaration(p) || tsf.isGetAccessorDeclaration(p)) && propertyName(p.name) === name) {
      return fromValue(prop(ev.eval(node, env), name));
    }
  }
  return fallback;
}

function fromValue(v: Value | undefined): Src | undefined {
  return v && v.k !== 'nullish' ? { value: v } : undefined;
}

function isJsonStringify(n: ts.Expression): n is ts.CallExpression {
  if (!tsf.isCallExpression(n)) return false;
  const c = unwrap(n.expression);
  return tsf.isPropertyAccessExpression(c) && tsf.isIdentifier(c.expression) && c.expression.text === 'JSON' && c.name.text === 'stringify' && !findDeclaration(c.expression);
}

/** A request body as the object that is sent: through JSON.stringify, or parsed back from static JSON text. */
export function readBody(ev: Evaluator, src: Src | undefined): Value | undefined {
  if (!src) return undefined;
  if ('value' in src) return parseJson(src.value);
  let node = unwrap(src.node);
  let env = src.env;
  for (let i = 0; i < MAX_FOLLOW; i++) {
    if (isJsonStringify(node)) {
      const a = node.arguments[0];
      return a && !tsf.isSpreadElement(a) ? ev.eval(a, env) : undefined;
    }
    const next = followConst(node, env);
    if (!next) break;
    node = unwrap(next.node);
    env = next.env;
  }
  return parseJson(ev.eval(node, env));
}

function parseJson(v: Value): Value {
  if (v.k === 'oneOf') return oneOf(v.options.map(parseJson));
  const source = stringifiedFrom(v);
  if (source) return source;
  const s = exactString(v);
  if (s === null || !/^\s*[[{]/.test(s)) return v;
  try {
    return fromJson(JSON.parse(s));
  } catch {
    return v;
  }
}

/** Header objects: a plain object, or `new Headers({...})`. */
export function headersValue(ev: Evaluator, v: Value | undefined): Value | undefined {
  if (!v) return undefined;
  const out = options(v).map((o): Value => {
    if (o.k !== 'sdk' || o.module !== 'global' || o.steps.length !== 2) return o;
    const [first, second] = o.steps;
    if (first.t !== 'get' || first.name !== 'Headers' || second.t !== 'new') return o;
    const a = second.args[0];
    return a && !a.spread ? ev.argValue(a) : o;
  });
  return oneOf(out);
}
