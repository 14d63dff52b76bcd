import { globMatch } from '../glob';
import type { CallSite, PromptPart } from '../types';
import { resolvedValues } from '../resolve/resolved';
import type { PricingTable, PriceEntry } from '../pricing/table';
import { countChat, countText } from './tokens';
import { isMediaPart, sizePlaceholder } from './placeholders';
import type { Estimate, EstimateConfig, Range, VolumeChoice, VolumeRule } from './types';
import { estimateUnits } from './caller-units';
import { isOwnServer, ownServerNote } from './self-hosted';
import { rerankUnits, unitCharges, unitPriced } from './units';
import { withReasoning } from './reasoning';
import { candidatesPerCall } from './candidates';
import { withCaching } from './caching';
import { agentSteps, averageStepInput } from './steps';
import { capToWindow, overflowOf, type ContextOverflow } from './context-window';
import { dollarsRange } from './money';

// One call site's cost: tokens in and out, times the price, times calls per invocation, times the
// expected volume. Every figure is a range (low / expected / high) and every guess is written down.

const OUTPUT_DEFAULTS: Record<string, number> = { chat: 400, embedding: 0, image: 0, audio: 0, moderation: 0, batch: 400, other: 200 };
const TOOL_DEFINITION_TOKENS = 150;
/** APIs that send a JSON schema for the answer (generateObject, chat.completions.parse, ...). */
const STRUCTURED_OUTPUT_API = /(^|\.)(generateObject|streamObject|experimental_generateObject|experimental_streamObject|parse)$/;
const STRUCTURED_SCHEMA_TOKENS = 200;
const UNBOUNDED_FALLBACK_MAX = 8192;

const zero = (): Range => ({ low: 0, expected: 0, high: 0 });
const point = (n: number): Range => ({ low: n, expected: n, high: n });
const add = (a: Range, b: Range): Range => ({ low: a.low + b.low, expected: a.expected + b.expected, high: a.high + b.high });
const scale = (a: Range, f: number): Range => ({ low: a.low * f, expected: a.expected * f, high: a.high * f });
const mul = (a: Range, b: Range): Range => ({ low: a.low * b.low, expected: a.expected * b.expected, high: a.high * b.high });
const moneyRange = dollarsRange;
const tokensRange = (r: Range): Range => ({ low: Math.round(r.low), expected: Math.round(r.expected), high: Math.round(r.high) });
const fmt = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

export function tagValue(site: CallSite, key: string): string | null {
  const t = site.tags.find((x) => x.key === key && !x.dynamic && x.value !== null);
  return t ? t.value : null;
}

interface Messages {
  static: Array<{ role: string; content: string }>;
  placeholders: Array<Extract<PromptPart, { type: 'placeholder' }>>;
  /** Tokens of static text before the first placeholder: what a prompt cache can reuse. */
  staticPrefix: string;
}

function splitPrompt(parts: PromptPart[]): Messages {
  const out: Messages = { static: [], placeholders: [], staticPrefix: '' };
  let prefixOpen = true;
  let last: { role: string; content: string } | null = null;
  for (const p of parts) {
    const role = p.role ?? 'user';
    if (p.type === 'text') {
      if (last && last.role === role) last.content += p.text;
      else out.static.push((last = { role, content: p.text }));
      if (prefixOpen) out.staticPrefix += p.text;
    } else {
      out.placeholders.push(p);
      prefixOpen = false;
      if (!last || last.role !== role) out.static.push((last = { role, content: '' }));
    }
  }
  return out;
}


function isVolumeStub(site: CallSite, rule: VolumeRule): boolean {
  return rule.perMonth === 0 && rule.key === site.id;
}

