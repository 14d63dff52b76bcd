import { providerFromURL, type HostInfo } from '../hosts';
import type { CallKind } from '../../types';
import type { Value } from '../../resolve/values';
import { hostProbe, markedText, markedValue, type MarkedUrl } from './url';

// Provider endpoints that bill a request, by the end of the URL path. The same path shapes are
// served by gateways and OpenAI-compatible hosts, so the path decides the body format and the host
// decides who bills. Everything else on those hosts (listing models, counting tokens, files,
// fetching batch results) is absent on purpose.

export type Style =
  | 'chat'
  | 'responses'
  | 'completions'
  | 'embeddings'
  | 'images'
  | 'transcription'
  | 'speech'
  | 'moderation'
  | 'batch'
  | 'run'
  | 'video'
  | 'anthropic'
  | 'anthropic-complete'
  | 'anthropic-batch'
  | 'gemini'
  | 'gemini-embed'
  | 'bedrock-converse'
  | 'bedrock-invoke'
  | 'ollama-chat'
  | 'ollama-generate'
  | 'ollama-embed'
  | 'cohere-chat'
  | 'cohere-embed'
  | 'cohere-rerank'
  | 'cohere-generate'
  | 'realtime'
  | 'realtime-secret'
  | 'rerank'
  | 'vertex-predict'
  | 'watsonx-chat'
  | 'watsonx-generation'
  | 'watsonx-embeddings'
  | 'replicate'
  | 'replicate-deployment'
  | 'fal'
  | 'hf-inference'
  | 'jina-classify'
  | 'baidu-chat'
  | 'baidu-embed'
  | 'dashscope'
  | 'dashscope-embed'
  | 'hunyuan';

interface Rule {
  /** Matched against the path (markers for dynamic parts); a `model` group takes the model from the URL. */
  re: RegExp;
  style: Style;
  kind: CallKind;
  streaming?: boolean;
  /** Paths that mean this only on one provider's own server (`/api/chat` is any web app's route too). */
  only?: string[];
  /**
   * On a host no name ties to a provider, the path alone says "a model request" (OpenAI's, Anthropic's
   * and Gemini's shapes); 'exact-model' paths (Ollama's `/api/chat`) say it only with a model named in
   * the body, as a web app's own route is shaped alike.
   */
  anyHost?: true | 'exact-model';
  /** The one provider that serves this path: it bills the call whatever host or proxy the URL names. */
  vendor?: string;
  /** The path alone does not say "inference" (a Cloud API's `POST /`): only a body the code builds, not one it forwards, does. */
  builtBody?: true;
}

const MODEL = '(?<model>[^/]+?)';
const withModel = (pattern: string) => new RegExp(pattern.replace('{model}', MODEL), 'd');

