import { ts } from 'ts-morph';
import { tsf } from '../../tsf';
import type { Arg, SdkValue, Step, Value } from '../../resolve/values';
import { options } from '../../resolve/values';
import type { MatchContext } from '../types';
import { headersValue, member, readBody, unwrap, valueOf, type Src } from './syntax';
import { joinBase, urlFrom, type UrlCandidate } from './url';
import { walkTree } from '../../project/walk';

// The HTTP clients people call providers with, reduced to one shape: where the request goes, with
// which method, body and headers. Instances made with create/extend carry a base URL and headers
// that every request of theirs inherits.

export interface HeaderSource {
  value: Value | undefined;
  /** '' for the request's own headers, '.client' for an instance's defaults. */
  where: string;
}

export interface ClientRequest {
  sdk: string;
  urls: UrlCandidate[];
  /** The method option as written, when there is one. */
  method: Value | null;
  /** The method the called function implies (axios.post → POST); GET when neither says. */
  implied: string;
  body: Value | undefined;
  headers: HeaderSource[];
  streaming: boolean;
}

type Token = { t: 'get'; name: string } | { t: 'call'; args: Arg[] } | { t: 'new'; args: Arg[] };

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'query', 'postForm', 'putForm', 'patchForm']);

function tokens(steps: Step[]): Token[] {
  return steps.map((s) => (s.t === 'get' ? { t: 'get', name: s.name } : { t: s.t, args: s.args }));
}

const isGet = (tok: Token | undefined, ...names: string[]): tok is { t: 'get'; name: string } => !!tok && tok.t === 'get' && (!names.length || names.includes(tok.name));

const argSrc = (a: Arg | undefined): Src | undefined => (a && !a.spread ? { node: a.node, env: a.env } : undefined);

function methodName(name: string): string {
  return name.replace(/Form$/, '').toUpperCase();
}

/** `create(cfg)` / `extend(cfg)` pairs at the head of a chain: the instance defaults, outermost first. */
function instanceDefaults(toks: Token[], start: number, names: string[]): { defaults: Src[]; next: number } {
  const defaults: Src[] = [];
  let i = start;
  while (isGet(toks[i], ...names) && toks[i + 1]?.t === 'call') {
    const s = argSrc((toks[i + 1] as { args: Arg[] }).args[0]);
    if (s) defaults.push(s);
    i += 2;
  }
  return { defaults, next: i };
}

/** The value a later option layer sets last: a request option over instance defaults. */
function lastSet(ctx: MatchContext, layers: Array<Src | undefined>, name: string): Src | undefined {
  let found: Src | undefined;
  for (const l of layers) found = member(ctx.ev, l, name) ?? found;
  return found;
}

function isObjectArg(ctx: MatchContext, a: Arg | undefined): boolean {
  if (!a || a.spread) return false;
  if (tsf.isObjectLiteralExpression(unwrap(a.node))) return true;
  return options(ctx.ev.argValue(a)).some((o) => o.k === 'obj');
}

function headerLayers(ctx: MatchContext, defaults: Src[], own: Src | undefined): HeaderSource[] {
  return [
    ...defaults.map((d) => ({ value: headersValue(ctx.ev, valueOf(ctx.ev, member(ctx.ev, d, 'headers'))), where: '.client' })),
    { value: headersValue(ctx.ev, valueOf(ctx.ev, member(ctx.ev, own, 'headers'))), where: '' },
  ];
}

function withBase(ctx: MatchContext, url: Src | undefined, base: Src | undefined): UrlCandidate[] {
  const rel = urlFrom(ctx.ev, url);
  return base ? joinBase(urlFrom(ctx.ev, base), rel) : rel;
}

/** fetch(url, init) and the libraries shaped like it (node-fetch, cross-fetch, undici). */
function fetchLike(ctx: MatchContext, sdk: string, url: Src | undefined, init: Src | undefined, bases: Src[] = [], baseName = ''): ClientRequest {
  const base = baseName ? lastSet(ctx, [...bases, init], baseName) : undefined;
  return {
    sdk,
    urls: withBase(ctx, url, base),
    method: valueOf(ctx.ev, member(ctx.ev, init, 'method')) ?? null,
    implied: 'GET',
    body: readBody(ctx.ev, member(ctx.ev, init, 'body')),
    headers: headerLayers(ctx, bases, init),
    streaming: false,
  };
}

