import { exactString, path, prop, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, countItems, ctorName, firstProp, isTrue, promptFromMessages, splitAtNew, tagsFromHeaders, tagsFromObject } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter, TagDraft } from '../types';

// `@mistralai/mistralai`: the Speakeasy SDK (v1, v2: `new Mistral({ apiKey })`, methods take
// `(request, options)`) and the legacy v0 client (`new MistralClient(apiKey)`, default export).
// Not call sites: models, files, fineTuning, agent/library management (beta.agents.create...),
// conversation reads (list, get, getHistory), batch job reads, voices.

type Style = 'chat' | 'fim' | 'agent' | 'embed' | 'classify' | 'ocr' | 'batch' | 'conversation' | 'transcription' | 'speech';

interface ApiSpec {
  kind: CallKind;
  style: Style;
  streaming?: boolean;
  /** Where the request body sits inside the first argument (append/restart wrap it). */
  wrapped?: string;
}

const APIS: Record<string, ApiSpec> = {
  'chat.complete': { kind: 'chat', style: 'chat' },
  'chat.stream': { kind: 'chat', style: 'chat', streaming: true },
  'chat.parse': { kind: 'chat', style: 'chat' },
  'chat.parseStream': { kind: 'chat', style: 'chat', streaming: true },
  'fim.complete': { kind: 'chat', style: 'fim' },
  'fim.stream': { kind: 'chat', style: 'fim', streaming: true },
  'agents.complete': { kind: 'chat', style: 'agent' },
  'agents.stream': { kind: 'chat', style: 'agent', streaming: true },
  'embeddings.create': { kind: 'embedding', style: 'embed' },
  'classifiers.moderate': { kind: 'moderation', style: 'classify' },
  'classifiers.moderateChat': { kind: 'moderation', style: 'classify' },
  'classifiers.classify': { kind: 'other', style: 'classify' },
  'classifiers.classifyChat': { kind: 'other', style: 'classify' },
  'ocr.process': { kind: 'other', style: 'ocr' },
  'batch.jobs.create': { kind: 'batch', style: 'batch' },
  'beta.conversations.start': { kind: 'chat', style: 'conversation' },
  'beta.conversations.startStream': { kind: 'chat', style: 'conversation', streaming: true },
  'beta.conversations.append': { kind: 'chat', style: 'conversation', wrapped: 'conversationAppendRequest' },
  'beta.conversations.appendStream': { kind: 'chat', style: 'conversation', streaming: true, wrapped: 'conversationAppendStreamRequest' },
  'beta.conversations.restart': { kind: 'chat', style: 'conversation', wrapped: 'conversationRestartRequest' },
  'beta.conversations.restartStream': { kind: 'chat', style: 'conversation', streaming: true, wrapped: 'conversationRestartStreamRequest' },
  'audio.transcriptions.complete': { kind: 'audio', style: 'transcription' },
  'audio.transcriptions.stream': { kind: 'audio', style: 'transcription', streaming: true },
  'audio.speech.complete': { kind: 'audio', style: 'speech' },
};

/** v0 (`MistralClient`): one method per endpoint, options in camelCase too. */
const LEGACY: Record<string, ApiSpec> = {
  chat: { kind: 'chat', style: 'chat' },
  chatStream: { kind: 'chat', style: 'chat', streaming: true },
  completion: { kind: 'chat', style: 'fim' },
  completionStream: { kind: 'chat', style: 'fim', streaming: true },
  embeddings: { kind: 'embedding', style: 'embed' },
};


function spec(cls: string, members: string[]): { api: string; spec: ApiSpec } | null {
  const api = members.join('.');
  if (cls === 'Mistral') return APIS[api] ? { api, spec: APIS[api] } : null;
  if (cls === 'MistralClient' || cls === 'default') return LEGACY[api] ? { api, spec: LEGACY[api] } : null;
  return null;
}

function textOrInputs(v: Value | undefined, role?: string): PromptSource[] {
  if (!present(v)) return [];
  // `inputs` of a chat classifier or a conversation are messages; of an embedding, plain strings.
  if (v.k === 'arr' && v.items.some((i) => i.k === 'obj')) return promptFromMessages(v);
  return [{ role, value: v }];
}

