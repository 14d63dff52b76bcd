import { builtinModules } from 'module';
import { options, type SdkValue, type Value } from '../../resolve/values';
import { packageName } from '../../project/imports';
import { memberTails, splitAtNew } from '../common';
import { openaiAdapter, clientProvider } from '../openai';
import type { Detection, MatchContext, ProviderAdapter, TagDraft } from '../types';

// Vendors ship SDKs with the OpenAI client's shape (most are generated from the same Stainless
// template): `new Together(opts).chat.completions.create({ model, messages })`. The OpenAI adapter
// reads the request; this one names who bills it. A package listed in VENDORS is read by its
// resources alone, like `groq-sdk`. Any other package (`new X()` from an import no adapter reads)
// is read only when the member chain is an OpenAI API AND the body carries a `model` and that
// API's content: an ORM's `db.completions.create({ data })` has neither.

interface Vendor {
  provider: string;
  /** The vendor's own spelling of an API, as the OpenAI API it is: `chat.send` → `chat.completions.create`. */
  aliases?: Record<string, string>;
  /** Options objects that wrap the request body (`{ chatRequest: {...} }`), newest SDK first. */
  bodyWrappers?: string[];
  /** Max-output options spelled otherwise than OpenAI's (camelCase SDKs). */
  maxOutput?: Record<string, string>;
}

const VENDORS: Record<string, Vendor> = {
  'together-ai': { provider: 'together', aliases: { 'images.create': 'images.generate' } },
  '@cerebras/cerebras_cloud_sdk': { provider: 'cerebras' },
  '@perplexity-ai/perplexity_ai': { provider: 'perplexity' },
  sambanova: { provider: 'sambanova' },
  'llama-api-client': { provider: 'meta' },
  // WebLLM runs the model in the browser (`new MLCEngine()`): no per-token price.
  '@mlc-ai/web-llm': { provider: 'self-hosted' },
  // Speakeasy-generated, not Stainless: `chat.send`, `embeddings.generate`, camelCase options, and
  // (1.x) the body inside `chatRequest` / `requestBody`.
  '@openrouter/sdk': {
    provider: 'openrouter',
    aliases: { 'chat.send': 'chat.completions.create', 'embeddings.generate': 'embeddings.create' },
    bodyWrappers: ['chatRequest', 'requestBody'],
    maxOutput: { maxCompletionTokens: 'max_completion_tokens', maxTokens: 'max_tokens' },
  },
};

/** The OpenAI APIs any OpenAI-shaped client may serve, with the body key that carries the content. */
const SHAPED_APIS: Record<string, string> = {
  'chat.completions.create': 'messages',
  'chat.completions.parse': 'messages',
  'chat.completions.stream': 'messages',
  'beta.chat.completions.parse': 'messages',
  'beta.chat.completions.stream': 'messages',
  'responses.create': 'input',
  'responses.parse': 'input',
  'responses.stream': 'input',
  'completions.create': 'prompt',
  'embeddings.create': 'input',
  'images.generate': 'prompt',
};

/** A vendor's own SDK also bills audio through the same resources (its files and models are not calls). */
const VENDOR_ONLY_APIS = ['audio.speech.create', 'audio.transcriptions.create', 'audio.translations.create'];
const VENDOR_APIS = new Set([...Object.keys(SHAPED_APIS), ...VENDOR_ONLY_APIS]);

const BUILTINS = new Set(builtinModules);
/** An npm package name (not `@/lib`, `~/x`, `#internal` aliases, nor a relative path). */
const PACKAGE = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/.*)?$/i;

/** Whether values of this module may be an OpenAI-shaped client of an unknown vendor. */
export function isShapedCandidate(module: string): boolean {
  return module !== 'global' && PACKAGE.test(module) && !BUILTINS.has(module) && !BUILTINS.has(module.split('/')[0]);
}

function vendorOf(module: string): Vendor | null {
  return VENDORS[packageName(module)] ?? null;
}

/** Some object option of the body names both keys (without evaluating them). */
function carries(body: Value | undefined, keys: string[]): boolean {
  return !!body && options(body).some((o) => o.k === 'obj' && keys.every((k) => o.props.has(k)));
}

