import { exactString, options, path, prop, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, asPackage, countItems, splitAtNew, tagsFromObject } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter, TagDraft } from '../types';
import { AGENT_MODULE, AGENT_METHODS, matchAgentRuntime } from './agent';
import { nativeBody } from './body';
import { contentParts, messagesPrompt } from './prompt';
import { findOperation, firstPath, profileTags, REASONING, type Surface } from './util';

// `@aws-sdk/client-bedrock-runtime` (v3): `client.send(new ConverseCommand({...}))` on a
// BedrockRuntimeClient, or the aggregated `new BedrockRuntime({...}).converse({...})`.
// ApplyGuardrail, InvokeGuardrailChecks and CountTokens run no model inference (guardrail
// policy units, or free), GetAsyncInvoke/ListAsyncInvokes read earlier results: none is a call site.
// Control-plane calls (ListFoundationModels, CreateAgent...) live in `@aws-sdk/client-bedrock` and
// `@aws-sdk/client-bedrock-agent` and never match. Knowledge bases, agents and flows: ./agent.ts.

const MODULE = '@aws-sdk/client-bedrock-runtime';

type Style = 'converse' | 'invoke' | 'bidi' | 'async';

interface OpSpec {
  api: string;
  style: Style;
  streaming?: boolean;
}

const COMMANDS: Record<string, OpSpec> = {
  ConverseCommand: { api: 'Converse', style: 'converse' },
  ConverseStreamCommand: { api: 'ConverseStream', style: 'converse', streaming: true },
  InvokeModelCommand: { api: 'InvokeModel', style: 'invoke' },
  InvokeModelWithResponseStreamCommand: { api: 'InvokeModelWithResponseStream', style: 'invoke', streaming: true },
  InvokeModelWithBidirectionalStreamCommand: { api: 'InvokeModelWithBidirectionalStream', style: 'bidi', streaming: true },
  StartAsyncInvokeCommand: { api: 'StartAsyncInvoke', style: 'async' },
};

/** Methods of the aggregated `BedrockRuntime` client, by the command each one sends. */
const METHODS: Record<string, string> = {
  converse: 'ConverseCommand',
  converseStream: 'ConverseStreamCommand',
  invokeModel: 'InvokeModelCommand',
  invokeModelWithResponseStream: 'InvokeModelWithResponseStreamCommand',
  invokeModelWithBidirectionalStream: 'InvokeModelWithBidirectionalStreamCommand',
  startAsyncInvoke: 'StartAsyncInvokeCommand',
};

const RUNTIME: Surface<OpSpec> = { module: MODULE, clientClasses: new Set(['BedrockRuntimeClient', 'BedrockRuntime']), commands: COMMANDS, methods: METHODS };

/** What an InvokeModel does, from the model id: the native body differs per model family. */
function kindFromModel(model: Value | null, style: Style): CallKind {
  if (style === 'converse') return 'chat';
  if (style === 'bidi') return 'audio';
  const ids = model ? options(model).map((o) => exactString(o)) : [];
  const known = ids.filter((s): s is string => s !== null).map((s) => s.toLowerCase());
  const fallback: CallKind = style === 'async' ? 'other' : 'chat';
  if (!known.length) return fallback;
  const kinds = new Set<CallKind>(known.map((id) => (/embed/.test(id) ? 'embedding' : /stability\.|titan-image|nova-canvas|stable-/.test(id) ? 'image' : /nova-sonic/.test(id) ? 'audio' : fallback)));
  return kinds.size === 1 ? [...kinds][0] : fallback;
}

function conversePrompt(input: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  contentParts('system', prop(input, 'system'), out);
  messagesPrompt(prop(input, 'messages'), out);
  return out;
}

/** Prompt fields of the native bodies: Anthropic, Nova, Titan, Llama, Mistral, Cohere, AI21, Stability. */
function nativePrompt(body: Value | null): PromptSource[] {
  if (!body) return [];
  const out: PromptSource[] = [];
  contentParts('system', prop(body, 'system') ?? prop(body, 'preamble'), out);
  messagesPrompt(prop(body, 'chat_history'), out);
  messagesPrompt(prop(body, 'messages'), out);
  for (const key of ['prompt', 'inputText', 'message', 'textToImageParams.text', 'textToVideoParams.text']) {
    const v = path(body, key);
    if (present(v)) out.push({ role: 'user', value: v });
  }
  const texts = prop(body, 'texts');
  if (present(texts)) out.push({ value: texts });
  const imagePrompts = prop(body, 'text_prompts');
  if (present(imagePrompts)) messagesPrompt(imagePrompts, out);
  return out;
}

/** Max output of the native bodies, with the option's path inside the body. */
const NATIVE_MAX = ['max_tokens', 'max_gen_len', 'max_new_tokens', 'maxTokens', 'max_completion_tokens', 'textGenerationConfig.maxTokenCount', 'inferenceConfig.max_new_tokens', 'inferenceConfig.maxTokens'];

