import { imageDraft, searchTools, webSearchOptions } from '../billed-options';
import { exactString, LazyProps, oneOf, options, prop, str, unknown, type Arg, type SdkValue, type Value, present } from '../../resolve/values';
import { tsf } from '../../tsf';
import { packageName } from '../../project/imports';
import { argValue, asPackage, countItems, ctorName, memberTails, firstProp, isTrue, promptFromMessages, splitAtNew, tagsFromHeaders, tagsFromList, tagsFromObject } from '../common';
import { providerFromModelName, providerFromModelPrefix, providerFromURL, providerFromUrlTemplate } from '../hosts';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter, TagDraft } from '../types';
import { runAssistant } from './assistants';
import { NO_SESSION_MODEL, REALTIME_MODULES, REALTIME_SESSION_APIS, realtimeBetaConnect, sessionFacts, socketResponse } from './realtime';
import { isPortkeyGatewayURL, PORTKEY_MODULE, portkeyClientOptions, portkeyHeaderOptions, portkeyProvider, portkeyTags, type PortkeyOptions } from './portkey';

// The `openai` package (v4 to v6): OpenAI, AzureOpenAI, and the same client pointed at any
// OpenAI-compatible host through baseURL. Also clients wrapped for tracing (Langfuse, LangSmith)
// and Portkey's OpenAI-shaped SDK and createHeaders() (see portkey.ts). Other vendors' SDKs of the
// same shape are read through this adapter by shared/providers/openai-shaped.

interface ApiSpec {
  kind: CallKind;
  style: 'chat' | 'responses' | 'completions' | 'embeddings' | 'images' | 'transcription' | 'speech' | 'moderation' | 'batch' | 'run' | 'video' | 'realtime';
  streaming?: boolean;
  agent?: boolean;
  defaultModel?: string;
}

const APIS: Record<string, ApiSpec> = {
  'chat.completions.create': { kind: 'chat', style: 'chat' },
  'chat.completions.parse': { kind: 'chat', style: 'chat' },
  'chat.completions.stream': { kind: 'chat', style: 'chat', streaming: true },
  'chat.completions.runTools': { kind: 'chat', style: 'chat', agent: true },
  'beta.chat.completions.parse': { kind: 'chat', style: 'chat' },
  'beta.chat.completions.stream': { kind: 'chat', style: 'chat', streaming: true },
  'beta.chat.completions.runTools': { kind: 'chat', style: 'chat', agent: true },
  'beta.chat.completions.runFunctions': { kind: 'chat', style: 'chat', agent: true },
  'responses.create': { kind: 'chat', style: 'responses' },
  'responses.stream': { kind: 'chat', style: 'responses', streaming: true },
  'responses.parse': { kind: 'chat', style: 'responses' },
  'completions.create': { kind: 'chat', style: 'completions' },
  'embeddings.create': { kind: 'embedding', style: 'embeddings' },
  'images.generate': { kind: 'image', style: 'images', defaultModel: 'dall-e-2' },
  'images.edit': { kind: 'image', style: 'images', defaultModel: 'dall-e-2' },
  'images.createVariation': { kind: 'image', style: 'images', defaultModel: 'dall-e-2' },
  'audio.transcriptions.create': { kind: 'audio', style: 'transcription' },
  'audio.translations.create': { kind: 'audio', style: 'transcription' },
  'audio.speech.create': { kind: 'audio', style: 'speech' },
  'moderations.create': { kind: 'moderation', style: 'moderation', defaultModel: 'omni-moderation-latest' },
  'batches.create': { kind: 'batch', style: 'batch' },
  'beta.threads.runs.create': { kind: 'chat', style: 'run' },
  'beta.threads.runs.createAndPoll': { kind: 'chat', style: 'run' },
  'beta.threads.runs.stream': { kind: 'chat', style: 'run', streaming: true },
  'beta.threads.runs.createAndStream': { kind: 'chat', style: 'run', streaming: true },
  'beta.threads.createAndRun': { kind: 'chat', style: 'run' },
  'beta.threads.createAndRunPoll': { kind: 'chat', style: 'run' },
  'beta.threads.createAndRunStream': { kind: 'chat', style: 'run', streaming: true },
  // Resuming a run after tool calls bills another model turn.
  'beta.threads.runs.submitToolOutputs': { kind: 'chat', style: 'run' },
  'beta.threads.runs.submitToolOutputsAndPoll': { kind: 'chat', style: 'run' },
  'beta.threads.runs.submitToolOutputsStream': { kind: 'chat', style: 'run', streaming: true },
  // A realtime session minted for a browser or phone call; its kind follows the session's output modalities.
  'realtime.clientSecrets.create': { kind: 'audio', style: 'realtime', streaming: true },
  'realtime.sessions.create': { kind: 'audio', style: 'realtime', streaming: true },
  'beta.realtime.sessions.create': { kind: 'audio', style: 'realtime', streaming: true },
  'videos.create': { kind: 'other', style: 'video', defaultModel: 'sora-2' },
  'videos.createAndPoll': { kind: 'other', style: 'video', defaultModel: 'sora-2' },
};

