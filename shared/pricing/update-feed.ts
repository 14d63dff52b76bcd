// Reads a price feed in LiteLLM's model_prices_and_context_window.json format: one object per key, prices in
// USD per token. Only token-priced chat and embedding entries are read; everything else (images, audio,
// rerank, per-pixel or per-second prices) stays as the table has it, because the feed's units do not map
// onto ours one to one.

/** USD per 1M tokens, as the table stores them; absent = the feed does not state it. */
export interface FeedPrices {
  input: number;
  /** absent only for embeddings, which LiteLLM often leaves without an output price */
  output?: number;
  cachedInput?: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  batchInput?: number;
  batchOutput?: number;
  reasoningOutput?: number;
  longContext?: { threshold: number; input?: number; output?: number; cachedInput?: number };
}

export interface FeedModel {
  key: string;
  provider: string;
  /** the model id as the provider's API spells it (the key without LiteLLM's routing prefix) */
  name: string;
  kind: 'chat' | 'embedding';
  prices: FeedPrices;
  contextWindow: number | null;
  maxOutput: number | null;
  deprecated: string | null;
  /** lower wins when two keys name the same model (e.g. `gemini/x` before Vertex's `x`) */
  rank: number;
  prefixed: boolean;
  /** from the model vendor's own listing: new models are only added from these */
  firstParty: boolean;
}

export interface Malformed {
  key: string;
  problem: string;
}

export interface Feed {
  models: FeedModel[];
  malformed: Malformed[];
  /** providers with at least one usable entry: only these can report a model as gone from the feed */
  providers: Set<string>;
}

interface SourceSpec {
  provider: string;
  prefixes: string[];
  /** provider ids that contain '/' (together's `meta-llama/...`); elsewhere a '/' after the prefix is a region or deployment scope */
  slashIds: boolean;
  rank: number;
  /** the vendor's own API (not a host or gateway serving others' models, not a second listing like Vertex) */
  firstParty?: boolean;
  /** LiteLLM's price-bracket pseudo entries (`together-ai-up-to-4b`) are not models */
  skip?: RegExp;
}

/** LiteLLM's litellm_provider → tollgate's provider id. Providers not listed are not read. */
const SOURCES: Record<string, SourceSpec> = {
  openai: { provider: 'openai', prefixes: ['openai/'], slashIds: false, rank: 0, firstParty: true },
  azure: { provider: 'azure-openai', prefixes: ['azure/'], slashIds: false, rank: 0 },
  anthropic: { provider: 'anthropic', prefixes: ['anthropic/'], slashIds: false, rank: 0, firstParty: true },
  gemini: { provider: 'google', prefixes: ['gemini/'], slashIds: false, rank: 0, firstParty: true },
  'vertex_ai-language-models': { provider: 'google', prefixes: ['vertex_ai/'], slashIds: false, rank: 1 },
  'vertex_ai-embedding-models': { provider: 'google', prefixes: ['vertex_ai/'], slashIds: false, rank: 1 },
  mistral: { provider: 'mistral', prefixes: ['mistral/'], slashIds: false, rank: 0, firstParty: true },
  codestral: { provider: 'mistral', prefixes: ['codestral/'], slashIds: false, rank: 1 },
  cohere: { provider: 'cohere', prefixes: ['cohere/'], slashIds: false, rank: 0, firstParty: true },
  cohere_chat: { provider: 'cohere', prefixes: ['cohere_chat/'], slashIds: false, rank: 0, firstParty: true },
  xai: { provider: 'xai', prefixes: ['xai/'], slashIds: false, rank: 0, firstParty: true },
  deepseek: { provider: 'deepseek', prefixes: ['deepseek/'], slashIds: false, rank: 0, firstParty: true },
  groq: { provider: 'groq', prefixes: ['groq/'], slashIds: true, rank: 0 },
  together_ai: { provider: 'together', prefixes: ['together_ai/'], slashIds: true, rank: 0, skip: /^together-ai-/ },
  fireworks_ai: { provider: 'fireworks', prefixes: ['fireworks_ai/'], slashIds: true, rank: 0, skip: /^fireworks-ai-/ },
  'fireworks_ai-embedding-models': { provider: 'fireworks', prefixes: ['fireworks_ai/'], slashIds: true, rank: 0, skip: /^fireworks-ai-/ },
  openrouter: { provider: 'openrouter', prefixes: ['openrouter/'], slashIds: true, rank: 0 },
  bedrock: { provider: 'bedrock', prefixes: ['bedrock/'], slashIds: false, rank: 0 },
  bedrock_converse: { provider: 'bedrock', prefixes: ['bedrock/'], slashIds: false, rank: 0 },
  perplexity: { provider: 'perplexity', prefixes: ['perplexity/'], slashIds: false, rank: 0, firstParty: true },
  cerebras: { provider: 'cerebras', prefixes: ['cerebras/'], slashIds: true, rank: 0 },
  sambanova: { provider: 'sambanova', prefixes: ['sambanova/'], slashIds: true, rank: 0 },
  moonshot: { provider: 'moonshot', prefixes: ['moonshot/'], slashIds: false, rank: 0, firstParty: true },
  deepinfra: { provider: 'deepinfra', prefixes: ['deepinfra/'], slashIds: true, rank: 0 },
};