function promptOf(style: Style, body: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  const push = (role: string | undefined, v: Value | undefined) => {
    if (present(v)) out.push({ role, value: v });
  };
  switch (style) {
    case 'chat':
    case 'agent':
      return promptFromMessages(prop(body, 'messages'));
    case 'fim':
      push('user', prop(body, 'prompt'));
      push('user', prop(body, 'suffix'));
      return out;
    case 'embed':
      return textOrInputs(prop(body, 'inputs') ?? prop(body, 'input'));
    case 'classify':
      return textOrInputs(prop(body, 'inputs') ?? prop(body, 'input'));
    case 'conversation':
      push('system', prop(body, 'instructions'));
      out.push(...textOrInputs(prop(body, 'inputs'), 'user'));
      return out;
    case 'ocr':
      push('system', prop(body, 'documentAnnotationPrompt'));
      if (present(prop(body, 'document'))) out.push({ value: { k: 'unknown', reason: 'document to read', expr: 'document', hint: 'document' } });
      return out;
    case 'speech':
      push(undefined, prop(body, 'input'));
      return out;
    default:
      return out;
  }
}

const MAX_OPTION: Partial<Record<Style, string>> = { chat: 'maxTokens', fim: 'maxTokens', agent: 'maxTokens', conversation: 'completionArgs.maxTokens' };

function modelOf(style: Style, api: string, body: Value | undefined, wrapped: boolean): { model: Value | null; reason?: string } {
  const model = prop(body, 'model');
  if (present(model) && exactString(model) !== '') return { model };
  if (style === 'agent' || (style === 'conversation' && present(prop(body, 'agentId')))) return { model: null, reason: "the agent's model (set where the agent was created, not in this call)" };
  if (style === 'conversation' && wrapped) return { model: null, reason: "the conversation's model (set when it was started, not in this call)" };
  if (style === 'batch') return { model: null, reason: present(prop(body, 'agentId')) ? "the agent's model (set where the agent was created, not in this call)" : 'models are named inside the batch input file' };
  return { model: null, reason: api === 'audio.speech.complete' ? "the API's default voice model (none named in this call)" : undefined };
}

export const mistralAdapter: ProviderAdapter = {
  id: 'mistral',
  modules: ['@mistralai/mistralai'],
  callNames: ['complete', 'stream', 'parse', 'parseStream', 'create', 'moderate', 'moderateChat', 'classify', 'classifyChat', 'process', 'start', 'startStream', 'append', 'appendStream', 'restart', 'restartStream', ...Object.keys(LEGACY)],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    const chain = splitAtNew(callee);
    if (!chain) return null;
    const cls = ctorName(chain);
    const found = spec(cls, chain.members);
    if (!found) return null;
    const { api, spec: s } = found;
    const legacy = cls !== 'Mistral';
    const first = ctx.arg(0);
    const body = s.wrapped ? prop(first, s.wrapped) : first;
    const reqOpts = ctx.arg(1);
    const clientArg = argValue(ctx.ev, chain.ctorArgs, legacy ? 1 : 0);

    const { model, reason } = modelOf(s.style, api, body, !!s.wrapped);
    const maxOption = MAX_OPTION[s.style] ?? '';
    const maxOut = maxOption ? path(body, maxOption) : undefined;
    const tools = prop(body, 'tools');
    const tags: TagDraft[] = [];
    tags.push(...tagsFromObject(prop(body, 'metadata'), 'mistral.metadata', false));
    tags.push(...tagsFromHeaders(firstProp(reqOpts, ['headers'])?.value ?? path(reqOpts, 'fetchOptions.headers'), ''));
    const reasoning = s.style === 'conversation' ? path(body, 'completionArgs.reasoningEffort') : prop(body, 'reasoningEffort');

    return {
      provider: 'mistral',
      sdk: 'mistral',
      api,
      kind: s.kind,
      model,
      modelReason: reason,
      gateway: null,
      // v0 takes the endpoint as its second argument; v1+ as `serverURL`.
      baseURL: (legacy ? clientArg : prop(clientArg, 'serverURL')) ?? null,
      prompt: promptOf(s.style, body),
      maxOutput: { value: present(maxOut) ? maxOut : null, option: maxOption },
      streaming: !!s.streaming || isTrue(prop(body, 'stream')),
      tools: present(tools) ? countItems(tools) : s.style === 'agent' || s.style === 'conversation' ? null : 0,
      reasoning: present(reasoning) ? reasoning : null,
      batch: s.style === 'batch',
      tags,
    };
  },
};
