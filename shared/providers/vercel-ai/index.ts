import { oneOf, options, prop, unknown, type SdkValue, type Value, present } from '../../resolve/values';
import { packageName } from '../../project/imports';
import { argValue, countItems, firstProp, promptFromMessages, splitAtNew, type ClientChain } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';
import { isTestDouble, ModelReader, type ModelInfo } from './models';
import { documentCount, maySearch, searchTools } from '../billed-options';
import { asksOneHourCache } from '../cache-ttl';
import { cacheControlOf, callTags, candidatesOf, field, imageOptionsOf, maxStepsOf, providerOptionsOf, reasoningOf, serviceTierOf } from './options';

// The Vercel AI SDK (`ai`, v3 to v7; `ai/rsc` and `@ai-sdk/rsc` for streamUI). Requests are sent by
// free functions (generateText, embed, ...) and by agent objects; the provider is whoever the
// `model` option belongs to (see models.ts).

type Style = 'text' | 'embed' | 'embedMany' | 'image' | 'speech' | 'transcribe' | 'rerank' | 'video' | 'batch';

interface ApiSpec {
  kind: CallKind;
  style: Style;
  streaming?: boolean;
}

const text = (streaming = false): ApiSpec => ({ kind: 'chat', style: 'text', streaming });

const FUNCTIONS: Record<string, ApiSpec> = {
  generateText: text(),
  streamText: text(true),
  generateObject: text(),
  streamObject: text(true),
  // AI SDK 3.0 names.
  experimental_generateText: text(),
  experimental_streamText: text(true),
  experimental_generateObject: text(),
  experimental_streamObject: text(true),
  experimental_streamLanguageModelCall: text(true),
  streamUI: text(true),
  embed: { kind: 'embedding', style: 'embed' },
  embedMany: { kind: 'embedding', style: 'embedMany' },
  generateImage: { kind: 'image', style: 'image' },
  experimental_generateImage: { kind: 'image', style: 'image' },
  generateSpeech: { kind: 'audio', style: 'speech' },
  experimental_generateSpeech: { kind: 'audio', style: 'speech' },
  transcribe: { kind: 'audio', style: 'transcribe' },
  experimental_transcribe: { kind: 'audio', style: 'transcribe' },
  experimental_streamTranscribe: { kind: 'audio', style: 'transcribe', streaming: true },
  experimental_streamTranslate: { kind: 'audio', style: 'transcribe', streaming: true },
  rerank: { kind: 'other', style: 'rerank' },
  experimental_generateVideo: { kind: 'other', style: 'video' },
  experimental_startVideo: { kind: 'other', style: 'video' },
  experimental_startTextBatch: { kind: 'batch', style: 'batch' },
};

/** Agent classes: v5 `Experimental_Agent`, v6+ `ToolLoopAgent` (Experimental_Agent is its alias). */
const AGENT_CLASSES = new Set(['ToolLoopAgent', 'Experimental_Agent', 'Agent']);
const AGENT_METHODS: Record<string, boolean> = { generate: false, stream: true };
/** v6+ helpers that stream an agent's answer to a UI: each runs `agent.stream(...)`. */
const AGENT_UI_FUNCTIONS = new Set(['createAgentUIStreamResponse', 'createAgentUIStream', 'pipeAgentUIStreamToResponse']);
/** Default step bound of an agent without stopWhen. */
const AGENT_DEFAULT_STEPS: Record<string, Value> = {
  ToolLoopAgent: num(20, 'default of ToolLoopAgent (stopWhen: stepCountIs(20))'),
  Experimental_Agent: oneOf([num(1, 'default of Experimental_Agent in AI SDK 5'), num(20, 'default of Experimental_Agent in AI SDK 6+')]),
  Agent: oneOf([num(1, 'default of Experimental_Agent in AI SDK 5'), num(20, 'default of Experimental_Agent in AI SDK 6+')]),
};

const MODULES = ['ai', '@ai-sdk/rsc'];
/** streamUI lives in `ai/rsc` (v3, v4) and `@ai-sdk/rsc` (v5+); everything else in `ai` itself. */
const RSC_MODULES = new Set(['ai/rsc', '@ai-sdk/rsc']);

/** A call the AI SDK makes for the user: the options object and, for agents, the class and its settings. */
interface Request {
  api: string;
  spec: ApiSpec;
  body: Value | undefined;
  agentClass?: string;
  /** An agent that is a parameter typed with the class: its settings are set where it is created. */
  typedAgent?: boolean;
}

