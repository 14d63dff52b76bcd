// `tollgate pricing update`: maps a LiteLLM-format price feed onto our table. The table stays the source of
// truth for everything the feed cannot know (tiers, aliases, kinds, per-unit prices, sources, manual
// entries); the feed only refreshes token prices and limits of models it lists under the same provider.
//
// Which feed models get added (the feed lists ~1,700 keys; most are of no use to a cost estimate):
//   - only from the vendor's own listing (openai, anthropic, gemini, mistral, cohere, xai, deepseek, perplexity,
//     moonshot). Hosts and gateways (Bedrock, Azure, Vertex, Groq, Together, Fireworks, OpenRouter, Cerebras...)
//     re-list hundreds of third-party models: there the feed only updates entries we have, and new ones are
//     listed in the report, never added;
//   - only providers the table already tracks (at least one entry), only chat/responses/completion and
//     embedding modes, only keys that name a model id (not a region- or deployment-scoped key such as
//     `bedrock/us-east-1/...` or `azure/global-standard/...`, not LiteLLM's price brackets, not `ft:` fine-tunes);
//   - not deprecated on the run date, not free (input and output both 0);
//   - one model per family base (the name without dated/version/`-latest`/`:variant` suffixes): the undated
//     name when the feed has it, else the newest snapshot. A snapshot of a model the table already has is
//     not added but listed as an alias candidate;
//   - not matched by an ignore pattern (`provider/model*`): removing an added model from the table is not
//     enough to keep it out, the next run would add it again;
//   - added entries get a guessed tier and `needsReview: true`, and the report says so.

import { normalizeName, readFeed, type FeedModel, type FeedPrices, type Malformed } from './update-feed';
import { compareEntries, type TableData, type TableEntry, type TableLongContext, type TablePrices } from './update-format';

export { formatTable } from './update-format';
export { FeedError } from './update-feed';
export { renderUpdateReport } from './update-report';

export const LITELLM_SOURCE = 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json';
/** A price move larger than this (either way) is flagged for a human to check before merging. */
export const SUSPICIOUS_PERCENT = 50;

export interface UpdateOptions {
  /** the run date, YYYY-MM-DD: decides which feed models are deprecated already */
  today: string;
  /**
   * The date the feed's prices are as of, YYYY-MM-DD (default: `today`, right for a file just downloaded).
   * It is the `checked` date of every price the feed changes or adds, and the rule against reverting:
   * an entry the table checked after this date keeps its prices, and the report lists what the feed says.
   */
  feedDate?: string;
  /** delete non-manual models that are gone from the feed (otherwise they are only reported) */
  prune?: boolean;
  /** how the report names the feed (a file path or URL) */
  feedName?: string;
  /** whether the caller writes the result; only changes the report's wording */
  write?: boolean;
  /** `provider/model` patterns (`*` wildcards) never to add, e.g. models a reviewer removed on purpose */
  ignore?: string[];
}

export interface PriceChange {
  provider: string;
  id: string;
  field: string;
  old: number | null;
  new: number;
  /** null when there was no old price (or it was 0) */
  percent: number | null;
  suspicious: boolean;
}

export interface LimitChange {
  provider: string;
  id: string;
  field: 'contextWindow' | 'maxOutput';
  old: number | null;
  new: number;
}

export interface AddedModel {
  provider: string;
  id: string;
  key: string;
  kind: string;
  tier: string;
  input: number;
  output: number | null;
}

export interface RemovedModel {
  provider: string;
  id: string;
  pruned: boolean;
}

/** An entry checked after the feed's date: kept as it is, with what the (older) feed says differently. */
export interface NewerKept {
  provider: string;
  id: string;
  /** the entry's `checked` date, after the feed's */
  checked: string;
  /** the prices and limits the older feed would have written, each with its move */
  differs: Array<{ field: string; table: number | null; feed: number; percent: number | null }>;
  /** true when the model is missing from the feed (too new for it): not reported as gone, never pruned */
  missing: boolean;
}

