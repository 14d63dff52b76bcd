import * as fs from 'fs';
import * as path from 'path';
import { ConfinedRoot, readRegularFile, refusalText } from '../project/confined-fs';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, visit, type Node } from 'yaml';
import { DEFAULT_ESTIMATE_CONFIG, type EstimateConfig } from '../estimate/types';
import { readRules } from './rules-config';
import type { RuleSetting } from '../rules/types';
import { DEFAULT_STALE_AFTER_DAYS, readEstimate, readPlaceholders, readPricing, readUsage, type Fail, type PriceOverrideConfig } from './estimate-config';
import { PricingFileError, readPricingFile, type PricingTableFile } from '../pricing/table-file';
import { readSelfHosted, type SelfHostedConfig } from './self-hosted-config';
import { globError, globProblem } from '../glob';
import { readBudgets, readOutcomes, type BudgetsConfig, type OutcomeConfig } from './budgets-config';
import { EMPTY_DETECT, readDetect, type DetectConfig, type Warn } from './detect-config';
import { EMPTY_AZURE, readAzure, type AzureConfig } from './azure-config';
import type { ScanWarning } from '../types';

// tollgate.yml is data: YAML or JSON, never code. This loader knows the keys the scan uses;
// later features add theirs to KNOWN_KEYS with their own checks.

export interface TollgateConfig {
  file: string | null;
  include: string[];
  exclude: string[];
  estimate: EstimateConfig;
  priceOverrides: PriceOverrideConfig[];
  /** Rule settings from `rules:`; absent rules use their defaults. */
  rules: Record<string, RuleSetting>;
  selfHosted: SelfHostedConfig[];
  /** `budgets:` (the budget rule); absent: no budgets. */
  budgets?: BudgetsConfig;
  /** `outcomes:` by feature (the cost-per-outcome rule and report). */
  outcomes?: OutcomeConfig[];
  /** `detect:` declarations (in-house clients, fetch-like functions, hosts), for the scan. */
  detect: DetectConfig;
  /** `azure:` deployment names and the models they serve, for the estimate. */
  azure: AzureConfig;
  /** Entries of `detect:` and `azure:` left out, each naming its key; reported with the scan's warnings. */
  warnings: ScanWarning[];
  /** The table that prices this run instead of the shipped one (`pricing.table`, `--pricing`, the Action's `pricing`); null: the shipped one. */
  pricingTable: PricingTableFile | null;
  /** `pricing.table` as written and where, until loadConfig reads it (an editor's unsaved buffer only has the text). */
  pricingTablePath: { path: string; line: number; column: number } | null;
  /** `pricing.staleAfterDays`: a table older than this is said to be stale. */
  staleAfterDays: number;
}

/** The config with another pricing table (`--pricing FILE`, the Action's `pricing` input): it wins over `pricing.table`. */
export function withPricingTable(config: TollgateConfig, table: PricingTableFile | null): TollgateConfig {
  return table ? { ...config, pricingTable: table } : config;
}

/**
 * Reads the config's `pricing.table`, relative to the config file, inside `root` when the config is (the scanned
 * repository names it: a path out of the tree is refused), else inside the config file's own folder.
 */
export function resolvePricingTable(config: TollgateConfig, configAbs: string, shown: string, root?: string): TollgateConfig {
  const ref = config.pricingTablePath;
  if (!ref || config.pricingTable) return config;
  const abs = path.resolve(path.dirname(configAbs), ref.path);
  const confineTo = root && new ConfinedRoot(root).contains(configAbs) ? root : path.dirname(configAbs);
  try {
    return { ...config, pricingTable: readPricingFile(abs, ref.path, confineTo) };
  } catch (err) {
    if (err instanceof PricingFileError) throw new ConfigError(shown, ref.line, ref.column, `"pricing.table": ${err.message}`);
    throw err;
  }
}

/** What a config says about which files the scan reads and what it declares in them (`detect:`). */
export function scanSettings(config: Pick<TollgateConfig, 'include' | 'exclude' | 'detect'>): { include: string[]; exclude: string[]; detect: TollgateConfig['detect'] } {
  return { include: config.include, exclude: config.exclude, detect: config.detect };
}

