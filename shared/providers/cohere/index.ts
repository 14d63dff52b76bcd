import { documentCount } from '../billed-options';
import { exactString, prop, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, countItems, ctorName, firstProp, promptFromMessages, splitAtNew, tagsFromHeaders } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter, TagDraft } from '../types';

// `cohere-ai` (v7, v8): `new CohereClient({ token })` speaks API v1 and reaches v2 through
// `client.v2.*`; `new CohereClientV2({ token })` puts v2 chat/chatStream/embed/rerank at the top.
// Every method takes `(request, requestOptions)`. Not call sites: tokenize/detokenize (free),
// checkApiKey, models, datasets, connectors, finetuning, batch and embed-job reads.

type Style = 'chat1' | 'chat2' | 'generate' | 'embed1' | 'embed2' | 'rerank' | 'classify' | 'summarize' | 'batch' | 'embedJob' | 'transcription';

interface ApiSpec {
  kind: CallKind;
  style: Style;
  streaming?: boolean;
}

const SHARED: Record<string, ApiSpec> = {
  generate: { kind: 'chat', style: 'generate' },
  generateStream: { kind: 'chat', style: 'generate', streaming: true },
  classify: { kind: 'other', style: 'classify' },
  summarize: { kind: 'chat', style: 'summarize' },
  'batches.create': { kind: 'batch', style: 'batch' },
  'embedJobs.create': { kind: 'embedding', style: 'embedJob' },
  'audio.transcriptions.create': { kind: 'audio', style: 'transcription' },
};

const V2: Record<string, ApiSpec> = {
  'v2.chat': { kind: 'chat', style: 'chat2' },
  'v2.chatStream': { kind: 'chat', style: 'chat2', streaming: true },
  'v2.embed': { kind: 'embedding', style: 'embed2' },
  'v2.rerank': { kind: 'other', style: 'rerank' },
};

const V1: Record<string, ApiSpec> = {
  ...SHARED,
  ...V2,
  chat: { kind: 'chat', style: 'chat1' },
  chatStream: { kind: 'chat', style: 'chat1', streaming: true },
  embed: { kind: 'embedding', style: 'embed1' },
  rerank: { kind: 'other', style: 'rerank' },
};


/** The API called; CohereClientV2's top-level chat/embed/rerank are the v2 endpoints, named `v2.*`. */
function lookup(cls: string, members: string[]): { api: string; spec: ApiSpec } | null {
  const name = members.join('.');
  if (cls === 'CohereClientV2') {
    if (V2[`v2.${name}`]) return { api: `v2.${name}`, spec: V2[`v2.${name}`] };
    return SHARED[name] ? { api: name, spec: SHARED[name] } : null;
  }
  if (cls === 'CohereClient') return V1[name] ? { api: name, spec: V1[name] } : null;
  return null;
}

/** v1 chat history: `[{ role: 'USER' | 'CHATBOT' | 'SYSTEM', message }]`. */
function historyPrompt(history: Value | undefined): PromptSource[] {
  if (!present(history)) return [];
  if (history.k !== 'arr') return [{ value: history.k === 'unknown' ? { ...history, hint: history.hint ?? 'history' } : history }];
  const out: PromptSource[] = [];
  for (const m of history.items) {
    const role = exactString(prop(m, 'role'))?.toLowerCase();
    const text = m.k === 'obj' ? prop(m, 'message') : m;
    if (present(text)) out.push({ role: role === 'chatbot' ? 'assistant' : role, value: text.k === 'unknown' ? { ...text, hint: text.hint ?? 'history' } : text });
  }
  return out;
}

function promptOf(style: Style, body: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  const push = (role: string | undefined, v: Value | undefined) => {
    if (present(v)) out.push({ role, value: v });
  };
  switch (style) {
    case 'chat1':
      push('system', prop(body, 'preamble'));
      out.push(...historyPrompt(prop(body, 'chatHistory')));
      push('user', prop(body, 'message'));
      return out;
    case 'chat2':
      return promptFromMessages(prop(body, 'messages'));
    case 'generate':
      push('user', prop(body, 'prompt'));
      return out;
    case 'embed1':
      push(undefined, prop(body, 'texts'));
      return out;
    case 'embed2':
      push(undefined, prop(body, 'texts'));
      out.push(...promptFromMessages(prop(body, 'inputs')));
      return out;
    case 'rerank':
      push('user', prop(body, 'query'));
      if (present(prop(body, 'documents'))) out.push({ value: { k: 'unknown', reason: 'documents to rank', expr: 'documents', hint: 'document' } });
      return out;
    case 'classify':
      push(undefined, prop(body, 'inputs'));
      return out;
    case 'summarize':
      push('system', prop(body, 'additionalCommand'));
      push('user', prop(body, 'text'));
      return out;
    default:
      return out;
  }
}

const HAS_MAX = new Set<Style>(['chat1', 'chat2', 'generate']);

function clientNameTag(v: Value | undefined, mechanism: string): TagDraft[] {
  return present(v) ? [{ key: 'client', value: v, mechanism, reachesBill: false }] : [];
}

export const cohereAdapter: ProviderAdapter = {
  id: 'cohere',
  modules: ['cohere-ai'],
  callNames: ['chat', 'chatStream', 'generate', 'generateStream', 'embed', 'rerank', 'classify', 'summarize', 'create'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    const chain = splitAtNew(callee);
    if (!chain) return null;
    const found = lookup(ctorName(chain), chain.members);
    if (!found) return null;
    const { api, spec } = found;
    const body = ctx.arg(0);
    const reqOpts = ctx.arg(1);
    const clientOpts = argValue(ctx.ev, chain.ctorArgs, 0);

    const model = prop(body, 'model');
    const known = present(model) && exactString(model) !== '';
    const maxOut = HAS_MAX.has(spec.style) ? prop(body, 'maxTokens') : undefined;
    const tools = prop(body, 'tools');
    const thinking = prop(body, 'thinking');
    const reasoning = firstProp(thinking, ['tokenBudget', 'type'])?.value ?? null;
    const tags: TagDraft[] = [
      ...tagsFromHeaders(prop(clientOpts, 'headers'), '.client'),
      ...clientNameTag(prop(clientOpts, 'clientName'), 'cohere.clientName.client'),
      ...tagsFromHeaders(prop(reqOpts, 'headers'), ''),
      ...clientNameTag(prop(reqOpts, 'clientName'), 'cohere.clientName'),
    ];
    const documents = spec.style === 'rerank' ? documentCount(prop(body, 'documents')) : null;
    return {
      ...(documents ? { documents } : {}),
      provider: 'cohere',
      sdk: 'cohere',
      api,
      kind: spec.kind,
      model: known ? model : null,
      modelReason: known ? undefined : "the API's default model (none named in this call)",
      gateway: null,
      baseURL: firstProp(clientOpts, ['baseUrl', 'environment'])?.value ?? null,
      prompt: promptOf(spec.style, body),
      maxOutput: { value: present(maxOut) ? maxOut : null, option: HAS_MAX.has(spec.style) ? 'maxTokens' : '' },
      streaming: !!spec.streaming,
      tools: present(tools) ? countItems(tools) : 0,
      reasoning,
      batch: spec.style === 'batch' || spec.style === 'embedJob',
      tags,
    };
  },
};
