import type { Evaluator } from '../../resolve/evaluate';
import { exactNumber, exactString, oneOf, options, unknown, type SdkValue, type Value, present } from '../../resolve/values';
import { isTrue, tagsFromHeaders, tagsFromList, tagsFromObject } from '../common';
import type { ImageDraft, TagDraft } from '../types';
import { imageDraft, withImageDefaults } from '../billed-options';

// The per-call options the AI SDK forwards to providers: `providerOptions.<provider>.*` (v4.2+),
// `experimental_providerMetadata` (v4.0) and `providerMetadata` (v3) are the same thing under older names.

const PROVIDER_OPTION_NAMES = ['providerOptions', 'experimental_providerMetadata', 'providerMetadata'];

/** providerOptions keys each provider package reads. */
const OPTION_KEYS: Record<string, string[]> = {
  'azure-openai': ['azure', 'openai'],
  google: ['google', 'vertex'],
};


/**
 * A property that is written in the code. Unlike `prop`, an unknown object or a spread does not
 * invent the option: a user tag or a cache hint is reported only where the code sets it.
 */
export function field(obj: Value | undefined, name: string): Value | undefined {
  if (!obj) return undefined;
  if (obj.k === 'obj') return obj.props.get(name);
  if (obj.k === 'oneOf') {
    const found = obj.options.map((o) => field(o, name)).filter((x): x is Value => x !== undefined);
    return found.length ? oneOf(found) : undefined;
  }
  return undefined;
}

function fieldPath(obj: Value | undefined, dotted: string): Value | undefined {
  let cur = obj;
  for (const part of dotted.split('.')) cur = field(cur, part);
  return cur;
}

export function providerOptionsOf(obj: Value | undefined): Value | undefined {
  for (const n of PROVIDER_OPTION_NAMES) {
    const v = field(obj, n);
    if (present(v)) return v;
  }
  return undefined;
}

/** The provider's own keys first: providerOptions may carry settings for several providers at once. */
function keysFor(provider: string): string[] {
  const own = OPTION_KEYS[provider] ?? [provider];
  const all = ['openai', 'azure', 'anthropic', 'google', 'vertex', 'bedrock', 'groq', 'xai', 'deepseek', 'openrouter'];
  return [...own, ...all.filter((k) => !own.includes(k))];
}

/** Paths inside providerOptions.<key> that set a reasoning effort or thinking budget. */
const REASONING_PATHS: Record<string, string[]> = {
  openai: ['reasoningEffort'],
  azure: ['reasoningEffort'],
  anthropic: ['thinking.budgetTokens', 'effort'],
  google: ['thinkingConfig.thinkingBudget', 'thinkingConfig.thinkingLevel'],
  vertex: ['thinkingConfig.thinkingBudget', 'thinkingConfig.thinkingLevel'],
  bedrock: ['reasoningConfig.budgetTokens', 'reasoningConfig.maxReasoningEffort'],
  groq: ['reasoningEffort'],
  xai: ['reasoningEffort'],
  openrouter: ['reasoning.effort', 'reasoning.max_tokens'],
};

export function reasoningOf(body: Value | undefined, settings: Value | undefined, provider: string): Value | null {
  // AI SDK 7 has a provider-neutral `reasoning` call option.
  const top = field(body, 'reasoning');
  if (present(top)) return top;
  const po = providerOptionsOf(body);
  for (const key of keysFor(provider)) {
    for (const p of REASONING_PATHS[key] ?? []) {
      const v = fieldPath(field(po, key), p);
      if (present(v)) return v;
    }
  }
  // v4 model settings: openai('o3-mini', { reasoningEffort: 'low' }).
  const fromSettings = field(settings, 'reasoningEffort');
  return present(fromSettings) ? fromSettings : null;
}

/** Completions per request where a provider's options ask for several (`n`, Gemini's `candidateCount`). */
export function candidatesOf(body: Value | undefined, provider: string): Value | null {
  const po = providerOptionsOf(body);
  for (const key of keysFor(provider)) {
    for (const name of ['candidateCount', 'n']) {
      const v = field(field(po, key), name);
      if (present(v)) return v;
    }
  }
  return null;
}

export function serviceTierOf(body: Value | undefined, provider: string): Value | null {
  const po = providerOptionsOf(body);
  for (const key of keysFor(provider)) {
    const v = field(field(po, key), 'serviceTier');
    if (present(v)) return v;
  }
  const gw = field(field(po, 'gateway'), 'serviceTier');
  return present(gw) ? gw : null;
}

function hasCacheHint(po: Value | undefined): boolean {
  for (const key of ['anthropic', 'bedrock']) {
    const block = field(po, key);
    if (present(field(block, 'cacheControl')) || present(field(block, 'cachePoint'))) return true;
  }
  // Gemini context caching and the gateway's automatic caching are the same kind of hint.
  if (present(field(field(po, 'google'), 'cachedContent')) || present(field(field(po, 'vertex'), 'cachedContent'))) return true;
  return exactString(field(field(po, 'gateway'), 'caching')) === 'auto';
}

/** Cache hints on the call, on any message, or on any content part of a message. */
export function cacheControlOf(body: Value | undefined, settings: Value | undefined): boolean {
  if (hasCacheHint(providerOptionsOf(body))) return true;
  if (isTrue(field(settings, 'cacheControl'))) return true;
  for (const listName of ['messages', 'prompt', 'system', 'instructions']) {
    const list = field(body, listName);
    if (!list) continue;
    for (const msg of options(list).flatMap((o) => (o.k === 'arr' ? o.items : [o]))) {
      if (msg.k !== 'obj') continue;
      if (hasCacheHint(providerOptionsOf(msg))) return true;
      const content = field(msg, 'content');
      if (content?.k === 'arr' && content.items.some((part) => hasCacheHint(providerOptionsOf(part)))) return true;
    }
  }
  return false;
}