/** Packages whose client is the OpenAI client (Portkey's SDK extends it). */
const CLIENT_PACKAGES = new Set(['openai', 'portkey-ai']);
/** `PORTKEY_GATEWAY_URL`'s value in portkey-ai (src/constants.ts). */
const PORTKEY_GATEWAY: Value = { k: 'str', v: 'https://api.portkey.ai/v1', note: '`PORTKEY_GATEWAY_URL` of portkey-ai' };

const CLIENT_CLASSES = new Set(['OpenAI', 'AzureOpenAI', 'default', 'Portkey', 'OpenAIApi']);

/**
 * The v3 SDK (`new OpenAIApi(new Configuration({...}))`), still in many apps: one method per endpoint.
 * Transcription and translation take positional arguments: (file, model, ...).
 */
const V3_APIS: Record<string, ApiSpec & { modelArg?: number }> = {
  createChatCompletion: { kind: 'chat', style: 'chat' },
  createCompletion: { kind: 'chat', style: 'completions' },
  createEdit: { kind: 'chat', style: 'completions' },
  createEmbedding: { kind: 'embedding', style: 'embeddings' },
  createImage: { kind: 'image', style: 'images', defaultModel: 'dall-e-2' },
  createImageEdit: { kind: 'image', style: 'images', defaultModel: 'dall-e-2' },
  createImageVariation: { kind: 'image', style: 'images', defaultModel: 'dall-e-2' },
  createTranscription: { kind: 'audio', style: 'transcription', modelArg: 1 },
  createTranslation: { kind: 'audio', style: 'transcription', modelArg: 1 },
  createModeration: { kind: 'moderation', style: 'moderation', defaultModel: 'text-moderation-latest' },
};
const WRAPPERS: Record<string, string> = { observeOpenAI: 'langfuse', wrapOpenAI: 'langsmith', wrapSDK: 'langsmith' };

/** `observeOpenAI(client, {...}).chat...` → the client's own chain, plus the wrapper's tags. */
export function unwrapTracing(v: SdkValue, ctx: MatchContext): { sdk: SdkValue; tags: TagDraft[] } | null {
  const first = v.steps[0];
  const second = v.steps[1];
  if (!first || first.t !== 'get' || !(first.name in WRAPPERS) || !second || second.t !== 'call') return null;
  const inner = second.args[0] ? ctx.ev.argValue(second.args[0]) : undefined;
  const target = inner && options(inner).find((o): o is SdkValue => o.k === 'sdk');
  if (!target) return null;
  const tags: TagDraft[] = [];
  const cfg = second.args[1] ? ctx.ev.argValue(second.args[1]) : undefined;
  const mech = WRAPPERS[first.name];
  if (cfg) {
    tags.push(...tagsFromObject(prop(cfg, 'metadata'), `${mech}.metadata`, false));
    tags.push(...tagsFromList(prop(cfg, 'tags'), `${mech}.tags`, false));
    for (const [k, key] of [['userId', 'user'], ['sessionId', 'session'], ['generationName', 'generation'], ['name', 'name']] as const) {
      const val = prop(cfg, k);
      if (val && val.k !== 'nullish') tags.push({ key, value: val, mechanism: `${mech}.${k}`, reachesBill: false });
    }
  }
  return { sdk: { k: 'sdk', module: target.module, steps: [...target.steps, ...v.steps.slice(2)], typed: target.typed }, tags };
}

/** Who bills a call made with an OpenAI-shaped client, from its class and baseURL. */
export function clientProvider(cls: string, baseURL: Value | null, module: string): { provider: string; gateway: string | null } {
  if (cls === 'AzureOpenAI') return { provider: 'azure-openai', gateway: null };
  if (module === 'portkey-ai') return { provider: 'openai', gateway: 'portkey' };
  if (!baseURL) return { provider: 'openai', gateway: null };
  const infos = options(baseURL).map((o) => {
    const s = exactString(o);
    if (s !== null) return providerFromURL(s);
    return o.k === 'tpl' ? providerFromUrlTemplate(o.parts) : null;
  });
  const known = infos.filter((i): i is NonNullable<typeof i> => !!i);
  if (!known.length) return { provider: 'openai-compatible', gateway: null };
  const providers = new Set(known.map((k) => k.provider));
  if (providers.size === 1 && known.length === infos.length) return { provider: known[0].provider, gateway: known[0].gateway };
  return { provider: 'openai-compatible', gateway: null };
}