const TOKEN_MODES: Record<string, 'chat' | 'embedding'> = { chat: 'chat', responses: 'chat', completion: 'chat', embedding: 'embedding' };

type PriceField = Exclude<keyof FeedPrices, 'longContext'>;
const PRICE_FIELDS: Array<[string, PriceField]> = [
  ['input_cost_per_token', 'input'],
  ['output_cost_per_token', 'output'],
  ['cache_read_input_token_cost', 'cachedInput'],
  ['cache_creation_input_token_cost', 'cacheWrite5m'],
  ['cache_creation_input_token_cost_above_1hr', 'cacheWrite1h'],
  ['input_cost_per_token_batches', 'batchInput'],
  ['output_cost_per_token_batches', 'batchOutput'],
  ['output_cost_per_reasoning_token', 'reasoningOutput'],
];
/** LiteLLM's long-context tiers: the suffix names the threshold above which the whole request is priced higher. */
const LONG_CONTEXT: Array<[string, number]> = [
  ['_above_200k_tokens', 200_000],
  ['_above_128k_tokens', 128_000],
];
const LONG_FIELDS: Array<[string, 'input' | 'output' | 'cachedInput']> = [
  ['input_cost_per_token', 'input'],
  ['output_cost_per_token', 'output'],
  ['cache_read_input_token_cost', 'cachedInput'],
];
const LIMIT_FIELDS = ['max_input_tokens', 'max_output_tokens'];

/** Bedrock's cross-region inference profiles (`us.anthropic...`) bill like the base model id. */
const BEDROCK_GEO = /^(us|eu|apac|global|jp|au|ca|us-gov)\./;

export function normalizeName(provider: string, name: string): string {
  const lower = name.toLowerCase();
  return provider === 'bedrock' ? lower.replace(BEDROCK_GEO, '') : lower;
}

/** Per-token USD → per-1M USD, rounded so that 0.0000025 gives 2.5 and not 2.4999999999999996. */
export function perMillion(perToken: number): number {
  return Number((perToken * 1e6).toPrecision(10));
}

/** The feed as a whole is unusable (not a JSON object): the one fatal feed error. */
export class FeedError extends Error {}