export interface ManualKept {
  provider: string;
  id: string;
  /** what the feed says differently, e.g. `input 3 (ours 2.5)`; empty when it agrees or does not list the model */
  feedDiffers: string[];
}

export interface UpdateReport {
  feed: string;
  today: string;
  /** the date the feed's prices are as of: the `checked` date of what it changed */
  feedDate: string;
  write: boolean;
  suspiciousPercent: number;
  feedModels: number;
  matched: number;
  priceChanges: PriceChange[];
  limitChanges: LimitChange[];
  added: AddedModel[];
  removed: RemovedModel[];
  manual: ManualKept[];
  /** entries checked after the feed's date: an older feed never reverts a newer price */
  newerThanFeed: NewerKept[];
  malformed: Malformed[];
  /** feed keys that are snapshots or variants of a model the table (or this run) has: `model` is our id */
  aliasCandidates: Array<{ provider: string; key: string; model: string }>;
  /** new models on hosts and gateways (Bedrock, Groq, OpenRouter...): listed, never added */
  notAdded: Array<{ provider: string; key: string }>;
  /** new models skipped by the ignore patterns */
  ignored: number;
}

export interface UpdateResult {
  data: TableData;
  report: UpdateReport;
  /** false when writing would leave the table as it was */
  changed: boolean;
}

const TOKEN_KINDS = new Set(['chat', 'embedding']);

export function updatePricing(table: TableData, feedJson: unknown, opts: UpdateOptions): UpdateResult {
  const tracked = new Set(table.models.map((m) => m.provider));
  const feed = readFeed(feedJson, tracked);
  const index = new FeedIndex(feed.models);
  const feedDate = opts.feedDate ?? opts.today;
  const report: UpdateReport = {
    feed: opts.feedName ?? 'feed',
    today: opts.today,
    feedDate,
    write: opts.write === true,
    suspiciousPercent: SUSPICIOUS_PERCENT,
    feedModels: feed.models.length,
    matched: 0,
    priceChanges: [],
    limitChanges: [],
    added: [],
    removed: [],
    manual: [],
    newerThanFeed: [],
    malformed: feed.malformed,
    aliasCandidates: [],
    notAdded: [],
    ignored: 0,
  };
  const models: TableEntry[] = [];
  for (const original of [...table.models].sort(compareEntries)) {
    const entry = clone(original);
    const match = TOKEN_KINDS.has(entry.kind) ? index.find(entry) : null;
    if (entry.manual) {
      report.manual.push({ provider: entry.provider, id: entry.id, feedDiffers: match ? describeDifferences(entry, match) : [] });
    } else if (match && newerThan(entry, feedDate)) {
      report.matched++;
      const differs = feedDifferences(entry, match);
      if (differs.length) report.newerThanFeed.push({ provider: entry.provider, id: entry.id, checked: entry.checked!, differs, missing: false });
    } else if (match) {
      report.matched++;
      applyFeed(entry, match, feedDate, report);
    } else if (TOKEN_KINDS.has(entry.kind) && feed.providers.has(entry.provider) && newerThan(entry, feedDate)) {
      // A model the table learnt of after the feed was made is not "gone": the feed is too old to know it.
      report.newerThanFeed.push({ provider: entry.provider, id: entry.id, checked: entry.checked!, differs: [], missing: true });
    } else if (TOKEN_KINDS.has(entry.kind) && feed.providers.has(entry.provider)) {
      report.removed.push({ provider: entry.provider, id: entry.id, pruned: opts.prune === true });
      if (opts.prune) continue;
    }
    models.push(entry);
  }
  for (const fm of pickAdditions(feed.models, table.models, opts, report)) {
    const entry = newEntry(fm, feedDate);
    models.push(entry);
    report.added.push({ provider: entry.provider, id: entry.id, key: fm.key, kind: entry.kind, tier: entry.tier, input: fm.prices.input, output: entry.prices.output });
  }
  models.sort(compareEntries);
  const changed =
    report.priceChanges.length > 0 || report.limitChanges.length > 0 || report.added.length > 0 || report.removed.some((r) => r.pruned);
  // The version is the newest date a price was checked, never the run date: an old feed does not make the table look fresh.
  const data: TableData = { ...table, version: changed && feedDate > table.version ? feedDate : table.version, models };
  return { data, report, changed };
}