export function volumeFor(site: CallSite, config: EstimateConfig): VolumeChoice | null {
  if (site.annotation?.volumePerMonth != null) return { perMonth: site.annotation.volumePerMonth, source: `annotation line ${site.annotation.line}: volume ${site.annotation.volume}` };
  const match = (rules: VolumeRule[], value: string | null, what: string) => {
    if (value === null) return null;
    const r = rules.find((x) => x.key === value);
    return r ? { perMonth: r.perMonth, source: `config usage.${what}.${r.key}: ${r.text}` } : null;
  };
  // A zero on the exact id is a `tollgate usage sync` stub not filled in yet: it counts as no entry.
  // An exact id first: ids hold file names, and `app/[id]/route.ts` is not a glob that matches itself.
  const byId = config.usage.callSites.find((r) => !isVolumeStub(site, r) && (r.key === site.id || globMatch(site.id, r.key, { dot: true })));
  if (byId) return { perMonth: byId.perMonth, source: `config usage.callSites "${byId.key}": ${byId.text}` };
  return (
    match(config.usage.features, tagValue(site, 'feature'), 'features') ??
    match(config.usage.teams, tagValue(site, 'team'), 'teams') ??
    match(config.usage.kinds, site.kind, 'kinds') ??
    (config.usage.default ? { perMonth: config.usage.default.perMonth, source: `config usage.default: ${config.usage.default.text}` } : null)
  );
}

function numericValues(r: CallSite['options']['maxOutputTokens']): number[] {
  return r ? resolvedValues(r).map(Number).filter((n) => Number.isFinite(n) && n >= 0) : [];
}

interface PerModel {
  model: string;
  entry: PriceEntry;
  input: Range;
  output: Range;
  cost: Range;
  exact: boolean;
  overflow: ContextOverflow | null;
}

