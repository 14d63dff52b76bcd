import { searchTools } from '../billed-options';
import { exactString, prop, unknown, type Value, present } from '../../resolve/values';
import { countItems, ctorName, isTrue, memberTails, splitAtNew, tagsFromHeaders } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter, TagDraft } from '../types';
import { acrossBatch, batchParams, bodyCaches, completionPrompt, messagesPrompt, reasoningOf, sessionEventsPrompt } from './body';
import { bodyAsksOneHourCache } from '../cache-ttl';
import { CLIENT_MODULES, clientOption, clientSpec, cloudTags, effectiveClient, routeOf } from './clients';

// `@anthropic-ai/sdk` and its cloud variants (Bedrock, Vertex, Foundry, Claude Platform on AWS /
// Google Cloud), which share the resource classes: the Messages API, its beta twin with the tool
// runner, message batches, legacy Text Completions and managed-agent session events.

type Style = 'messages' | 'completions' | 'batch' | 'session';

interface ApiSpec {
  kind: CallKind;
  style: Style;
  streaming?: boolean;
  /** A client-side loop that sends requests until the model stops calling tools. */
  toolLoop?: boolean;
}

const MESSAGES: ApiSpec = { kind: 'chat', style: 'messages' };
const STREAM: ApiSpec = { kind: 'chat', style: 'messages', streaming: true };

const APIS: Record<string, ApiSpec> = {
  'messages.create': MESSAGES,
  'messages.parse': MESSAGES,
  'messages.stream': STREAM,
  'beta.messages.create': MESSAGES,
  'beta.messages.parse': MESSAGES,
  'beta.messages.stream': STREAM,
  'beta.messages.toolRunner': { kind: 'chat', style: 'messages', toolLoop: true },
  'messages.batches.create': { kind: 'batch', style: 'batch' },
  'beta.messages.batches.create': { kind: 'batch', style: 'batch' },
  'completions.create': { kind: 'chat', style: 'completions' },
  'beta.sessions.events.send': { kind: 'chat', style: 'session' },
  // Betas of SDK 0.20-0.32 that older code still calls.
  'beta.tools.messages.create': MESSAGES,
  'beta.tools.messages.stream': STREAM,
  'beta.promptCaching.messages.create': MESSAGES,
  'beta.promptCaching.messages.stream': STREAM,
};

const MAX_OUTPUT_OPTION: Record<Style, string> = {
  messages: 'max_tokens',
  batch: 'max_tokens',
  completions: 'max_tokens_to_sample',
  session: '',
};


function promptOf(style: Style, body: Value | undefined, batch: Value[] | null): PromptSource[] {
  switch (style) {
    case 'messages':
      return messagesPrompt(body);
    case 'completions':
      return completionPrompt(body);
    case 'session':
      return sessionEventsPrompt(body);
    case 'batch':
      return (batch ?? []).flatMap((p) => messagesPrompt(p));
  }
}

/** Attribution in the request body: the end user Anthropic sees, and the profile it bills on behalf of. */
function bodyTags(body: Value | undefined): TagDraft[] {
  const tags: TagDraft[] = [];
  const userId = prop(prop(body, 'metadata'), 'user_id');
  if (present(userId)) tags.push({ key: 'user', value: userId, mechanism: 'anthropic.metadata.user_id', reachesBill: false });
  const profile = prop(body, 'user_profile_id');
  if (present(profile)) tags.push({ key: 'user_profile', value: profile, mechanism: 'anthropic.user_profile_id', reachesBill: false });
  return tags;
}

/** Tools per request of a batch: one count when every request has the same, else unknown. */
function batchTools(batch: Value[] | null): number | null {
  if (!batch) return null;
  const counts = new Set(batch.map((p) => {
    const t = prop(p, 'tools');
    return present(t) ? countItems(t) : 0;
  }));
  return counts.size === 1 ? [...counts][0] : null;
}

