import type { EstimatedCallSite, EstimatedResult } from '../estimate';
import { computeTotals } from '../estimate/totals';
import { difference } from '../estimate/money';
import type { Range, TotalRow, Totals } from '../estimate/types';
import type { PromptPart, Resolved } from '../types';

// Base versus head, call site by call site. Pure: two estimated results in, the `diff` object out.
// Sites pair by their stable id first; what is left pairs as "moved" when the call itself (api,
// model and prompt) is the same in another file or function.

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';
export type DiffReason = 'model' | 'prompt' | 'max-output' | 'volume' | 'price' | 'options' | 'moved';

export interface DiffSide {
  id: string;
  file: string;
  line: number;
  function: string | null;
  model: Resolved;
  costPerCall: Range | null;
  monthlyCost: Range | null;
  callsPerMonth: number | null;
  inputTokens: Range;
  maxOutputTokens: Resolved | null;
  /** The models of this side with no price, with the nearest priced names (the estimate's `unpriced`, [] when none). */
  unpriced: Array<{ model: string; nearest: string[] }>;
}

export interface DiffCallSite {
  id: string;
  status: DiffStatus;
  file: string;
  line: number;
  api: string;
  reasons: DiffReason[];
  /** The reasons in words: "model gpt-4o-mini → gpt-4o", "prompt grew by 120 tokens". */
  details: string[];
  /** Expected monthly dollars after minus before; null when neither side has a volume or the change is unknown. */
  monthlyChange: number | null;
  /** Why the change cannot be known ("no price for gpt-4o-mnii in the head (did you mean gpt-4o-mini?)"); null when it can. */
  changeUnknown: string | null;
  before: DiffSide | null;
  after: DiffSide | null;
}

export interface DiffWarning {
  file: string;
  line?: number;
  message: string;
}

export interface DiffMoney {
  base: number | null;
  head: number | null;
  /** null when nothing has a volume, or when a call site in it has an unknown change (`unknownCallSites`). */
  change: number | null;
  changePercent: number | null;
  /** Call sites counted here whose change is unknown (no price on a side): the change is then null, never a fake saving. */
  unknownCallSites: number;
}

export interface DiffTotalRow extends DiffMoney {
  key: string;
}

export interface Diff {
  base: string;
  baseSha: string;
  head: string | null;
  headSha: string | null;
  /** How the base was costed: what was analysed again and what the head's analysis served. */
  baseScan: BaseScan;
  /**
   * The base side's scan warnings (a symlink the base revision held, a file that did not parse there),
   * sorted by file, line and message; the head's own warnings are the result's `warnings`.
   */
  baseWarnings: DiffWarning[];
  callSites: DiffCallSite[];
  totals: {
    monthlyCost: DiffMoney;
    costPerCallChanged: number;
    added: number;
    removed: number;
    changed: number;
    byTeam: DiffTotalRow[];
    byFeature: DiffTotalRow[];
    byModel: DiffTotalRow[];
    /** The call sites whose change is unknown and why, sorted by file and line; null when every change is known. */
    unknownChange: { callSites: number; reasons: string[] } | null;
  };
}

/**
 * `scanned`: every base file analysed; `partial`: only the files a change can reach, the head's
 * call sites standing in for the rest; `reused`: no file differs, the head's analysis serves whole.
 */
export interface BaseScan {
  mode: 'scanned' | 'partial' | 'reused';
  /** Base files walked for call sites (null when not counted). */
  analysedFiles: number | null;
  /** Base files whose call sites came from the head's analysis. */
  reusedFiles: number;
  reusedCallSites: number;
}

