import { exactString, options, path, prop, str, unknown, type Value } from '../../resolve/values';
import { firstProp, countItems, isTrue } from '../common';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';
import { LANGCHAIN_MODULES } from './classes';
import { fillTemplate, messagesPrompt } from './prompt';
import { configTags, describe, fromUniversal, type ModelInfo, type Runnable } from './runnable';
import { VECTOR_STORE_CALL_NAMES, VECTOR_STORE_PACKAGES, vectorStoreCall } from './vectorstores';

// LangChain.js: chat models, LLMs and embeddings of the @langchain/* provider packages (and
// @langchain/community), initChatModel, chains built from them (pipe, RunnableSequence.from,
// LLMChain) and agents built on them (LangGraph's createReactAgent, langchain v1's createAgent).
// The callee of `chain.invoke()` starts at the chain's first element (often a prompt template),
// so the model is looked for through the chain's steps and their arguments. Vector stores and
// their retrievers are embedding calls of the embeddings they were built with.

interface MethodSpec {
  input: 'messages' | 'batch' | 'generate' | 'embedQuery' | 'embedDocuments';
  streaming?: boolean;
  kind: 'chat' | 'embedding';
}

const METHODS: Record<string, MethodSpec> = {
  invoke: { input: 'messages', kind: 'chat' },
  stream: { input: 'messages', kind: 'chat', streaming: true },
  streamEvents: { input: 'messages', kind: 'chat', streaming: true },
  streamLog: { input: 'messages', kind: 'chat', streaming: true },
  batch: { input: 'batch', kind: 'chat' },
  // LangChain 0.x model and LLMChain methods, still found in older code.
  call: { input: 'messages', kind: 'chat' },
  predict: { input: 'messages', kind: 'chat' },
  predictMessages: { input: 'messages', kind: 'chat' },
  generate: { input: 'generate', kind: 'chat' },
  embedQuery: { input: 'embedQuery', kind: 'embedding' },
  embedDocuments: { input: 'embedDocuments', kind: 'embedding' },
};

/** What a vector store or its retriever sends: the text it embeds. */
const STORE_SPEC: MethodSpec = { input: 'embedDocuments', kind: 'embedding' };

const MAX_OPTIONS = ['maxTokens', 'maxOutputTokens', 'max_tokens', 'maxCompletionTokens', 'max_completion_tokens', 'numPredict', 'maxNewTokens', 'tokensToGenerate'];
/** Reasoning settings as each class spells them, most specific first. */
const REASONING_PATHS = [
  'reasoning.effort',
  'reasoningEffort',
  'reasoning_effort',
  'thinking.budget_tokens',
  'thinking.type',
  'thinkingBudget',
  'maxReasoningTokens',
  'thinkingConfig.thinkingBudget',
  'thinkingConfig.thinkingLevel',
  'additionalModelRequestFields.thinking.budget_tokens',
  'think',
];
const LANGGRAPH_DEFAULT_LIMIT = "not set in code: LangGraph's default recursionLimit of 25 steps applies";

export const langchainAdapter: ProviderAdapter = {
  id: 'langchain',
  modules: [...new Set([...LANGCHAIN_MODULES, ...VECTOR_STORE_PACKAGES])],
  callNames: [...new Set([...Object.keys(METHODS), ...VECTOR_STORE_CALL_NAMES])],
  match(callee, ctx) {
    const store = vectorStoreCall(callee, ctx);
    if (store) return detection(ctx, store.runnable, store.runnable.model, store.method, STORE_SPEC, undefined);
    const lastStep = callee.steps[callee.steps.length - 1];
    if (!lastStep || lastStep.t !== 'get' || !(lastStep.name in METHODS)) return null;
    const method = lastStep.name;
    const spec = METHODS[method];
    const r = describe(ctx.ev, { ...callee, steps: callee.steps.slice(0, -1) });
    if (!r) return null;
    if (r.shape === 'agent' && !['invoke', 'stream', 'streamEvents', 'batch'].includes(method)) return null;
    let m = r.model;
    if (m && (m.kind === 'embedding') !== (spec.kind === 'embedding')) return null;
    if (!m && r.shape !== 'agent') return null;
    const cfg = spec.input === 'embedQuery' || spec.input === 'embedDocuments' ? undefined : ctx.arg(1);
    if (m?.universal) m = reconfigured(ctx, m, cfg);
    return detection(ctx, r, m, method, spec, cfg);
  },
};