function toolCount(style: Style, body: Value | undefined, batch: Value[] | null): number | null {
  if (style === 'batch') return batchTools(batch);
  const tools = prop(body, 'tools');
  if (present(tools)) return countItems(tools);
  // A session's tools belong to its agent, defined elsewhere.
  return style === 'session' ? null : 0;
}

function modelOf(spec: ApiSpec, body: Value | undefined, batch: Value[] | null): { model: Value | null; reason?: string } {
  if (spec.style === 'batch') {
    const model = acrossBatch(batch, 'model');
    return model ? { model } : { model: null, reason: "models are named in each batch request's params, built at run time" };
  }
  if (spec.style === 'session') return { model: null, reason: "the agent's model (set where the agent was created, not in this call)" };
  const model = prop(body, 'model');
  if (!present(model) || exactString(model) === '') return { model: null };
  return { model };
}

function matchAnthropic(callee: Parameters<ProviderAdapter['match']>[0], ctx: MatchContext): Detection | null {
  const chain = splitAtNew(callee);
  if (!chain) return null;
  const client = clientSpec(callee.module, ctorName(chain));
  if (!client) return null;
  const derived = effectiveClient(ctx.ev, chain);
  if (!derived) return null;
  const api = derived.members.join('.');
  const spec = APIS[api];
  if (!spec) return null;

  // events.send(sessionId, body, options); everything else: (body, options).
  const bodyIndex = spec.style === 'session' ? 1 : 0;
  const body = ctx.arg(bodyIndex);
  const reqOpts = ctx.arg(bodyIndex + 1);
  const batch = spec.style === 'batch' ? batchParams(body) : null;
  const params = spec.style === 'batch' ? batch ?? [] : body ? [body] : [];

  const { model, reason } = modelOf(spec, body, batch);
  const baseURL = clientOption(derived.opts, ['baseURL']);
  const { provider, gateway } = routeOf(client, baseURL, model);

  const tags: TagDraft[] = [...cloudTags(client, derived.opts)];
  for (const o of derived.opts) tags.push(...tagsFromHeaders(prop(o, 'defaultHeaders'), '.client'));
  for (const p of params) tags.push(...bodyTags(p));
  tags.push(...tagsFromHeaders(prop(reqOpts, 'headers'), ''));

  const maxOption = MAX_OUTPUT_OPTION[spec.style];
  const maxOut = spec.style === 'batch' ? acrossBatch(batch, maxOption) : maxOption ? prop(body, maxOption) : undefined;
  const tier = spec.style === 'batch' ? acrossBatch(batch, 'service_tier') : prop(body, 'service_tier');
  const reasoning = spec.style === 'batch' ? null : reasoningOf(body);

  const detection: Detection = {
    provider,
    sdk: client.sdk,
    api,
    kind: spec.kind,
    model,
    modelReason: reason,
    gateway,
    baseURL,
    prompt: promptOf(spec.style, body, batch),
    maxOutput: { value: present(maxOut) ? maxOut : null, option: maxOption },
    streaming: !!spec.streaming || isTrue(prop(body, 'stream')),
    tools: toolCount(spec.style, body, batch),
    reasoning,
    cacheControl: params.some(bodyCaches),
    ...(params.some(bodyAsksOneHourCache) ? { cacheTtl1h: true } : {}),
    batch: spec.style === 'batch',
    serviceTier: present(tier) ? tier : null,
    tags,
  };
  const search = searchTools(prop(body, 'tools'));
  if (search.length) detection.search = search;
  if (spec.toolLoop) {
    const bound = prop(body, 'max_iterations');
    detection.maxSteps = present(bound) ? bound : unknown('the tool runner loops until the model stops calling tools (no max_iterations set)');
  }
  if (spec.style === 'session') detection.maxSteps = unknown('a managed-agent session works until the agent decides it is done');
  return detection;
}

export const anthropicAdapter: ProviderAdapter = {
  id: 'anthropic',
  modules: CLIENT_MODULES,
  callNames: ['create', 'parse', 'stream', 'toolRunner', 'send'],
  prefilterCalls: memberTails(Object.keys(APIS)),
  match: matchAnthropic,
};
