// The pricing table (pricing/models.json) and how a call site's (provider, model) finds its price.
// Call sites spell models many ways (dated snapshots, Bedrock ids with region prefixes, Vertex '@'
// versions, gateway 'vendor/model' names): lookup tries the exact name first, then normalised forms,
// then the vendor behind a gateway, and says how it matched so reports can flag anything inexact.
import data from '../../pricing/models.json';
import { providerFromModelName, providerFromModelPrefix } from '../providers/hosts';
import { editDistance } from './distance';

export type ModelKind = 'chat' | 'embedding' | 'image' | 'audio' | 'moderation' | 'rerank' | 'video';
export type Tier = 'frontier' | 'standard' | 'small';

/** Prices that apply to the whole request once its input exceeds `threshold` tokens. */
export interface LongContextPrices {
  threshold: number;
  input: number | null;
  output: number | null;
  cachedInput: number | null;
  cacheWrite5m?: number | null;
  cacheWrite1h?: number | null;
}

/** USD per 1M tokens; null = not offered or not priced. */
export interface Prices {
  input: number | null;
  output: number | null;
  cachedInput: number | null;
  cacheWrite5m: number | null;
  cacheWrite1h: number | null;
  batchInput: number | null;
  batchOutput: number | null;
  reasoningOutput: number | null;
  longContext: LongContextPrices | null;
  audioInput?: number | null;
  audioOutput?: number | null;
  imageInput?: number | null;
  /** USD per 1M image output tokens, where it differs from `output` (gpt-image-1.5's text output is cheaper). */
  imageOutput?: number | null;
}

export interface UnitPrice {
  unit: 'image' | 'minute' | 'second' | '1M characters' | '1K searches' | '1K requests';
  variant?: string;
  price: number;
}

export interface PriceEntry {
  id: string;
  provider: string;
  aliases: string[];
  kind: ModelKind;
  tier: Tier;
  contextWindow: number | null;
  maxOutput: number | null;
  prices: Prices;
  units: UnitPrice[];
  source: string;
  checked: string;
  manual: boolean;
  note?: string;
  /** Set when a config override changed this entry: what it did. */
  override?: string;
  /** When the provider announced the model's deprecation (YYYY-MM-DD), where it publishes one. */
  deprecated?: string;
  /** The day the provider's own API stops serving the model (YYYY-MM-DD): calls fail from then on. */
  retires?: string;
  /** The model the provider recommends instead, where it names one. */
  replacement?: string;
  /** The provider's deprecations page the dates come from. */
  lifecycleSource?: string;
}

export interface PricingData {
  version: string;
  currency: 'USD';
  models: PriceEntry[];
}

export interface PriceMatch {
  entry: PriceEntry;
  /** id/alias: the name as written (same provider); normalized: after rewriting the name or the provider. */
  matchedBy: 'id' | 'alias' | 'normalized';
}

export interface PriceOverride {
  provider?: string;
  /** An id or alias, or a glob with `*` ('claude-*'); a name the table lacks adds a private model (needs provider and prices). */
  model: string;
  prices?: Partial<Prices>;
  discountPercent?: number;
  note?: string;
}

/** Providers that only route requests: the model's own vendor sets the price. */
const GATEWAYS = new Set([
  'vercel-gateway', 'vercel-ai-gateway', 'litellm', 'openai-compatible', 'helicone', 'portkey',
  'cloudflare-ai-gateway', 'unknown', '',
]);

/** Other spellings of a provider id, including the SDK-specific ids the scanner reports. */
const PROVIDER_SYNONYMS: Record<string, string> = {
  'anthropic-aws': 'bedrock',
  'amazon-bedrock': 'bedrock',
  aws: 'bedrock',
  'anthropic-google-cloud': 'google',
  'google-vertex': 'google',
  vertex: 'google',
  'vertex-ai': 'google',
  vertex_ai: 'google',
  gemini: 'google',
  'google-genai': 'google',
  azure: 'azure-openai',
  'azure-foundry': 'azure-openai',
  'x-ai': 'xai',
  grok: 'xai',
  'together-ai': 'together',
  together_ai: 'together',
  togetherai: 'together',
  'fireworks-ai': 'fireworks',
  fireworks_ai: 'fireworks',
  mistralai: 'mistral',
};

/** Where a provider's unknown model may still be priced: hosts that resell a vendor's model at the vendor's list price. */
const PROVIDER_FALLBACKS: Record<string, string[]> = {
  'azure-openai': ['openai'],
  bedrock: ['anthropic'],
};