const STEP_COUNT = new Set(['stepCountIs', 'isStepCount']);

/** `maxSteps` (v4) or `stopWhen: stepCountIs(n)` (v5+), alone or in an array of conditions. */
export function maxStepsOf(ev: Evaluator, body: Value | undefined): Value | null {
  const max = field(body, 'maxSteps');
  if (present(max)) return max;
  const stop = field(body, 'stopWhen');
  if (!present(stop)) return null;
  const counts: Value[] = [];
  let other = false;
  for (const cond of options(stop).flatMap((o) => (o.k === 'arr' ? o.items : [o]))) {
    const n = stepCount(ev, cond);
    if (n) counts.push(n);
    else other = true;
  }
  if (!counts.length) return unknown(other ? 'stopWhen has no step count: runs until its condition holds' : 'stopWhen set at run time');
  // With several conditions the first one met stops the loop: the smallest count bounds it.
  const nums = counts.map((c) => exactNumber(c));
  if (nums.every((n) => n !== null)) return counts[nums.indexOf(Math.min(...(nums as number[])))];
  return oneOf(counts);
}

function stepCount(ev: Evaluator, cond: Value): Value | null {
  if (cond.k !== 'sdk') return null;
  const s = cond.steps;
  const fn = s[0];
  if (s.length !== 2 || fn.t !== 'get' || !STEP_COUNT.has(fn.name) || s[1].t !== 'call') return null;
  const a = (s[1] as Extract<SdkValue['steps'][number], { t: 'call' }>).args[0];
  return a && !a.spread ? ev.argValue(a) : unknown('step count given by a spread');
}

/** Attribution tags set on the call: headers, telemetry metadata, provider user/metadata fields. */
export function callTags(body: Value | undefined, settings: Value | undefined): TagDraft[] {
  const tags: TagDraft[] = [];
  tags.push(...tagsFromHeaders(field(body, 'headers'), ''));
  for (const name of ['experimental_telemetry', 'telemetry']) {
    const tel = field(body, name);
    if (!present(tel)) continue;
    tags.push(...tagsFromObject(field(tel, 'metadata'), 'vercel-ai.telemetry.metadata', false));
    const fnId = field(tel, 'functionId');
    if (present(fnId)) tags.push({ key: 'functionId', value: fnId, mechanism: 'vercel-ai.telemetry.functionId', reachesBill: false });
  }
  const po = providerOptionsOf(body);
  for (const key of ['openai', 'azure']) {
    const block = field(po, key);
    tags.push(...userTag(field(block, 'user'), 'openai.user'));
    tags.push(...userTag(field(block, 'safetyIdentifier'), 'openai.safety_identifier'));
    tags.push(...tagsFromObject(presentOr(field(block, 'metadata')), 'openai.metadata', false));
  }
  tags.push(...userTag(fieldPath(field(po, 'anthropic'), 'metadata.userId'), 'anthropic.metadata.user_id'));
  for (const key of ['google', 'vertex']) {
    // Vertex AI labels are carried into the Google Cloud billing export.
    tags.push(...tagsFromObject(presentOr(field(field(po, key), 'labels')), 'google.labels', true));
  }
  tags.push(...userTag(field(field(po, 'groq'), 'user'), 'groq.user'));
  tags.push(...userTag(field(field(po, 'openrouter'), 'user'), 'openrouter.user'));
  const gw = field(po, 'gateway');
  tags.push(...userTag(field(gw, 'user'), 'vercel-ai-gateway.user'));
  const gwTags = field(gw, 'tags');
  if (present(gwTags)) tags.push(...tagsFromList(gwTags, 'vercel-ai-gateway.tags', false));
  // v3/v4 model settings: openai('gpt-4o', { user: 'u-1' }).
  tags.push(...userTag(field(settings, 'user'), 'openai.user'));
  return tags;
}

function presentOr(v: Value | undefined): Value | undefined {
  return present(v) ? v : undefined;
}

function userTag(v: Value | undefined, mechanism: string): TagDraft[] {
  return present(v) ? [{ key: 'user', value: v, mechanism, reachesBill: false }] : [];
}

/**
 * generateImage's size, aspectRatio and n, with the quality and size the provider reads from its
 * providerOptions (`openai.quality`, Vertex's `sampleImageSize`, Gemini's `imageConfig.imageSize`).
 */
export function imageOptionsOf(body: Value | undefined, provider: string): ImageDraft {
  const own = imageDraft(body, { size: ['size'], count: ['n'], aspectRatio: ['aspectRatio'] });
  const po = providerOptionsOf(body);
  let fromProvider: ImageDraft = { size: null, quality: null, count: null, aspectRatio: null };
  // Only the model's own provider reads its block: `providerOptions.openai.quality` says nothing about Imagen.
  for (const key of OPTION_KEYS[provider] ?? [provider]) {
    const block = field(po, key);
    if (!present(block)) continue;
    const found = imageDraft(block, { size: ['sampleImageSize', 'imageSize'], quality: ['quality'] });
    const nested = imageDraft(field(block, 'imageConfig'), { size: ['imageSize'], aspectRatio: ['aspectRatio'] });
    fromProvider = withImageDefaults(fromProvider, withImageDefaults(found, nested));
  }
  return withImageDefaults(own, fromProvider);
}