/** The table checked this entry after the feed's date (dates compare as text). */
function newerThan(entry: TableEntry, feedDate: string): boolean {
  return typeof entry.checked === 'string' && entry.checked > feedDate;
}

/** What the feed would change on a table entry, prices then limits, with each price's move. */
function feedDifferences(entry: TableEntry, fm: FeedModel): NewerKept['differs'] {
  const out: NewerKept['differs'] = [];
  for (const [field, value] of feedValues(fm.prices, entry.kind)) {
    const old = tableValue(entry.prices, field);
    if (old !== value) out.push({ field, table: old, feed: value, percent: movement(old, value, field).percent });
  }
  for (const [field, value] of [['contextWindow', fm.contextWindow], ['maxOutput', fm.maxOutput]] as const) {
    const old = entry[field] ?? null;
    if (value !== null && old !== value) out.push({ field, table: old, feed: value, percent: null });
  }
  return out;
}

/** Feed models by provider and lower-cased name; the preferred key first when several name the same model. */
class FeedIndex {
  private exact = new Map<string, FeedModel>();
  private normalized = new Map<string, FeedModel>();

  constructor(models: FeedModel[]) {
    for (const fm of [...models].sort(preferred)) {
      setFirst(this.exact, indexKey(fm.provider, fm.name.toLowerCase()), fm);
      setFirst(this.normalized, indexKey(fm.provider, normalizeName(fm.provider, fm.name)), fm);
    }
  }

  /** Our id first, then our aliases in order; exact names before normalised ones (Bedrock's `us.` profiles). */
  find(entry: TableEntry): FeedModel | null {
    const names = [entry.id, ...(entry.aliases ?? [])];
    for (const n of names) {
      const hit = this.exact.get(indexKey(entry.provider, n.toLowerCase()));
      if (hit) return hit;
    }
    for (const n of names) {
      const hit = this.normalized.get(indexKey(entry.provider, normalizeName(entry.provider, n)));
      if (hit) return hit;
    }
    return null;
  }
}

/** `gemini/x` before Vertex's `x`; the namespaced `deepseek/deepseek-chat` before LiteLLM's older bare `deepseek-chat`. */
function preferred(a: FeedModel, b: FeedModel): number {
  return a.rank - b.rank || Number(b.prefixed) - Number(a.prefixed) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function setFirst<K, V>(map: Map<K, V>, key: K, value: V) {
  if (!map.has(key)) map.set(key, value);
}

function indexKey(provider: string, name: string): string {
  return `${provider}\u0000${name}`;
}

type SimplePriceField = 'input' | 'output' | 'cachedInput' | 'cacheWrite5m' | 'cacheWrite1h' | 'batchInput' | 'batchOutput' | 'reasoningOutput';
const SIMPLE_FIELDS: SimplePriceField[] = ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'batchInput', 'batchOutput', 'reasoningOutput'];
const LONG_FIELDS = ['threshold', 'input', 'output', 'cachedInput'] as const;

/** The feed's view of each price field we track, as `field → value`; fields the feed does not state are absent. */
function feedValues(p: FeedPrices, kind: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of SIMPLE_FIELDS) {
    // Embeddings produce no output tokens: LiteLLM's 0 there would only turn our "not priced" into a price.
    if (kind === 'embedding' && (f === 'output' || f === 'batchOutput')) continue;
    const v = p[f];
    // The table only records a reasoning price where it differs from output.
    if (v === undefined || (f === 'reasoningOutput' && v === p.output)) continue;
    out.set(f, v);
  }
  if (p.longContext) {
    for (const f of LONG_FIELDS) {
      const v = p.longContext[f];
      if (v !== undefined) out.set(`longContext.${f}`, v);
    }
  }
  return out;
}

function tableValue(prices: TablePrices, field: string): number | null {
  if (field.startsWith('longContext.')) {
    const v = prices.longContext?.[field.slice('longContext.'.length)];
    return typeof v === 'number' ? v : null;
  }
  const v = prices[field];
  return typeof v === 'number' ? v : null;
}

