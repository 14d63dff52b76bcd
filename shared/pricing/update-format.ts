// The table as the updater sees it (the shape of pricing/models.json, see shared/pricing/table.ts) and its
// canonical text form: models sorted by provider and id, keys in a fixed order, two-space JSON. Writing the
// same data always gives the same bytes, so a scheduled update only shows real changes in its diff.

export interface TableLongContext {
  threshold: number;
  input: number | null;
  output: number | null;
  cachedInput?: number | null;
  [extra: string]: unknown;
}

export interface TablePrices {
  input: number | null;
  output: number | null;
  cachedInput?: number | null;
  cacheWrite5m?: number | null;
  cacheWrite1h?: number | null;
  batchInput?: number | null;
  batchOutput?: number | null;
  reasoningOutput?: number | null;
  longContext?: TableLongContext | null;
  [extra: string]: unknown;
}

export interface TableEntry {
  id: string;
  provider: string;
  aliases?: string[];
  kind: string;
  tier: string;
  contextWindow?: number | null;
  maxOutput?: number | null;
  prices: TablePrices;
  units?: unknown[];
  source?: string;
  checked?: string;
  manual?: boolean;
  /** set by the updater on models it added: the tier is a guess and nobody has checked the entry yet */
  needsReview?: boolean;
  [extra: string]: unknown;
}

export interface TableData {
  version: string;
  currency: string;
  models: TableEntry[];
  [extra: string]: unknown;
}

const TOP_KEYS = ['$schema', 'version', 'currency', 'models'];
const ENTRY_KEYS = ['id', 'provider', 'aliases', 'kind', 'tier', 'contextWindow', 'maxOutput', 'prices', 'units', 'source', 'checked', 'manual', 'needsReview'];
const PRICE_KEYS = ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'batchInput', 'batchOutput', 'reasoningOutput', 'longContext'];
const LONG_KEYS = ['threshold', 'input', 'output', 'cachedInput'];

export function compareEntries(a: TableEntry, b: TableEntry): number {
  return cmp(a.provider, b.provider) || cmp(a.id, b.id);
}

export function formatTable(data: TableData): string {
  const models = [...data.models].sort(compareEntries).map(orderEntry);
  return JSON.stringify(ordered({ ...data, models }, TOP_KEYS), null, 2) + '\n';
}

function orderEntry(e: TableEntry): Record<string, unknown> {
  const prices = ordered(e.prices, PRICE_KEYS);
  if (e.prices.longContext) prices.longContext = ordered(e.prices.longContext, LONG_KEYS);
  return ordered({ ...e, prices }, ENTRY_KEYS);
}

/** Known keys first in their fixed order, then any others in the order they came: nothing is dropped. */
function ordered<T extends object>(obj: T, known: string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of known) if (k in src && src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