function emptyConfig(): TollgateConfig {
  return {
    file: null, include: [], exclude: [], estimate: emptyEstimate(), priceOverrides: [], selfHosted: [], rules: {}, detect: EMPTY_DETECT, azure: EMPTY_AZURE, warnings: [],
    pricingTable: null, pricingTablePath: null, staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
  };
}

function emptyEstimate(): EstimateConfig {
  return JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(`${file}:${line}:${column}: ${message}`);
  }
}

const KNOWN_KEYS = ['include', 'exclude', 'usage', 'placeholders', 'estimate', 'pricing', 'selfHosted', 'rules', 'budgets', 'outcomes', 'detect', 'azure'];

export const CONFIG_FILENAMES = ['tollgate.yml', 'tollgate.yaml', 'tollgate.json'];

/**
 * tollgate.yml is a page of settings; with a volume for each of thousands of call sites it stays far
 * below this. A PR can commit any size, and a 50 MB file kept the YAML parser busy for minutes.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const TOO_LARGE = `the config file is over ${MAX_CONFIG_BYTES / 1024 / 1024} MiB (${MAX_CONFIG_BYTES} bytes), the limit for a settings file`;

/** YAML options for text from the repository: see parseConfig. */
export const UNTRUSTED_YAML = { prettyErrors: false, uniqueKeys: false, maxAliasCount: 100 } as const;

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export function suggest(word: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = distance(word.toLowerCase(), c.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = c;
    }
  }
  return best && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

