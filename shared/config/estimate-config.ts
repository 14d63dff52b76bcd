import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { parseNumber, perMonth } from '../estimate/annotations';
import type { EstimateConfig, VolumeRule } from '../estimate/types';
import { MAX_CALLS_PER_MONTH, MAX_FANOUT, MAX_PRICE_PER_MTOK, MAX_TOKENS } from '../estimate/bounds';
import { bounded } from './figures';
import { globError, globProblem, MAX_GLOB_LENGTH } from '../glob';

// The estimate sections of tollgate.yml: usage (volumes), placeholders (sizes), estimate (knobs),
// pricing (overrides). Each reader throws through `fail` with the node that is wrong.

export type Fail = (node: Node | null | undefined, message: string) => never;

export interface PriceOverrideConfig {
  provider: string | null;
  model: string;
  prices: Record<string, number>;
  discountPercent: number | null;
  note: string | null;
}

/** A pricing table older than this many days is said to be stale (scan, check, the PR comment, the editor). */
export const DEFAULT_STALE_AFTER_DAYS = 90;
const MAX_STALE_AFTER_DAYS = 3650;

/** tollgate.yml `pricing:`. */
export interface PricingConfig {
  overrides: PriceOverrideConfig[];
  /** `pricing.table`: another table, as written (relative to the config file); loadConfig reads it */
  table: string | null;
  /** where `pricing.table` is, for an error that points at it */
  tableNode: Node | null;
  staleAfterDays: number;
}

const PRICE_KEYS = ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'batchInput', 'batchOutput', 'reasoningOutput'];

/** A mapping's entries as [key, key node, value node]; anything else fails with the section's name. */
export function entries(node: Node | null | undefined, what: string, fail: Fail): Array<[string, Node, Node]> {
  if (!isMap(node)) fail(node, `"${what}" expects a mapping (key: value)`);
  return (node as YAMLMap).items.map((p) => {
    const k = p.key as Node;
    if (!isScalar(k)) fail(k, `"${what}" keys must be plain text`);
    return [String((k as { value: unknown }).value), k, p.value as Node];
  });
}

function checkKeys(node: Node | null | undefined, what: string, allowed: string[], fail: Fail, suggest: (w: string, c: string[]) => string | null) {
  for (const [k, keyNode] of entries(node, what, fail)) {
    if (!allowed.includes(k)) {
      const hint = suggest(k, allowed);
      fail(keyNode, `unknown key "${what}.${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${allowed.join(', ')}`);
    }
  }
}

/** "50k/day", "2m/month", "1200" (per month) → calls per month; null when it is not a volume. */
export function parseVolume(raw: string | number): { perMonth: number; text: string } | null {
  if (typeof raw === 'number') return raw >= 0 ? { perMonth: raw, text: `${raw}/month` } : null;
  const m = raw.trim().match(/^([\d.]+[kKmM]?)\s*\/\s*(hour|day|week|month)$/);
  const n = m ? parseNumber(m[1]) : parseNumber(raw);
  if (m && n !== null) return { perMonth: perMonth(n, m[2]), text: raw.trim() };
  if (!m && n !== null) return { perMonth: n, text: `${raw.trim()}/month` };
  return null;
}

function volume(node: Node, what: string, fail: Fail): { perMonth: number; text: string } {
  const raw = isScalar(node) ? (node as { value: unknown }).value : undefined;
  if (typeof raw === 'number') bounded(node, what, raw, Infinity, '', fail);
  const parsed = typeof raw === 'number' || typeof raw === 'string' ? parseVolume(raw) : null;
  if (!parsed) return fail(node, `"${what}" expects a volume such as 50k/day, 2m/month or a number of calls per month`);
  bounded(node, what, parsed.perMonth, MAX_CALLS_PER_MONTH, 'calls per month', fail);
  return parsed;
}

