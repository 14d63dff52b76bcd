import { exactString, oneOf, prop, unknown, type SdkValue, type TplPart, type Value, present } from '../../resolve/values';
import { argValue, ctorName, firstProp, isTrue, splitAtNew, tagsFromHeaders } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';
import { kindOfModel } from '../model-kinds';

// `replicate` (v0.x to v1): `new Replicate({ auth, baseUrl })`. A model is named
// "owner/name" or "owner/name:version"; its inputs are the model's own, under `input`.
// Billed per second of hardware or, for official models, per token or per output.
// Not call sites: predictions.get/cancel/list, wait, paginate, models.*, deployments.get/create/
// update/delete/list, trainings.* (fine-tuning runs), files, hardware, collections, accounts, webhooks.

type Shape = 'identifier' | 'options' | 'deployment';

const APIS: Record<string, { shape: Shape; streaming: boolean }> = {
  run: { shape: 'identifier', streaming: false },
  stream: { shape: 'identifier', streaming: true },
  'predictions.create': { shape: 'options', streaming: false },
  'deployments.predictions.create': { shape: 'deployment', streaming: false },
};

const MODULE = 'replicate';

/** "owner/name:version" → "owner/name"; a bare version id names no model. */
function modelPart(s: string): Value {
  const name = s.split(':')[0].split('@')[0];
  return name.includes('/') ? { k: 'str', v: name } : unknown(`a model version id (\`${s.length > 12 ? s.slice(0, 12) + '…' : s}\`) names no model`);
}

function modelOf(v: Value): Value {
  switch (v.k) {
    case 'str':
      return modelPart(v.v);
    case 'oneOf':
      return oneOf(v.options.map(modelOf));
    case 'tpl': {
      // `${owner}/${name}:${VERSION}`: the part before the version is the model.
      const parts: TplPart[] = [];
      for (const p of v.parts) {
        if (typeof p === 'string' && /[:@]/.test(p)) {
          parts.push(p.split(/[:@]/)[0]);
          return { k: 'tpl', parts };
        }
        parts.push(p);
      }
      return v;
    }
    default:
      return v;
  }
}

/** What the input sends as text; other inputs (images, audio) are the model's own fields. */
function promptOf(input: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  const push = (role: string | undefined, v: Value | undefined) => {
    if (present(v)) out.push({ role, value: v });
  };
  push('system', prop(input, 'system_prompt'));
  push('user', prop(input, 'prompt'));
  const media = firstProp(input, ['image', 'input_image', 'audio', 'audio_file', 'video']);
  if (media) out.push({ role: 'user', value: { k: 'unknown', reason: `${media.name} input`, expr: media.name, hint: 'document' } });
  return out;
}

function kindOf(model: Value | null, input: Value | undefined): CallKind {
  if (present(firstProp(input, ['max_tokens', 'max_new_tokens', 'system_prompt'])?.value)) return 'chat';
  const names = model ? (model.k === 'oneOf' ? model.options : [model]).map(exactString) : [];
  const kinds = [...new Set(names.map((n) => (n === null ? 'other' : kindOfModel(n))))];
  return kinds.length === 1 ? kinds[0] : 'other';
}

export const replicateAdapter: ProviderAdapter = {
  id: 'replicate',
  modules: [MODULE],
  callNames: ['run', 'stream', 'create'],
  prefilterCalls: ['run', 'stream', 'predictions.create'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (callee.module !== MODULE) return null;
    const chain = splitAtNew(callee);
    if (!chain || !['Replicate', 'default'].includes(ctorName(chain))) return null;
    const api = chain.members.join('.');
    const spec = APIS[api];
    if (!spec) return null;
    const clientOpts = argValue(ctx.ev, chain.ctorArgs, 0);
    let model: Value | null = null;
    let reason: string | undefined;
    let options: Value | undefined;
    if (spec.shape === 'identifier') {
      const id = ctx.arg(0);
      model = present(id) ? modelOf(id) : null;
      options = ctx.arg(1);
    } else if (spec.shape === 'options') {
      options = ctx.arg(0);
      const named = firstProp(options, ['model', 'version']);
      model = named ? modelOf(named.value) : null;
    } else {
      options = ctx.arg(2);
      const owner = exactString(ctx.arg(0));
      const name = exactString(ctx.arg(1));
      reason = `the model of deployment ${owner !== null && name !== null ? `\`${owner}/${name}\`` : '(set at run time)'} (chosen on Replicate, not in the code)`;
    }
    const input = prop(options, 'input');
    const maxOut = firstProp(input, ['max_tokens', 'max_new_tokens']);
    return {
      provider: 'replicate',
      sdk: 'replicate',
      api,
      kind: kindOf(model, input),
      model,
      modelReason: reason,
      gateway: null,
      baseURL: prop(clientOpts, 'baseUrl') ?? null,
      prompt: promptOf(input),
      maxOutput: { value: maxOut?.value ?? null, option: `input.${maxOut?.name ?? 'max_tokens'}` },
      streaming: spec.streaming || isTrue(prop(options, 'stream')),
      tools: 0,
      tags: tagsFromHeaders(prop(clientOpts, 'headers'), '.client'),
    };
  },
};
