import type { CallSite } from '../types';
import { PricingTable, canonicalProvider, type PriceEntry, type PriceMatch, type PriceOverride, type PricingData } from '../pricing/table';
import type { SelfHostedConfig } from '../config/self-hosted-config';
import type { Estimate, Range, SelfHostedAlternative } from './types';
import { difference, dollars } from './money';

// Self-hosted models: a price per 1M tokens derived from what the GPUs cost and how fast they serve,
// and, for call sites on an API model the deployment replaces, the same calls priced on it with the
// monthly volume at which a dedicated server starts to pay for itself.

/** A dedicated server runs every hour of the month (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
/** Prefill reads a prompt far faster than decoding writes an answer; 10× is a common order of magnitude. */
export const DEFAULT_INPUT_SPEEDUP = 10;
export const SELF_HOSTED_SOURCE = 'tollgate.yml selfHosted';
/** Not a date: the price comes from the user's own figures, so there is no day it was checked. */
export const SELF_HOSTED_CHECKED = 'config';

/** Providers the scanner reports for servers of the user's own (hosts.ts: localhost, :11434, :1234, llama.cpp). */
const OWN_SERVERS = ['self-hosted', 'ollama', 'lmstudio'];

/** Whether a call site's provider is a model server the user runs: no per-token price exists for it. */
export function isOwnServer(provider: string): boolean {
  return OWN_SERVERS.includes(canonicalProvider(provider));
}

/**
 * Why a model on a server of one's own has no price: the GPUs cost what they cost, whatever the
 * tokens. Ollama's cloud (ollama.com) is the one such host that bills, and it bills by plan.
 */
export function ownServerNote(site: Pick<CallSite, 'provider' | 'baseURL'>, model: string): string {
  const base = site.baseURL?.status === 'exact' ? site.baseURL.value : '';
  if (canonicalProvider(site.provider) === 'ollama' && /^https?:\/\/(www\.)?ollama\.com(\/|$)/i.test(base)) {
    return `\`${model}\` on Ollama's cloud (ollama.com): billed by subscription plan, no per-token price`;
  }
  return `self-hosted: no per-token price for \`${model}\` on ${site.provider} (describe its server under selfHosted in tollgate.yml to price its GPU time)`;
}

export interface DerivedPrices {
  costPerHour: number;
  fixedMonthlyUsd: number;
  /** USD per 1M tokens. */
  input: number;
  output: number;
}

/** USD to 1e-9, like the table's own prices, so the same config prints the same bytes everywhere. */
const round9 = (n: number) => Math.round(n * 1e9) / 1e9;
const money = dollars;

/**
 * price per 1M tokens = cost per hour / (tokens per second × 3600 × utilization) × 1e6, separately for
 * output (decode) and input (prefill) throughput: a call takes GPU time for both, never counted twice.
 */
export function derivePrices(c: SelfHostedConfig): DerivedPrices {
  const costPerHour = c.gpuHourlyUsd * c.gpus;
  const perMillion = (tokensPerSecond: number) => round9((costPerHour / (tokensPerSecond * 3600 * c.utilization)) * 1e6);
  return {
    costPerHour: round9(costPerHour),
    fixedMonthlyUsd: money(costPerHour * HOURS_PER_MONTH),
    input: perMillion(c.inputTokensPerSecond ?? c.tokensPerSecond * DEFAULT_INPUT_SPEEDUP),
    output: perMillion(c.tokensPerSecond),
  };
}

export function selfHostedEntry(c: SelfHostedConfig): PriceEntry {
  const p = derivePrices(c);
  const inputTps = c.inputTokensPerSecond ?? c.tokensPerSecond * DEFAULT_INPUT_SPEEDUP;
  const basis = `${c.gpus} GPU × $${c.gpuHourlyUsd}/h, ${c.tokensPerSecond} output and ${inputTps} input tokens/s${c.inputTokensPerSecond === null ? ' (10× output, assumed)' : ''}, ${Math.round(c.utilization * 100)}% utilization`;
  return {
    id: c.model,
    provider: canonicalProvider(c.provider),
    aliases: c.aliases.slice(),
    kind: 'chat',
    tier: 'standard',
    contextWindow: null,
    maxOutput: null,
    // A server of one's own gives no batch discount: batch calls cost the same GPU time.
    prices: {
      input: p.input, output: p.output, cachedInput: null, cacheWrite5m: null, cacheWrite1h: null,
      batchInput: p.input, batchOutput: p.output, reasoningOutput: null, longContext: null,
    },
    units: [],
    source: SELF_HOSTED_SOURCE,
    checked: SELF_HOSTED_CHECKED,
    manual: true,
    note: c.note ? `${c.note} (${basis})` : `self-hosted: ${basis}`,
  };
}

/**
 * The table with self-hosted models. A call site on a server of the user's own finds the model on its
 * own provider first, then on the generic 'self-hosted' provider; a generic local server (the scanner
 * cannot tell vLLM from TGI on localhost) also finds it on any provider a selfHosted entry names.
 */
export class SelfHostedPricingTable extends PricingTable {
  private readonly servers: string[];