function setTableValue(prices: TablePrices, field: string, value: number) {
  if (!field.startsWith('longContext.')) {
    prices[field] = value;
    return;
  }
  const lc: TableLongContext = prices.longContext ?? { threshold: 0, input: null, output: null, cachedInput: null };
  lc[field.slice('longContext.'.length)] = value;
  prices.longContext = lc;
}

/** Writes the feed's prices and limits; only an entry that changed takes the feed's date as its `checked`. */
function applyFeed(entry: TableEntry, fm: FeedModel, feedDate: string, report: UpdateReport) {
  let touched = false;
  for (const [field, value] of feedValues(fm.prices, entry.kind)) {
    const old = tableValue(entry.prices, field);
    if (old === value) continue;
    setTableValue(entry.prices, field, value);
    report.priceChanges.push({ provider: entry.provider, id: entry.id, field, old, new: value, ...movement(old, value, field) });
    touched = true;
  }
  for (const [field, value] of [['contextWindow', fm.contextWindow], ['maxOutput', fm.maxOutput]] as const) {
    const old = entry[field] ?? null;
    if (value === null || old === value) continue;
    entry[field] = value;
    report.limitChanges.push({ provider: entry.provider, id: entry.id, field, old, new: value });
    touched = true;
  }
  if (touched) entry.checked = feedDate;
}

function movement(old: number | null, value: number, field: string): { percent: number | null; suspicious: boolean } {
  if (old === null) return { percent: null, suspicious: false };
  // A threshold is a token count, not a price: report it, but a moved tier boundary is not a price jump.
  if (field === 'longContext.threshold') return { percent: null, suspicious: false };
  if (old === 0) return { percent: null, suspicious: value > 0 };
  const percent = ((value - old) / old) * 100;
  return { percent, suspicious: Math.abs(percent) > SUSPICIOUS_PERCENT };
}

function describeDifferences(entry: TableEntry, fm: FeedModel): string[] {
  const out: string[] = [];
  for (const [field, value] of feedValues(fm.prices, entry.kind)) {
    const old = tableValue(entry.prices, field);
    if (old !== value) out.push(`${field} ${value} (ours ${old ?? 'null'})`);
  }
  return out;
}

/** Strips what makes a name a snapshot or variant of a model: dates, versions, `-latest`, `:free`, `@001`. */
export function familyBase(name: string): string {
  const patterns = [/:[\w.-]+$/, /@[\w.-]+$/, /-v\d+$/, /-latest$/, /-\d{4}-\d{2}-\d{2}$/, /-\d{8}$/, /-\d{3,4}$/];
  let base = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of patterns) {
      const next = base.replace(p, '');
      if (next !== base && next) {
        base = next;
        changed = true;
      }
    }
  }
  return base;
}

function pickAdditions(feedModels: FeedModel[], tableModels: TableEntry[], opts: UpdateOptions, report: UpdateReport): FeedModel[] {
  const covered = new Set<string>();
  /** family base → the id of our entry that covers it, to name it in the alias-candidate list */
  const coveredBases = new Map<string, string>();
  for (const e of tableModels) {
    for (const n of [e.id, ...(e.aliases ?? [])]) {
      const norm = normalizeName(e.provider, n);
      covered.add(indexKey(e.provider, norm));
      setFirst(coveredBases, indexKey(e.provider, familyBase(norm)), e.id);
    }
  }
  const ignore = (opts.ignore ?? []).map(globToRegExp);
  const seen = new Set<string>();
  const families = new Map<string, FeedModel[]>();
  for (const fm of [...feedModels].sort(preferred)) {
    const norm = normalizeName(fm.provider, fm.name);
    const key = indexKey(fm.provider, norm);
    // One row per model: the preferred key stands for `openai/x` and `x`, `us.x` and `x`.
    if (covered.has(key) || seen.has(key)) continue;
    seen.add(key);
    if (fm.deprecated !== null && fm.deprecated <= opts.today) continue;
    if (fm.name.startsWith('ft:') || (fm.prices.input === 0 && !fm.prices.output)) continue;
    const family = indexKey(fm.provider, familyBase(norm));
    const known = coveredBases.get(family);
    if (known !== undefined) {
      report.aliasCandidates.push({ provider: fm.provider, key: fm.key, model: known });
    } else if (ignore.some((re) => re.test(`${fm.provider}/${norm}`))) {
      report.ignored++;
    } else if (!fm.firstParty) {
      report.notAdded.push({ provider: fm.provider, key: fm.key });
    } else {
      families.set(family, [...(families.get(family) ?? []), fm]);
    }
  }
  const picked: FeedModel[] = [];
  for (const members of families.values()) {
    const chosen = chooseRepresentative(members);
    picked.push(chosen);
    for (const m of members) if (m !== chosen) report.aliasCandidates.push({ provider: m.provider, key: m.key, model: addedId(chosen) });
  }
  const byProviderKey = (a: { provider: string; key: string }, b: { provider: string; key: string }) =>
    a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  report.aliasCandidates.sort(byProviderKey);
  report.notAdded.sort(byProviderKey);
  return picked;
}