/** A count with k and m suffixes: tokens (at most MAX_TOKENS) or, for usage.fanout, calls (at most MAX_FANOUT). */
function tokens(node: Node, what: string, fail: Fail, max = MAX_TOKENS, unit = 'tokens'): number {
  const raw = isScalar(node) ? (node as { value: unknown }).value : undefined;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumber(raw) : null;
  if (n === null || n < 0) fail(node, `"${what}" expects a number of tokens (k and m suffixes allowed)`);
  return bounded(node, what, n as number, max, unit, fail);
}

/**
 * Keys of usage.callSites and usage.fanout are globs over call-site ids. A key longer than a glob may
 * be is still an exact id (`tollgate usage sync` writes one for a deep path): it matches only itself.
 */
function globKey(key: string, keyNode: Node, what: string, fail: Fail): string {
  if (key.length > MAX_GLOB_LENGTH) return key;
  const problem = globProblem(key);
  if (problem) fail(keyNode, globError(`"${what}" key`, key, problem));
  return key;
}

function rules(node: Node, what: string, fail: Fail): VolumeRule[] {
  return entries(node, what, fail)
    .map(([key, keyNode, value]) => ({ key: what === 'usage.callSites' ? globKey(key, keyNode, what, fail) : key, ...volume(value, `${what}.${key}`, fail) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function readUsage(node: Node, config: EstimateConfig, fail: Fail, suggest: (w: string, c: string[]) => string | null) {
  checkKeys(node, 'usage', ['default', 'kinds', 'features', 'teams', 'callSites', 'fanout'], fail, suggest);
  for (const [k, , value] of entries(node, 'usage', fail)) {
    if (k === 'default') config.usage.default = { key: 'default', ...volume(value, 'usage.default', fail) };
    else if (k === 'fanout')
      config.usage.fanout = entries(value, 'usage.fanout', fail)
        .map(([key, keyNode, v]) => ({ key: globKey(key, keyNode, 'usage.fanout', fail), factor: tokens(v, `usage.fanout.${key}`, fail, MAX_FANOUT, 'calls') }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    else config.usage[k as 'kinds' | 'features' | 'teams' | 'callSites'] = rules(value, `usage.${k}`, fail);
  }
}

export function readPlaceholders(node: Node, config: EstimateConfig, fail: Fail, suggest: (w: string, c: string[]) => string | null) {
  checkKeys(node, 'placeholders', ['default', 'names', 'features'], fail, suggest);
  for (const [k, , value] of entries(node, 'placeholders', fail)) {
    if (k === 'default') config.placeholders.default = tokens(value, 'placeholders.default', fail);
    else if (k === 'names') for (const [n, , v] of entries(value, 'placeholders.names', fail)) config.placeholders.names[n] = tokens(v, `placeholders.names.${n}`, fail);
    else
      for (const [feature, , inner] of entries(value, 'placeholders.features', fail)) {
        const map: Record<string, number> = {};
        for (const [n, , v] of entries(inner, `placeholders.features.${feature}`, fail)) map[n] = tokens(v, `placeholders.features.${feature}.${n}`, fail);
        config.placeholders.features[feature] = map;
      }
  }
}

export function readEstimate(node: Node, config: EstimateConfig, fail: Fail, suggest: (w: string, c: string[]) => string | null) {
  checkKeys(node, 'estimate', ['outputFraction', 'cacheHitRate', 'outputTokens'], fail, suggest);
  for (const [k, , value] of entries(node, 'estimate', fail)) {
    if (k === 'outputTokens') {
      for (const [kind, keyNode, v] of entries(value, 'estimate.outputTokens', fail)) {
        if (!['chat', 'embedding', 'image', 'audio', 'moderation', 'batch', 'other'].includes(kind)) fail(keyNode, `"estimate.outputTokens.${kind}" is not a kind (chat, embedding, image, audio, moderation, batch, other)`);
        config.outputDefaults[kind as 'chat'] = tokens(v, `estimate.outputTokens.${kind}`, fail);
      }
      continue;
    }
    const raw = isScalar(value) ? (value as { value: unknown }).value : undefined;
    if (typeof raw !== 'number') fail(value, `"estimate.${k}" expects a number between 0 and 1`);
    bounded(value, `estimate.${k}`, raw as number, Infinity, '', fail);
    if ((raw as number) < 0 || (raw as number) > 1) fail(value, `"estimate.${k}" expects a number between 0 and 1`);
    if (k === 'outputFraction') config.outputFraction = raw as number;
    else config.cacheHitRate = raw as number;
  }
}

export function readPricing(node: Node, fail: Fail, suggest: (w: string, c: string[]) => string | null): PricingConfig {
  checkKeys(node, 'pricing', ['overrides', 'table', 'staleAfterDays'], fail, suggest);
  const out: PriceOverrideConfig[] = [];
  const config: PricingConfig = { overrides: out, table: null, tableNode: null, staleAfterDays: DEFAULT_STALE_AFTER_DAYS };
  for (const [key, , value] of entries(node, 'pricing', fail)) {
    const raw = isScalar(value) ? (value as { value: unknown }).value : undefined;
    if (key === 'table') {
      if (typeof raw !== 'string' || !raw.trim()) fail(value, '"pricing.table" expects the path of a pricing table (pricing/models.json format), relative to this file');
      config.table = raw as string;
      config.tableNode = value;
      continue;
    }
    if (key === 'staleAfterDays') {
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_STALE_AFTER_DAYS) fail(value, `"pricing.staleAfterDays" expects a whole number of days from 1 to ${MAX_STALE_AFTER_DAYS}`);
      config.staleAfterDays = raw as number;
      continue;
    }
    if (!isSeq(value)) fail(value, '"pricing.overrides" expects a list of { model, provider?, prices? | discountPercent?, note? }');
    for (const item of (value as { items: Node[] }).items) {
      checkKeys(item, 'pricing.overrides[]', ['model', 'provider', 'prices', 'discountPercent', 'note'], fail, suggest);
      const o: PriceOverrideConfig = { provider: null, model: '', prices: {}, discountPercent: null, note: null };
      for (const [k, , v] of entries(item, 'pricing.overrides[]', fail)) {
        const raw = isScalar(v) ? (v as { value: unknown }).value : undefined;
        if (k === 'model' || k === 'provider' || k === 'note') {
          if (typeof raw !== 'string' || !raw) fail(v, `"pricing.overrides[].${k}" expects text`);
          if (k === 'model') o.model = raw as string;
          else if (k === 'provider') o.provider = raw as string;
          else o.note = raw as string;
        } else if (k === 'discountPercent') {
          if (typeof raw !== 'number') fail(v, '"pricing.overrides[].discountPercent" expects a number from 0 to 100');
          bounded(v, 'pricing.overrides[].discountPercent', raw as number, Infinity, '', fail);
          if ((raw as number) < 0 || (raw as number) > 100) fail(v, '"pricing.overrides[].discountPercent" expects a number from 0 to 100');
          o.discountPercent = raw as number;
        } else {
          checkKeys(v, 'pricing.overrides[].prices', PRICE_KEYS, fail, suggest);
          for (const [pk, , pv] of entries(v, 'pricing.overrides[].prices', fail)) {
            const n = isScalar(pv) ? (pv as { value: unknown }).value : undefined;
            if (typeof n !== 'number' || n < 0) fail(pv, `"pricing.overrides[].prices.${pk}" expects a non-negative price in USD per 1M tokens`);
            o.prices[pk] = bounded(pv, `pricing.overrides[].prices.${pk}`, n as number, MAX_PRICE_PER_MTOK, 'USD per 1M tokens', fail);
          }
        }
      }
      if (!o.model) fail(item, '"pricing.overrides[]" needs a model');
      out.push(o);
    }
  }
  return config;
}