function findRequest(callee: SdkValue, ctx: MatchContext): Request | null {
  const first = callee.steps[0];
  if (!first || first.t !== 'get') return null;
  if (RSC_MODULES.has(callee.module)) return callee.steps.length === 1 && first.name === 'streamUI' ? { api: 'streamUI', spec: FUNCTIONS.streamUI, body: ctx.arg(0) } : null;
  // Models and providers from @ai-sdk/* packages are not call sites: their methods run inside the SDK.
  if (packageName(callee.module) !== 'ai') return null;
  if (callee.steps.length === 1) {
    const spec = first.name === 'streamUI' ? undefined : FUNCTIONS[first.name];
    if (spec) return { api: first.name, spec, body: ctx.arg(0) };
    if (AGENT_UI_FUNCTIONS.has(first.name)) return agentUiRequest(first.name, ctx);
    return null;
  }
  const chain = splitAtNew(callee);
  if (!chain || chain.members.length !== 1 || !(chain.members[0] in AGENT_METHODS)) return null;
  const cls = chain.ctor.filter((n) => n !== 'default').pop() ?? '';
  if (!AGENT_CLASSES.has(cls)) return null;
  const method = chain.members[0];
  return { api: `${cls}.${method}`, spec: text(AGENT_METHODS[method]), body: mergeOptions(agentSettings(ctx, chain, cls), ctx.arg(0)), agentClass: cls, typedAgent: chain.typed };
}

/** createAgentUIStreamResponse({ agent, uiMessages }): the agent's settings with the UI's messages. */
function agentUiRequest(api: string, ctx: MatchContext): Request | null {
  const opts = ctx.arg(0);
  const agent = prop(opts, 'agent');
  const sdk = agent && options(agent).find((o): o is SdkValue => o.k === 'sdk' && packageName(o.module) === 'ai');
  const chain = sdk ? splitAtNew(sdk) : null;
  const cls = chain?.ctor.filter((n) => n !== 'default').pop() ?? '';
  if (!chain || chain.members.length || !AGENT_CLASSES.has(cls)) return null;
  const call: Value = { k: 'obj', props: new Map([['messages', prop(opts, 'uiMessages') ?? { k: 'nullish' }]]) };
  return { api, spec: text(true), body: mergeOptions(agentSettings(ctx, chain, cls), call), agentClass: cls, typedAgent: chain.typed };
}

/** The constructor options of an agent; for a parameter typed with the class, only that its model is not known here. */
function agentSettings(ctx: MatchContext, chain: ClientChain, cls: string): Value | undefined {
  if (chain.typed) return { k: 'obj', props: new Map([['model', unknown(`the model of a ${cls} passed in at run time`)]]) };
  return argValue(ctx.ev, chain.ctorArgs, 0);
}

/** Agent settings overridden by the options of one call, as the SDK spreads them. */
function mergeOptions(settings: Value | undefined, call: Value | undefined): Value | undefined {
  if (!settings) return call;
  if (!call) return settings;
  if (settings.k !== 'obj' || call.k !== 'obj') return call.k === 'obj' ? { ...call, open: call.open ?? 'agent settings known only at run time' } : settings;
  const props = new Map(settings.props);
  for (const [k, v] of call.props) if (v.k !== 'nullish') props.set(k, v);
  const open = call.open ?? settings.open;
  return open ? { k: 'obj', props, open } : { k: 'obj', props };
}

function systemParts(v: Value | undefined): PromptSource[] {
  if (!present(v)) return [];
  // SystemModelMessage objects (v6+) or a plain string.
  if (options(v).some((o) => o.k === 'obj' || o.k === 'arr')) return promptFromMessages(v).map((p) => ({ ...p, role: p.role ?? 'system' }));
  return [{ role: 'system', value: v }];
}

/** Messages read from a request or another package at run time are conversation history of unknown size. */
function history(v: Value | undefined): Value | undefined {
  if (!present(v)) return undefined;
  return oneOf(options(v).map((o) => (o.k === 'sdk' ? unknown('messages known only at run time', 'messages', 'history') : o)));
}

function userText(v: Value | undefined): PromptSource[] {
  if (!present(v)) return [];
  // generateImage / generateVideo (v6+) accept { text, images }.
  const t = field(v, 'text');
  return [{ role: 'user', value: present(t) ? t : v }];
}