export function readFeed(json: unknown, trackedProviders: Set<string>): Feed {
  const feed: Feed = { models: [], malformed: [], providers: new Set() };
  if (!isObject(json)) throw new FeedError('the feed is not a JSON object of models keyed by name');
  for (const key of Object.keys(json).sort()) {
    if (key === 'sample_spec') continue;
    const raw = json[key];
    if (!isObject(raw)) {
      feed.malformed.push({ key, problem: 'entry is not an object' });
      continue;
    }
    const spec = typeof raw.litellm_provider === 'string' ? SOURCES[raw.litellm_provider] : undefined;
    if (raw.litellm_provider === undefined) {
      feed.malformed.push({ key, problem: 'missing litellm_provider' });
      continue;
    }
    if (!spec || !trackedProviders.has(spec.provider)) continue;
    const located = locate(key, spec);
    if (!located) continue;
    if (raw.mode === undefined) {
      feed.malformed.push({ key, problem: 'missing mode' });
      continue;
    }
    const kind = typeof raw.mode === 'string' ? TOKEN_MODES[raw.mode] : undefined;
    if (!kind || pricedOtherwise(raw)) continue;
    const parsed = parseEntry(raw, kind);
    if (typeof parsed === 'string') {
      feed.malformed.push({ key, problem: parsed });
      continue;
    }
    feed.providers.add(spec.provider);
    feed.models.push({
      key,
      provider: spec.provider,
      name: located.name,
      kind,
      ...parsed,
      deprecated: typeof raw.deprecation_date === 'string' ? raw.deprecation_date : null,
      rank: spec.rank,
      prefixed: located.prefixed,
      firstParty: spec.firstParty === true,
    });
  }
  return feed;
}

/** The model id inside a LiteLLM key, or null for keys scoped to a region or deployment type (`bedrock/us-east-1/...`). */
function locate(key: string, spec: SourceSpec): { name: string; prefixed: boolean } | null {
  if (spec.skip?.test(key)) return null;
  const prefix = spec.prefixes.find((p) => key.startsWith(p));
  const name = prefix ? key.slice(prefix.length) : key;
  if (!name || (!spec.slashIds && name.includes('/'))) return null;
  return { name, prefixed: prefix !== undefined };
}

/** Priced per character, second or image but not per token (Vertex's older models): not ours to read. */
function pricedOtherwise(raw: Record<string, unknown>): boolean {
  return raw.input_cost_per_token === undefined && Object.keys(raw).some((k) => /cost_per_(character|second|image|pixel|query|request)/.test(k));
}

type Parsed = Pick<FeedModel, 'prices' | 'contextWindow' | 'maxOutput'>;

/** The entry's prices and limits, or a sentence saying what is wrong with it. */
function parseEntry(raw: Record<string, unknown>, kind: 'chat' | 'embedding'): Parsed | string {
  const fields = [...PRICE_FIELDS.map(([f]) => f), ...LONG_CONTEXT.flatMap(([suffix]) => LONG_FIELDS.map(([f]) => f + suffix)), ...LIMIT_FIELDS];
  for (const f of fields) {
    const v = raw[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${f} is not a number (${JSON.stringify(v)})`;
    if (v < 0) return `${f} is negative (${v})`;
  }
  if (raw.input_cost_per_token == null) return 'missing input_cost_per_token';
  // Embeddings have no output tokens; LiteLLM often leaves the field out for them.
  if (raw.output_cost_per_token == null && kind === 'chat') return 'missing output_cost_per_token';
  const prices: FeedPrices = { input: 0 };
  for (const [f, ours] of PRICE_FIELDS) {
    const v = raw[f];
    if (typeof v === 'number') prices[ours] = perMillion(v);
  }
  for (const [suffix, threshold] of LONG_CONTEXT) {
    const present = LONG_FIELDS.filter(([f]) => typeof raw[f + suffix] === 'number');
    if (!present.length) continue;
    prices.longContext = { threshold };
    for (const [f, ours] of present) prices.longContext[ours] = perMillion(raw[f + suffix] as number);
    break;
  }
  const limit = (f: string) => (typeof raw[f] === 'number' && (raw[f] as number) > 0 ? Math.round(raw[f] as number) : null);
  return { prices, contextWindow: limit('max_input_tokens'), maxOutput: limit('max_output_tokens') };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