export interface DiffMeta {
  base: string;
  baseSha: string;
  head: string | null;
  headSha: string | null;
  /** The bare mode stands for uncounted work (reporter fixtures build diffs without scanning). */
  baseScan: BaseScan | 'scanned' | 'reused';
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function resolvedKey(r: Resolved | null): string {
  if (!r) return '-';
  if (r.status === 'exact') return r.value;
  if (r.status === 'oneOf') return [...r.values].sort(byString).join(' | ');
  return '?';
}

/** The prompt as sent: roles, static text and placeholders, not where in the code the text lives. */
function promptKey(parts: PromptPart[]): string {
  return JSON.stringify(parts.map((p) => (p.type === 'text' ? [p.role ?? '', p.text] : [p.role ?? '', '${' + p.name + '}', p.expression, p.hint ?? ''])));
}

function optionsKey(s: EstimatedCallSite): string {
  const o = s.options;
  // Image size, quality and count, rerank documents and search tools bill too (absent on most calls).
  const units = [o.image ?? null, o.documents ?? null, o.search ?? null];
  return JSON.stringify([o.streaming, o.tools, resolvedKey(o.maxSteps), resolvedKey(o.reasoning), o.cacheControl, o.batch, resolvedKey(o.serviceTier), s.kind, ...units]);
}

function side(s: EstimatedCallSite): DiffSide {
  return {
    id: s.id,
    file: s.file,
    line: s.line,
    function: s.function,
    model: s.model,
    costPerCall: s.estimate.costPerCall,
    monthlyCost: s.estimate.monthlyCost,
    callsPerMonth: s.estimate.callsPerMonth,
    inputTokens: s.estimate.inputTokens,
    maxOutputTokens: s.options.maxOutputTokens,
    unpriced: s.estimate.unpriced ?? [],
  };
}

const volumeText = (n: number | null) => (n === null ? 'none' : `${n}/month`);
const where = (s: EstimatedCallSite) => `${s.file}${s.function ? `#${s.function}` : ''}`;

function compareSites(b: EstimatedCallSite, a: EstimatedCallSite): { reasons: DiffReason[]; details: string[] } {
  const reasons: DiffReason[] = [];
  const details: string[] = [];
  const modelChanged = resolvedKey(b.model) !== resolvedKey(a.model);
  if (modelChanged) (reasons.push('model'), details.push(`model ${resolvedKey(b.model)} → ${resolvedKey(a.model)}`));
  if (promptKey(b.prompt) !== promptKey(a.prompt)) {
    reasons.push('prompt');
    const grew = a.estimate.inputTokens.expected - b.estimate.inputTokens.expected;
    details.push(grew > 0 ? `prompt grew by ${grew} tokens` : grew < 0 ? `prompt shrank by ${-grew} tokens` : 'prompt changed (same size)');
  }
  const maxB = resolvedKey(b.options.maxOutputTokens);
  const maxA = resolvedKey(a.options.maxOutputTokens);
  if (maxB !== maxA) (reasons.push('max-output'), details.push(`${a.options.maxOutputOption} ${maxB === '-' ? 'none' : maxB} → ${maxA === '-' ? 'none' : maxA}`));
  const callsB = b.estimate.callsPerInvocation.expected;
  const callsA = a.estimate.callsPerInvocation.expected;
  if (b.estimate.callsPerMonth !== a.estimate.callsPerMonth || callsB !== callsA) {
    reasons.push('volume');
    if (b.estimate.callsPerMonth !== a.estimate.callsPerMonth) details.push(`volume ${volumeText(b.estimate.callsPerMonth)} → ${volumeText(a.estimate.callsPerMonth)}`);
    if (callsB !== callsA) details.push(`calls per invocation ${callsB} → ${callsA}`);
  }
  if (!modelChanged && JSON.stringify(b.estimate.price) !== JSON.stringify(a.estimate.price)) {
    reasons.push('price');
    const p = (s: EstimatedCallSite) => (s.estimate.price ? `${s.estimate.price.provider}/${s.estimate.price.model}` : 'unpriced');
    details.push(`price ${p(b)} → ${p(a)}`);
  }
  if (optionsKey(b) !== optionsKey(a)) (reasons.push('options'), details.push('options changed (streaming, tools, steps, reasoning, cache, batch, tier, images, documents or search tools)'));
  if (b.file !== a.file || b.function !== a.function) (reasons.push('moved'), details.push(`moved from ${where(b)}`));
  return { reasons, details };
}

function change(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return null;
  return difference(after ?? 0, before ?? 0);
}

function diffMoney(base: number | null, head: number | null, unknownCallSites = 0): DiffMoney {
  const delta = unknownCallSites ? null : change(base, head);
  const pct = base && delta !== null ? Math.round((delta / base) * 10000) / 100 : null;
  return { base, head, change: delta, changePercent: pct, unknownCallSites };
}

/**
 * A side that exists with no price (a typo'd or new model, a model not known statically), or with a
 * model among several that has none (its figure covers the others only): it costs an unknown amount.
 */
const noPrice = (s: EstimatedCallSite | null): s is EstimatedCallSite => s !== null && (s.estimate.costPerCall === null || (s.estimate.unpriced?.length ?? 0) > 0);

const orList = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

/** Why one side has no price, in words: the model, and the nearest priced names when it looks like a typo. */
function priceGap(s: EstimatedCallSite, where: string): string {
  const e = s.estimate;
  if (!e.models.length) return `model unknown ${where} (${s.model.status === 'unknown' ? s.model.reason : 'not resolved'})`;
  // A result saved before `unpriced` existed names its models only.
  const gaps = e.unpriced ?? e.models.map((model) => ({ model, nearest: [] as string[] }));
  const nearest = [...new Set(gaps.flatMap((g) => g.nearest))];
  return `no price ${where} for ${orList(gaps.map((g) => g.model))}${nearest.length ? ` (did you mean ${orList(nearest)}?)` : ''}`;
}

/**
 * The change of a call site is unknown when a side it was added, removed or changed on has no price.
 * Both sides unpriced and nothing but the place changed: the cost is the same, whatever it is.
 */
function unknownChange(status: DiffStatus, reasons: DiffReason[], b: EstimatedCallSite | null, a: EstimatedCallSite | null): string | null {
  if (status === 'unchanged' || (!noPrice(b) && !noPrice(a))) return null;
  if (noPrice(b) && noPrice(a)) {
    if (reasons.every((r) => r === 'moved')) return null;
    const before = priceGap(b, 'in the base');
    const after = priceGap(a, 'in the head');
    return before.replace(' in the base', '') === after.replace(' in the head', '') ? priceGap(a, 'in the base and the head') : `${before}; ${after}`;
  }
  return noPrice(a) ? priceGap(a, 'in the head') : priceGap(b as EstimatedCallSite, 'in the base');
}

interface Paired {
  entry: DiffCallSite;
  base: EstimatedCallSite | null;
  head: EstimatedCallSite | null;
}

function entry(status: DiffStatus, b: EstimatedCallSite | null, a: EstimatedCallSite | null): Paired {
  const shown = (a ?? b)!;
  const { reasons, details } = b && a ? compareSites(b, a) : { reasons: [], details: [] };
  const finalStatus = status === 'changed' && !reasons.length ? 'unchanged' : status;
  const unknown = unknownChange(finalStatus, reasons, b, a);
  const diffSite: DiffCallSite = {
    id: shown.id,
    status: finalStatus,
    file: shown.file,
    line: shown.line,
    api: shown.api,
    reasons,
    details,
    monthlyChange: unknown ? null : change(b?.estimate.monthlyCost?.expected ?? null, a?.estimate.monthlyCost?.expected ?? null),
    changeUnknown: unknown,
    before: b ? side(b) : null,
    after: a ? side(a) : null,
  };
  return { entry: diffSite, base: b, head: a };
}

/** Pairs ids first, then the same call (api, model, prompt) that vanished in one place and appeared in another. */
function matchSites(base: EstimatedCallSite[], head: EstimatedCallSite[]): Paired[] {
  const headById = new Map(head.map((s) => [s.id, s]));
  const baseIds = new Set(base.map((s) => s.id));
  const out: Paired[] = [];
  const vanished: EstimatedCallSite[] = [];
  for (const b of base) {
    const a = headById.get(b.id);
    if (a) out.push(entry('changed', b, a));
    else vanished.push(b);
  }
  const appeared = head.filter((s) => !baseIds.has(s.id));
  const callKey = (s: EstimatedCallSite) => `${s.api}\0${resolvedKey(s.model)}\0${promptKey(s.prompt)}`;
  const free = new Map<string, EstimatedCallSite[]>();
  for (const a of appeared) free.set(callKey(a), [...(free.get(callKey(a)) ?? []), a]);
  const paired = new Set<EstimatedCallSite>();
  for (const b of vanished) {
    const candidates = free.get(callKey(b)) ?? [];
    // Prefer the same function (a renamed file), then the same file (a renamed function).
    const a = candidates.find((c) => c.function === b.function) ?? candidates.find((c) => c.file === b.file) ?? candidates[0];
    if (a) {
      candidates.splice(candidates.indexOf(a), 1);
      paired.add(a);
      out.push(entry('changed', b, a));
    } else out.push(entry('removed', b, null));
  }
  for (const a of appeared) if (!paired.has(a)) out.push(entry('added', null, a));
  return out.sort(({ entry: x }, { entry: y }) => byString(x.file, y.file) || x.line - y.line || byString(x.id, y.id));
}

const withVolume = (r: TotalRow) => r.callSites - r.missingVolume - r.unknownModel > 0;

type Grouping = 'byTeam' | 'byFeature' | 'byModel';

/**
 * For each team, feature and model row: how many call sites of unknown change it holds. A row holds
 * a call site when the site's unpriced side is counted in it (a site that moved from one team to
 * another with a typo'd model leaves the first team's change known, and makes the second's unknown).
 */
function unknownRows(unknown: Paired[]): Record<Grouping, Map<string, number>> {
  const out: Record<Grouping, Map<string, number>> = { byTeam: new Map(), byFeature: new Map(), byModel: new Map() };
  for (const u of unknown) {
    // The totals' own grouping, so a row here is a row there whatever decides a site's team or feature.
    const totals: Totals = computeTotals([u.base, u.head].filter(noPrice));
    for (const g of ['byTeam', 'byFeature', 'byModel'] as const) for (const r of totals[g]) out[g].set(r.key, (out[g].get(r.key) ?? 0) + 1);
  }
  return out;
}

function rowDiff(base: TotalRow[], head: TotalRow[], unknown: Map<string, number>): DiffTotalRow[] {
  const keys = [...new Set([...base.map((r) => r.key), ...head.map((r) => r.key)])];
  const value = (rows: TotalRow[], key: string) => {
    const r = rows.find((x) => x.key === key);
    return r && withVolume(r) ? r.monthlyCost.expected : null;
  };
  return keys
    .map((key) => ({ key, ...diffMoney(value(base, key), value(head, key), unknown.get(key) ?? 0) }))
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || byString(a.key, b.key));
}