/** Prompt caching: Converse `cachePoint` blocks or Anthropic `cache_control`, anywhere in the request. */
function usesCache(v: Value | null | undefined, depth = 0): boolean {
  if (!v || depth > 6) return false;
  if (v.k === 'obj') {
    for (const [k, val] of v.props) if (k === 'cachePoint' || k === 'cache_control' || usesCache(val, depth + 1)) return true;
    return false;
  }
  if (v.k === 'arr') return v.items.some((i) => usesCache(i, depth + 1));
  if (v.k === 'oneOf') return v.options.some((o) => usesCache(o, depth + 1));
  return false;
}

function asyncTags(list: Value | undefined): TagDraft[] {
  if (!present(list) || list.k !== 'arr') return [];
  return list.items.map((t) => ({ key: exactString(prop(t, 'key')) ?? '*', value: prop(t, 'value') ?? { k: 'unknown', reason: 'set at run time' }, mechanism: 'bedrock.asyncInvoke.tags', reachesBill: false }));
}

function opaqueBody(v: Value, where: string): Value {
  const reason = v.k === 'unknown' ? v.reason : 'a request body built at run time';
  return { k: 'unknown', reason, expr: where, hint: 'document' };
}

function serviceTierOf(input: Value | undefined): Value | null {
  const tier = prop(input, 'serviceTier');
  if (!present(tier)) return null;
  const type = prop(tier, 'type');
  return present(type) ? type : tier;
}

export const bedrockAdapter: ProviderAdapter = {
  id: 'bedrock',
  modules: [MODULE, AGENT_MODULE],
  callNames: ['send', ...Object.keys(METHODS), ...Object.keys(AGENT_METHODS)],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    callee = asPackage(callee);
    if (callee.module === AGENT_MODULE) return matchAgentRuntime(callee, ctx);
    if (callee.module !== MODULE) return null;
    const op = findOperation(callee, ctx, RUNTIME);
    if (!op) return null;
    const chain = splitAtNew(callee)!;
    const { spec, inputArg } = op;
    const input = inputArg && !inputArg.spread ? ctx.ev.argValue(inputArg) : undefined;
    const clientOpts = argValue(ctx.ev, chain.ctorArgs, 0);

    const modelId = prop(input, 'modelId');
    const model = present(modelId) ? modelId : null;
    const tags: TagDraft[] = [...profileTags(model)];
    const base = {
      provider: 'bedrock',
      sdk: 'aws-bedrock-runtime',
      api: spec.api,
      kind: kindFromModel(model, spec.style),
      model,
      gateway: null,
      baseURL: prop(clientOpts, 'endpoint') ?? null,
      streaming: !!spec.streaming,
      serviceTier: serviceTierOf(input),
      tags,
    };

    if (spec.style === 'converse') {
      tags.push(...tagsFromObject(prop(input, 'requestMetadata'), 'bedrock.requestMetadata', false));
      const extra = prop(input, 'additionalModelRequestFields');
      const max = path(input, 'inferenceConfig.maxTokens');
      return {
        ...base,
        prompt: conversePrompt(input),
        maxOutput: { value: present(max) ? max : null, option: 'inferenceConfig.maxTokens' },
        tools: present(path(input, 'toolConfig.tools')) ? countItems(path(input, 'toolConfig.tools')) : 0,
        reasoning: firstPath(extra, REASONING)?.value ?? null,
        cacheControl: usesCache(prop(input, 'system')) || usesCache(prop(input, 'messages')) || usesCache(prop(input, 'toolConfig')),
      };
    }
    if (spec.style === 'bidi') {
      return { ...base, prompt: [], maxOutput: { value: null, option: '' }, tools: null };
    }
    // StartAsyncInvoke takes the native body as a document; InvokeModel as stringified bytes.
    const body = spec.style === 'async' ? prop(input, 'modelInput') ?? null : nativeBody(ctx, inputArg, input);
    if (spec.style === 'async') tags.push(...asyncTags(prop(input, 'tags')));
    const where = spec.style === 'async' ? 'modelInput' : 'body';
    const max = firstPath(body, NATIVE_MAX);
    const tools = body ? prop(body, 'tools') : undefined;
    const opaque = prop(input, where);
    // A body we cannot read is still sent: name it rather than report an empty prompt.
    const prompt = body ? nativePrompt(body) : present(opaque) ? [{ value: opaqueBody(opaque, where) }] : [];
    return {
      ...base,
      prompt,
      maxOutput: { value: max?.value ?? null, option: `${where}.${max?.name ?? 'max_tokens'}` },
      tools: present(tools) ? countItems(tools) : body ? 0 : null,
      reasoning: firstPath(body, REASONING)?.value ?? null,
      cacheControl: usesCache(body),
    };
  },
};
