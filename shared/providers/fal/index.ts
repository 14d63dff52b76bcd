import { exactString, prop, type SdkValue, type Value, present } from '../../resolve/values';
import { firstProp } from '../common';
import { kindOfModel } from '../model-kinds';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';

// fal.ai: `@fal-ai/client` (v1: the `fal` singleton or `createFalClient(config)`) and its
// predecessor `@fal-ai/serverless-client` (free functions). Each request names an endpoint id
// ("fal-ai/flux/dev") and sends the endpoint's own fields under `input`. Billed per output
// (image, megapixel, second of video) by endpoint. Not call sites: config, storage.upload,
// queue.status/result/cancel/subscribeToStatus/streamStatus, realtime.connect (a socket whose
// requests are sent per frame elsewhere).

const APIS: Record<string, { streaming: boolean }> = {
  subscribe: { streaming: false },
  run: { streaming: false },
  stream: { streaming: true },
  'queue.submit': { streaming: false },
};

const MODULES = ['@fal-ai/client', '@fal-ai/serverless-client'];

/** The API called, whatever holds it: `fal`, `createFalClient(...)`, or the module itself. */
function apiOf(callee: SdkValue): string | null {
  const names = callee.steps.map((s) => (s.t === 'get' ? s.name : s.t === 'call' ? '()' : null));
  if (names.includes(null)) return null;
  let rest = names as string[];
  if (callee.module === '@fal-ai/client') {
    if (rest[0] === 'fal') rest = rest.slice(1);
    else if (rest[0] === 'createFalClient' && rest[1] === '()') rest = rest.slice(2);
    else return null;
  } else if (rest[0] === 'default') rest = rest.slice(1);
  const api = rest.join('.');
  return APIS[api] ? api : null;
}

function promptOf(input: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  const push = (role: string, v: Value | undefined) => {
    if (present(v)) out.push({ role, value: v });
  };
  push('system', prop(input, 'system_prompt'));
  push('user', prop(input, 'prompt'));
  const media = firstProp(input, ['image_url', 'image_urls', 'audio_url', 'video_url']);
  if (media) out.push({ role: 'user', value: { k: 'unknown', reason: `${media.name} input`, expr: media.name, hint: 'document' } });
  return out;
}

function kindOf(endpoint: Value | undefined): CallKind {
  const ids = endpoint ? (endpoint.k === 'oneOf' ? endpoint.options : [endpoint]).map(exactString) : [];
  const kinds = [...new Set(ids.map((id) => (id === null ? 'other' : kindOfModel(id))))];
  return kinds.length === 1 ? kinds[0] : 'other';
}

export const falAdapter: ProviderAdapter = {
  id: 'fal',
  modules: MODULES,
  callNames: ['subscribe', 'run', 'stream', 'submit'],
  prefilterCalls: ['subscribe', 'run', 'stream', 'queue.submit'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (!MODULES.includes(callee.module)) return null;
    const api = apiOf(callee);
    if (!api) return null;
    const endpoint = ctx.arg(0);
    const input = prop(ctx.arg(1), 'input');
    const known = present(endpoint) && exactString(endpoint) !== '';
    const maxOut = prop(input, 'max_tokens');
    return {
      provider: 'fal',
      sdk: 'fal',
      api,
      kind: kindOf(endpoint),
      model: known ? endpoint : null,
      gateway: null,
      baseURL: null,
      prompt: promptOf(input),
      maxOutput: { value: present(maxOut) ? maxOut : null, option: 'input.max_tokens' },
      streaming: APIS[api].streaming,
      tools: 0,
      tags: [],
    };
  },
};
