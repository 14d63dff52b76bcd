import { isScalar, isSeq, type Node } from 'yaml';
import { entries, type Fail } from './estimate-config';
import { bounded } from './figures';
import { MAX_BUDGET_PERCENT, MAX_CALLS_PER_MONTH, MAX_USD } from '../estimate/bounds';

// The `budgets:` and `outcomes:` sections of tollgate.yml. Findings of the budget and cost-per-outcome
// rules point at the entry that sets the limit, so every entry keeps its line and column.

/** Line and column (1-based) of an entry's key in tollgate.yml. */
export interface ConfigPosition {
  line: number;
  column: number;
}

export interface BudgetEntry extends ConfigPosition {
  key: string;
  /** USD per month. */
  usd: number;
}

export interface BudgetsConfig {
  total: BudgetEntry | null;
  teams: BudgetEntry[];
  features: BudgetEntry[];
  /** Percentages of a budget that raise a finding, ascending; failAt is always one of them. */
  levels: number[];
  /** From this percentage on a finding is an error; below it, a warning. */
  failAt: number;
}

export interface OutcomeConfig extends ConfigPosition {
  feature: string;
  /** What one unit of the feature's work is: ticket, document, loan, lead. */
  outcome: string;
  perMonth: number;
  /** Ceiling on USD per outcome; null: shown in the report, never a finding. */
  maxUsd: number | null;
}

/** What result-level rules read from the config; file: its name relative to the scanned folder, or null. */
export interface PolicyConfig {
  file: string | null;
  budgets: BudgetsConfig | null;
  outcomes: OutcomeConfig[];
}

export const NO_POLICY_CONFIG: PolicyConfig = { file: null, budgets: null, outcomes: [] };

export const DEFAULT_LEVELS = [50, 80, 100];
export const DEFAULT_FAIL_AT = 100;

type Suggest = (word: string, candidates: string[]) => string | null;
export type PositionOf = (node: Node | null | undefined) => readonly [number, number];

const BUDGET_KEYS = ['total', 'teams', 'features', 'levels', 'failAt'];
const OUTCOME_KEYS = ['outcome', 'perMonth', 'maxUsd'];

function unknownKey(keyNode: Node, what: string, key: string, allowed: string[], fail: Fail, suggest: Suggest): never {
  const hint = suggest(key, allowed);
  return fail(keyNode, `unknown key "${what}.${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${allowed.join(', ')}`);
}

/** Budgets, ceilings and volumes: USD and outcomes up to 1e12 a month, percentages up to 10,000. */
const MAX_BY_UNIT: Record<string, number> = {
  'USD per month': MAX_USD,
  'USD per outcome': MAX_USD,
  'percent of the budget': MAX_BUDGET_PERCENT,
  'outcomes per month': MAX_CALLS_PER_MONTH,
};

function positive(node: Node, what: string, fail: Fail, unit: string): number {
  const raw = isScalar(node) ? (node as { value: unknown }).value : undefined;
  if (typeof raw !== 'number' || Number.isNaN(raw) || raw <= 0) fail(node, `"${what}" expects a number above 0 (${unit})`);
  return bounded(node, what, raw as number, MAX_BY_UNIT[unit], unit, fail);
}

function entry(key: string, keyNode: Node, value: Node, what: string, fail: Fail, posOf: PositionOf): BudgetEntry {
  const [line, column] = posOf(keyNode);
  return { key, usd: positive(value, what, fail, 'USD per month'), line, column };
}

function named(node: Node, what: string, fail: Fail, posOf: PositionOf): BudgetEntry[] {
  return entries(node, what, fail)
    .map(([key, keyNode, value]) => entry(key, keyNode, value, `${what}.${key}`, fail, posOf))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `budgets: { total, teams: { <team>: usd }, features: { <feature>: usd }, levels: [50, 80, 100], failAt: 100 }`. */
export function readBudgets(node: Node | null | undefined, fail: Fail, suggest: Suggest, posOf: PositionOf): BudgetsConfig {
  const out: BudgetsConfig = { total: null, teams: [], features: [], levels: DEFAULT_LEVELS, failAt: DEFAULT_FAIL_AT };
  for (const [k, keyNode, value] of entries(node, 'budgets', fail)) {
    if (k === 'total') out.total = entry('total', keyNode, value, 'budgets.total', fail, posOf);
    else if (k === 'teams') out.teams = named(value, 'budgets.teams', fail, posOf);
    else if (k === 'features') out.features = named(value, 'budgets.features', fail, posOf);
    else if (k === 'failAt') out.failAt = positive(value, 'budgets.failAt', fail, 'percent of the budget');
    else if (k === 'levels') {
      if (!isSeq(value) || !value.items.length) fail(value ?? keyNode, '"budgets.levels" expects a list of percentages, for example [50, 80, 100]');
      out.levels = (value as { items: Node[] }).items.map((i) => positive(i, 'budgets.levels[]', fail, 'percent of the budget'));
    } else unknownKey(keyNode, 'budgets', k, BUDGET_KEYS, fail, suggest);
  }
  // failAt is a level of its own: crossing it must be reported even when the list skips it.
  out.levels = [...new Set([...out.levels, out.failAt])].sort((a, b) => a - b);
  return out;
}

/** `outcomes: { <feature>: { outcome: ticket, perMonth: 90000, maxUsd: 0.01 } }`. */
export function readOutcomes(node: Node | null | undefined, fail: Fail, suggest: Suggest, posOf: PositionOf): OutcomeConfig[] {
  const out: OutcomeConfig[] = [];
  for (const [feature, featureNode, value] of entries(node, 'outcomes', fail)) {
    const what = `outcomes.${feature}`;
    const [line, column] = posOf(featureNode);
    const o: OutcomeConfig = { feature, outcome: '', perMonth: NaN, maxUsd: null, line, column };
    for (const [k, keyNode, v] of entries(value, what, fail)) {
      if (k === 'outcome') {
        const raw = isScalar(v) ? (v as { value: unknown }).value : undefined;
        if (typeof raw !== 'string' || !raw.trim()) fail(v, `"${what}.outcome" expects a name such as ticket, document, loan or lead`);
        o.outcome = (raw as string).trim();
      } else if (k === 'perMonth') o.perMonth = positive(v, `${what}.perMonth`, fail, 'outcomes per month');
      else if (k === 'maxUsd') o.maxUsd = positive(v, `${what}.maxUsd`, fail, 'USD per outcome');
      else unknownKey(keyNode, what, k, OUTCOME_KEYS, fail, suggest);
    }
    if (!o.outcome) fail(featureNode, `"${what}" needs outcome (what one unit of work is: ticket, document, ...)`);
    if (Number.isNaN(o.perMonth)) fail(featureNode, `"${what}" needs perMonth (outcomes per month)`);
    out.push(o);
  }
  return out.sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}
