import { exactString, oneOf, options, type Value } from '../../resolve/values';
import { tagsFromHeaders } from '../common';
import { PROVIDER_HOST_NEEDLES, providerFromModelName, providerFromModelPrefix } from '../hosts';
import type { Detection, MatchContext, ProviderAdapter } from '../types';
import { readFacts } from './body';
import { fetchShapedRequest, requestOf, type ClientRequest } from './clients';
import { endpointOf, unlistedHostInfo, type Endpoint, type Style } from './endpoints';
import { hostProbe, marked, markedText, markedValue, type UrlCandidate } from './url';
import { providerFromURL } from '../hosts';

// Provider APIs called without their SDK: fetch (global, node-fetch, cross-fetch, undici), axios,
// got, ky, ofetch/$fetch, superagent and fetchEventSource (@microsoft/@fortaine fetch-event-source), posting JSON to a provider endpoint whose URL is known
// from the code. The URL's host says who bills, its path which API (and so how to read the body).

/** Only POST requests reach a billed endpoint; a method chosen at run time counts when a body is sent. */
function isPost(req: ClientRequest): boolean {
  if (req.method) {
    const names = options(req.method).map((o) => exactString(o));
    if (names.every((n) => n !== null)) return names.some((n) => n!.toUpperCase() === 'POST');
    return req.body !== undefined;
  }
  return req.implied === 'POST';
}

/**
 * Behind a gateway, whoever the model names bills the call: `anthropic/claude-...` or plainly
 * `claude-...`. So on an OpenAI-compatible host known only at run time.
 */
function providerBehindGateway(ep: Endpoint, model: Value | null): string {
  if ((!ep.info.gateway && ep.info.provider !== 'openai-compatible' && ep.info.provider !== 'unknown') || !model) return ep.info.provider;
  const inferred = options(model).map((o) => exactString(o)).map((s) => (s ? providerFromModelPrefix(s) ?? providerFromModelName(s) : null));
  return inferred.length && inferred.every((p) => p && p === inferred[0]) ? inferred[0]! : ep.info.provider;
}

/** The body fields that carry the prompt, per API shape: what a request to a host no name ties to a provider must send. */
const PROMPT_FIELDS: Partial<Record<Endpoint['style'], string[]>> = {
  chat: ['messages'],
  anthropic: ['messages'],
  'ollama-chat': ['messages'],
  responses: ['input'],
  completions: ['prompt'],
  'ollama-generate': ['prompt'],
  embeddings: ['input'],
  'ollama-embed': ['input', 'prompt'],
  gemini: ['contents'],
  'gemini-embed': ['content', 'requests'],
  rerank: ['query', 'documents'],
  'baidu-chat': ['messages'],
  'baidu-embed': ['input'],
  dashscope: ['input'],
};

/**
 * A request to a host that no name ties to a provider may be the app's own backend: it counts as a
 * model call only when its body, as written, names a model (exactly, where the path is also a web
 * app's route) and carries a prompt. A body the code does not show says neither.
 */
function namesModelRequest(ep: Endpoint, body: Value | undefined, model: Value | null): boolean {
  const objects = body ? options(body).filter((o) => o.k === 'obj') : [];
  const prompt = PROMPT_FIELDS[ep.style] ?? [];
  if (!objects.some((o) => prompt.some((f) => (o as { props: Map<string, Value> }).props.has(f)))) return false;
  if (!ep.urlModel && !objects.some((o) => (o as { props: Map<string, Value> }).props.has('model'))) return false;
  return ep.unlisted !== 'exact-model' || (!!model && options(model).some((o) => exactString(o) !== null));
}

/** Vertex AI's predict serves embeddings and Imagen alike: the model says which. */
function predictKind(model: Value | null): Detection['kind'] {
  const names = model ? options(model).map((o) => exactString(o) ?? '') : [];
  if (names.length && names.every((n) => /embedding/i.test(n))) return 'embedding';
  if (names.length && names.every((n) => /^imagen/i.test(n))) return 'image';
  return 'other';
}

function endpoints(req: ClientRequest): Endpoint[] {
  const out: Endpoint[] = [];
  for (const c of req.urls) {
    const m = marked(c);
    const ep = m && endpointOf(m);
    if (ep) out.push(ep);
  }
  return out;
}

/** The body keys that make a request sent through an unknown fetch read as a model call, and the API shape each implies. */
const INFERENCE_KEYS: Array<[string, Style]> = [['contents', 'gemini'], ['messages', 'chat'], ['prompt', 'completions'], ['model', 'chat']];

/**
 * A request sent through a fetch known only by its shape (see shapedFetchDetection) to a URL no
 * endpoint rule knows: a model call when its body, as written, is shaped like one. The URL must be
 * absolute or built on a run-time origin: a relative one is the app's own route.
 */