/** The base's warnings in the contract's shape (only file, line and message), in one order whatever produced them. */
function baseWarnings(base: EstimatedResult): DiffWarning[] {
  return base.warnings
    .map((w) => (w.line === undefined ? { file: w.file, message: w.message } : { file: w.file, line: w.line, message: w.message }))
    .sort((a, b) => byString(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || byString(a.message, b.message));
}

/** The `diff` object of the JSON contract (issue 4), from the base's and the head's estimates. */
export function diffEstimates(base: EstimatedResult, head: EstimatedResult, meta: DiffMeta): Diff {
  const paired = matchSites(base.callSites, head.callSites);
  const callSites = paired.map((p) => p.entry);
  const unknown = paired.filter((p) => p.entry.changeUnknown !== null);
  const rowsUnknown = unknownRows(unknown);
  const total = (r: EstimatedResult) => (r.totals.overall.withVolume ? r.totals.overall.monthlyCost.expected : null);
  const count = (s: DiffStatus) => callSites.filter((c) => c.status === s).length;
  const costPerCallChanged = callSites.filter((c) => c.before && c.after && c.before.costPerCall?.expected !== c.after.costPerCall?.expected).length;
  return {
    base: meta.base,
    baseSha: meta.baseSha,
    head: meta.head,
    headSha: meta.headSha,
    baseScan: typeof meta.baseScan === 'string' ? { mode: meta.baseScan, analysedFiles: null, reusedFiles: 0, reusedCallSites: 0 } : meta.baseScan,
    baseWarnings: baseWarnings(base),
    callSites,
    totals: {
      monthlyCost: diffMoney(total(base), total(head), unknown.length),
      costPerCallChanged,
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      byTeam: rowDiff(base.totals.byTeam, head.totals.byTeam, rowsUnknown.byTeam),
      byFeature: rowDiff(base.totals.byFeature, head.totals.byFeature, rowsUnknown.byFeature),
      byModel: rowDiff(base.totals.byModel, head.totals.byModel, rowsUnknown.byModel),
      unknownChange: unknown.length ? { callSites: unknown.length, reasons: unknown.map(({ entry: e }) => `${e.file}:${e.line}: ${e.changeUnknown}`) } : null,
    },
  };
}