const BEDROCK_REGION = /^(us|eu|apac|ap|au|jp|ca|us-gov|global)\./;
const BEDROCK_VENDOR = /^(anthropic|amazon|meta|cohere|mistral|deepseek|openai|qwen|ai21|writer)\./;

export class PricingTable {
  private readonly list: PriceEntry[];
  private readonly byId = new Map<string, PriceEntry>();
  private readonly byAlias = new Map<string, PriceEntry>();
  private readonly byLowerName = new Map<string, PriceEntry>();
  private readonly nearestCache = new Map<string, string[]>();

  constructor(data: PricingData, overrides: PriceOverride[] = []) {
    this.list = applyOverrides(data.models, overrides, data.version);
    for (const e of this.list) {
      this.byId.set(key(e.provider, e.id), e);
      for (const a of e.aliases) if (!this.byAlias.has(key(e.provider, a))) this.byAlias.set(key(e.provider, a), e);
    }
    // Lower-cased names after exact ones, so an id wins over an alias that differs only in case.
    for (const e of this.list) setIfAbsent(this.byLowerName, key(e.provider, e.id.toLowerCase()), e);
    for (const e of this.list) for (const a of e.aliases) setIfAbsent(this.byLowerName, key(e.provider, a.toLowerCase()), e);
  }

  entries(): PriceEntry[] {
    return this.list.slice();
  }

  lookup(provider: string, model: string): PriceMatch | null {
    const name = model.trim();
    if (!name) return null;
    const chain = providerChain(provider, name);
    for (let i = 0; i < chain.length; i++) {
      const found = this.findIn(chain[i], name);
      if (found) return i === 0 ? found : { entry: found.entry, matchedBy: 'normalized' };
    }
    return null;
  }

  /** Known names closest to `model` by edit distance (ids of the entries they belong to), for "did you mean". */
  nearest(model: string, limit = 3): string[] {
    const memo = `${limit}\0${model}`;
    const hit = this.nearestCache.get(memo);
    if (hit) return hit;
    const result = this.computeNearest(model, limit);
    this.nearestCache.set(memo, result);
    return result;
  }

  private computeNearest(model: string, limit: number): string[] {
    const target = model.trim().toLowerCase();
    const forms = [target, ...nameForms(target)].filter((f, i, all) => all.indexOf(f) === i);
    const maxDistance = Math.max(2, Math.floor(target.length / 4));
    const best = new Map<string, number>();
    for (const e of this.list) {
      for (const name of [e.id, ...e.aliases]) {
        // Lengths further apart than the allowed distance cannot be within it: skip the costly comparison.
        const lower = name.toLowerCase();
        const candidates = forms.filter((f) => Math.abs(f.length - lower.length) <= maxDistance);
        if (!candidates.length) continue;
        const d = Math.min(...candidates.map((f) => editDistance(f, lower, maxDistance)));
        if (d === 0 || d > maxDistance) continue;
        if (d < (best.get(e.id) ?? Infinity)) best.set(e.id, d);
      }
    }
    return [...best.entries()]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([id]) => id);
  }

  private findIn(provider: string, model: string): PriceMatch | null {
    const exactId = this.byId.get(key(provider, model));
    if (exactId) return { entry: exactId, matchedBy: 'id' };
    const exactAlias = this.byAlias.get(key(provider, model));
    if (exactAlias) return { entry: exactAlias, matchedBy: 'alias' };
    for (const form of [model.toLowerCase(), ...nameForms(model.toLowerCase())]) {
      const e = this.byLowerName.get(key(provider, form));
      if (e) return { entry: e, matchedBy: 'normalized' };
    }
    return null;
  }
}

/** The data shipped in pricing/models.json. */
export function pricingData(): PricingData {
  return data as unknown as PricingData;
}

let defaultTable: PricingTable | null = null;

/** The table shipped in pricing/models.json (loaded once). */
export function defaultPricing(): PricingTable {
  if (!defaultTable) defaultTable = new PricingTable(data as unknown as PricingData);
  return defaultTable;
}

/** Provider names of Google Cloud's Vertex AI: the `google` entries carry the Gemini API's retirement dates, and Vertex keeps its own. */
const VERTEX_NAMES = new Set(['google-vertex', 'vertex', 'vertex-ai', 'vertex_ai', 'anthropic-google-cloud']);