function shapedEndpoint(req: ClientRequest): Endpoint | null {
  const objects = req.body ? options(req.body).filter((o): o is Extract<Value, { k: 'obj' }> => o.k === 'obj') : [];
  const style = INFERENCE_KEYS.find(([key]) => objects.some((o) => o.props.has(key)))?.[1];
  if (!style) return null;
  const c: UrlCandidate | undefined = req.urls[0];
  if (!c || !c.length) return null;
  const m = marked(c);
  if (m) {
    const origin = m.dynamicOrigin !== undefined ? m.spans[0].end : (m.text.match(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i)?.[0].length ?? 0);
    const path = m.text.slice(origin).split(/[?#]/)[0] || '/';
    const probe = hostProbe(m);
    const named = m.dynamicOrigin === undefined ? providerFromURL(probe) : null;
    const hint = named ? { info: named, named: true } : unlistedHostInfo(markedText(m, 0, origin));
    return {
      style,
      kind: 'chat',
      api: 'POST ' + markedText(m, origin, origin + path.length),
      info: hint.named ? hint.info : { provider: 'unknown', gateway: null },
      unlisted: null,
      base: markedValue(m, 0, origin),
      urlModel: null,
      streaming: false,
      host: (probe.match(/^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i)?.[1] ?? '').toLowerCase(),
      runtimeHost: true,
      builtBody: false,
    };
  }
  // A URL known only at run time as a whole (`urlJoin(settings.apiURL, settings.apiPath)`): its expression may name who serves it.
  const dynamic = c.filter((p): p is Exclude<typeof p, string> => typeof p !== 'string' && p.text === undefined);
  if (dynamic.length !== c.length) return null;
  const exprs = dynamic.map((p) => `{${p.expr}}`).join('');
  const hint = unlistedHostInfo(exprs);
  return {
    style,
    kind: 'chat',
    api: `POST ${exprs}`,
    info: hint.named ? hint.info : { provider: 'unknown', gateway: null },
    unlisted: null,
    base: dynamic[0].value,
    urlModel: null,
    streaming: false,
    host: '',
    runtimeHost: true,
    builtBody: false,
  };
}

/** A proxy route's body: the incoming request's own (`await req.text()`, `req.body`), sent on unread. */
const READ_WHOLE = /^(text|arrayBuffer|blob|json)$/;
function forwardedBody(body: Value): boolean {
  const opts = options(body);
  return opts.length > 0 && opts.every((o) => {
    if (o.k === 'unknown') return /\.(text|arrayBuffer|blob|json)\(\)$|\.(body|rawBody)$/.test(o.expr ?? '');
    if (o.k !== 'sdk' || !o.steps.length) return false;
    // A framework's request object (next/server, express...): its body read whole, or its stream.
    const last = o.steps[o.steps.length - 1];
    const before = o.steps[o.steps.length - 2];
    return (last.t === 'get' && last.name === 'body') || (last.t === 'call' && before?.t === 'get' && READ_WHOLE.test(before.name));
  });
}

function detect(req: ClientRequest, shaped = false): Detection | null {
  if (!isPost(req)) return null;
  const found = endpoints(req);
  if (!found.length && shaped) {
    const ep = shapedEndpoint(req);
    if (ep) found.push(ep);
  }
  if (!found.length) return null;
  // Several URLs (a ternary between hosts, a path table): the first that names an endpoint decides
  // the API; of the URLs with that API, one whose host says who serves it speaks for the rest (a host
  // normalised in steps, `http://127.0.0.1:11434` among settings known only at run time).
  const same = found.filter((f) => f.api === found[0].api && f.style === found[0].style);
  const ep = same.find((f) => !f.unlisted) ?? same[0];
  if (ep.builtBody && (!req.body || forwardedBody(req.body))) return null;
  const facts = readFacts(ep, req.body);
  if (ep.unlisted && !namesModelRequest(ep, req.body, facts.model)) return null;
  const named = new Set(same.map((f) => providerBehindGateway(f, facts.model)));
  // A URL that names no one ('unknown') does not outvote one that does.
  const providers = named.size > 1 ? new Set([...named].filter((p) => p !== 'unknown')) : named;
  return {
    provider: providers.size === 1 ? [...providers][0] : 'openai-compatible',
    sdk: req.sdk,
    api: ep.api,
    kind: facts.kind ?? (ep.style === 'vertex-predict' ? predictKind(facts.model) : ep.kind),
    model: facts.model,
    modelReason: facts.modelReason,
    gateway: ep.info.gateway,
    baseURL: oneOf(same.map((f) => f.base)),
    ...(same.some((f) => f.runtimeHost) ? { providerInferred: true } : {}),
    prompt: facts.prompt,
    maxOutput: facts.maxOutput,
    streaming: req.streaming || facts.streaming,
    tools: facts.tools,
    reasoning: facts.reasoning,
    cacheControl: facts.cacheControl,
    batch: ep.kind === 'batch',
    serviceTier: facts.serviceTier,
    tags: [...req.headers.flatMap((h) => tagsFromHeaders(h.value, h.where)), ...facts.tags],
    ...facts.units,
  };
}

export const httpAdapter: ProviderAdapter = {
  id: 'http',
  modules: ['global', 'node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'undici', 'axios', 'got', 'ky', 'ky-universal', 'ofetch', 'ohmyfetch', 'superagent', 'http', 'https', '@microsoft/fetch-event-source', '@fortaine/fetch-event-source'],
  needles: PROVIDER_HOST_NEEDLES,
  typeImportsInert: true,
  callNames: ['fetch', '$fetch', 'ofetch', 'raw', 'native', 'nodeFetch', 'crossFetch', 'axios', 'got', 'ky', 'superagent', 'post', 'request', 'stream', 'fetchEventSource'],
  match(callee, ctx: MatchContext) {
    const req = requestOf(callee, ctx);
    return req ? detect(req) : null;
  },
};

/**
 * A call of a fetch known only by its shape: a parameter or a destructured option named like fetch
 * (`fetcher = getUniversalFetch()`) that the code calls as (url, init), whatever polyfill it holds.
 * Read as fetch; as no client is known, a URL no endpoint rule knows counts when the body is shaped
 * like a model call.
 */
export function shapedFetchDetection(ctx: MatchContext): Detection | null {
  return detect(fetchShapedRequest(ctx), true);
}