/** What one call to one model costs, with the assumptions it needed. */
function costForModel(site: CallSite, model: string, entry: PriceEntry, config: EstimateConfig, steps: Range | null, assumptions: Set<string>): PerModel {
  const provider = entry.provider;
  const msgs = splitPrompt(site.prompt);
  const feature = tagValue(site, 'feature');
  const annotationTokens = site.annotation?.tokens ?? {};
  // Static text: counted exactly with OpenAI's tokenizer (and its chat overhead), approximated elsewhere.
  const chatLike = site.kind === 'chat' && msgs.static.length > 0;
  const counted = chatLike ? countChat(msgs.static, provider, model) : countText(msgs.static.map((m) => m.content).join('\n'), provider, model);
  if (!counted.exact) assumptions.add(`token counts for ${provider} are approximated with ${counted.encoding}${counted.note ? ` (${counted.note})` : ''}`);
  // A reranker bills its query once per document, or per search of up to 100 documents (units.ts).
  const rerank = entry.kind === 'rerank' ? rerankUnits(site, entry, model, config, assumptions) : null;
  // An approximate count carries the spread of its factor: the uncertainty widens the range.
  let input: Range = rerank ? rerank.input : counted.range ? { low: counted.range.low, expected: counted.tokens, high: counted.range.high } : point(counted.tokens);
  for (const ph of rerank ? [] : msgs.placeholders) {
    const size = sizePlaceholder(ph, annotationTokens, feature, config);
    input = add(input, size.tokens);
    if (size.source === 'default' && isMediaPart(ph.expression)) {
      assumptions.add(`${ph.expression} content in the prompt: sized like one image (${fmt(size.tokens.low)}–${fmt(size.tokens.high)} tokens, OpenAI's rule by detail); other providers price media their own way`);
    } else if (size.source === 'default') {
      const kind = ph.hint ?? 'value';
      assumptions.add(`placeholder \`${ph.name}\` (${kind}) sized by default at ${fmt(size.tokens.expected)} tokens (${fmt(size.tokens.low)}–${fmt(size.tokens.high)}); set it with \`// tollgate: tokens ${ph.name}=N\``);
    }
  }
  if (STRUCTURED_OUTPUT_API.test(site.api)) {
    input = add(input, point(STRUCTURED_SCHEMA_TOKENS));
    assumptions.add(`structured output: the schema adds about ${STRUCTURED_SCHEMA_TOKENS} input tokens`);
  }
  if (site.options.tools) {
    input = add(input, point(site.options.tools * TOOL_DEFINITION_TOKENS));
    assumptions.add(`${site.options.tools} tool definition(s) at about ${TOOL_DEFINITION_TOKENS} tokens each`);
  }

  // Output: the bound is the high end; the expected value a fraction of it or a default per kind.
  // Realtime and audio-chat models speak their answer: billed as audio tokens, not per minute or character.
  const audioTokens = site.kind === 'audio' && entry.prices.audioOutput != null && !(entry.units ?? []).some((u) => u.unit === 'minute' || u.unit === '1M characters');
  const kindDefault = config.outputDefaults[site.kind] ?? (audioTokens ? OUTPUT_DEFAULTS.chat : OUTPUT_DEFAULTS[site.kind]) ?? 200;
  let output: Range;
  const bounds = numericValues(site.options.maxOutputTokens);
  // A reranker returns scores, not tokens (its table entry says so when the call's kind cannot); an
  // image model's answer is its images, priced per image below.
  const generates = !(site.kind === 'embedding' || site.kind === 'moderation' || entry.kind === 'rerank' || entry.kind === 'image' || kindDefault === 0);
  if (!generates) output = zero();
  else if (bounds.length) {
    const hi = Math.max(...bounds);
    const lo = Math.min(...bounds);
    const expected = config.outputFraction !== null ? hi * config.outputFraction : Math.min(hi, kindDefault);
    output = { low: Math.min(lo, Math.round(kindDefault / 4)), expected, high: hi };
    assumptions.add(config.outputFraction !== null ? `expected output is ${config.outputFraction} of the max-output bound` : `expected output ${fmt(Math.min(hi, kindDefault))} tokens (the default for ${site.kind}, capped by the bound)`);
  } else {
    const max = entry.maxOutput ?? UNBOUNDED_FALLBACK_MAX;
    output = { low: Math.round(kindDefault / 4), expected: kindDefault, high: max };
    assumptions.add(`no max-output bound (${site.options.maxOutputOption || 'max tokens'}): high end is the model's max output, ${fmt(max)} tokens${entry.maxOutput ? '' : ' (assumed)'}`);
  }

  // Reasoning tokens are billed as output, inside the output bound.
  if (generates) output = withReasoning(site, model, entry, output, bounds, assumptions);

  // The prompt as sent: one that cannot fit is a finding; the agent loop's later steps re-send the
  // conversation (one answer each, whatever n is); no request is billed beyond the window.
  const overflow = overflowOf(model, entry, input);
  if (steps) input = averageStepInput(input, output, steps, entry.contextWindow, assumptions);
  input = capToWindow(input, entry, assumptions);
  const candidates = candidatesPerCall(site, assumptions);
  if (candidates) output = mul(output, candidates);

  const p = entry.prices;
  const long = p.longContext && input.expected > p.longContext.threshold ? p.longContext : null;
  if (long) assumptions.add(`input above ${fmt(long.threshold)} tokens: the long-context price applies to the whole request`);
  let inPrice = long?.input ?? p.input ?? 0;
  let outPrice = long?.output ?? p.reasoningOutput ?? p.output ?? 0;
  if (audioTokens) {
    outPrice = p.audioOutput!;
    if (p.audioInput != null) inPrice = p.audioInput;
    assumptions.add(`spoken output priced as audio tokens ($${p.audioOutput} per 1M); input at the ${p.audioInput != null ? `audio input price ($${p.audioInput} per 1M)` : 'text input price (the table lists no audio input price)'}`);
  }
  if (site.options.batch || site.kind === 'batch') {
    inPrice = p.batchInput ?? inPrice / 2;
    outPrice = p.batchOutput ?? outPrice / 2;
    assumptions.add('batch API: batch prices (half the standard price where none is listed)');
  } else if (site.options.serviceTier?.status === 'exact' && site.options.serviceTier.value === 'flex') {
    inPrice = p.batchInput ?? inPrice / 2;
    outPrice = p.batchOutput ?? outPrice / 2;
    assumptions.add('flex service tier priced like the batch API');
  } else if (site.options.serviceTier?.status === 'exact' && site.options.serviceTier.value === 'priority') {
    assumptions.add('priority service tier: priced at standard rates here; priority processing costs more (no priority price in the table)');
  }

  // Prompt caching of the static prefix, where the provider caches it and it is long enough.
  const prefixTokens = msgs.staticPrefix ? countText(msgs.staticPrefix, provider, model).tokens : 0;
  const inputCost = withCaching({ site, provider, model, entry, prefixTokens, inputCost: scale(input, inPrice / 1e6), inPrice, long, hitRate: config.cacheHitRate }, assumptions);
  let cost = add(inputCost, scale(output, outPrice / 1e6));

  // Units that are not tokens: images, rerank searches, audio, provider-run search tools (units.ts).
  const units = unitCharges(site, entry, input, rerank, assumptions);
  cost = add(cost, units.cost);
  if (units.outputTokens) output = add(output, units.outputTokens);
  if (site.kind === 'moderation' && !inPrice && !outPrice) assumptions.add('moderation is free');
  return { model, entry, input, output, cost, exact: counted.exact && msgs.placeholders.length === 0 && !(steps && steps.high > 1), overflow };
}

