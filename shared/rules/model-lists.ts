import { globMatch } from '../glob';
import type { EstimatedCallSite } from '../estimate';
import type { PricingTable } from '../pricing/table';
import type { OptionSpec } from './types';

// Shared by allowed-models and denied-models: which model lists apply to a call site, and whether a
// list names a model.

export interface ModelListOptions {
  /** Model globs for every call site. */
  models: string[];
  /** File glob → comma-separated model globs. */
  paths: Record<string, string>;
  /** Environment name → comma-separated model globs. */
  environments: Record<string, string>;
}

export interface ModelList {
  /** How the message names the list: `models`, `paths["src/batch/**"]`, `environments.production`. */
  name: string;
  globs: string[];
}

/** Tag keys a call site's environment is read from, in order of precedence. */
const ENVIRONMENT_KEYS = ['environment', 'env', 'stage'];

const splitGlobs = (text: string) => text.split(',').map((g) => g.trim()).filter(Boolean);

/** Statically known environment names of a call site; a tag computed at run time names none. */
export function environmentsOf(site: EstimatedCallSite): string[] {
  const out: string[] = [];
  for (const key of ENVIRONMENT_KEYS) {
    for (const t of site.tags) if (t.key.toLowerCase() === key && !t.dynamic && t.value !== null && !out.includes(t.value)) out.push(t.value);
  }
  return out;
}

/** Lists that are set and apply to the site: the global one, every matching path, the site's environments. */
export function listsFor(site: EstimatedCallSite, options: ModelListOptions): ModelList[] {
  const lists: ModelList[] = [];
  if (options.models.length) lists.push({ name: '`models`', globs: options.models });
  for (const [glob, models] of Object.entries(options.paths)) {
    if (globMatch(site.file, glob, { dot: true })) lists.push({ name: `\`paths["${glob}"]\``, globs: splitGlobs(models) });
  }
  for (const env of environmentsOf(site)) {
    const models = options.environments[env];
    if (models !== undefined) lists.push({ name: `\`environments.${env}\``, globs: splitGlobs(models) });
  }
  return lists;
}

/** The statically known models of a call; an unresolved model is unresolved-model's concern. */
export function modelsOf(site: EstimatedCallSite): string[] {
  return site.model.status === 'exact' ? [site.model.value] : site.model.status === 'oneOf' ? site.model.values : [];
}

/** A list names a model as written or by the pricing table's id for it (so `gpt-4o*` covers `openai/gpt-4o`). */
export function listNames(list: ModelList, model: string, provider: string, table: PricingTable): boolean {
  const names = [model];
  const id = table.lookup(provider, model)?.entry.id;
  if (id && id !== model) names.push(id);
  return names.some((n) => list.globs.some((g) => globMatch(n, g, { dot: true })));
}

/** The options both list rules take: the lists, globally, per path and per environment. */
export const MODEL_LIST_OPTIONS: Record<string, OptionSpec> = {
  models: { type: 'string[]', default: [] },
  paths: { type: 'map', default: {} },
  environments: { type: 'map', default: {} },
};