export function findConfig(dir: string): string | null {
  for (const name of CONFIG_FILENAMES) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/**
 * The path with its folder's links resolved (not the file's own): a root and a file spelt through
 * different links to the same place (/tmp and /private/tmp) still compare as inside.
 */
function canonicalFolder(abs: string): string {
  try {
    return path.join(fs.realpathSync.native(path.dirname(abs)), path.basename(abs));
  } catch {
    return abs;
  }
}

/**
 * Reads and checks a settings file. `root` is the scanned folder: a file inside it (the usual
 * tollgate.yml, or a --config path into the tree) is read under the scan's rule, a regular file whose
 * real path stays inside the root; a file the user names elsewhere may be reached through links, but
 * is still read only if it is a regular file, and never more than MAX_CONFIG_BYTES of it.
 */
export function loadConfig(file: string | null, displayName?: string, root?: string): TollgateConfig {
  const empty = emptyConfig();
  if (!file) return empty;
  const shown = displayName ?? file;
  const config = resolvePricingTable(parseConfig(readSettingsText(file, shown, root), shown), path.resolve(file), shown, root);
  // Warnings join the scan's, whose files are named from the scanned folder.
  const inRoot = !displayName && root ? path.relative(path.resolve(root), path.resolve(file)) : null;
  if (inRoot && !inRoot.startsWith('..') && !path.isAbsolute(inRoot)) config.warnings = config.warnings.map((w) => ({ ...w, file: inRoot.split(path.sep).join('/') }));
  return config;
}

/** A settings file's text, read as loadConfig reads it (see there); a refusal is a ConfigError naming the file. */
export function readSettingsText(file: string, shown: string, root?: string): string {
  const abs = path.resolve(file);
  const confined = root ? new ConfinedRoot(root) : null;
  const inTree = !confined ? null : confined.contains(abs) ? abs : confined.contains(canonicalFolder(abs)) ? canonicalFolder(abs) : null;
  const read = confined && inTree ? confined.read(inTree, MAX_CONFIG_BYTES) : readRegularFile(abs, MAX_CONFIG_BYTES);
  if (!read.ok) {
    const r = read.refusal;
    if (r.kind === 'missing' || r.kind === 'error') throw new ConfigError(shown, 1, 1, `cannot read the config file (${r.kind === 'missing' ? 'ENOENT' : r.code})`);
    throw new ConfigError(shown, 1, 1, r.kind === 'too-large' ? TOO_LARGE : refusalText(r, MAX_CONFIG_BYTES));
  }
  return read.bytes.toString('utf8');
}

/**
 * The first key that repeats in a mapping, in document order. yaml's own check (uniqueKeys) compares
 * every key with every other one: 40,000 entries took 14 s. Keys here are scalars, so a Set does it.
 */
function repeatedKey(doc: ReturnType<typeof parseDocument>): { node: Node; key: string } | null {
  let found: { node: Node; key: string } | null = null;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = pair.key as Node | null;
        if (!isScalar(k)) continue;
        const id = `${typeof k.value}:${String(k.value)}`;
        if (seen.has(id)) {
          const key = String(k.value);
          found = { node: k, key: key.length > 80 ? key.slice(0, 80) + '…' : key };
          return visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return found;
}

/** The settings in a config file's text (an editor's unsaved buffer, or what loadConfig read); `shown` names it in errors. */
export function parseConfig(text: string, shown: string): TollgateConfig {
  const empty = emptyConfig();
  // Bytes, as the file on disk counts them; an editor's buffer gets the same limit.
  if (text.length > MAX_CONFIG_BYTES || Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) throw new ConfigError(shown, 1, 1, TOO_LARGE);
  const lc = new LineCounter();
  // Aliases are never expanded: the readers below walk nodes, and an Alias node is not a scalar, map or
  // list, so `*a` is a type error. maxAliasCount guards any toJS() all the same (billion laughs).
  const doc = parseDocument(text, { ...UNTRUSTED_YAML, lineCounter: lc });
  const pos = (node: Node | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    const p = lc.linePos(offset);
    return [p.line, p.col] as const;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const p = lc.linePos(e.pos[0]);
    throw new ConfigError(shown, p.line, p.col, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const repeated = repeatedKey(doc);
  if (repeated) throw new ConfigError(shown, ...pos(repeated.node), `not valid YAML: Map keys must be unique ("${repeated.key}" appears twice in the same mapping)`);
  const root = doc.contents;
  if (root === null || root === undefined) return { ...empty, file: shown };
  if (!isMap(root)) throw new ConfigError(shown, ...pos(root as Node), 'expected a mapping of settings (key: value) at the top level');
  const config: TollgateConfig = { ...empty, file: shown };
  const fail: Fail = (node, message) => {
    throw new ConfigError(shown, ...pos(node), message);
  };
  const warnings: ScanWarning[] = [];
  const warn: Warn = (node, message) => void warnings.push({ file: shown, line: pos(node)[0], message });
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!KNOWN_KEYS.includes(key)) {
      const hint = suggest(key, KNOWN_KEYS);
      throw new ConfigError(shown, ...pos(keyNode), `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${KNOWN_KEYS.join(', ')}`);
    }
    const value = pair.value as Node | null;
    if (key === 'include' || key === 'exclude') {
      if (!isSeq(value) || !value.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
        throw new ConfigError(shown, ...pos(value ?? keyNode), `"${key}" expects a list of glob strings, for example:\n  ${key}:\n    - "src/**"`);
      }
      config[key] = value.items.map((i, n) => {
        const glob = String((i as { value: unknown }).value);
        const problem = globProblem(glob);
        if (problem) throw new ConfigError(shown, ...pos(i as Node), globError(`"${key}[${n}]"`, glob, problem));
        return glob;
      });
    } else if (key === 'usage') readUsage(value as Node, config.estimate, fail, suggest);
    else if (key === 'placeholders') readPlaceholders(value as Node, config.estimate, fail, suggest);
    else if (key === 'estimate') readEstimate(value as Node, config.estimate, fail, suggest);
    else if (key === 'pricing') {
      const pricing = readPricing(value as Node, fail, suggest);
      config.priceOverrides = pricing.overrides;
      config.staleAfterDays = pricing.staleAfterDays;
      if (pricing.table !== null) config.pricingTablePath = { path: pricing.table, line: pos(pricing.tableNode)[0], column: pos(pricing.tableNode)[1] };
    }
    else if (key === 'rules') config.rules = readRules(value as Node, fail, suggest);
    else if (key === 'selfHosted') config.selfHosted = readSelfHosted(value, fail, suggest);
    else if (key === 'budgets') config.budgets = readBudgets(value, fail, suggest, pos);
    else if (key === 'outcomes') config.outcomes = readOutcomes(value, fail, suggest, pos);
    else if (key === 'detect') config.detect = readDetect(value, warn, suggest);
    else if (key === 'azure') config.azure = readAzure(value, warn, suggest);
  }
  // In the file's order, as an editor lists them (a section's checks may find a later line first).
  config.warnings = warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return config;
}
