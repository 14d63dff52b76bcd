import data from '../../pricing/tool-fees.json';
import type { CallSite, HostedSearch, Resolved } from '../types';
import type { PriceEntry } from '../pricing/table';
import { canonicalProvider } from '../pricing/table';
import { resolvedValues } from '../resolve/resolved';
import type { Range } from './types';

// Fees for what the provider does for the model, on top of tokens: search tools the call enables
// (OpenAI web_search, Anthropic's web search tool, Gemini's grounding with Google Search), priced
// from pricing/tool-fees.json; and request fees of models that search on every request (Perplexity
// Sonar, OpenAI's search-preview models), priced from the model's `1K requests` units by search
// context size.

export interface ToolFee {
  provider: string;
  tools: string[];
  /** Model id prefixes; empty: every model of the provider. */
  models: string[];
  per: 'call' | 'search' | 'grounded prompt';
  pricePer1k: number;
  /** What the fee leaves out or ignores, said in the assumptions. */
  extra: string;
  source: string;
  checked: string | null;
}

const FEES = (data as unknown as { fees: ToolFee[] }).fees;

/** The fee for one search tool on one model: the first entry of its provider naming the tool and matching the model. */
export function toolFee(provider: string, model: string, tool: string, fees: ToolFee[] = FEES): ToolFee | null {
  const p = canonicalProvider(provider);
  return fees.find((f) => f.provider === p && f.tools.includes(tool) && (!f.models.length || f.models.some((m) => model.startsWith(m)))) ?? null;
}

const point = (n: number): Range => ({ low: n, expected: n, high: n });
const zero = (): Range => point(0);

const UNIT_NAME: Record<ToolFee['per'], [string, string]> = { call: ['tool call', 'tool calls'], search: ['search', 'searches'], 'grounded prompt': ['grounded prompt', 'grounded prompts'] };

function uses(s: HostedSearch, per: ToolFee['per']): { range: Range; text: string } {
  const [one] = UNIT_NAME[per];
  // A grounded prompt is billed once whatever number of queries it makes.
  if (per === 'grounded prompt') return { range: point(1), text: '1 grounded prompt per request' };
  const bound = s.maxUses?.status === 'exact' ? Number(s.maxUses.value) : null;
  if (bound !== null && Number.isFinite(bound) && bound >= 1) return { range: { low: 1, expected: 1, high: bound }, text: `1 ${one} per request expected, up to ${bound} (max_uses)` };
  return { range: point(1), text: `1 ${one} per request (the model may make more or none; no bound in the code)` };
}

/** What the call's search tools add to one call to `entry`, with what was assumed. */
export function toolFees(site: CallSite, entry: PriceEntry, assumptions: Set<string>): Range {
  let total = zero();
  for (const s of site.options.search ?? []) {
    if (s.tool === 'web_search_options') continue;
    const fee = toolFee(entry.provider, entry.id, s.tool);
    if (!fee) {
      assumptions.add(`search tool ${s.tool} on ${entry.provider}: no fee in the table, not counted`);
      continue;
    }
    const n = uses(s, fee.per);
    const each = fee.pricePer1k / 1000;
    total = { low: total.low + n.range.low * each, expected: total.expected + n.range.expected * each, high: total.high + n.range.high * each };
    const checked = fee.checked ? `checked ${fee.checked}` : 'not checked against a reference: verify';
    assumptions.add(`${s.tool}: $${fee.pricePer1k} per 1K ${UNIT_NAME[fee.per][1]} (${fee.source}, ${checked}); ${n.text}; ${fee.extra}`);
  }
  return add(total, requestFee(site, entry, assumptions));
}

/** Search context size when the call does not set it (Perplexity's API reference; OpenAI's web search guide). */
const DEFAULT_CONTEXT: Record<string, string> = { perplexity: 'low', openai: 'medium', 'azure-openai': 'medium' };

/** A per-request fee of a model that searches on every request, by search context size. */
function requestFee(site: CallSite, entry: PriceEntry, assumptions: Set<string>): Range {
  const fees = (entry.units ?? []).filter((u) => u.unit === '1K requests');
  if (!fees.length) return zero();
  const bySize = new Map(fees.map((u) => [(u.variant ?? '').replace(/^search context /, ''), u.price]));
  const written: Resolved | null = site.options.search?.find((s) => s.contextSize)?.contextSize ?? null;
  let sizes: string[];
  let why: string;
  if (written && written.status !== 'unknown') {
    sizes = resolvedValues(written);
    why = `search context ${sizes.join(' | ')}`;
  } else if (written) {
    sizes = [...bySize.keys()];
    why = `search context size unknown (${written.reason}): every size`;
  } else {
    const d = DEFAULT_CONTEXT[entry.provider];
    sizes = d && bySize.has(d) ? [d] : [...bySize.keys()];
    why = d && bySize.has(d) ? `search context not set: the API's default, ${d}` : 'search context not set: every size the table lists';
  }
  const prices = sizes.map((s) => bySize.get(s)).filter((p): p is number => p !== undefined);
  if (!prices.length) {
    assumptions.add(`${why} is not in ${entry.id}'s request fees: priced over every size it has`);
    prices.push(...bySize.values());
  }
  const per: Range = { low: Math.min(...prices) / 1000, expected: prices.reduce((s, p) => s + p, 0) / prices.length / 1000, high: Math.max(...prices) / 1000 };
  assumptions.add(`request fee per call (${why}): $${+(per.low * 1000).toFixed(4)}${per.high > per.low ? `–$${+(per.high * 1000).toFixed(4)}` : ''} per 1K requests`);
  return per;
}

function add(a: Range, b: Range): Range {
  return { low: a.low + b.low, expected: a.expected + b.expected, high: a.high + b.high };
}