/** The body a wrapped-request SDK passes inside an options object, or the argument itself. */
function unwrapBody(body: Value | undefined, wrappers: string[] | undefined): Value | undefined {
  if (!body || !wrappers) return body;
  for (const o of options(body)) {
    if (o.k !== 'obj') continue;
    for (const w of wrappers) if (o.props.has(w)) return o.props.get(w);
  }
  return body;
}

/** Renames a camelCase vendor's options to OpenAI's, so the OpenAI adapter reads them. */
function renamedBody(body: Value | undefined, renames: Record<string, string> | undefined): Value | undefined {
  if (!body || !renames) return body;
  const out = options(body).map((o): Value => {
    if (o.k !== 'obj') return o;
    const props = new Map(o.props);
    for (const [from, to] of Object.entries(renames)) {
      if (props.has(from) && !props.has(to)) props.set(to, props.get(from)!);
    }
    return { ...o, props };
  });
  return out.length === 1 ? out[0] : { k: 'oneOf', options: out };
}

const DEFAULT_NOTE = 'the API default when no model is given';

function renameTag(t: TagDraft, prefix: string): TagDraft {
  return t.mechanism.startsWith('openai.') ? { ...t, mechanism: prefix + t.mechanism.slice('openai'.length) } : t;
}

export const openaiShapedAdapter: ProviderAdapter = {
  id: 'openai-shaped',
  modules: Object.keys(VENDORS),
  callNames: ['create', 'parse', 'stream', 'generate', 'send'],
  prefilterCalls: memberTails([...VENDOR_APIS, ...Object.values(VENDORS).flatMap((v) => Object.keys(v.aliases ?? {}))]),
  anyPackageCalls: memberTails(Object.keys(SHAPED_APIS)),
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    const vendor = vendorOf(callee.module);
    if (!vendor && !isShapedCandidate(callee.module)) return null;
    const chain = splitAtNew(callee);
    if (!chain || chain.after.some((s) => s.t !== 'get')) return null;
    const written = chain.members.join('.');
    const api = vendor?.aliases?.[written] ?? written;
    if (vendor ? !VENDOR_APIS.has(api) : !(api in SHAPED_APIS)) return null;
    const body = renamedBody(unwrapBody(ctx.arg(0), vendor?.bodyWrappers), vendor?.maxOutput);
    // An unknown package's `x.embeddings.create(...)` is an inference call only by what it sends.
    if (!vendor && !carries(body, ['model', SHAPED_APIS[api]])) return null;
    const shaped: SdkValue = {
      k: 'sdk',
      module: 'openai',
      steps: [{ t: 'get', name: 'OpenAI' }, { t: 'new', args: chain.ctorArgs, node: null }, ...api.split('.').map((name) => ({ t: 'get' as const, name }))],
      typed: callee.typed,
    };
    const d = openaiAdapter.match(shaped, { ...ctx, arg: (i) => (i === 0 ? body : ctx.arg(i)) });
    if (!d) return null;
    const pkg = packageName(callee.module);
    // The host a baseURL names decides; an unknown one (a proxy, a variable) leaves the package's vendor.
    const host = d.baseURL ? clientProvider('OpenAI', d.baseURL, 'openai') : null;
    const known = host && host.provider !== 'openai-compatible';
    // A gateway host that forwards anywhere (the OpenAI adapter then reads the vendor from the model)
    // versus one that names its vendor (together.helicone.ai).
    const provider = known ? (host.provider === 'openai' ? d.provider : host.provider) : vendor?.provider ?? 'openai-compatible';
    // OpenAI's defaults (dall-e-2 for images) are not another vendor's.
    const model = d.model && options(d.model).every((o) => o.k === 'str' && o.note === DEFAULT_NOTE) ? null : d.model;
    return {
      ...d,
      provider,
      sdk: pkg,
      api: written,
      model,
      gateway: known ? d.gateway : null,
      // An unknown package is a guess at its shape: medium confidence at best.
      providerInferred: !vendor || (!known && !!d.baseURL),
      tags: d.tags.map((t) => renameTag(t, vendor ? vendor.provider : 'openai-compatible')),
    };
  },
};
