import { exactString, options, prop, str, type Arg, type SdkValue, type Value } from '../../resolve/values';
import type { CallKind } from '../../types';
import { argValue, countItems, firstProp } from '../common';
import type { Detection, MatchContext, PromptSource } from '../types';

// OpenAI Realtime: a session is billed per audio and text token for as long as it talks. Three ways
// to open one are read here: a session or client secret minted by the server (the browser then
// connects with it), the SDK's own sockets (`OpenAIRealtimeWS`, `OpenAIRealtimeWebSocket`), whose
// billed turns are the `response.create` events sent on them, and `@openai/realtime-api-beta`'s
// RealtimeClient, which connects to OpenAI itself unless it is pointed at a relay.

/** Session-minting APIs of the `openai` package, and where the session's settings sit in the body. */
export const REALTIME_SESSION_APIS: Record<string, { sessionIn: string | null }> = {
  'realtime.clientSecrets.create': { sessionIn: 'session' },
  'realtime.sessions.create': { sessionIn: null },
  'beta.realtime.sessions.create': { sessionIn: null },
};

const SOCKET_CLASSES = new Set(['OpenAIRealtimeWS', 'OpenAIRealtimeWebSocket']);
/** The model `@openai/realtime-api-beta` (lib/api.js) connects with: RealtimeClient.connect() names no other. */
const REALTIME_BETA_MODEL = 'gpt-4o-realtime-preview-2024-10-01';
const OPENAI_REALTIME_URL = /^wss:\/\/api\.openai\.com\/v1\/realtime/;
export const REALTIME_MODULES = ['@openai/realtime-api-beta'];

/** What a session's settings say about cost: model, system prompt, output bound, tools, and whether it speaks. */
export interface SessionFacts {
  model: Value | null;
  kind: CallKind;
  prompt: PromptSource[];
  maxOutput: { value: Value | null; option: string };
  tools: number | null;
}

/** `output_modalities` (GA) or `modalities` (beta): text only is a chat; audio, the default, is billed as audio tokens. */
function sessionKind(session: Value | undefined): CallKind {
  const modalities = firstProp(session, ['output_modalities', 'modalities'])?.value;
  if (!modalities || modalities.k !== 'arr' || !modalities.items.length) return 'audio';
  const names = modalities.items.map((i) => exactString(i));
  return names.every((n) => n === 'text') ? 'chat' : 'audio';
}

export function sessionFacts(session: Value | undefined): SessionFacts {
  let model: Value | null = prop(session, 'model') ?? null;
  if (model && (model.k === 'nullish' || exactString(model) === '')) model = null;
  const instructions = prop(session, 'instructions');
  const max = firstProp(session, ['max_output_tokens', 'max_response_output_tokens']);
  const tools = prop(session, 'tools');
  return {
    model,
    kind: sessionKind(session),
    prompt: instructions && instructions.k !== 'nullish' ? [{ role: 'system', value: instructions }] : [],
    maxOutput: { value: max?.value ?? null, option: max?.name ?? 'max_output_tokens' },
    tools: tools && tools.k !== 'nullish' ? countItems(tools) : 0,
  };
}

export const NO_SESSION_MODEL = "the realtime session's model is not named here (the API's default realtime model applies)";

function socketDetection(api: string, facts: SessionFacts, modelReason?: string): Detection {
  return {
    provider: 'openai',
    sdk: 'openai',
    api,
    kind: facts.kind,
    model: facts.model,
    modelReason: facts.model ? undefined : modelReason ?? NO_SESSION_MODEL,
    gateway: null,
    baseURL: null,
    prompt: facts.prompt,
    maxOutput: facts.maxOutput,
    streaming: true,
    tools: facts.tools,
    tags: [],
  };
}

/** The connection options of an SDK socket: `new OpenAIRealtimeWS({ model })` or `await OpenAIRealtimeWS.create(client, { model })`. */
function socketOptions(ctx: MatchContext, callee: SdkValue): { cls: string; opts: Value | undefined; rest: string[] } | null {
  const steps = callee.steps;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.t === 'new' || s.t === 'call') {
      const names = steps.slice(0, i).map((x) => (x.t === 'get' ? x.name : '()')).filter((n) => n !== 'default');
      const rest = steps.slice(i + 1).map((x) => (x.t === 'get' ? x.name : '()'));
      if (s.t === 'new' && SOCKET_CLASSES.has(names[names.length - 1])) return { cls: names[names.length - 1], opts: argValue(ctx.ev, s.args, 0), rest };
      if (s.t === 'call' && names.length >= 2 && names[names.length - 1] === 'create' && SOCKET_CLASSES.has(names[names.length - 2])) {
        return { cls: names[names.length - 2], opts: argValue(ctx.ev, s.args as Arg[], 1), rest };
      }
      return null;
    }
  }
  return null;
}

/** `rt.send({ type: 'response.create', response })` on an SDK socket: one billed model response. */
export function socketResponse(callee: SdkValue, ctx: MatchContext): Detection | null {
  const found = socketOptions(ctx, callee);
  if (!found || found.rest.join('.') !== 'send') return null;
  const event = ctx.arg(0);
  const types = event ? options(event).map((o) => exactString(prop(o, 'type'))) : [];
  if (!types.length || !types.every((t) => t === 'response.create')) return null;
  const facts = sessionFacts(found.opts);
  // A response may override the session's prompt and bound: `response: { instructions, max_output_tokens }`.
  const response = sessionFacts(prop(event, 'response'));
  return socketDetection('realtime.response.create', {
    ...facts,
    prompt: response.prompt.length ? response.prompt : facts.prompt,
    maxOutput: response.maxOutput.value ? response.maxOutput : facts.maxOutput,
    kind: prop(prop(event, 'response'), 'output_modalities') || prop(prop(event, 'response'), 'modalities') ? response.kind : facts.kind,
  });
}

/** `new RealtimeClient({ apiKey }).connect()`: a session with OpenAI, unless `url` points the client at a relay. */
export function realtimeBetaConnect(callee: SdkValue, ctx: MatchContext): Detection | null {
  const steps = callee.steps;
  const at = steps.findIndex((s) => s.t === 'new');
  if (at < 1) return null;
  const cls = steps[at - 1];
  if (cls.t !== 'get' || cls.name !== 'RealtimeClient') return null;
  const rest = steps.slice(at + 1).map((x) => (x.t === 'get' ? x.name : '()'));
  if (rest.join('.') !== 'connect') return null;
  const opts = argValue(ctx.ev, (steps[at] as { args: Arg[] }).args, 0);
  const url = prop(opts, 'url');
  if (url && url.k !== 'nullish') {
    // A relay server makes the call to OpenAI (and is scanned where it does): only OpenAI's own URL counts here.
    const urls = options(url).map((o) => exactString(o));
    if (!urls.every((u) => u !== null && OPENAI_REALTIME_URL.test(u))) return null;
  }
  return socketDetection('RealtimeClient.connect', { ...sessionFacts(undefined), model: str(REALTIME_BETA_MODEL, '@openai/realtime-api-beta connects with this model') });
}