/** `provider/model` patterns with `*` wildcards, case-insensitive, matched against the whole name. */
function globToRegExp(glob: string): RegExp {
  const body = glob.toLowerCase().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/** Bedrock's `us.`/`eu.` inference profiles are looked up through the base id, so that is the id we add. */
function addedId(fm: FeedModel): string {
  return fm.provider === 'bedrock' ? fm.name.replace(/^(us|eu|apac|global|jp|au|ca|us-gov)\./, '') : fm.name;
}

/** The undated name if the feed has it, else the newest snapshot (dates sort as text). */
function chooseRepresentative(members: FeedModel[]): FeedModel {
  const undated = members.find((m) => normalizeName(m.provider, m.name) === familyBase(normalizeName(m.provider, m.name)));
  if (undated) return undated;
  return [...members].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : a.rank - b.rank))[0];
}

function newEntry(fm: FeedModel, feedDate: string): TableEntry {
  const p = fm.prices;
  const lc = p.longContext;
  return {
    id: addedId(fm),
    provider: fm.provider,
    aliases: [],
    kind: fm.kind,
    tier: fm.kind === 'embedding' ? 'small' : guessTier(fm.name, p.output ?? 0),
    contextWindow: fm.contextWindow,
    maxOutput: fm.maxOutput,
    prices: {
      input: p.input,
      output: fm.kind === 'embedding' ? null : (p.output ?? null),
      cachedInput: p.cachedInput ?? null,
      cacheWrite5m: p.cacheWrite5m ?? null,
      cacheWrite1h: p.cacheWrite1h ?? null,
      batchInput: p.batchInput ?? null,
      batchOutput: fm.kind === 'embedding' ? null : (p.batchOutput ?? null),
      reasoningOutput: p.reasoningOutput !== undefined && p.reasoningOutput !== p.output ? p.reasoningOutput : null,
      longContext: lc ? { threshold: lc.threshold, input: lc.input ?? null, output: lc.output ?? null, cachedInput: lc.cachedInput ?? null } : null,
    },
    units: [],
    source: LITELLM_SOURCE,
    checked: feedDate,
    manual: false,
    needsReview: true,
  };
}

/**
 * A first guess for policy (embeddings are always 'small'), always marked for review: the name's size words first (mini, flash, haiku, 8b...),
 * then flagship words, then the output price ($10+/1M frontier, $1 or less small).
 */
export function guessTier(name: string, outputPerM: number): 'frontier' | 'standard' | 'small' {
  const n = name.toLowerCase();
  if (/(^|[^a-z])(mini|nano|lite|flash|haiku|small|tiny|micro|instant)([^a-z]|$)|(^|[^\d.])[1-9](\.\d)?b\b/.test(n)) return 'small';
  if (/(opus|ultra|large|405b|-pro\b|(^|\/)o[13]\b)/.test(n) || outputPerM >= 10) return 'frontier';
  return outputPerM <= 1 ? 'small' : 'standard';
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
