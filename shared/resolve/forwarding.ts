import { ts } from 'ts-morph';
import { tsf } from '../tsf';
import { findDeclaration } from './scope';
import { walkTree } from '../project/walk';
import type { FunctionLike } from './values';

// A fetch-like wrapper (`fetchWithRetry(url, init)`, `httpsPost(host, path, body)`, the function a
// curried `customFetch(options)` returns) sends its request where its caller says: the request it
// makes takes its target (the first argument) from the wrapper's parameters. Such a request is
// billed once per call of the wrapper, so the wrapper's calls are the call sites, read through it.
// Read from the syntax only, once per function.

/** Calls read per wrapper: retry loops and fallbacks repeat the same request a few times. */
const MAX_FORWARDING_CALLS = 6;
/** Local consts followed from an argument back to a parameter (`const url = `${base}${path}``). */
const MAX_CONST_HOPS = 4;

/** Whether a declaration is a parameter (of `owner`, when given). */
function isParameterName(decl: ts.Node, owner: FunctionLike | undefined): boolean {
  // A name destructured in the parameter list: `({ url, ...init }) => fetch(url, init)`.
  let n: ts.Node | undefined = decl;
  while (n && (tsf.isBindingElement(n) || tsf.isObjectBindingPattern(n) || tsf.isArrayBindingPattern(n))) n = n.parent;
  return !!n && tsf.isParameter(n) && (!owner || n.parent === owner);
}

/** Whether an expression's value comes from a parameter of a function around it (of `owner`, when given), directly or through local consts. */
export function fromParameters(expr: ts.Node, owner?: FunctionLike, hops = 0): boolean {
  let found = false;
  const visit = (n: ts.Node): boolean | void => {
    if (found) return false;
    if (tsf.isFunctionLike(n)) return false;
    if (!tsf.isIdentifier(n)) return;
    const p = n.parent;
    // `.name` of a member access and a property's own key are not references.
    if (p && tsf.isPropertyAccessExpression(p) && p.name === n) return;
    if (p && tsf.isPropertyAssignment(p) && p.name === n) return;
    const decl = findDeclaration(n);
    if (!decl) return;
    if (isParameterName(decl, owner)) {
      found = true;
      return false;
    }
    if (hops < MAX_CONST_HOPS && tsf.isVariableDeclaration(decl) && decl.initializer && !tsf.isSourceFile(decl.parent.parent.parent) && fromParameters(decl.initializer, owner, hops + 1)) {
      found = true;
      return false;
    }
  };
  walkTree(expr, visit);
  return found;
}

/** Whether a call's target (its first argument: a URL, a path, a host, a request config) is chosen by the caller of the function it is in. */
export function targetFromParameters(call: ts.CallExpression, owner?: FunctionLike): boolean {
  const first = call.arguments[0];
  return !!first && !tsf.isSpreadElement(first) && fromParameters(first, owner);
}

/**
 * Whether a request's result is dropped where it is made (`fetchEventSource(url, { onmessage })`,
 * `await stream(url, init)` as a statement): the function reads the response in the callbacks it
 * gave, and hands its callers nothing to read. The request is then this function's own, made once
 * per call of it: a call site here with its callers listed, not a fetch-like wrapper.
 */
export function dropsResponse(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (n.parent && (tsf.isParenthesizedExpression(n.parent) || tsf.isAwaitExpression(n.parent) || tsf.isVoidExpression(n.parent))) n = n.parent;
  return !!n.parent && tsf.isExpressionStatement(n.parent);
}

const cache = new WeakMap<FunctionLike, ts.CallExpression[]>();

/** The function an identifier names in its own file (`function f() {}`, `const f = () => ...`), if any. */
export function localFunction(id: ts.Identifier): FunctionLike | null {
  const decl = findDeclaration(id);
  if (!decl) return null;
  if (tsf.isFunctionDeclaration(decl)) return decl;
  if (tsf.isVariableDeclaration(decl) && decl.initializer) {
    let init: ts.Expression = decl.initializer;
    while (tsf.isParenthesizedExpression(init) || tsf.isAsExpression(init)) init = init.expression;
    if (tsf.isArrowFunction(init) || tsf.isFunctionExpression(init)) return init;
  }
  return null;
}

/** Names a fetch handed around goes by: `fetchFn`, `customFetch`, `this.request`, `httpClient`. */
const FETCH_NAME = /fetch|request|http|client/i;

/** Names a fetch handed in as an option goes by, whatever it holds (`fetcher = getUniversalFetch()`, `fetchFn = fetch`). */
const FETCH_OPTION_NAME = /^(fetch|fetcher|fetchFn|fetchFunction|fetchImpl|fetchImplementation|customFetch)$/;

