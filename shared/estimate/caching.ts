import type { CallSite } from '../types';
import type { LongContextPrices, PriceEntry } from '../pricing/table';
import type { Range } from './types';

// Prompt caching: a static prefix the provider caches is billed at the cached price on a hit, and
// (Anthropic) at a write premium on a miss. A provider caches nothing below its minimum length, so a
// shorter prefix gets no discount and no write premium: it is billed as plain input.

interface MinRule {
  test: RegExp;
  tokens: number;
}

/** OpenAI: "Caching is enabled automatically for prompts that are 1024 tokens or longer" (platform.openai.com/docs/guides/prompt-caching). */
const OPENAI_MIN = 1024;

/**
 * Anthropic's minimum cacheable prompt length by model (docs.claude.com/en/docs/build-with-claude/
 * prompt-caching, "Cache limitations"): 4,096 for Claude Opus 4.5 and later and Haiku 4.5; 2,048
 * for Sonnet 4.6 and Haiku 3.5 / 3; 1,024 for the other Sonnet and Opus models. The same models on
 * Bedrock and Vertex carry the same limits. First match wins.
 */
const ANTHROPIC_MIN: MinRule[] = [
  { test: /opus-4-([5-9]|\d\d)/, tokens: 4096 },
  { test: /haiku-4/, tokens: 4096 },
  { test: /sonnet-4-([6-9]|\d\d)/, tokens: 2048 },
  { test: /haiku/, tokens: 2048 },
  { test: /claude/, tokens: 1024 },
];

/**
 * Gemini's minimum input for (implicit and explicit) context caching by model
 * (ai.google.dev/gemini-api/docs/caching, "Implicit caching" table). The table has changed over
 * time (2.5 Pro listed at 4,096 and later 2,048; 2.5 Flash at 1,024 and later 2,048; Gemini 3.x at
 * 4,096 in the newest versions; a forum report has the API enforce 2,048 for 2.5 Flash-Lite, which
 * the table omits): we take the larger figure, so a discount is never counted that the API may refuse.
 */
const GEMINI_MIN: MinRule[] = [
  { test: /gemini-2\.5-pro/, tokens: 4096 },
  { test: /gemini-2\.5-flash/, tokens: 2048 },
  { test: /gemini-([3-9]|\d\d)/, tokens: 4096 },
];
/** Gemini 2.5 and newer cache repeated prefixes without being asked (implicit caching, same docs page). */
const GEMINI_IMPLICIT = /gemini-(2\.5|[3-9]|\d\d)/;

const isOpenAI = (provider: string) => provider === 'openai' || provider === 'azure-openai';
const fmt = (n: number) => (n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

function ruleFor(rules: MinRule[], names: string[]): number | null {
  for (const r of rules) if (names.some((n) => r.test.test(n))) return r.tokens;
  return null;
}

/** The provider's minimum cacheable prefix for this model; null when none is published (no minimum applied). */
export function minimumCacheablePrefix(provider: string, model: string, entry: PriceEntry): number | null {
  const names = [model.toLowerCase(), entry.id.toLowerCase()];
  if (isOpenAI(provider)) return OPENAI_MIN;
  if (names.some((n) => n.includes('claude'))) return ruleFor(ANTHROPIC_MIN, names);
  if (names.some((n) => n.includes('gemini'))) return ruleFor(GEMINI_MIN, names);
  return null;
}

/** Whether the provider caches the prefix without a hint in the code. */
function cachesAutomatically(provider: string, model: string, entry: PriceEntry): 'automatic prompt caching' | 'Gemini implicit caching' | null {
  if (isOpenAI(provider)) return 'automatic prompt caching';
  if (provider === 'google' && [model, entry.id].some((n) => GEMINI_IMPLICIT.test(n.toLowerCase()))) return 'Gemini implicit caching';
  return null;
}

export interface CacheInput {
  site: CallSite;
  provider: string;
  model: string;
  entry: PriceEntry;
  /** Tokens of static text before the first placeholder: what a cache can reuse. */
  prefixTokens: number;
  /** Input cost before caching, and the input price it used (USD per 1M tokens). */
  inputCost: Range;
  inPrice: number;
  long: LongContextPrices | null;
  hitRate: number;
}

/** The input cost once caching is counted (the same range when nothing is cached). */
export function withCaching(c: CacheInput, assumptions: Set<string>): Range {
  const p = c.entry.prices;
  const cachedPrice = c.long?.cachedInput ?? p.cachedInput;
  if (cachedPrice == null || c.prefixTokens <= 0) return c.inputCost;
  const automatic = cachesAutomatically(c.provider, c.model, c.entry);
  const explicit = c.site.options.cacheControl;
  if (!automatic && !explicit) return c.inputCost;
  const min = minimumCacheablePrefix(c.provider, c.model, c.entry);
  if (min !== null && c.prefixTokens < min) {
    // Automatic caching of a short prompt is the normal case, not worth a line; a cache hint that cannot work is.
    if (explicit) assumptions.add(`${fmt(c.prefixTokens)}-token static prefix is below ${c.model}'s minimum cacheable length (${fmt(min)} tokens): no cache discount`);
    return c.inputCost;
  }
  const oneHour = explicit && c.site.options.cacheTtl === '1h';
  // Anthropic: a 1-hour write costs 2x the base input price, a 5-minute write 1.25x (docs.claude.com pricing).
  const writePrice = explicit ? (oneHour ? c.long?.cacheWrite1h ?? p.cacheWrite1h ?? null : c.long?.cacheWrite5m ?? p.cacheWrite5m ?? null) : null;
  const prefix = c.prefixTokens;
  const saving = (hit: number) => (prefix * hit * (c.inPrice - cachedPrice)) / 1e6;
  const writeExtra = (miss: number) => (writePrice != null ? (prefix * miss * (writePrice - c.inPrice)) / 1e6 : 0);
  const rate = c.hitRate;
  const how = automatic ?? 'cache_control';
  assumptions.add(`${fmt(prefix)}-token static prefix cached (${how}): ${Math.round(rate * 100)}% cache hits expected`);
  if (oneHour) assumptions.add(writePrice != null ? `1-hour cache writes (ttl: '1h') at $${writePrice} per 1M tokens` : `1-hour cache writes (ttl: '1h'): the table has no 1-hour write price, counted at the input price`);
  return {
    low: c.inputCost.low - saving(1) + writeExtra(0),
    expected: c.inputCost.expected - saving(rate) + writeExtra(1 - rate),
    high: c.inputCost.high + writeExtra(1),
  };
}
