import { imageDraft, searchTools } from '../billed-options';
import { exactString, options, prop, unknown, type Arg, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, countItems, ctorName, firstProp, isTrue, promptFromMessages, splitAtNew, type ClientChain } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, TagDraft } from '../types';
import { contentsPrompt, countTools, firstSet, gatewayOf, hasCallableTool, headerTags, labelTags, projectTag, systemPrompt, thinking } from './content';

// @google/genai (v1, v2): `new GoogleGenAI({ apiKey })` for the Gemini API or
// `new GoogleGenAI({ vertexai: true, project, location })` for Vertex AI. Requests go out through
// ai.models.*, chat sessions (ai.chats.create(...) is local; its sendMessage calls are requests),
// ai.live (realtime websocket sessions), ai.batches and ai.interactions.

type Style = 'content' | 'chat' | 'embed' | 'image' | 'imageSource' | 'video' | 'live' | 'music' | 'batch' | 'interaction';

interface ApiSpec {
  kind: CallKind;
  style: Style;
  streaming?: boolean;
}

const APIS: Record<string, ApiSpec> = {
  'models.generateContent': { kind: 'chat', style: 'content' },
  'models.generateContentStream': { kind: 'chat', style: 'content', streaming: true },
  'models.embedContent': { kind: 'embedding', style: 'embed' },
  'models.generateImages': { kind: 'image', style: 'image' },
  'models.editImage': { kind: 'image', style: 'image' },
  'models.upscaleImage': { kind: 'image', style: 'image' },
  'models.recontextImage': { kind: 'image', style: 'imageSource' },
  'models.segmentImage': { kind: 'image', style: 'imageSource' },
  'models.generateVideos': { kind: 'other', style: 'video' },
  'chats.sendMessage': { kind: 'chat', style: 'chat' },
  'chats.sendMessageStream': { kind: 'chat', style: 'chat', streaming: true },
  // A realtime session: billed per token for as long as it stays open; its kind follows the output modality.
  'live.connect': { kind: 'other', style: 'live', streaming: true },
  // Lyria RealTime streams generated music.
  'live.music.connect': { kind: 'audio', style: 'music', streaming: true },
  'batches.create': { kind: 'batch', style: 'batch' },
  'batches.createEmbeddings': { kind: 'batch', style: 'batch' },
  'interactions.create': { kind: 'chat', style: 'interaction' },
};

/** What a resource object passed around on its own (a typed parameter) stands for. */
const RESOURCE_CLASSES: Record<string, string> = { Models: 'models', Chat: 'chats', Live: 'live', Batches: 'batches' };

interface Target {
  api: string;
  /** The chats.create(...) arguments behind a chat session; null when the session came from elsewhere. */
  chatArgs: Arg[] | null;
  clientOpts: Value | undefined;
}

function target(chain: ClientChain, ctx: MatchContext): Target | null {
  const cls = ctorName(chain);
  const m = chain.members;
  if (cls === 'GoogleGenAI') {
    const clientOpts = argValue(ctx.ev, chain.ctorArgs, 0);
    if (m.length === 4 && m[0] === 'chats' && m[1] === 'create' && m[2] === '()') {
      return { api: `chats.${m[3]}`, chatArgs: (chain.after[2] as { args: Arg[] }).args, clientOpts };
    }
    if (m.includes('()')) return null;
    return { api: m.join('.'), chatArgs: null, clientOpts };
  }
  const prefix = RESOURCE_CLASSES[cls];
  if (!prefix || m.includes('()')) return null;
  return { api: [prefix, ...m].join('.'), chatArgs: null, clientOpts: undefined };
}

function liveKind(model: Value | null, config: Value | undefined): CallKind {
  const modalities = prop(config, 'responseModalities');
  const names = modalities?.k === 'arr' ? modalities.items.map(modalityName) : [];
  if (names.includes('AUDIO')) return 'audio';
  if (names.length && names.every((n) => n === 'TEXT')) return 'chat';
  const modelNames = model ? options(model).map((o) => exactString(o) ?? '') : [];
  return modelNames.length && modelNames.every((n) => /audio/i.test(n)) ? 'audio' : 'other';
}