function hasPrice(site: CallSite, entry: PriceEntry): boolean {
  const units = unitPriced(site, entry);
  if (units !== null) return units;
  const p = entry.prices;
  return p.input !== null || p.output !== null || (entry.units ?? []).length > 0 || entry.kind === 'moderation';
}

function callsPerInvocation(site: CallSite, config: EstimateConfig, steps: Range | null, assumptions: Set<string>): Range {
  let r = steps ?? point(1);
  const configured = config.usage.fanout.find((f) => f.key === site.id || globMatch(site.id, f.key, { dot: true }));
  const fanout = site.annotation?.fanout ?? configured?.factor;
  if (fanout != null) {
    r = scale(r, fanout);
    assumptions.add(`fan-out of ${fanout} per invocation (${site.annotation?.fanout != null ? 'annotation' : `config usage.fanout "${configured!.key}"`})`);
  } else if (site.fanOut) {
    assumptions.add(`fan-out of unknown width (${site.fanOut.kind} at line ${site.fanOut.line}): counted once; set it with \`// tollgate: fanout N\``);
  }
  return r;
}

/** A call site's estimate; a wrapper whose callers differ in tags or volume is split by caller (units.ts). */
export function estimateSite(site: CallSite, pricing: PricingTable, config: EstimateConfig): Estimate {
  return estimateUnits(site, config, (s, volume) => estimateCall(s, pricing, config, volume), volumeFor) ?? estimateCall(site, pricing, config, volumeFor(site, config));
}