/**
 * Whether an entry's `deprecated`/`retires` dates apply to a call through `provider`. They are the
 * entry provider's own API's: a host that resells the model at the vendor's list price (Azure
 * OpenAI, Bedrock: PROVIDER_FALLBACKS) or Vertex AI under the `google` entries keeps its own schedule.
 * Vertex is told by its provider name or the Vertex SDK (`sdk`); Vertex through @google/genai
 * (`vertexai: true`) or the AI SDK reports `google` and is judged by the Gemini API's dates.
 */
export function lifecycleApplies(provider: string, entry: PriceEntry, sdk?: string): boolean {
  const raw = provider.trim().toLowerCase();
  if (VERTEX_NAMES.has(raw) || sdk === 'google-vertex') return false;
  const host = canonicalProvider(provider);
  return host === entry.provider || !(PROVIDER_FALLBACKS[host] ?? []).includes(entry.provider);
}

export function canonicalProvider(provider: string): string {
  const p = provider.trim().toLowerCase();
  return PROVIDER_SYNONYMS[p] ?? p;
}

/** Providers to search in order: the named one, then whoever really prices the model. */
export function providerChain(provider: string, model: string): string[] {
  const p = canonicalProvider(provider);
  const chain = [p];
  const add = (x: string | null) => {
    if (x && !chain.includes(canonicalProvider(x))) chain.push(canonicalProvider(x));
  };
  if (GATEWAYS.has(p) || p === 'openrouter') {
    add(providerFromModelPrefix(model));
    add(providerFromModelName(stripVendorPrefix(model)));
  }
  for (const f of PROVIDER_FALLBACKS[p] ?? []) add(f);
  return chain;
}

/**
 * Rewritten spellings of a (lower-cased) model name, most specific first. Each must still equal a
 * known id or alias exactly, so a family only matches itself: 'gpt-4o-2099-01-01' finds gpt-4o,
 * never gpt-4o-mini.
 */
export function nameForms(name: string): string[] {
  const forms: string[] = [];
  const push = (s: string) => {
    if (s && s !== name && !forms.includes(s)) forms.push(s);
  };
  const bases = [name];
  const pathless = stripPaths(name);
  if (pathless !== name) bases.push(pathless);
  for (const b of [...bases]) {
    const noVendor = stripVendorPrefix(b);
    if (noVendor !== b) bases.push(noVendor);
  }
  for (const b of [...bases]) {
    const bedrock = bedrockForms(b);
    bases.push(...bedrock);
  }
  for (const b of [...bases]) {
    const at = b.indexOf('@');
    if (at > 0) bases.push(`${b.slice(0, at)}-${b.slice(at + 1)}`, b.slice(0, at));
  }
  for (const b of [...bases]) {
    const dashed = b.replace(/(\d)\.(\d)/g, '$1-$2');
    const dotted = b.replace(/(\d)-(\d)(?!\d)/g, '$1.$2');
    if (dashed !== b) bases.push(dashed);
    if (dotted !== b) bases.push(dotted);
  }
  for (const b of bases) push(b);
  for (const b of bases) {
    const undated = stripDateSuffix(b);
    if (undated !== b) push(undated);
  }
  // 'claude-3-5-haiku' → 'claude-3-5-haiku-latest': a family name that the provider only publishes as an alias.
  for (const b of [name, ...forms]) {
    if (/[:@/]/.test(b) || BEDROCK_REGION.test(b) || BEDROCK_VENDOR.test(b)) continue;
    const family = stripDateSuffix(b);
    if (family !== b || !/-latest$/.test(b)) push(`${family}-latest`);
  }
  return forms;
}

/** 'models/gemini-2.5-pro', 'publishers/google/models/x', 'arn:aws:bedrock:...:inference-profile/x', 'accounts/fireworks/models/x' → x. */
function stripPaths(name: string): string {
  const arn = name.match(/^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile|application-inference-profile)\/(.+)$/);
  if (arn) return arn[1];
  const m = name.match(/(?:^|\/)models\/([^/]+)$/);
  if (m && !name.startsWith('accounts/')) return m[1];
  return name;
}

/** 'openai/gpt-4o' → 'gpt-4o'; names with more than one slash keep theirs (they are provider ids, e.g. Groq's). */
function stripVendorPrefix(name: string): string {
  const m = name.match(/^([a-z][a-z0-9_-]*)\/([^/]+)$/i);
  return m ? m[2] : name;
}