/** A call of a fetch the code knows only by its name and (url, init) shape. */
export function fetchShapedRequest(ctx: MatchContext): ClientRequest {
  return fetchLike(ctx, 'fetch', argSrc(ctx.args[0]), argSrc(ctx.args[1]));
}

/** fetchEventSource(url, init): fetch's own arguments (it calls fetch), its response read as server-sent events. */
function eventSourceRequest(ctx: MatchContext, sdk: string): ClientRequest {
  return { ...fetchLike(ctx, sdk, argSrc(ctx.args[0]), argSrc(ctx.args[1])), streaming: true };
}

function axiosRequest(toks: Token[], ctx: MatchContext): ClientRequest | null {
  let i = isGet(toks[0], 'default') ? 1 : 0;
  const defaults: Src[] = [];
  // new Axios(config), or a parameter typed AxiosInstance (which reads as an instance built without options).
  if (isGet(toks[i], 'Axios', 'AxiosInstance', 'AxiosStatic') && toks[i + 1]?.t === 'new') {
    const s = argSrc((toks[i + 1] as { args: Arg[] }).args[0]);
    if (s) defaults.push(s);
    i += 2;
  }
  const inst = instanceDefaults(toks, i, ['create']);
  defaults.push(...inst.defaults);
  const rest = toks.slice(inst.next);
  if (rest.length > 1 || (rest[0] && (rest[0].t !== 'get' || !(METHODS.has(rest[0].name) || rest[0].name === 'request')))) return null;
  const name = rest[0] ? (rest[0] as { name: string }).name : null;
  let url: Src | undefined;
  let config: Src | undefined;
  let body: Value | undefined;
  let implied = 'GET';
  if (name && METHODS.has(name)) {
    implied = methodName(name);
    url = argSrc(ctx.args[0]);
    const withData = /^(post|put|patch)/.test(name);
    if (withData) body = readBody(ctx.ev, argSrc(ctx.args[1]));
    config = argSrc(ctx.args[withData ? 2 : 1]);
  } else {
    // axios(config), axios(url, config), instance.request(config)
    const configFirst = name === 'request' || isObjectArg(ctx, ctx.args[0]);
    config = argSrc(ctx.args[configFirst ? 0 : 1]);
    url = configFirst ? member(ctx.ev, config, 'url') : argSrc(ctx.args[0]);
    body = readBody(ctx.ev, member(ctx.ev, config, 'data'));
  }
  return {
    sdk: 'axios',
    urls: withBase(ctx, url, lastSet(ctx, [...defaults, config], 'baseURL')),
    method: valueOf(ctx.ev, member(ctx.ev, config, 'method')) ?? null,
    implied,
    body,
    headers: headerLayers(ctx, defaults, config),
    streaming: false,
  };
}

/** got and ky: (url, options) with `json` for a JSON body and a URL prefix on instances. */
function gotOrKy(toks: Token[], ctx: MatchContext, sdk: 'got' | 'ky'): ClientRequest | null {
  let i = isGet(toks[0], 'default') ? 1 : 0;
  const inst = instanceDefaults(toks, i, sdk === 'got' ? ['extend'] : ['create', 'extend']);
  i = inst.next;
  let streaming = false;
  if (sdk === 'got' && isGet(toks[i], 'stream')) {
    streaming = true;
    i++;
  }
  const rest = toks.slice(i);
  if (rest.length > 1 || (rest[0] && (rest[0].t !== 'get' || !METHODS.has(rest[0].name)))) return null;
  const implied = rest[0] ? methodName((rest[0] as { name: string }).name) : 'GET';
  const optsFirst = sdk === 'got' && isObjectArg(ctx, ctx.args[0]);
  const opts = argSrc(ctx.args[optsFirst ? 0 : 1]);
  const url = optsFirst ? member(ctx.ev, opts, 'url') : argSrc(ctx.args[0]);
  const layers = [...inst.defaults, opts];
  const prefix = lastSet(ctx, layers, 'prefixUrl') ?? lastSet(ctx, layers, 'prefix');
  const json = member(ctx.ev, opts, 'json');
  if (sdk === 'got' && member(ctx.ev, opts, 'isStream')) streaming = true;
  return {
    sdk,
    urls: withBase(ctx, url, prefix),
    method: valueOf(ctx.ev, lastSet(ctx, layers, 'method')) ?? null,
    implied,
    body: json ? valueOf(ctx.ev, json) : readBody(ctx.ev, member(ctx.ev, opts, 'body')),
    headers: headerLayers(ctx, inst.defaults, opts),
    streaming,
  };
}