const RULES: Rule[] = [
  { re: /\/v1\/messages$/, style: 'anthropic', kind: 'chat', anyHost: true },
  { re: /\/v1\/messages\/batches$/, style: 'anthropic-batch', kind: 'batch' },
  { re: /\/v1\/complete$/, style: 'anthropic-complete', kind: 'chat' },
  { re: withModel('/publishers/anthropic/models/{model}:rawPredict$'), style: 'anthropic', kind: 'chat' },
  { re: withModel('/publishers/anthropic/models/{model}:streamRawPredict$'), style: 'anthropic', kind: 'chat', streaming: true },
  { re: withModel('/models/{model}:generateContent$'), style: 'gemini', kind: 'chat', anyHost: true },
  { re: withModel('/models/{model}:streamGenerateContent$'), style: 'gemini', kind: 'chat', streaming: true, anyHost: true },
  { re: withModel('/models/{model}:(embedContent|batchEmbedContents)$'), style: 'gemini-embed', kind: 'embedding', anyHost: true },
  // The Gemini API also takes the model as the last segment alone (`/v1beta/{model}:generateContent`), on Google's host.
  { re: withModel('/{model}:generateContent$'), style: 'gemini', kind: 'chat', only: ['google'] },
  { re: withModel('/{model}:streamGenerateContent$'), style: 'gemini', kind: 'chat', streaming: true, only: ['google'] },
  { re: withModel('/{model}:(embedContent|batchEmbedContents)$'), style: 'gemini-embed', kind: 'embedding', only: ['google'] },
  // Vertex AI's predict for Google's own models (embeddings, Imagen); `/endpoints/{id}:predict` is a custom model.
  { re: withModel('/publishers/google/models/{model}:predict$'), style: 'vertex-predict', kind: 'other', only: ['google'] },
  { re: withModel('/model/{model}/converse$'), style: 'bedrock-converse', kind: 'chat' },
  { re: withModel('/model/{model}/converse-stream$'), style: 'bedrock-converse', kind: 'chat', streaming: true },
  { re: withModel('/model/{model}/invoke$'), style: 'bedrock-invoke', kind: 'chat' },
  { re: withModel('/model/{model}/invoke-with-response-stream$'), style: 'bedrock-invoke', kind: 'chat', streaming: true },
  { re: /\/api\/chat$/, style: 'ollama-chat', kind: 'chat', only: ['ollama'], anyHost: 'exact-model' },
  { re: /\/api\/generate$/, style: 'ollama-generate', kind: 'chat', only: ['ollama'], anyHost: 'exact-model' },
  { re: /\/api\/embed(dings)?$/, style: 'ollama-embed', kind: 'embedding', only: ['ollama'], anyHost: 'exact-model' },
  // Cohere's paths with and without a version (`/v2/chat`, `/chat`, `/v1/embed`, `/rerank`).
  { re: /\/(v[12]\/)?chat$/, style: 'cohere-chat', kind: 'chat', only: ['cohere'] },
  { re: /\/(v[12]\/)?embed$/, style: 'cohere-embed', kind: 'embedding', only: ['cohere'] },
  { re: /\/(v[12]\/)?rerank$/, style: 'cohere-rerank', kind: 'other', only: ['cohere'] },
  { re: /\/(v1\/)?generate$/, style: 'cohere-generate', kind: 'chat', only: ['cohere'] },
  // IBM watsonx.ai: `/ml/v1/text/chat` takes OpenAI-style messages, `/ml/v1/text/generation` an `input` text.
  { re: /\/ml\/v1\/text\/chat(_stream)?$/, style: 'watsonx-chat', kind: 'chat', only: ['ibm-watsonx'] },
  { re: /\/ml\/v1\/text\/generation(_stream)?$/, style: 'watsonx-generation', kind: 'chat', only: ['ibm-watsonx'] },
  { re: /\/ml\/v1\/text\/embeddings$/, style: 'watsonx-embeddings', kind: 'embedding', only: ['ibm-watsonx'] },
  // Replicate: a version (or `owner/name:version`) in the body, an official model in the path, or a deployment whose model is set on Replicate.
  { re: /^\/v1\/predictions$/, style: 'replicate', kind: 'other', only: ['replicate'] },
  { re: /^\/v1\/models\/(?<model>[^/]+(\/[^/]+)?)\/predictions$/d, style: 'replicate', kind: 'other', only: ['replicate'] },
  { re: /^\/v1\/deployments\/[^/]+\/[^/]+\/predictions$/, style: 'replicate-deployment', kind: 'other', only: ['replicate'] },
  // fal: the app id is the whole path (`fal-ai/flux/dev`); a queued request's status, result and cancel live under `/requests/`.
  { re: /^\/(?<model>(?![^]*\/requests\/)[^?#]+)$/d, style: 'fal', kind: 'other', only: ['fal'] },
  // Hugging Face's serverless inference: the model id (`owner/name`) ends the path, the task is the model's.
  { re: /^(\/hf-inference)?\/models\/(?<model>[^/]+(\/[^/]+)?)$/d, style: 'hf-inference', kind: 'other', only: ['huggingface'] },
  { re: /\/v1\/classify$/, style: 'jina-classify', kind: 'other', only: ['jina'] },
  // Vendors' native APIs, whose paths no one else serves: Baidu Qianfan v1 names the model's endpoint
  // last (`completions_pro` is ERNIE 4.0), DashScope's native generation takes `input.messages`,
  // Tencent's Hunyuan is a Cloud API (`POST /` with the action in a header), MiniMax's own chat path.
  { re: withModel('/wenxinworkshop/chat/{model}$'), style: 'baidu-chat', kind: 'chat', anyHost: true, vendor: 'baidu' },
  { re: withModel('/wenxinworkshop/embeddings/{model}$'), style: 'baidu-embed', kind: 'embedding', anyHost: true, vendor: 'baidu' },
  { re: /\/services\/aigc\/(text|multimodal)-generation\/generation$/, style: 'dashscope', kind: 'chat', anyHost: true, vendor: 'alibaba' },
  { re: /\/services\/embeddings\/[a-z-]+\/[a-z-]+$/, style: 'dashscope-embed', kind: 'embedding', only: ['alibaba'] },
  { re: /^\/$/, style: 'hunyuan', kind: 'chat', only: ['tencent'], builtBody: true },
  { re: /\/v1\/text\/chatcompletion(_v2|_pro)?$/, style: 'chat', kind: 'chat', only: ['minimax'] },
  { re: /\/chat\/completions$/, style: 'chat', kind: 'chat', anyHost: true },
  { re: /\/agents\/completions$/, style: 'chat', kind: 'chat' },
  { re: /\/responses$/, style: 'responses', kind: 'chat', anyHost: true },
  { re: /\/v1\/completions$/, style: 'completions', kind: 'chat', anyHost: true },
  { re: /\/(fim\/)?completions$/, style: 'completions', kind: 'chat' },
  { re: /\/embeddings$/, style: 'embeddings', kind: 'embedding', anyHost: true },
  { re: /\/(v1\/)?rerank$/, style: 'rerank', kind: 'other', anyHost: true },
  { re: /\/images\/(generations|edits|variations)$/, style: 'images', kind: 'image' },
  { re: /\/audio\/(transcriptions|translations)$/, style: 'transcription', kind: 'audio' },
  { re: /\/audio\/speech$/, style: 'speech', kind: 'audio' },
  { re: /\/moderations$/, style: 'moderation', kind: 'moderation' },
  { re: /\/batches$/, style: 'batch', kind: 'batch' },
  { re: /\/threads\/([^/]+\/)?runs$/, style: 'run', kind: 'chat' },
  { re: /\/videos$/, style: 'video', kind: 'other' },
  // Realtime sessions minted for a browser: the kind follows the session's output modalities (body.ts).
  { re: /\/realtime\/sessions$/, style: 'realtime', kind: 'audio', streaming: true, only: ['openai', 'azure-openai'] },
  { re: /\/realtime\/client_secrets$/, style: 'realtime-secret', kind: 'audio', streaming: true, only: ['openai', 'azure-openai'] },
];

export interface Endpoint {
  style: Style;
  kind: CallKind;
  /** 'POST ' and the path, dynamic segments named: `POST /v1beta/models/{model}:generateContent`. */
  api: string;
  info: HostInfo;
  /** The URL up to the endpoint path. */
  base: Value;
  /** The model named in the URL (Gemini, Vertex, Bedrock) or an Azure deployment. */
  urlModel: Value | null;
  streaming: boolean;
  host: string;
  /** The host is known only at run time: the provider comes from a name or the model. */
  runtimeHost: boolean;
  /**
   * No name says who serves the URL: the body must name the model (exactly, for paths a web app's
   * own routes share) and carry a prompt for the request to count as a model call.
   */
  unlisted: 'model' | 'exact-model' | null;
  /** See Rule.builtBody. */
  builtBody: boolean;
}

/**
 * Who serves a URL whose host no rule of hosts.ts knows (its origin known only at run time, or a
 * private proxy's host): the provider its expression or host names (`OLLAMA_URL`, `groqBaseUrl`),
 * else nobody by name. Then only the paths that say "a model request" on any host count (see Rule.anyHost).
 */
export function unlistedHostInfo(text: string): { info: HostInfo; named: boolean } {
  const hints: Array<[RegExp, HostInfo]> = [
    [/ollama/i, { provider: 'ollama', gateway: null }],
    [/litellm/i, { provider: 'openai', gateway: 'litellm' }],
    [/openrouter/i, { provider: 'openrouter', gateway: null }],
    [/azure/i, { provider: 'azure-openai', gateway: null }],
    [/anthropic|claude/i, { provider: 'anthropic', gateway: null }],
    [/openai/i, { provider: 'openai', gateway: null }],
    [/groq/i, { provider: 'groq', gateway: null }],
    [/mistral/i, { provider: 'mistral', gateway: null }],
    [/deepseek/i, { provider: 'deepseek', gateway: null }],
    [/together/i, { provider: 'together', gateway: null }],
    [/fireworks/i, { provider: 'fireworks', gateway: null }],
    [/cohere/i, { provider: 'cohere', gateway: null }],
    [/gemini/i, { provider: 'google', gateway: null }],
    [/perplexity/i, { provider: 'perplexity', gateway: null }],
    [/moonshot|kimi/i, { provider: 'moonshot', gateway: null }],
    [/dashscope|qwen/i, { provider: 'alibaba', gateway: null }],
    [/jina/i, { provider: 'jina', gateway: null }],
    [/voyage/i, { provider: 'voyage', gateway: null }],
    [/watsonx/i, { provider: 'ibm-watsonx', gateway: null }],
    [/baidu|qianfan|ernie/i, { provider: 'baidu', gateway: null }],
    [/tencent|hunyuan/i, { provider: 'tencent', gateway: null }],
    [/minimax/i, { provider: 'minimax', gateway: null }],
  ];
  for (const [re, info] of hints) if (re.test(text)) return { info, named: true };
  return { info: { provider: 'openai-compatible', gateway: null }, named: false };
}

/** OpenAI's and Anthropic's shapes are served by OpenAI-compatible hosts; the others' server is unknown when nothing names it. */
const OPENAI_SHAPED: Style[] = ['chat', 'responses', 'completions', 'embeddings', 'anthropic'];

export function endpointOf(m: MarkedUrl): Endpoint | null {
  const probe = hostProbe(m);
  let info: HostInfo | null;
  let at: number;
  let named = true;
  let listed = false;
  const host = (probe.match(/^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i)?.[1] ?? '').toLowerCase();
  if (m.dynamicOrigin !== undefined) {
    ({ info, named } = unlistedHostInfo(m.dynamicOrigin));
    at = m.spans[0].end;
  } else {
    // Vertex AI is served per region as `{region}-aiplatform.googleapis.com`, which hosts.ts does not list yet.
    info = providerFromURL(probe) ?? providerFromURL(probe.replace(/^([a-z]+:\/\/)[a-z0-9-]+-(aiplatform\.googleapis\.com)/i, '$1$2'));
    const origin = m.text.match(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i);
    if (!origin) return null;
    // A host no rule knows (a private proxy, a self-hosted server, a host from a variable): read like a run-time origin.
    listed = !!info;
    if (!info) ({ info, named } = unlistedHostInfo(markedText(m, 0, origin[0].length)));
    at = origin[0].length;
  }
  const path = m.text.slice(at).split(/[?#]/)[0].replace(/(.)\/+$/, '$1') || '/';
  for (const rule of RULES) {
    if (!named && !rule.anyHost) continue;
    if (named && rule.only && !rule.only.includes(info.provider)) continue;
    const hit = rule.re.exec(path) as (RegExpExecArray & { indices?: { groups?: Record<string, [number, number] | undefined> } }) | null;
    if (!hit) continue;
    // The URL model: Gemini/Vertex/Bedrock name it in the path, Azure through /deployments/{name}/.
    let seg: { start: number; end: number; label: string } | null = null;
    const span = hit.indices?.groups?.model;
    if (span) seg = { start: span[0], end: span[1], label: '{model}' };
    const dep = !span && rule.style !== 'replicate-deployment' ? /\/deployments\/([^/]+)\//.exec(path) : null;
    if (dep) seg = { start: dep.index + '/deployments/'.length, end: dep.index + '/deployments/'.length + dep[1].length, label: '{deployment}' };
    const api = (seg
      ? markedText(m, at, at + seg.start) + seg.label + markedText(m, at + seg.end, at + path.length)
      : markedText(m, at, at + path.length)) || '/';
    const served = rule.vendor && !listed ? { provider: rule.vendor, gateway: info.gateway } : info;
    return {
      style: rule.style,
      kind: rule.kind,
      api: 'POST ' + api,
      info: named || rule.vendor || OPENAI_SHAPED.includes(rule.style) ? served : { provider: 'unknown', gateway: null },
      unlisted: named ? null : rule.anyHost === 'exact-model' ? 'exact-model' : 'model',
      base: markedValue(m, 0, at + hit.index),
      urlModel: seg ? markedValue(m, at + seg.start, at + seg.end) : null,
      streaming: !!rule.streaming,
      host,
      runtimeHost: !listed,
      builtBody: !!rule.builtBody,
    };
  }
  return null;
}