/**
 * Whether a callee is a fetch known by its shape only: a parameter, or a name destructured with a
 * default (from a parameter's options, say), named like fetch. What it holds (a polyfill for a
 * userscript, a desktop shell, a background page) is nobody's HTTP client by name, but it is called
 * as fetch is.
 */
export function fetchByShape(expr: ts.Expression): boolean {
  let e = expr;
  while (tsf.isParenthesizedExpression(e) || tsf.isNonNullExpression(e) || tsf.isAsExpression(e)) e = e.expression;
  if (!tsf.isIdentifier(e)) return false;
  const decl = findDeclaration(e);
  if (!decl) return false;
  // An imported fetch implementation (`import patchedFetch from './node-fetch-patch'`): a fork of
  // node-fetch or a polyfill, whose code says nothing a reader can follow to a host.
  if (FETCH_IMPL_NAME.test(e.text) && isImportName(decl)) return true;
  if (!FETCH_OPTION_NAME.test(e.text)) return false;
  if (isParameterName(decl, undefined)) return true;
  return tsf.isBindingElement(decl) && !!decl.initializer;
}

/** Names fetch implementations go by: `fetch` itself, or ending in it (`patchedFetch`, `nodeFetch`, `universalFetch`); `fetchUser` is no fetch. */
const FETCH_IMPL_NAME = /^(fetch|[A-Za-z_$][\w$]*Fetch)$/;

/** Whether a declaration is a name an import binds (default, named, namespace, or `const x = require(...)`). */
function isImportName(decl: ts.Node): boolean {
  if (tsf.isImportClause(decl) || tsf.isImportSpecifier(decl) || tsf.isNamespaceImport(decl)) return true;
  return tsf.isVariableDeclaration(decl) && !!decl.initializer && tsf.isCallExpression(decl.initializer) && tsf.isIdentifier(decl.initializer.expression) && decl.initializer.expression.text === 'require';
}

/**
 * Whether a callee can send a request, by its syntax: a name an HTTP client is called by, a fetch
 * handed in (a parameter or a field of `this` named like one, `options.fetch ?? fetch`), or another
 * fetch-like wrapper of the same file.
 */
function requestCallee(expr: ts.Expression, isClientName: (name: string) => boolean, seen: Set<FunctionLike>): boolean {
  let e = expr;
  while (tsf.isParenthesizedExpression(e) || tsf.isNonNullExpression(e) || tsf.isAsExpression(e)) e = e.expression;
  if (tsf.isBinaryExpression(e)) return requestCallee(e.left, isClientName, seen) || requestCallee(e.right, isClientName, seen);
  if (tsf.isPropertyAccessExpression(e)) return isClientName(e.name.text) || (e.expression.kind === tsf.SyntaxKind.ThisKeyword && FETCH_NAME.test(e.name.text));
  if (!tsf.isIdentifier(e)) return false;
  if (isClientName(e.text) || fetchByShape(e)) return true;
  const decl = findDeclaration(e);
  // A function imported from another module, named for what it does (`fetchWithRequestOptions`,
  // `fetchWithRetry`): a wrapper of fetch as far as the syntax says; evaluating it tells.
  if (decl && isImportName(decl) && /fetch/i.test(e.text)) return true;
  if (decl && isParameterName(decl, undefined)) return FETCH_NAME.test(e.text) || (tsf.isParameter(decl) && !!decl.type && /fetch/i.test(decl.type.getText()));
  const fn = localFunction(e);
  return !!fn && forwardingCallsOf(fn, isClientName, seen).length > 0;
}

/**
 * The calls in a function (callbacks inside it included: `new Promise(resolve => https.request(...))`,
 * `retry(() => fetch(url, init))`) that can send a request whose target comes from the function's
 * parameters. `isClientName` says which names HTTP clients are called by.
 */
export function forwardingCalls(fn: FunctionLike, isClientName: (name: string) => boolean): ts.CallExpression[] {
  return forwardingCallsOf(fn, isClientName, new Set());
}

function forwardingCallsOf(fn: FunctionLike, isClientName: (name: string) => boolean, seen: Set<FunctionLike>): ts.CallExpression[] {
  let found = cache.get(fn);
  if (found) return found;
  // A wrapper that calls itself (a retry) is no wrapper of itself.
  if (seen.has(fn)) return [];
  seen.add(fn);
  const list: ts.CallExpression[] = [];
  const body = fn.body;
  if (body) {
    const visit = (n: ts.Node): boolean | void => {
      if (list.length >= MAX_FORWARDING_CALLS) return false;
      if (tsf.isClassLike(n)) return false;
      if (tsf.isCallExpression(n) && !dropsResponse(n) && targetFromParameters(n, fn) && requestCallee(n.expression, isClientName, seen)) list.push(n);
    };
    walkTree(body, visit);
  }
  cache.set(fn, list);
  found = list;
  return found;
}
