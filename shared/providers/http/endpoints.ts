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
  | 'realtime-secret';

interface Rule {
  /** Matched against the path (markers for dynamic parts); a `model` group takes the model from the URL. */
  re: RegExp;
  style: Style;
  kind: CallKind;
  streaming?: boolean;
  /** Paths that mean this only on one provider's own server (`/api/chat` is any web app's route too). */
  only?: string[];
}

const MODEL = '(?<model>[^/]+?)';
const withModel = (pattern: string) => new RegExp(pattern.replace('{model}', MODEL), 'd');

const RULES: Rule[] = [
  { re: /\/v1\/messages$/, style: 'anthropic', kind: 'chat' },
  { re: /\/v1\/messages\/batches$/, style: 'anthropic-batch', kind: 'batch' },
  { re: /\/v1\/complete$/, style: 'anthropic-complete', kind: 'chat' },
  { re: withModel('/publishers/anthropic/models/{model}:rawPredict$'), style: 'anthropic', kind: 'chat' },
  { re: withModel('/publishers/anthropic/models/{model}:streamRawPredict$'), style: 'anthropic', kind: 'chat', streaming: true },
  { re: withModel('/models/{model}:generateContent$'), style: 'gemini', kind: 'chat' },
  { re: withModel('/models/{model}:streamGenerateContent$'), style: 'gemini', kind: 'chat', streaming: true },
  { re: withModel('/models/{model}:(embedContent|batchEmbedContents)$'), style: 'gemini-embed', kind: 'embedding' },
  { re: withModel('/model/{model}/converse$'), style: 'bedrock-converse', kind: 'chat' },
  { re: withModel('/model/{model}/converse-stream$'), style: 'bedrock-converse', kind: 'chat', streaming: true },
  { re: withModel('/model/{model}/invoke$'), style: 'bedrock-invoke', kind: 'chat' },
  { re: withModel('/model/{model}/invoke-with-response-stream$'), style: 'bedrock-invoke', kind: 'chat', streaming: true },
  { re: /\/api\/chat$/, style: 'ollama-chat', kind: 'chat', only: ['ollama'] },
  { re: /\/api\/generate$/, style: 'ollama-generate', kind: 'chat', only: ['ollama'] },
  { re: /\/api\/embed(dings)?$/, style: 'ollama-embed', kind: 'embedding', only: ['ollama'] },
  { re: /\/v[12]\/chat$/, style: 'cohere-chat', kind: 'chat', only: ['cohere'] },
  { re: /\/v[12]\/embed$/, style: 'cohere-embed', kind: 'embedding', only: ['cohere'] },
  { re: /\/v[12]\/rerank$/, style: 'cohere-rerank', kind: 'other', only: ['cohere'] },
  { re: /\/v1\/generate$/, style: 'cohere-generate', kind: 'chat', only: ['cohere'] },
  { re: /\/chat\/completions$/, style: 'chat', kind: 'chat' },
  { re: /\/agents\/completions$/, style: 'chat', kind: 'chat' },
  { re: /\/responses$/, style: 'responses', kind: 'chat' },
  { re: /\/(fim\/)?completions$/, style: 'completions', kind: 'chat' },
  { re: /\/embeddings$/, style: 'embeddings', kind: 'embedding' },
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
}

/**
 * Who serves a URL whose origin is known only at run time: the provider its expression names
 * (`OLLAMA_URL`, `OPENAI_BASE_URL`), else an OpenAI-compatible host, which only the unambiguous
 * OpenAI-style paths admit (a bare `/api/chat` is as likely the app's own route).
 */
function dynamicOriginInfo(expr: string): { info: HostInfo; named: boolean } {
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
  ];
  for (const [re, info] of hints) if (re.test(expr)) return { info, named: true };
  return { info: { provider: 'openai-compatible', gateway: null }, named: false };
}

/** Paths that say "a model request" on any host: OpenAI's and Anthropic's API shapes. */
const UNAMBIGUOUS: Style[] = ['chat', 'responses', 'embeddings', 'anthropic'];

export function endpointOf(m: MarkedUrl): Endpoint | null {
  const probe = hostProbe(m);
  let info: HostInfo | null;
  let at: number;
  let named = true;
  if (m.dynamicOrigin !== undefined) {
    ({ info, named } = dynamicOriginInfo(m.dynamicOrigin));
    at = m.spans[0].end;
  } else {
    // Vertex AI is served per region as `{region}-aiplatform.googleapis.com`, which hosts.ts does not list yet.
    info = providerFromURL(probe) ?? providerFromURL(probe.replace(/^([a-z]+:\/\/)[a-z0-9-]+-(aiplatform\.googleapis\.com)/i, '$1$2'));
    const origin = m.text.match(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i);
    if (!info || !origin) return null;
    at = origin[0].length;
  }
  const path = m.text.slice(at).split(/[?#]/)[0].replace(/(.)\/+$/, '$1') || '/';
  const host = (probe.match(/^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i)?.[1] ?? '').toLowerCase();
  for (const rule of RULES) {
    if (rule.only && !rule.only.includes(info.provider)) continue;
    if (!named && !UNAMBIGUOUS.includes(rule.style)) continue;
    const hit = rule.re.exec(path) as (RegExpExecArray & { indices?: { groups?: Record<string, [number, number] | undefined> } }) | null;
    if (!hit) continue;
    // The URL model: Gemini/Vertex/Bedrock name it in the path, Azure through /deployments/{name}/.
    let seg: { start: number; end: number; label: string } | null = null;
    const span = hit.indices?.groups?.model;
    if (span) seg = { start: span[0], end: span[1], label: '{model}' };
    const dep = !span ? /\/deployments\/([^/]+)\//.exec(path) : null;
    if (dep) seg = { start: dep.index + '/deployments/'.length, end: dep.index + '/deployments/'.length + dep[1].length, label: '{deployment}' };
    const api = seg
      ? markedText(m, at, at + seg.start) + seg.label + markedText(m, at + seg.end, at + path.length)
      : markedText(m, at, at + path.length);
    return {
      style: rule.style,
      kind: rule.kind,
      api: 'POST ' + api,
      info,
      base: markedValue(m, 0, at + hit.index),
      urlModel: seg ? markedValue(m, at + seg.start, at + seg.end) : null,
      streaming: !!rule.streaming,
      host,
      runtimeHost: m.dynamicOrigin !== undefined,
    };
  }
  return null;
}