/** ofetch / $fetch: fetch's shape, a plain object body, and a baseURL on instances. */
function ofetchRequest(toks: Token[], ctx: MatchContext, start: number): ClientRequest | null {
  const inst = instanceDefaults(toks, start, ['create']);
  const rest = toks.slice(inst.next);
  if (isGet(rest[0], 'native') && rest.length === 1) return fetchLike(ctx, 'ofetch', argSrc(ctx.args[0]), argSrc(ctx.args[1]));
  if (rest.length > 1 || (rest[0] && !isGet(rest[0], 'raw'))) return null;
  return fetchLike(ctx, 'ofetch', argSrc(ctx.args[0]), argSrc(ctx.args[1]), inst.defaults, 'baseURL');
}

function undiciRequest(toks: Token[], ctx: MatchContext): ClientRequest | null {
  const i = isGet(toks[0], 'default') ? 1 : 0;
  const rest = toks.slice(i);
  if (rest.length === 1 && isGet(rest[0], 'fetch', 'request')) return fetchLike(ctx, 'undici', argSrc(ctx.args[0]), argSrc(ctx.args[1]));
  // new Client(origin).request({ path, method, body }); a Pool takes the same options.
  if (rest.length === 3 && isGet(rest[0], 'Client', 'Pool') && rest[1].t === 'new' && isGet(rest[2], 'request')) {
    const opts = argSrc(ctx.args[0]);
    const origin = argSrc(rest[1].args[0]);
    return { ...fetchLike(ctx, 'undici', undefined, opts), urls: joinBase(urlFrom(ctx.ev, origin), urlFrom(ctx.ev, member(ctx.ev, opts, 'path'))) };
  }
  return null;
}

/** superagent.post(url).set(...).send(body): the body and headers come in the chained calls after this one. */
function superagentRequest(toks: Token[], ctx: MatchContext): ClientRequest | null {
  const i = isGet(toks[0], 'default') ? 1 : 0;
  const rest = toks.slice(i);
  let implied = 'GET';
  let url: Src | undefined;
  let method: Value | null = null;
  if (rest.length === 1 && rest[0].t === 'get' && METHODS.has(rest[0].name)) {
    implied = methodName(rest[0].name);
    url = argSrc(ctx.args[0]);
  } else if (rest.length === 0) {
    // superagent(method, url) or superagent(url)
    if (ctx.args.length >= 2) {
      method = ctx.arg(0) ?? null;
      url = argSrc(ctx.args[1]);
    } else url = argSrc(ctx.args[0]);
  } else return null;
  const headerProps = new Map<string, Value>();
  const headers: HeaderSource[] = [];
  let body: Value | undefined;
  let node: ts.Node = ctx.call;
  while (tsf.isPropertyAccessExpression(node.parent) && tsf.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent) {
    const call = node.parent.parent;
    const args = ctx.ev.args(call.arguments, ctx.env);
    const name = node.parent.name.text;
    if (name === 'send' && args[0]) body = readBody(ctx.ev, argSrc(args[0]));
    if (name === 'set' && args.length >= 2) {
      const key = ctx.ev.argValue(args[0]);
      if (key.k === 'str') headerProps.set(key.v, ctx.ev.argValue(args[1]));
    } else if (name === 'set' && args[0]) headers.push({ value: ctx.ev.argValue(args[0]), where: '' });
    node = call;
  }
  if (headerProps.size) headers.push({ value: { k: 'obj', props: headerProps }, where: '' });
  return { sdk: 'superagent', urls: urlFrom(ctx.ev, url), method, implied, body, headers, streaming: false };
}

/** The request a call sends, for every client this adapter knows; null for anything else on those modules. */
/** The variable a call's result is stored in (`const req = https.request(...)`), if any. */
function resultVariable(call: ts.CallExpression): ts.Identifier | null {
  let n: ts.Node = call;
  while (n.parent && (tsf.isParenthesizedExpression(n.parent) || tsf.isAwaitExpression(n.parent) || tsf.isAsExpression(n.parent))) n = n.parent;
  const p = n.parent;
  return p && tsf.isVariableDeclaration(p) && p.initializer === n && tsf.isIdentifier(p.name) ? p.name : null;
}