function promptOf(style: Style, body: Value | undefined): PromptSource[] {
  switch (style) {
    case 'text': {
      const out: PromptSource[] = [...systemParts(prop(body, 'instructions')), ...systemParts(prop(body, 'system'))];
      const p = prop(body, 'prompt');
      if (present(p)) out.push(...(p.k === 'arr' ? promptFromMessages(p) : [{ role: 'user', value: p }]));
      out.push(...promptFromMessages(history(prop(body, 'messages'))));
      return out;
    }
    case 'embed': {
      const v = prop(body, 'value');
      return present(v) ? [{ value: v }] : [];
    }
    case 'embedMany': {
      const v = prop(body, 'values');
      return present(v) ? [{ value: v }] : [];
    }
    case 'image':
    case 'video':
      return userText(prop(body, 'prompt'));
    case 'speech': {
      const t = prop(body, 'text');
      return [...systemParts(prop(body, 'instructions')), ...(present(t) ? [{ value: t }] : [])];
    }
    case 'rerank': {
      const q = prop(body, 'query');
      const docs = prop(body, 'documents');
      return [...(present(q) ? [{ role: 'user', value: q }] : []), ...(present(docs) ? [{ value: docs }] : [])];
    }
    case 'batch':
      return batchItems(body).flatMap((item) => promptOf('text', item));
    default:
      return [];
  }
}

/** experimental_startTextBatch({ requests: [{ id, prompt, maxOutputTokens }, ...] }) */
function batchItems(body: Value | undefined): Value[] {
  const reqs = prop(body, 'requests');
  return reqs?.k === 'arr' ? reqs.items.filter((i) => i.k === 'obj') : [];
}

function num(v: number, note: string): Value {
  return { k: 'num', v, note };
}

export const vercelAiAdapter: ProviderAdapter = {
  id: 'vercel-ai',
  modules: MODULES,
  callNames: [...Object.keys(FUNCTIONS), ...AGENT_UI_FUNCTIONS, ...Object.keys(AGENT_METHODS)],
  match(callee, ctx) {
    const req = findRequest(callee, ctx);
    if (!req) return null;
    const { spec, body } = req;
    const modelValue = prop(body, 'model');
    if (isTestDouble(modelValue)) return null;
    const info: ModelInfo = new ModelReader(ctx.ev).read(modelValue);
    const isText = spec.style === 'text' || spec.style === 'batch';
    const items = batchItems(body);
    const maxOut = isText ? firstProp(spec.style === 'batch' ? (items.length ? oneOf(items) : undefined) : body, ['maxOutputTokens', 'maxTokens']) : null;
    const tools = field(body, 'tools');
    let maxSteps = maxStepsOf(ctx.ev, body);
    if (!maxSteps && req.typedAgent) maxSteps = unknown('the step bound of an agent passed in at run time (set where it is created)');
    else if (!maxSteps && req.agentClass) maxSteps = AGENT_DEFAULT_STEPS[req.agentClass];
    const detection: Detection = {
      provider: info.provider,
      sdk: 'vercel-ai',
      api: req.api,
      kind: spec.kind,
      model: info.model,
      modelReason: info.model ? undefined : info.modelReason,
      gateway: info.gateway,
      baseURL: info.baseURL,
      prompt: promptOf(spec.style, body),
      maxOutput: { value: maxOut?.value ?? null, option: maxOut?.name ?? (isText ? 'maxOutputTokens' : '') },
      streaming: !!spec.streaming,
      tools: present(tools) ? countItems(tools) : 0,
      reasoning: reasoningOf(body, info.settings, info.provider),
      cacheControl: cacheControlOf(body, info.settings),
      batch: spec.style === 'batch',
      serviceTier: serviceTierOf(body, info.provider),
      tags: [...info.tags, ...callTags(body, info.settings)],
    };
    if (maxSteps) detection.maxSteps = maxSteps;
    if (spec.style === 'image') detection.image = imageOptionsOf(body, info.provider);
    if (spec.style === 'rerank') {
      const documents = documentCount(prop(body, 'documents'));
      if (documents) detection.documents = documents;
    }
    const search = isText && maySearch(ctx.call.getSourceFile()) ? searchTools(tools, ctx.ev) : [];
    if (search.length) detection.search = search;
    const candidates = candidatesOf(body, info.provider);
    if (candidates) detection.candidates = candidates;
    if (asksOneHourCache(providerOptionsOf(body)) || asksOneHourCache(field(body, 'messages')) || asksOneHourCache(field(body, 'system')) || asksOneHourCache(field(body, 'prompt'))) detection.cacheTtl1h = true;
    return detection;
  },
};