/** A configurable initChatModel picks its model from `config.configurable.model` at the call. */
function reconfigured(ctx: MatchContext, m: ModelInfo, cfg: Value | undefined): ModelInfo {
  const chosen = path(cfg, 'configurable.model');
  if (!chosen || chosen.k === 'nullish') return m;
  return { ...fromUniversal(ctx.ev, chosen, m.fields), tags: m.tags, tools: m.tools };
}

function detection(ctx: MatchContext, r: Runnable, m: ModelInfo | null, method: string, spec: MethodSpec, cfg: Value | undefined): Detection {
  const fields = m?.fields;
  const maxOut = firstProp(fields, MAX_OPTIONS);
  const setting = REASONING_PATHS.map((p) => path(fields, p)).find((v) => v && v.k !== 'nullish') ?? null;
  // Ollama's `think: true` is a switch, not a budget: reported as written.
  const reasoning = setting && setting.k === 'bool' ? str(String(setting.v)) : setting;
  const serviceTier = firstProp(fields, ['service_tier', 'serviceTier'])?.value ?? null;
  const callTools = prop(cfg, 'tools');
  let tools: number | null = m?.tools ?? 0;
  if (callTools && callTools.k !== 'nullish') tools = countItems(callTools);
  if (r.shape === 'agent') tools = r.agentTools ?? null;
  const d: Detection = {
    provider: m?.provider ?? 'unknown',
    sdk: 'langchain',
    api: `${r.shape === 'model' && m ? m.cls : r.name}.${method}`,
    kind: spec.kind,
    model: m?.model ?? null,
    modelReason: m ? m.modelReason : `the model given to ${r.name}() is not known statically`,
    gateway: m?.gateway ?? null,
    baseURL: m?.baseURL ?? null,
    ...(m?.providerInferred ? { providerInferred: true } : {}),
    prompt: promptOf(ctx, r, spec),
    maxOutput: { value: maxOut?.value ?? null, option: maxOut?.name ?? m?.spec?.maxOption ?? (spec.kind === 'chat' ? 'maxTokens' : '') },
    streaming: !!spec.streaming || isTrue(prop(fields, 'streaming')),
    tools,
    reasoning,
    serviceTier,
    tags: [...(m?.tags ?? []), ...r.tags, ...configTags(cfg)],
  };
  if (r.shape === 'agent') {
    const limit = prop(cfg, 'recursionLimit');
    d.maxSteps = limit && limit.k !== 'nullish' ? limit : r.recursionLimit ?? unknown(LANGGRAPH_DEFAULT_LIMIT);
  }
  return d;
}

function promptOf(ctx: MatchContext, r: Runnable, spec: MethodSpec): PromptSource[] {
  const input = ctx.arg(0);
  if (!input) return [];
  if (spec.input === 'embedQuery' || spec.input === 'embedDocuments') return [{ value: input }];
  const many = spec.input === 'batch' || spec.input === 'generate';
  const inputs = many ? (input.k === 'arr' ? input.items : [unknown('inputs of a batch', 'inputs', 'document')]) : [input];
  const out: PromptSource[] = [];
  if (r.shape === 'agent' && r.agentSystem) out.push({ role: 'system', value: r.agentSystem });
  for (const one of inputs) out.push(...promptOfOne(ctx, r, one));
  return out;
}

function promptOfOne(ctx: MatchContext, r: Runnable, input: Value): PromptSource[] {
  if (r.template) return fillTemplate(ctx.ev, r.template, input);
  if (r.shape !== 'chain' || r.inputToModel) return messagesPrompt(ctx.ev, input);
  // A chain whose first step is neither a template nor the model: its input values are what it is given.
  if (input.k === 'obj') return [...input.props.values()].filter((v) => v.k !== 'fn').map((value) => ({ role: 'user', value }));
  return options(input).every((o) => exactString(o) !== null || o.k === 'tpl') ? [{ role: 'user', value: input }] : [{ value: input }];
}
