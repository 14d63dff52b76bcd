import { exactString, options, prop, type Value, present } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { providerFromModelName, providerFromModelPrefix } from '../hosts';
import type { TagDraft } from '../types';

// Portkey, two ways: its own OpenAI-shaped client (`new Portkey({ apiKey, virtualKey, provider,
// config, metadata })`, whose create() takes the same options again per request as its second
// argument), and an OpenAI client pointed at `PORTKEY_GATEWAY_URL` with `createHeaders({...})` as
// its headers. Either way the options say which provider the gateway forwards to, and `metadata`
// is what Portkey's analytics group costs by.

export const PORTKEY_MODULE = 'portkey-ai';

/** `PORTKEY_GATEWAY_URL` imported from portkey-ai (https://api.portkey.ai/v1). */
export function isPortkeyGatewayURL(v: Value): boolean {
  if (v.k !== 'sdk' || v.module !== PORTKEY_MODULE || !v.steps.length) return false;
  const last = v.steps[v.steps.length - 1];
  return last.t === 'get' && last.name === 'PORTKEY_GATEWAY_URL' && v.steps.every((s) => s.t === 'get');
}

/** The options object of a `createHeaders({...})` call from portkey-ai, or null. */
function createHeadersConfig(v: Value | undefined, ev: Evaluator): Value | null {
  if (!v) return null;
  for (const o of options(v)) {
    if (o.k !== 'sdk' || o.module !== PORTKEY_MODULE) continue;
    const call = o.steps[o.steps.length - 1];
    const fn = o.steps[o.steps.length - 2];
    if (!call || call.t !== 'call' || !fn || fn.t !== 'get' || fn.name !== 'createHeaders') continue;
    if (o.steps.slice(0, -1).some((s) => s.t !== 'get') || !call.args[0] || call.args[0].spread) continue;
    return ev.argValue(call.args[0]);
  }
  return null;
}

/** What Portkey's options (client, per request or createHeaders') say: tags and the provider behind the gateway. */
export interface PortkeyOptions {
  tags: TagDraft[];
  provider: Value | null;
  virtualKey: Value | null;
}


function metadataTags(metadata: Value | undefined, mechanism: string): TagDraft[] {
  if (!present(metadata)) return [];
  const out: TagDraft[] = [];
  for (const o of options(metadata)) {
    if (o.k === 'obj') {
      for (const [key, value] of o.props) {
        if (value.k === 'fn') continue;
        // `_user` is Portkey's reserved key for the end user.
        out.push({ key: key === '_user' ? 'user' : key, value, mechanism, reachesBill: false });
      }
      if (o.open) out.push({ key: '*', value: { k: 'unknown', reason: o.open }, mechanism, reachesBill: false });
    } else if (o.k === 'unknown') out.push({ key: '*', value: o, mechanism, reachesBill: false });
  }
  return out;
}

function readOptions(opts: Value | undefined, mechanism: string): PortkeyOptions {
  const config = prop(opts, 'config');
  const provider = [prop(opts, 'provider'), prop(config, 'provider')].find(present) ?? null;
  const virtualKey = [prop(opts, 'virtualKey'), prop(config, 'virtual_key')].find(present) ?? null;
  return { tags: metadataTags(prop(opts, 'metadata'), mechanism), provider, virtualKey };
}

/** `new Portkey({...})`'s options, or the per-request ones. */
export function portkeyClientOptions(opts: Value | undefined, where: 'client' | 'request'): PortkeyOptions {
  return readOptions(opts, where === 'client' ? 'portkey.metadata.client' : 'portkey.metadata');
}

/** `createHeaders({...})` given as an OpenAI client's `defaultHeaders` (or a request's `headers`). */
export function portkeyHeaderOptions(headers: Value | undefined, ev: Evaluator, where: string): PortkeyOptions | null {
  const cfg = createHeadersConfig(headers, ev);
  return cfg ? readOptions(cfg, `portkey.header${where}`) : null;
}

/** Portkey's provider slugs that differ from tollgate's provider ids. */
const SLUGS: Record<string, string> = {
  'azure-openai': 'azure-openai',
  'vertex-ai': 'google',
  google: 'google',
  'mistral-ai': 'mistral',
  'together-ai': 'together',
  'fireworks-ai': 'fireworks',
  'perplexity-ai': 'perplexity',
  'x-ai': 'xai',
  'aws-bedrock': 'bedrock',
  bedrock: 'bedrock',
  'deepinfra': 'deepinfra',
};
const KNOWN = new Set(['openai', 'anthropic', 'groq', 'cohere', 'deepseek', 'cerebras', 'openrouter', 'ollama', 'mistral', 'together', 'fireworks', 'perplexity', 'xai', 'google', 'bedrock', 'deepinfra', 'azure-openai']);

function providerFromSlug(slug: string): string | null {
  const s = slug.toLowerCase();
  if (SLUGS[s]) return SLUGS[s];
  return KNOWN.has(s) ? s : null;
}

/** A provider named by a slug's leading word (`@openai-prod`, `anthropic-virtual-2b1f`): a guess from a name. */
function providerFromName(name: string): string | null {
  const word = name.replace(/^@/, '').match(/^[a-z]+(?:-[a-z]+)?/i)?.[0];
  return word ? providerFromSlug(word) ?? providerFromSlug(word.split('-')[0]) : null;
}

/**
 * Who a Portkey request is billed by: a literal `provider` slug, else the model's vendor, else a
 * model-catalog integration (`@openai-prod`) or a virtual key named after its provider
 * (`anthropic-prod`), the last two inferred. Null when none says.
 */
export function portkeyProvider(all: PortkeyOptions[], model: Value | null): { provider: string; inferred: boolean } | null {
  const literal = (pick: (o: PortkeyOptions) => Value | null) => all.map((o) => pick(o)).map((v) => (v ? exactString(v) : null)).filter((s): s is string => !!s);
  const providers = literal((o) => o.provider);
  for (const s of providers) {
    const direct = providerFromSlug(s);
    if (direct) return { provider: direct, inferred: false };
  }
  const names = model ? options(model).map((o) => exactString(o)?.replace(/^@[^/]+\//, '') ?? null) : [];
  const fromModel = names.map((m) => (m ? providerFromModelPrefix(m) ?? providerFromModelName(m) : null));
  if (fromModel.length && fromModel.every((p) => p && p === fromModel[0])) return { provider: fromModel[0]!, inferred: false };
  for (const s of [...providers, ...literal((o) => o.virtualKey)]) {
    const guess = providerFromName(s);
    if (guess) return { provider: guess, inferred: true };
  }
  return null;
}

/** Per-request options replace the client's `x-portkey-metadata` header whole: then only theirs count. */
export function portkeyTags(request: PortkeyOptions, client: PortkeyOptions): TagDraft[] {
  return request.tags.length ? request.tags : client.tags;
}