/** 'AUDIO' or Modality.AUDIO. */
function modalityName(v: Value): string | null {
  if (v.k === 'sdk') {
    const last = v.steps[v.steps.length - 1];
    return last && last.t === 'get' ? last.name : null;
  }
  return exactString(v);
}

function promptFor(style: Style, body: Value | undefined, config: Value | undefined, chat: Value | undefined, ctx: MatchContext): PromptSource[] {
  const ev = ctx.ev;
  switch (style) {
    case 'content':
      return [...systemPrompt(prop(config, 'systemInstruction'), ev), ...contentsPrompt(prop(body, 'contents'), 'user', ev)];
    case 'embed':
      return contentsPrompt(prop(body, 'contents'), 'user', ev).map((p) => ({ value: p.value }));
    case 'chat':
      return [
        ...systemPrompt(prop(config, 'systemInstruction'), ev),
        ...contentsPrompt(prop(chat, 'history'), 'user', ev),
        // Every message resends the turns exchanged so far in the session.
        { value: unknown('earlier turns of this chat session, resent with every message', 'chat history', 'history') },
        ...contentsPrompt(prop(body, 'message'), 'user', ev),
      ];
    case 'image':
    case 'video': {
      const p = firstSet(prop(body, 'prompt'), prop(prop(body, 'source'), 'prompt'));
      return p ? [{ role: 'user', value: p }] : [];
    }
    case 'imageSource': {
      const p = prop(prop(body, 'source'), 'prompt');
      return present(p) ? [{ role: 'user', value: p }] : [];
    }
    case 'live':
      return systemPrompt(prop(config, 'systemInstruction'), ev);
    case 'interaction': {
      const out: PromptSource[] = [];
      const sys = prop(body, 'system_instruction');
      if (present(sys)) out.push({ role: 'system', value: sys });
      const input = prop(body, 'input');
      if (input?.k === 'arr') out.push(...promptFromMessages(input).map((p) => ({ ...p, role: interactionRole(p.role) })));
      else if (present(input)) out.push({ role: 'user', value: input });
      return out;
    }
    default:
      return [];
  }
}