function chatPrompt(spec: ApiSpec, body: Value | undefined): PromptSource[] {
  if (!body) return [];
  switch (spec.style) {
    case 'chat':
      return promptFromMessages(prop(body, 'messages'));
    case 'responses': {
      const out: PromptSource[] = [];
      const instr = prop(body, 'instructions');
      if (instr && instr.k !== 'nullish') out.push({ role: 'system', value: instr });
      const input = prop(body, 'input');
      if (input && input.k === 'arr') out.push(...promptFromMessages(input));
      else if (input && input.k !== 'nullish') out.push({ role: 'user', value: input });
      return out;
    }
    case 'completions':
    case 'images': {
      const p = prop(body, 'prompt');
      return p && p.k !== 'nullish' ? [{ role: 'user', value: p }] : [];
    }
    case 'embeddings':
    case 'moderation': {
      const p = prop(body, 'input');
      return p && p.k !== 'nullish' ? [{ value: p }] : [];
    }
    case 'speech': {
      const p = prop(body, 'input');
      return p && p.k !== 'nullish' ? [{ value: p }] : [];
    }
    case 'run': {
      const out: PromptSource[] = [];
      for (const k of ['instructions', 'additional_instructions']) {
        const v = prop(body, k);
        if (v && v.k !== 'nullish') out.push({ role: 'system', value: v });
      }
      out.push(...promptFromMessages(prop(body, 'additional_messages')));
      return out;
    }
    default:
      return [];
  }
}

export const MAX_OUTPUT_OPTION: Record<ApiSpec['style'], string[]> = {
  chat: ['max_completion_tokens', 'max_tokens'],
  responses: ['max_output_tokens'],
  completions: ['max_tokens'],
  run: ['max_completion_tokens'],
  embeddings: [],
  images: [],
  transcription: [],
  speech: [],
  moderation: [],
  batch: [],
  video: [],
  realtime: ['max_output_tokens', 'max_response_output_tokens'],
};

/** v3: the options live in the Configuration object passed to OpenAIApi; `basePath` is its baseURL. */
function v3Options(ctx: MatchContext, ctorArgs: Arg[]): Value | undefined {
  const config = argValue(ctx.ev, ctorArgs, 0);
  const cfg = config && options(config).find((o): o is SdkValue => o.k === 'sdk');
  const cfgChain = cfg ? splitAtNew(cfg) : null;
  const raw = cfgChain ? argValue(ctx.ev, cfgChain.ctorArgs, 0) : config;
  if (!raw) return raw;
  const props = new LazyProps();
  const basePath = prop(raw, 'basePath');
  if (basePath) props.set('baseURL', basePath);
  for (const k of ['organization', 'project']) {
    const v = prop(raw, k);
    if (v) props.set(k, v);
  }
  const headers = prop(prop(raw, 'baseOptions'), 'headers');
  if (headers) props.set('defaultHeaders', headers);
  return { k: 'obj', props };
}

/** The index of the last object-literal argument: the request body whatever the SDK version's signature. */
function lastObjectArg(ctx: MatchContext): number {
  for (let i = ctx.call.arguments.length - 1; i >= 0; i--) if (ctx.call.arguments[i].kind === tsf.SyntaxKind.ObjectLiteralExpression) return i;
  return 1;
}

