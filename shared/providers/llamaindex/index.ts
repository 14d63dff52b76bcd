import { exactString, oneOf, options, prop, str, unknown, type SdkValue, type Value, present } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { packageName } from '../../project/imports';
import { argValue, ctorName, isTrue, promptFromMessages, splitAtNew } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';

import { UNKNOWN_PROVIDER } from '../vercel-ai/models';
import { LLAMAINDEX_PACKAGES, settingValue, type SettingKey } from './settings';

// LlamaIndex.TS (`llamaindex` and the `@llamaindex/*` provider packages). Requests are sent by an
// LLM object's chat()/complete(), an embedding object's getTextEmbedding(s)/getQueryEmbedding(),
// a query engine's query() and a chat engine's chat() (which use the `llm` they were given, or
// the global Settings.llm), and VectorStoreIndex.fromDocuments() (which embeds the documents with
// Settings.embedModel). Not call sites: readers, node parsers, retrievers, storage, a local
// HuggingFaceEmbedding (it runs in-process).

interface ClassSpec {
  provider: string;
  /** The model the class uses when none is given, as its source sets it; null when it has none we know. */
  defaultModel: string | null;
}

const LLM_CLASSES: Record<string, ClassSpec> = {
  OpenAI: { provider: 'openai', defaultModel: 'gpt-4o' },
  OpenAIResponses: { provider: 'openai', defaultModel: 'gpt-4o' },
  Anthropic: { provider: 'anthropic', defaultModel: 'claude-3-opus' },
  Gemini: { provider: 'google', defaultModel: 'gemini-pro' },
  Groq: { provider: 'groq', defaultModel: null },
  Ollama: { provider: 'ollama', defaultModel: null },
  MistralAI: { provider: 'mistral', defaultModel: null },
  DeepSeekLLM: { provider: 'deepseek', defaultModel: null },
  FireworksLLM: { provider: 'fireworks', defaultModel: null },
  TogetherLLM: { provider: 'together', defaultModel: null },
  Perplexity: { provider: 'perplexity', defaultModel: null },
};

const EMBEDDING_CLASSES: Record<string, ClassSpec> = {
  OpenAIEmbedding: { provider: 'openai', defaultModel: 'text-embedding-ada-002' },
  GeminiEmbedding: { provider: 'google', defaultModel: null },
  MistralAIEmbedding: { provider: 'mistral', defaultModel: null },
  OllamaEmbedding: { provider: 'ollama', defaultModel: null },
};

const LLM_METHODS: Record<string, { style: 'chat' | 'complete' }> = { chat: { style: 'chat' }, complete: { style: 'complete' } };
const EMBED_METHODS = new Set(['getTextEmbedding', 'getTextEmbeddings', 'getQueryEmbedding', 'getTextEmbeddingsBatch']);
/** Engine classes and the option holding their LLM. */
const ENGINE_CLASSES: Record<string, { api: 'query' | 'chat'; llmOption: string[] }> = {
  ContextChatEngine: { api: 'chat', llmOption: ['chatModel', 'llm'] },
  SimpleChatEngine: { api: 'chat', llmOption: ['llm'] },
  CondenseQuestionChatEngine: { api: 'chat', llmOption: ['llm'] },
  RetrieverQueryEngine: { api: 'query', llmOption: [] },
};

interface LlmRead {
  provider: string;
  model: Value | null;
  modelReason?: string;
  maxTokens: Value | null;
}

function modelOfClass(cls: string, spec: ClassSpec, opts: Value | undefined): Value {
  const m = prop(opts, 'model');
  if (present(m) && exactString(m) !== '') return m;
  if (spec.defaultModel) return str(spec.defaultModel, `default of LlamaIndex's ${cls} class`);
  return unknown(`the default model of LlamaIndex's ${cls} class (none named)`);
}