function estimateCall(site: CallSite, pricing: PricingTable, config: EstimateConfig, volume: VolumeChoice | null): Estimate {
  const assumptions = new Set<string>();
  const models = resolvedValues(site.model);
  const steps = agentSteps(site, assumptions);
  const calls = callsPerInvocation(site, config, steps, assumptions);
  const base: Estimate = {
    status: 'ok',
    inputTokens: zero(),
    outputTokens: zero(),
    callsPerInvocation: calls,
    costPerCall: null,
    callsPerMonth: volume ? Math.round(volume.perMonth * 100) / 100 : null,
    monthlyCost: null,
    price: null,
    models,
    assumptions: [],
    exactTokens: false,
    volumeSource: volume?.source ?? null,
  };
  if (!models.length) {
    base.status = 'unresolved-model';
    assumptions.add(`model unknown: ${site.model.status === 'unknown' ? site.model.reason : '?'}`);
    base.assumptions = [...assumptions].sort();
    return base;
  }
  const priced: PerModel[] = [];
  const unknownModels: string[] = [];
  const unpriced: string[] = [];
  // A server of the user's own has no price to look up: not an unknown model, an unpriced one.
  const ownServer = isOwnServer(site.provider);
  for (const m of models) {
    const match = pricing.lookup(site.provider, m);
    if (!match && ownServer) {
      unpriced.push(m);
      assumptions.add(ownServerNote(site, m));
    } else if (!match) unknownModels.push(m);
    else if (!hasPrice(site, match.entry)) unpriced.push(m);
    else priced.push(costForModel(site, m, match.entry, config, steps, assumptions));
  }
  for (const m of unpriced) if (!ownServer || pricing.lookup(site.provider, m)) assumptions.add(`\`${m}\` is in the pricing table without a price for this use`);
  for (const m of unknownModels) {
    const near = pricing.nearest(m, 3);
    assumptions.add(`unknown model \`${m}\` (not in the pricing table${near.length ? `; nearest: ${near.join(', ')}` : ''})`);
  }
  // Which models have no price, with the nearest priced names: a diff and a PR comment say "did you mean".
  const noPrice = [...unknownModels.map((m) => ({ model: m, nearest: pricing.nearest(m, 3) })), ...unpriced.map((m) => ({ model: m, nearest: [] as string[] }))];
  if (noPrice.length) base.unpriced = noPrice.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  if (!priced.length) {
    base.status = unknownModels.length ? 'unknown-model' : 'unpriced';
    base.assumptions = [...assumptions].sort();
    return base;
  }
  // Several models: low is the cheapest, high the dearest, expected their average.
  priced.sort((a, b) => a.cost.expected - b.cost.expected || (a.model < b.model ? -1 : 1));
  const avg = (f: (p: PerModel) => number) => priced.reduce((s, p) => s + f(p), 0) / priced.length;
  const cheapest = priced[0];
  const dearest = priced[priced.length - 1];
  if (priced.length > 1) assumptions.add(`model is one of ${priced.map((p) => p.model).join(', ')}: low uses ${cheapest.model}, high ${dearest.model}, expected their average`);
  if (site.model.status !== 'unknown' && site.model.notes?.length) for (const n of site.model.notes) assumptions.add(`model: ${n}`);
  const costPerCall: Range = { low: cheapest.cost.low, expected: avg((p) => p.cost.expected), high: dearest.cost.high };
  base.inputTokens = tokensRange({ low: Math.min(...priced.map((p) => p.input.low)), expected: avg((p) => p.input.expected), high: Math.max(...priced.map((p) => p.input.high)) });
  base.outputTokens = tokensRange({ low: Math.min(...priced.map((p) => p.output.low)), expected: avg((p) => p.output.expected), high: Math.max(...priced.map((p) => p.output.high)) });
  base.costPerCall = moneyRange(costPerCall);
  base.exactTokens = priced.every((p) => p.exact);
  const overflows = priced.map((p) => p.overflow).filter((o): o is ContextOverflow => o !== null).sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  if (overflows.length) base.contextOverflow = overflows;
  base.price = { model: dearest.entry.id, provider: dearest.entry.provider, source: dearest.entry.source, checked: dearest.entry.checked };
  if (unknownModels.length) base.status = 'unknown-model';
  if (volume) {
    // The published callsPerMonth, so that costPerCall × callsPerInvocation × callsPerMonth is the monthly figure.
    base.monthlyCost = moneyRange(scale(mul(costPerCall, calls), base.callsPerMonth!));
    assumptions.add(`volume ${fmt(volume.perMonth)} invocations/month (${volume.source})`);
  } else {
    const stub = config.usage.callSites.some((r) => isVolumeStub(site, r));
    assumptions.add(stub ? `needs volume (stub in tollgate.yml): fill in usage.callSites "${site.id}"` : 'needs volume: add `// tollgate: volume N/day` above the call or a usage entry in tollgate.yml');
  }
  base.assumptions = [...assumptions].sort();
  return base;
}