export const openaiAdapter: ProviderAdapter = {
  id: 'openai',
  modules: ['openai', 'portkey-ai', 'langfuse', '@langfuse/openai', 'langsmith', ...REALTIME_MODULES],
  // `send` and `connect` only count in files that import the package: realtime sockets' turns and RealtimeClient sessions.
  prefilterCalls: [...memberTails(Object.keys(APIS)), ...Object.keys(V3_APIS), 'send', 'connect'],
  callNames: [
    'create',
    'parse',
    'stream',
    'runTools',
    'runFunctions',
    'generate',
    'edit',
    'createVariation',
    'createAndPoll',
    'createAndStream',
    'createAndRun',
    'createAndRunPoll',
    'createAndRunStream',
    'submitToolOutputs',
    'submitToolOutputsAndPoll',
    'submitToolOutputsStream',
    'send',
    'connect',
    ...Object.keys(V3_APIS),
  ],
  match(callee, ctx) {
    if (REALTIME_MODULES.includes(callee.module)) return realtimeBetaConnect(callee, ctx);
    if (packageName(callee.module) === 'openai') {
      const turn = socketResponse(callee, ctx);
      if (turn) return turn;
    }
    let sdk = asPackage(callee);
    const extraTags: TagDraft[] = [];
    if (!CLIENT_PACKAGES.has(sdk.module)) {
      const unwrapped = unwrapTracing(sdk, ctx);
      if (!unwrapped || !CLIENT_PACKAGES.has(packageName(unwrapped.sdk.module))) return null;
      sdk = asPackage(unwrapped.sdk);
      extraTags.push(...unwrapped.tags);
    }
    const chain = splitAtNew(sdk);
    if (!chain) return null;
    const cls = ctorName(chain);
    if (!CLIENT_CLASSES.has(cls)) return null;
    const api = chain.members.join('.');
    const v3 = cls === 'OpenAIApi' ? V3_APIS[api] : undefined;
    const spec = cls === 'OpenAIApi' ? v3 : APIS[api];
    if (!spec) return null;

    const clientOpts = v3 ? v3Options(ctx, chain.ctorArgs) : argValue(ctx.ev, chain.ctorArgs, 0);
    const writtenBaseURL = firstProp(clientOpts, ['baseURL', 'baseUrl'])?.value ?? null;
    const baseURL = writtenBaseURL && isPortkeyGatewayURL(writtenBaseURL) ? PORTKEY_GATEWAY : writtenBaseURL;
    const endpoint = cls === 'AzureOpenAI' ? firstProp(clientOpts, ['endpoint'])?.value ?? null : null;
    const { provider: clientProv, gateway } = clientProvider(cls, baseURL, sdk.module);
    // runs.create(threadId, body, options); everything else: (body, options).
    const bodyIndex = spec.style === 'run' && chain.members[2] === 'runs' ? (chain.members[3]?.startsWith('submitToolOutputs') ? lastObjectArg(ctx) : 1) : 0;
    // v3's positional endpoints (file, model, ...) have no body object.
    const body = v3?.modelArg !== undefined ? undefined : ctx.arg(bodyIndex);
    // A body known only at run time tells nothing about tags: do not invent `*` tags from it.
    const tagBody = body && body.k !== 'unknown' ? body : undefined;
    const reqOpts = ctx.arg(bodyIndex + 1);

    let model: Value | null = (v3?.modelArg !== undefined ? ctx.arg(v3.modelArg) : prop(body, 'model')) ?? null;
    if (model && (model.k === 'nullish' || exactString(model) === '')) model = null;
    if (!model && cls === 'AzureOpenAI') model = firstProp(clientOpts, ['deployment'])?.value ?? null;
    if (!model && spec.defaultModel) model = str(spec.defaultModel, 'the API default when no model is given');
    const assistant = !model && spec.style === 'run' ? runAssistant(ctx, body) : null;
    if (assistant) model = assistant.model;
    let modelReason: string | undefined;
    if (!model && spec.style === 'run') modelReason = "the assistant's model (set where the assistant was created, not in this call)";
    if (!model && spec.style === 'batch') modelReason = 'models are named inside the batch input file';

    let provider = clientProv;
    let providerInferred = false;
    // Portkey's options, on its own client or as createHeaders() headers of an OpenAI client.
    const portkey: PortkeyOptions[] = [];
    const portkeyTagList: TagDraft[] = [];
    if (sdk.module === PORTKEY_MODULE) {
      const perRequest = portkeyClientOptions(reqOpts, 'request');
      const ofClient = portkeyClientOptions(clientOpts, 'client');
      portkey.push(perRequest, ofClient);
      portkeyTagList.push(...portkeyTags(perRequest, ofClient));
    }
    for (const [headers, where] of [[prop(reqOpts, 'headers'), ''], [prop(clientOpts, 'defaultHeaders'), '.client']] as const) {
      const fromHeaders = portkeyHeaderOptions(headers, ctx.ev, where);
      if (fromHeaders) {
        portkey.push(fromHeaders);
        portkeyTagList.push(...fromHeaders.tags);
      }
    }
    const viaPortkey = gateway === 'portkey' ? portkeyProvider(portkey, model) : null;
    if (viaPortkey) {
      provider = viaPortkey.provider;
      providerInferred = viaPortkey.inferred;
    } else if (gateway && model) {
      // A gateway forwards to whoever the model names: `anthropic/claude-...` or plainly `claude-...`.
      const inferred = options(model).map((o) => exactString(o)).map((s) => (s ? providerFromModelPrefix(s) ?? providerFromModelName(s) : null));
      if (inferred.length && inferred.every((p) => p && p === inferred[0])) provider = inferred[0]!;
    }

    const maxNames = MAX_OUTPUT_OPTION[spec.style];
    const maxOut = firstProp(body, maxNames);
    const tools = prop(body, 'tools');
    const tags: TagDraft[] = [...extraTags];
    tags.push(...tagsFromHeaders(prop(clientOpts, 'defaultHeaders'), '.client'));
    const project = prop(clientOpts, 'project');
    if (project && project.k !== 'nullish') tags.push({ key: 'project', value: project, mechanism: 'openai.client.project', reachesBill: true });
    const org = prop(clientOpts, 'organization');
    if (org && org.k !== 'nullish') tags.push({ key: 'organization', value: org, mechanism: 'openai.client.organization', reachesBill: true });
    const metadata = prop(tagBody, 'metadata');
    if (metadata && metadata.k !== 'nullish') {
      const list = prop(metadata, 'tags');
      if (list && list.k === 'arr') tags.push(...tagsFromList(list, 'litellm.metadata.tags', false));
      tags.push(...tagsFromObject(metadata, 'openai.metadata', false).filter((t) => !(t.key === 'tags' && list && list.k === 'arr')));
    }
    for (const [k, mech] of [['user', 'openai.user'], ['safety_identifier', 'openai.safety_identifier']] as const) {
      const v = prop(tagBody, k);
      if (v && v.k !== 'nullish') tags.push({ key: 'user', value: v, mechanism: mech, reachesBill: false });
    }
    tags.push(...tagsFromHeaders(prop(reqOpts, 'headers'), ''));
    tags.push(...portkeyTagList);

    if (spec.style === 'realtime') {
      const where = REALTIME_SESSION_APIS[api].sessionIn;
      const facts = sessionFacts(where ? prop(body, where) : body);
      return {
        provider,
        sdk: 'openai',
        api,
        kind: facts.kind,
        model: facts.model,
        modelReason: facts.model ? undefined : NO_SESSION_MODEL,
        gateway,
        baseURL,
        prompt: facts.prompt,
        maxOutput: facts.maxOutput,
        streaming: true,
        tools: facts.tools,
        tags,
      };
    }
    const reasoning = prop(body, 'reasoning_effort') ?? prop(prop(body, 'reasoning'), 'effort');
    const serviceTier = prop(body, 'service_tier');
    const detection: Detection = {
      provider,
      sdk: cls === 'AzureOpenAI' ? 'azure-openai' : 'openai',
      api,
      kind: spec.kind,
      model,
      modelReason,
      gateway,
      baseURL: baseURL ?? endpoint,
      providerInferred: providerInferred || undefined,
      prompt: assistant?.instructions && !present(prop(body, 'instructions')) ? [{ role: 'system', value: assistant.instructions }, ...chatPrompt(spec, body)] : chatPrompt(spec, body),
      maxOutput: { value: maxOut?.value ?? null, option: maxOut?.name ?? maxNames[0] ?? '' },
      streaming: !!spec.streaming || isTrue(prop(body, 'stream')),
      tools: tools && tools.k !== 'nullish' ? countItems(tools) : assistant ? assistant.tools : spec.agent ? null : 0,
      reasoning: reasoning && reasoning.k !== 'nullish' ? reasoning : null,
      serviceTier: serviceTier && serviceTier.k !== 'nullish' ? serviceTier : null,
      batch: spec.style === 'batch',
      tags,
    };
    if (spec.style === 'images') detection.image = imageDraft(body, { size: ['size'], quality: ['quality'], count: ['n'] });
    const search = [...searchTools(tools), ...(spec.style === 'chat' ? webSearchOptions(body) : [])];
    if (search.length) detection.search = search;
    // Several choices per request: each one is billed as output, the prompt once.
    const n = spec.style === 'chat' || spec.style === 'completions' ? prop(body, 'n') : undefined;
    if (present(n)) detection.candidates = n;
    if (spec.agent) detection.maxSteps = prop(reqOpts, 'maxChatCompletions') ?? unknown('runTools runs until the model stops calling tools (default bound: 10 completions)');
    return detection;
  },
};

export { oneOf };