  constructor(data: PricingData, overrides: PriceOverride[], selfHosted: SelfHostedConfig[]) {
    const derived = selfHosted.map(selfHostedEntry);
    const replaced = (e: PriceEntry) => derived.some((d) => d.provider === e.provider && d.id === e.id);
    super({ ...data, models: [...data.models.filter((e) => !replaced(e)), ...derived] }, overrides);
    this.servers = [...new Set(derived.map((d) => d.provider))];
  }

  override lookup(provider: string, model: string): PriceMatch | null {
    const direct = super.lookup(provider, model);
    if (direct) return direct;
    const p = canonicalProvider(provider);
    if (!OWN_SERVERS.includes(p) && !this.servers.includes(p)) return null;
    const fallbacks = ['self-hosted', ...(p === 'self-hosted' ? this.servers : [])].filter((x) => x !== p);
    for (const f of fallbacks) {
      const found = super.lookup(f, model);
      if (found) return { entry: found.entry, matchedBy: 'normalized' };
    }
    return null;
  }
}

const rangeOf = (f: (k: keyof Range) => number): Range => ({ low: f('low'), expected: f('expected'), high: f('high') });

/** Whether the call site's model (as written, or the table id it is priced as) is one `c.compareTo` names. */
function replaces(c: SelfHostedConfig, site: CallSite, estimate: Estimate, pricing: PricingTable): boolean {
  const wanted = new Set(c.compareTo.map((m) => m.toLowerCase()));
  if (!wanted.size) return false;
  return estimate.models.some((m) => wanted.has(m.toLowerCase()) || wanted.has((pricing.lookup(site.provider, m)?.entry.id ?? '').toLowerCase()));
}

/**
 * The site's calls on each self-hosted deployment that lists its model in `compareTo`. The self-hosted
 * model is assumed to read and write as many tokens as the API model (the site's own token ranges).
 *
 * Break-even: a dedicated server costs F = fixedMonthlyUsd whatever the volume, up to its capacity
 * F / s invocations (s = its cost per invocation at the stated utilization). The API costs a per
 * invocation, so it reaches F at F / a invocations. When a < s that volume is beyond one server's
 * capacity, and every extra server adds another F: self-hosting never catches up, break-even is null.
 */
export function alternativesFor(site: CallSite, estimate: Estimate, pricing: PricingTable, selfHosted: SelfHostedConfig[]): SelfHostedAlternative[] {
  if (!estimate.costPerCall || !selfHosted.length) return [];
  const out: SelfHostedAlternative[] = [];
  for (const c of selfHosted) {
    if (!replaces(c, site, estimate, pricing)) continue;
    const entry = pricing.lookup(c.provider, c.model)?.entry ?? selfHostedEntry(c);
    // A site already served by this deployment has nothing to compare.
    if (estimate.price && estimate.price.model === entry.id && estimate.price.provider === entry.provider) continue;
    const inPrice = entry.prices.input ?? 0;
    const outPrice = entry.prices.output ?? 0;
    const raw = rangeOf((k) => (estimate.inputTokens[k] * inPrice + estimate.outputTokens[k] * outPrice) / 1e6);
    const costPerCall = rangeOf((k) => money(raw[k]));
    const calls = estimate.callsPerInvocation;
    const monthlyCost = estimate.callsPerMonth === null ? null : rangeOf((k) => money(raw[k] * calls[k] * estimate.callsPerMonth!));
    const fixed = derivePrices(c).fixedMonthlyUsd;
    // From the published figures, so a reader can redo the division.
    const apiPerInvocation = estimate.costPerCall.expected * calls.expected;
    const ownPerInvocation = costPerCall.expected * calls.expected;
    // A dedicated server costs its month busy or idle; more calls than one serves need another whole one.
    const servers = estimate.callsPerMonth === null ? null : Math.max(1, Math.ceil(clean((estimate.callsPerMonth * ownPerInvocation) / fixed)));
    out.push({
      model: entry.id,
      provider: entry.provider,
      costPerCall,
      monthlyCost,
      monthlySaving: servers !== null && estimate.monthlyCost ? difference(estimate.monthlyCost.expected, servers * fixed) : null,
      fixedMonthlyUsd: fixed,
      serversNeeded: servers,
      capacityCallsPerMonth: ownPerInvocation > 0 ? Math.floor(clean(fixed / ownPerInvocation)) : null,
      breakEvenCallsPerMonth: apiPerInvocation > 0 && apiPerInvocation >= ownPerInvocation ? Math.ceil(clean(fixed / apiPerInvocation)) : null,
    });
  }
  return out;
}

/** Drops floating-point dust (2502857.0000000005) before rounding to whole invocations. */
function clean(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The estimate with its self-hosted alternatives, when there are any (the field is absent otherwise). */
export function withAlternatives(site: CallSite, estimate: Estimate, pricing: PricingTable, selfHosted: SelfHostedConfig[]): Estimate {
  const alternatives = alternativesFor(site, estimate, pricing, selfHosted);
  return alternatives.length ? { ...estimate, alternatives } : estimate;
}