/** An LLM or embedding object: `new OpenAI({ model, maxTokens })`, or whatever Settings holds. */
function readObject(ev: Evaluator, v: Value | null, classes: Record<string, ClassSpec>, missing: string): LlmRead {
  if (!v) return { provider: UNKNOWN_PROVIDER, model: null, modelReason: missing, maxTokens: null };
  const reads = options(v).map((o): LlmRead => {
    const chain = o.k === 'sdk' && LLAMAINDEX_PACKAGES.has(packageName(o.module)) ? splitAtNew(o) : null;
    const cls = chain && !chain.members.length ? ctorName(chain) : null;
    const spec = cls ? classes[cls] : undefined;
    if (!chain || !cls || !spec) return { provider: UNKNOWN_PROVIDER, model: o.k === 'unknown' ? o : null, modelReason: 'an LLM object the scan cannot follow', maxTokens: null };
    if (chain.typed) return { provider: spec.provider, model: unknown(`the model of a ${cls} passed in at run time`), maxTokens: null };
    const opts = argValue(ev, chain.ctorArgs, 0);
    const max = prop(opts, 'maxTokens');
    return { provider: spec.provider, model: modelOfClass(cls, spec, opts), maxTokens: present(max) ? max : null };
  });
  if (reads.length === 1) return reads[0];
  const providers = [...new Set(reads.map((r) => r.provider).filter((p) => p !== UNKNOWN_PROVIDER))];
  const models = reads.map((r) => r.model).filter((m): m is Value => !!m);
  const max = reads.map((r) => r.maxTokens).filter((m): m is Value => !!m);
  return {
    provider: providers.length === 1 ? providers[0] : providers.length > 1 ? 'multiple' : UNKNOWN_PROVIDER,
    model: models.length ? oneOf(models) : null,
    modelReason: reads.find((r) => r.modelReason)?.modelReason,
    maxTokens: max.length === reads.length ? oneOf(max) : null,
  };
}

function fromSettings(ev: Evaluator, key: SettingKey): LlmRead {
  const classes = key === 'llm' ? LLM_CLASSES : EMBEDDING_CLASSES;
  return readObject(ev, settingValue(ev, key), classes, `Settings.${key} is not set in the scanned files`);
}

type Style = 'chat' | 'complete' | 'embed' | 'query' | 'engine-chat' | 'index';

interface Request {
  api: string;
  style: Style;
  kind: CallKind;
  llm: LlmRead;
}

const isSettingsChain = (v: SdkValue, key: SettingKey) => v.steps.length >= 2 && v.steps[0].t === 'get' && v.steps[0].name === 'Settings' && v.steps[1].t === 'get' && v.steps[1].name === key;

function findRequest(ev: Evaluator, callee: SdkValue): Request | null {
  const s = callee.steps;
  const names = s.map((x) => (x.t === 'get' ? x.name : '()'));
  const method = names[names.length - 1];
  // Settings.llm.chat(...), Settings.embedModel.getTextEmbedding(...)
  if (names.length === 3 && isSettingsChain(callee, 'llm') && LLM_METHODS[method]) return { api: `Settings.llm.${method}`, style: LLM_METHODS[method].style, kind: 'chat', llm: fromSettings(ev, 'llm') };
  if (names.length === 3 && isSettingsChain(callee, 'embedModel') && EMBED_METHODS.has(method)) return { api: `Settings.embedModel.${method}`, style: 'embed', kind: 'embedding', llm: fromSettings(ev, 'embedModel') };
  // VectorStoreIndex.fromDocuments(docs): the documents are embedded with Settings.embedModel.
  if (names.length === 2 && names[0] === 'VectorStoreIndex' && method === 'fromDocuments') return { api: 'VectorStoreIndex.fromDocuments', style: 'index', kind: 'embedding', llm: fromSettings(ev, 'embedModel') };
  // index.asQueryEngine(opts).query(...), index.asChatEngine(opts).chat(...)
  const engineAt = names.lastIndexOf(method === 'query' ? 'asQueryEngine' : 'asChatEngine');
  if ((method === 'query' || method === 'chat') && engineAt >= 0 && engineAt === names.length - 3 && s[engineAt + 1].t === 'call') {
    const opts = argValue(ev, (s[engineAt + 1] as Extract<SdkValue['steps'][number], { t: 'call' }>).args, 0);
    const given = prop(opts, 'chatModel') ?? prop(opts, 'llm');
    const llm = present(given) ? readObject(ev, given, LLM_CLASSES, '') : fromSettings(ev, 'llm');
    return method === 'query' ? { api: 'queryEngine.query', style: 'query', kind: 'chat', llm } : { api: 'chatEngine.chat', style: 'engine-chat', kind: 'chat', llm };
  }
  const chain = splitAtNew(callee);
  if (!chain || chain.members.length !== 1) return null;
  const cls = ctorName(chain);
  if (LLM_CLASSES[cls] && LLM_METHODS[method]) return { api: `${cls}.${method}`, style: LLM_METHODS[method].style, kind: 'chat', llm: readObject(ev, { k: 'sdk', module: callee.module, steps: s.slice(0, -1), typed: callee.typed }, LLM_CLASSES, '') };
  if (EMBEDDING_CLASSES[cls] && EMBED_METHODS.has(method)) return { api: `${cls}.${method}`, style: 'embed', kind: 'embedding', llm: readObject(ev, { k: 'sdk', module: callee.module, steps: s.slice(0, -1), typed: callee.typed }, EMBEDDING_CLASSES, '') };
  const engine = ENGINE_CLASSES[cls];
  if (engine && method === engine.api) {
    const opts = chain.typed ? undefined : argValue(ev, chain.ctorArgs, 0);
    const given = engine.llmOption.map((k) => prop(opts, k)).find(present);
    const llm = given ? readObject(ev, given, LLM_CLASSES, '') : fromSettings(ev, 'llm');
    return { api: `${cls}.${method}`, style: engine.api === 'query' ? 'query' : 'engine-chat', kind: 'chat', llm };
  }
  return null;
}

