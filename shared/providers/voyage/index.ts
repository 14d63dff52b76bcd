import { documentCount } from '../billed-options';
import { exactString, prop, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, ctorName, firstProp, splitAtNew, tagsFromHeaders } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';

// `voyageai` (the Fern-generated TypeScript SDK): `new VoyageAIClient({ apiKey, baseUrl,
// environment, headers })`; each method takes `(request, requestOptions)`. Billed per input token;
// a rerank is billed for the query once per document plus the documents. Not call sites:
// tokenize (runs locally), localEmbed.

type Style = 'embed' | 'rerank' | 'multimodal' | 'contextualized';

const APIS: Record<string, { kind: CallKind; style: Style }> = {
  embed: { kind: 'embedding', style: 'embed' },
  // No rerank kind: a rerank reads like Cohere's, `other`.
  rerank: { kind: 'other', style: 'rerank' },
  multimodalEmbed: { kind: 'embedding', style: 'multimodal' },
  contextualizedEmbed: { kind: 'embedding', style: 'contextualized' },
};

const CLIENT_CLASSES = new Set(['VoyageAIClient', 'GeneratedVoyageAIClient']);
const MODULE = 'voyageai';

function promptOf(style: Style, body: Value | undefined): PromptSource[] {
  switch (style) {
    case 'embed': {
      const input = prop(body, 'input');
      return present(input) ? [{ value: input }] : [];
    }
    case 'rerank': {
      const out: PromptSource[] = [];
      const query = prop(body, 'query');
      if (present(query)) out.push({ role: 'user', value: query });
      if (present(prop(body, 'documents'))) out.push({ value: { k: 'unknown', reason: 'documents to rank', expr: 'documents', hint: 'document' } });
      return out;
    }
    case 'multimodal':
      // Text and images interleaved in `inputs[].content`: the images' tokens are not in the code.
      return present(prop(body, 'inputs')) ? [{ value: { k: 'unknown', reason: 'text and images to embed', expr: 'inputs', hint: 'document' } }] : [];
    default: {
      const inputs = prop(body, 'inputs');
      return present(inputs) ? [{ value: inputs }] : [];
    }
  }
}

export const voyageAdapter: ProviderAdapter = {
  id: 'voyage',
  modules: [MODULE],
  callNames: Object.keys(APIS),
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (callee.module !== MODULE) return null;
    const chain = splitAtNew(callee);
    if (!chain || !CLIENT_CLASSES.has(ctorName(chain)) || chain.members.length !== 1) return null;
    const spec = APIS[chain.members[0]];
    if (!spec) return null;
    const body = ctx.arg(0);
    const clientOpts = argValue(ctx.ev, chain.ctorArgs, 0);
    const model = prop(body, 'model');
    const known = present(model) && exactString(model) !== '';
    const documents = spec.style === 'rerank' ? documentCount(prop(body, 'documents')) : null;
    return {
      ...(documents ? { documents } : {}),
      provider: 'voyage',
      sdk: 'voyage',
      api: chain.members[0],
      kind: spec.kind,
      model: known ? model : null,
      gateway: null,
      baseURL: firstProp(clientOpts, ['baseUrl', 'environment'])?.value ?? null,
      prompt: promptOf(spec.style, body),
      maxOutput: { value: null, option: '' },
      streaming: false,
      tools: 0,
      tags: [...tagsFromHeaders(prop(clientOpts, 'headers'), '.client'), ...tagsFromHeaders(prop(ctx.arg(1), 'headers'), '')],
    };
  },
};
