import { searchTools } from '../billed-options';
import { prop, unknown, type Arg, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, ctorName, firstProp, splitAtNew, type ClientChain } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, SearchDraft, TagDraft } from '../types';
import { contentsPrompt, countTools, firstSet, gatewayOf, headerTags, labelTags, projectTag, systemPrompt, thinking } from './content';

// The two SDKs built around a GenerativeModel object:
//   @google/generative-ai (legacy Gemini API): new GoogleGenerativeAI(key).getGenerativeModel({ model, ... }, requestOptions)
//   @google-cloud/vertexai (Vertex AI): new VertexAI({ project, location }).getGenerativeModel({ model, ... }), also .preview.
// Requests: model.generateContent / generateContentStream / embedContent / batchEmbedContents and
// chat.sendMessage / sendMessageStream on model.startChat(...) (startChat itself sends nothing).

export const LEGACY = '@google/generative-ai';
export const VERTEX = '@google-cloud/vertexai';

interface ApiSpec {
  kind: CallKind;
  chat?: boolean;
  embed?: boolean;
  streaming?: boolean;
}

const MODEL_METHODS: Record<string, ApiSpec> = {
  generateContent: { kind: 'chat' },
  generateContentStream: { kind: 'chat', streaming: true },
  embedContent: { kind: 'embedding', embed: true },
  batchEmbedContents: { kind: 'embedding', embed: true },
};

const CHAT_METHODS: Record<string, ApiSpec> = {
  sendMessage: { kind: 'chat', chat: true },
  sendMessageStream: { kind: 'chat', chat: true, streaming: true },
};

/** The layers of parameters a request combines: what the model was created with, the chat session's, and the call's own. */
interface Layers {
  clientOpts: Value | undefined;
  /** getGenerativeModel(params, requestOptions); undefined when the model object came from elsewhere. */
  modelParams: Value | undefined;
  modelReqOpts: Value | undefined;
  /** Where the model came from when the code does not say (a parameter typed GenerativeModel). */
  modelReason?: string;
  chatParams: Value | undefined;
  api: string;
  spec: ApiSpec;
}

const callArgs = (chain: ClientChain, i: number): Arg[] => (chain.after[i] as { args: Arg[] }).args;

function layers(chain: ClientChain, module: string, ctx: MatchContext): Layers | null {
  const cls = ctorName(chain);
  const m = chain.members;
  const ev = ctx.ev;
  let i = 0;
  const out: Partial<Layers> = {};
  if ((module === LEGACY && cls === 'GoogleGenerativeAI') || (module === VERTEX && cls === 'VertexAI')) {
    out.clientOpts = argValue(ev, chain.ctorArgs, 0);
    if (module === VERTEX && m[i] === 'preview') i++;
    if (!['getGenerativeModel', 'getGenerativeModelFromCachedContent'].includes(m[i]) || m[i + 1] !== '()') return null;
    const args = callArgs(chain, i + 1);
    if (m[i] === 'getGenerativeModel') {
      out.modelParams = argValue(ev, args, 0);
      out.modelReqOpts = argValue(ev, args, 1);
    } else {
      out.modelParams = fromCache(argValue(ev, args, 0), argValue(ev, args, 1));
      out.modelReqOpts = argValue(ev, args, 2);
    }
    i += 2;
  } else if (cls === 'GenerativeModel' || cls === 'GenerativeModelPreview') {
    if (chain.typed) out.modelReason = 'the model of a GenerativeModel passed in from elsewhere';
    // Built directly: new GenerativeModel(apiKey, params, requestOptions) / new GenerativeModel({ model, ... }).
    else if (module === LEGACY) (out.modelParams = argValue(ev, chain.ctorArgs, 1)), (out.modelReqOpts = argValue(ev, chain.ctorArgs, 2));
    else (out.modelParams = argValue(ev, chain.ctorArgs, 0)), (out.modelReqOpts = prop(out.modelParams, 'requestOptions'));
  } else if (cls === 'ChatSession' || cls === 'ChatSessionPreview') {
    out.modelReason = "the chat session's model (set where the session was started)";
    return chatMethod(m, 0, out);
  } else return null;

  if (m[i] === 'startChat' && m[i + 1] === '()') {
    out.chatParams = argValue(ev, callArgs(chain, i + 1), 0) ?? { k: 'obj', props: new Map() };
    return chatMethod(m, i + 2, out);
  }
  const spec = MODEL_METHODS[m[i]];
  if (!spec || i !== m.length - 1) return null;
  if (spec.embed && module === VERTEX) return null;
  return { ...out, chatParams: undefined, api: `model.${m[i]}`, spec } as Layers;
}

function chatMethod(m: string[], i: number, out: Partial<Layers>): Layers | null {
  const spec = CHAT_METHODS[m[i]];
  if (!spec || i !== m.length - 1) return null;
  return { ...out, chatParams: out.chatParams ?? { k: 'obj', props: new Map() }, api: `chat.${m[i]}`, spec } as Layers;
}