/** Bedrock ids: without the region profile, without the vendor and version ('anthropic.claude-x-v2:0' → 'claude-x'). */
function bedrockForms(name: string): string[] {
  const out: string[] = [];
  const noRegion = name.replace(BEDROCK_REGION, '');
  if (noRegion !== name) out.push(noRegion);
  if (BEDROCK_VENDOR.test(noRegion)) {
    const bare = noRegion.replace(BEDROCK_VENDOR, '').replace(/-v\d+(?::\d+)?$/, '').replace(/:\d+$/, '');
    if (bare !== noRegion) out.push(bare);
  }
  return out;
}

/** Drops a snapshot suffix: -2024-08-06, -20250514, -0613, -09-2025, -latest. */
function stripDateSuffix(name: string): string {
  return name
    .replace(/-latest$/, '')
    .replace(/-20\d{2}-\d{2}-\d{2}$/, '')
    .replace(/-20\d{6}$/, '')
    .replace(/-\d{2}-20\d{2}$/, '')
    .replace(/-(0[1-9]|1[0-2])\d{2}$/, '');
}

function key(provider: string, name: string): string {
  return `${provider}\u0000${name}`;
}

function setIfAbsent<K, V>(map: Map<K, V>, k: K, v: V): void {
  if (!map.has(k)) map.set(k, v);
}

// ---------------------------------------------------------------------------------------------
// Overrides from the user's config: negotiated discounts, committed-use rates, private deployments.

function applyOverrides(models: PriceEntry[], overrides: PriceOverride[], version: string): PriceEntry[] {
  let list = models;
  for (const o of overrides) {
    const matches = list.filter((e) => overrideMatches(o, e));
    if (matches.length === 0) {
      if (o.provider && o.prices) list = [...list, privateEntry(o, version)];
      continue;
    }
    const changed = new Set(matches);
    list = list.map((e) => (changed.has(e) ? overridden(e, o) : e));
  }
  return list;
}

function overrideMatches(o: PriceOverride, e: PriceEntry): boolean {
  if (o.provider && canonicalProvider(o.provider) !== e.provider) return false;
  const test = globTest(o.model);
  return test(e.id) || e.aliases.some(test);
}

function globTest(pattern: string): (name: string) => boolean {
  const p = pattern.toLowerCase();
  if (!p.includes('*')) return (name) => name.toLowerCase() === p;
  const re = new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`);
  return (name) => re.test(name.toLowerCase());
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function overridden(e: PriceEntry, o: PriceOverride): PriceEntry {
  let prices: Prices = { ...e.prices, ...(o.prices ?? {}) };
  let units = e.units;
  const what: string[] = [];
  if (o.prices) what.push(`prices ${Object.keys(o.prices).join(', ')}`);
  if (o.discountPercent !== undefined) {
    const factor = 1 - o.discountPercent / 100;
    prices = scalePrices(prices, factor);
    units = units.map((u) => ({ ...u, price: round(u.price * factor) }));
    what.push(`${o.discountPercent}% discount`);
  }
  const override = [o.note, what.join(' + ')].filter(Boolean).join(': ');
  return { ...e, prices, units, override: e.override ? `${e.override}; ${override}` : override };
}

function privateEntry(o: PriceOverride, version: string): PriceEntry {
  const base: Prices = {
    input: null, output: null, cachedInput: null, cacheWrite5m: null, cacheWrite1h: null,
    batchInput: null, batchOutput: null, reasoningOutput: null, longContext: null,
  };
  const entry: PriceEntry = {
    id: o.model, provider: canonicalProvider(o.provider ?? ''), aliases: [], kind: 'chat', tier: 'standard',
    contextWindow: null, maxOutput: null, prices: { ...base, ...o.prices }, units: [],
    source: 'config', checked: version, manual: true,
  };
  return overridden(entry, { ...o, prices: undefined, note: o.note ?? 'private model from config' });
}

function scalePrices(p: Prices, factor: number): Prices {
  const out = { ...p } as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) if (typeof v === 'number') out[k] = round(v * factor);
  if (p.longContext) {
    const lc = { ...p.longContext } as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(p.longContext)) if (typeof v === 'number' && k !== 'threshold') lc[k] = round(v * factor);
    out.longContext = lc;
  }
  return out as unknown as Prices;
}

/** Prices to 1e-9 USD so repeated discounts do not print floating-point noise. */
function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}