/** `req.write(body)` / `req.end(body)` in the same function: where Node's http client sends the body. */
function writtenBody(ctx: MatchContext): Src | undefined {
  const name = resultVariable(ctx.call);
  if (!name) return undefined;
  let scope: ts.Node = ctx.call;
  while (scope.parent && !tsf.isFunctionLike(scope) && !tsf.isSourceFile(scope)) scope = scope.parent;
  let found: Src | undefined;
  walkTree(scope, (n) => {
    if (found) return false;
    if (
      tsf.isCallExpression(n) &&
      tsf.isPropertyAccessExpression(n.expression) &&
      (n.expression.name.text === 'write' || n.expression.name.text === 'end') &&
      tsf.isIdentifier(n.expression.expression) &&
      n.expression.expression.text === name.text &&
      n.arguments[0]
    ) {
      found = { node: n.arguments[0], env: ctx.env };
      return false;
    }
  });
  return found;
}

/**
 * Node's own client: `https.request(options | url, [options], callback)` with `hostname`, `port` and
 * `path` options; the body goes out later through `req.write(...)` or `req.end(...)`.
 */
function nodeHttpRequest(toks: Token[], ctx: MatchContext, module: 'http' | 'https'): ClientRequest | null {
  const i = isGet(toks[0], 'default') ? 1 : 0;
  const rest = toks.slice(i);
  if (rest.length !== 1 || !isGet(rest[0], 'request')) return null;
  const optsFirst = isObjectArg(ctx, ctx.args[0]);
  const opts = optsFirst ? argSrc(ctx.args[0]) : isObjectArg(ctx, ctx.args[1]) ? argSrc(ctx.args[1]) : undefined;
  let urls: UrlCandidate[];
  if (optsFirst) {
    const host = exactHost(valueOf(ctx.ev, member(ctx.ev, opts, 'hostname')) ?? valueOf(ctx.ev, member(ctx.ev, opts, 'host')));
    if (host === null) return null;
    const port = valueOf(ctx.ev, member(ctx.ev, opts, 'port'));
    const portText = port && (port.k === 'num' || port.k === 'str') ? `:${port.v}` : '';
    const base = urlFrom(ctx.ev, { value: { k: 'str', v: `${module}://${host}${portText}` } });
    urls = joinBase(base, urlFrom(ctx.ev, member(ctx.ev, opts, 'path')));
  } else urls = urlFrom(ctx.ev, argSrc(ctx.args[0]));
  return {
    sdk: `node:${module}`,
    urls,
    method: valueOf(ctx.ev, member(ctx.ev, opts, 'method')) ?? null,
    implied: 'GET',
    body: readBody(ctx.ev, writtenBody(ctx)),
    headers: headerLayers(ctx, [], opts),
    streaming: false,
  };
}

function exactHost(v: Value | undefined): string | null {
  if (!v) return null;
  const hosts = options(v).map((o) => (o.k === 'str' ? o.v : null));
  return hosts.length === 1 && hosts[0] ? hosts[0] : null;
}

export function requestOf(callee: SdkValue, ctx: MatchContext): ClientRequest | null {
  const toks = tokens(callee.steps);
  const only = (...names: string[]) => toks.length === 1 && isGet(toks[0], ...names);
  switch (callee.module) {
    case 'global':
      if (only('fetch')) return fetchLike(ctx, 'fetch', argSrc(ctx.args[0]), argSrc(ctx.args[1]));
      // Nuxt's auto-imported $fetch is ofetch.
      if (isGet(toks[0], '$fetch')) return ofetchRequest(toks, ctx, 1);
      return null;
    case 'node-fetch':
    case 'cross-fetch':
    case 'isomorphic-fetch':
    case 'isomorphic-unfetch':
      if (toks.length === 0 || only('default', 'fetch')) return fetchLike(ctx, callee.module, argSrc(ctx.args[0]), argSrc(ctx.args[1]));
      return null;
    case 'undici':
      return undiciRequest(toks, ctx);
    case '@microsoft/fetch-event-source':
    case '@fortaine/fetch-event-source':
      return only('fetchEventSource') ? eventSourceRequest(ctx, callee.module) : null;
    case 'ofetch':
    case 'ohmyfetch':
      return isGet(toks[0], 'ofetch', '$fetch') ? ofetchRequest(toks, ctx, 1) : null;
    case 'axios':
      return axiosRequest(toks, ctx);
    case 'got':
      return gotOrKy(toks, ctx, 'got');
    case 'ky':
    case 'ky-universal':
      return gotOrKy(toks, ctx, 'ky');
    case 'superagent':
      return superagentRequest(toks, ctx);
    case 'http':
    case 'https':
      return nodeHttpRequest(toks, ctx, callee.module);
    default:
      return null;
  }
}