/** A model built from a cache takes the cache's model and system instruction. */
function fromCache(cache: Value | undefined, params: Value | undefined): Value {
  const props = new Map<string, Value>();
  for (const o of params?.k === 'obj' ? [...params.props] : []) props.set(o[0], o[1]);
  const model = prop(cache, 'model');
  props.set('model', present(model) ? model : unknown('the model of the cached content'));
  const sys = prop(cache, 'systemInstruction');
  if (present(sys)) props.set('systemInstruction', sys);
  props.set('cachedContent', cache ?? unknown('cached content'));
  return { k: 'obj', props };
}

/** The request body when the call was given an object; strings and part arrays are the contents alone. */
function requestObject(req: Value | undefined, embed: boolean): Value | undefined {
  if (req?.k !== 'obj') return undefined;
  if (embed) return req;
  return req.props.has('contents') ? req : undefined;
}

function promptOf(l: Layers, req: Value | undefined, reqObj: Value | undefined, ctx: MatchContext): PromptSource[] {
  const ev = ctx.ev;
  if (l.api === 'model.embedContent') return contentsPrompt(reqObj ? prop(reqObj, 'content') : req, 'user', ev).map((p) => ({ value: p.value }));
  if (l.api === 'model.batchEmbedContents') {
    const reqs = prop(req, 'requests');
    const items = reqs?.k === 'arr' ? reqs.items : reqs ? [reqs] : [];
    return items.flatMap((r) => contentsPrompt(r.k === 'obj' ? prop(r, 'content') : r, 'user', ev)).map((p) => ({ value: p.value }));
  }
  const sys = systemPrompt(firstSet(prop(reqObj, 'systemInstruction'), prop(l.chatParams, 'systemInstruction'), prop(l.modelParams, 'systemInstruction')), ev);
  if (l.spec.chat) {
    return [
      ...sys,
      ...contentsPrompt(prop(l.chatParams, 'history'), 'user', ev),
      // Every message resends the turns exchanged so far in the session.
      { value: unknown('earlier turns of this chat session, resent with every message', 'chat history', 'history') },
      ...contentsPrompt(req, 'user', ev),
    ];
  }
  return [...sys, ...contentsPrompt(reqObj ? prop(reqObj, 'contents') : req, 'user', ev)];
}

export function matchModelSdk(callee: SdkValue, ctx: MatchContext): Detection | null {
  const chain = splitAtNew(callee);
  if (!chain) return null;
  const vertex = callee.module === VERTEX;
  const l = layers(chain, callee.module, ctx);
  if (!l) return null;

  const req = ctx.arg(0);
  const reqObj = l.spec.chat ? undefined : requestObject(req, !!l.spec.embed);
  // Request options: the model's, overridden per call (the legacy SDK's second argument).
  const callOpts = vertex ? undefined : ctx.arg(1);
  const pick = (name: string) => firstSet(prop(reqObj, name), prop(l.chatParams, name), prop(l.modelParams, name));
  const gen = l.spec.embed ? undefined : pick('generationConfig');
  const baseURL = vertex ? firstProp(l.clientOpts, ['apiEndpoint'])?.value ?? null : firstProp(callOpts, ['baseUrl'])?.value ?? firstProp(l.modelReqOpts, ['baseUrl'])?.value ?? null;

  let model: Value | null = prop(l.modelParams, 'model') ?? null;
  if (model?.k === 'nullish') model = null;
  const tags: TagDraft[] = [
    ...(vertex ? projectTag(prop(l.clientOpts, 'project')) : []),
    ...headerTags(prop(l.modelReqOpts, 'customHeaders'), '.model'),
    ...headerTags(prop(callOpts, 'customHeaders'), ''),
    ...(vertex ? labelTags(prop(reqObj, 'labels')) : []),
  ];
  const candidates = prop(gen, 'candidateCount');
  return {
    ...(present(candidates) ? { candidates } : {}),
    provider: 'google',
    sdk: vertex ? 'google-vertex' : 'google-generative-ai',
    api: l.api,
    kind: l.spec.kind,
    model,
    modelReason: model ? undefined : l.modelReason,
    gateway: gatewayOf(baseURL),
    baseURL,
    prompt: promptOf(l, req, reqObj, ctx),
    maxOutput: { value: prop(gen, 'maxOutputTokens') ?? null, option: 'maxOutputTokens' },
    streaming: !!l.spec.streaming,
    tools: l.spec.embed ? 0 : countTools(pick('tools')),
    reasoning: thinking(gen),
    cacheControl: !l.spec.embed && present(pick('cachedContent')),
    batch: false,
    serviceTier: null,
    tags,
    ...searchOf(l.spec.embed ? undefined : pick('tools')),
  };
}

/** Grounding with Google Search (`googleSearchRetrieval`, `googleSearch`) among the model's or the call's tools. */
function searchOf(tools: Value | undefined): { search?: SearchDraft[] } {
  const search = searchTools(tools);
  return search.length ? { search } : {};
}