const retrieved: PromptSource = { role: 'system', value: unknown('the retrieved context the engine adds to the prompt', 'context', 'document') };

function promptOf(style: Style, arg: Value | undefined): PromptSource[] {
  if (!present(arg)) return style === 'query' || style === 'engine-chat' ? [retrieved] : [];
  const isObj = arg.k === 'obj';
  switch (style) {
    case 'chat': {
      const messages = isObj ? prop(arg, 'messages') : arg;
      return promptFromMessages(present(messages) && messages.k !== 'arr' && messages.k !== 'unknown' ? unknown('messages known only at run time', 'messages', 'history') : messages);
    }
    case 'complete': {
      const p = isObj ? prop(arg, 'prompt') : arg;
      return present(p) ? [{ role: 'user', value: p }] : [];
    }
    case 'embed':
      return [{ value: arg }];
    case 'index':
      return [{ value: unknown('the documents being indexed', 'documents', 'document') }];
    case 'query': {
      const q = isObj ? prop(arg, 'query') : arg;
      return [retrieved, ...(present(q) ? [{ role: 'user', value: q }] : [])];
    }
    case 'engine-chat': {
      const m = isObj ? prop(arg, 'message') : arg;
      const history = isObj ? prop(arg, 'chatHistory') : undefined;
      return [retrieved, ...promptFromMessages(present(history) ? history : undefined), ...(present(m) ? [{ role: 'user', value: m }] : [])];
    }
  }
}

export const llamaindexAdapter: ProviderAdapter = {
  id: 'llamaindex',
  modules: [...LLAMAINDEX_PACKAGES],
  callNames: [...Object.keys(LLM_METHODS), ...EMBED_METHODS, 'query', 'fromDocuments'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (!LLAMAINDEX_PACKAGES.has(packageName(callee.module))) return null;
    const req = findRequest(ctx.ev, callee);
    if (!req) return null;
    const arg = ctx.arg(0);
    const { llm } = req;
    const isText = req.kind === 'chat';
    return {
      provider: llm.provider,
      sdk: 'llamaindex',
      api: req.api,
      kind: req.kind,
      model: llm.model,
      modelReason: llm.model ? undefined : llm.modelReason || 'an LLM object the scan cannot follow',
      gateway: null,
      baseURL: null,
      prompt: promptOf(req.style, arg),
      maxOutput: { value: isText ? llm.maxTokens : null, option: isText ? 'maxTokens' : '' },
      streaming: arg?.k === 'obj' && isTrue(prop(arg, 'stream')),
      tools: 0,
      tags: [],
    };
  },
};