export function matchGenai(callee: SdkValue, ctx: MatchContext): Detection | null {
  const chain = splitAtNew(callee);
  if (!chain) return null;
  const t = target(chain, ctx);
  const spec = t && APIS[t.api];
  if (!t || !spec) return null;

  const body = ctx.arg(0);
  const chat = t.chatArgs ? argValue(ctx.ev, t.chatArgs, 0) : undefined;
  // A per-message config replaces the session's config; it does not merge with it.
  const config = spec.style === 'chat' ? firstSet(prop(body, 'config'), prop(chat, 'config')) : spec.style === 'interaction' ? undefined : prop(body, 'config');
  const vertex = isTrue(prop(t.clientOpts, 'vertexai')) || isTrue(prop(t.clientOpts, 'enterprise'));
  const baseURL = firstProp(prop(t.clientOpts, 'httpOptions'), ['baseUrl'])?.value ?? null;

  let model: Value | null = spec.style === 'chat' ? prop(chat, 'model') ?? null : spec.style === 'interaction' ? firstSet(prop(body, 'model'), prop(body, 'agent')) ?? null : prop(body, 'model') ?? null;
  if (model?.k === 'nullish') model = null;
  let modelReason: string | undefined;
  if (!model && spec.style === 'chat' && !t.chatArgs) modelReason = "the chat session's model (set where the session was created with ai.chats.create)";
  if (!model && spec.style === 'batch') modelReason = 'models are named inside the batch input';

  const tags: TagDraft[] = [
    ...headerTags(prop(prop(t.clientOpts, 'httpOptions'), 'headers'), '.client'),
    ...(vertex ? projectTag(prop(t.clientOpts, 'project')) : []),
    ...headerTags(prop(prop(config, 'httpOptions'), 'headers'), ''),
    ...labelTags(prop(config, 'labels')),
  ];
  if (spec.style === 'interaction') tags.push(...interactionLabels(prop(body, 'labels')));

  const d: Detection = {
    provider: 'google',
    sdk: vertex ? 'google-genai-vertex' : 'google-genai',
    api: t.api,
    kind: spec.style === 'live' ? liveKind(model, config) : spec.kind,
    model,
    modelReason,
    gateway: gatewayOf(baseURL),
    baseURL,
    prompt: promptFor(spec.style, body, config, chat, ctx),
    maxOutput: { value: null, option: 'maxOutputTokens' },
    streaming: !!spec.streaming,
    tools: 0,
    reasoning: thinking(config),
    cacheControl: present(prop(config, 'cachedContent')),
    batch: spec.style === 'batch',
    serviceTier: firstSet(prop(config, 'serviceTier')) ?? null,
    tags,
  };
  if (spec.style === 'interaction') return interactionOptions(d, body);
  if (spec.style === 'image') d.image = imageDraft(config, { size: ['imageSize', 'sampleImageSize'], count: ['numberOfImages'], aspectRatio: ['aspectRatio'] });
  if (spec.style === 'content' || spec.style === 'chat') {
    // Gemini's image models answer generateContent with images: size and shape in imageConfig.
    const imageConfig = prop(config, 'imageConfig');
    if (present(imageConfig)) d.image = imageDraft(imageConfig, { size: ['imageSize'], aspectRatio: ['aspectRatio'] });
    const search = searchTools(prop(config, 'tools'));
    if (search.length) d.search = search;
  }
  if (['content', 'chat', 'live'].includes(spec.style)) {
    const tools = prop(config, 'tools');
    d.tools = countTools(tools);
    d.maxOutput.value = firstSet(prop(config, 'maxOutputTokens'), prop(prop(config, 'generationConfig'), 'maxOutputTokens')) ?? null;
    const candidates = firstSet(prop(config, 'candidateCount'), prop(prop(config, 'generationConfig'), 'candidateCount'));
    if (candidates) d.candidates = candidates;
    if (spec.style !== 'live' && hasCallableTool(tools) && !isTrue(prop(prop(config, 'automaticFunctionCalling'), 'disable'))) {
      d.maxSteps = prop(prop(config, 'automaticFunctionCalling'), 'maximumRemoteCalls') ?? unknown('automatic function calling repeats the request while the model calls tools (default bound: 10 remote calls)');
    }
  }
  return d;
}

/** The Interactions API speaks snake_case and takes the model or a managed agent. */
function interactionOptions(d: Detection, body: Value | undefined): Detection {
  const gen = prop(body, 'generation_config');
  const agent = prop(body, 'agent');
  d.maxOutput = { value: prop(gen, 'max_output_tokens') ?? null, option: 'max_output_tokens' };
  d.streaming = isTrue(prop(body, 'stream'));
  const tools = prop(body, 'tools');
  d.tools = present(tools) ? countItems(tools) : 0;
  d.reasoning = firstSet(prop(gen, 'thinking_level')) ?? null;
  d.serviceTier = firstSet(prop(body, 'service_tier')) ?? null;
  if (present(agent) && !present(prop(body, 'model'))) d.maxSteps = unknown('a managed agent runs as many model calls as its task needs');
  return d;
}

/** Turns name their role ('user', 'model'); bare content items ({ type: 'text' }) are user input. */
function interactionRole(role: string | undefined): string | undefined {
  if (role === 'text') return 'user';
  return role === 'model' ? 'assistant' : role;
}

function interactionLabels(labels: Value | undefined): TagDraft[] {
  return labelTags(labels).map((t) => ({ ...t, mechanism: 'gemini.interactions.labels', reachesBill: false }));
}
