import type { EstimatedCallSite, EstimatedResult } from '../estimate';
import type { PricingTable } from '../pricing/table';
import type { EstimateConfig } from '../estimate/types';
import type { PolicyConfig } from '../config/budgets-config';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** A plain text edit, 1-based like call-site positions; the editor and the CLI apply it, never ts-morph. */
export interface TextEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** The public shape of a finding (issue 4 contract: ruleId, severity, message, file, line, column, callSiteId, suppressed). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  callSiteId: string | null;
  suppressed: boolean;
  suppressionReason?: string;
  fix?: Fix;
  /** A cheaper model the policy suggests (frontier-default), with what it would save. */
  suggestion?: Suggestion;
  /**
   * With a base to compare with (`tollgate check --base`): true when this change brought the finding
   * (shared/rules/baseline.ts), false when the base already had it. Absent without a base.
   */
  new?: boolean;
}

export interface Suggestion {
  model: string;
  /** Expected monthly saving in USD at the estimated volume; null without a volume. */
  monthlySaving: number | null;
  /** Expected cost of one call with the suggested model, and with the current one; null without prices. */
  costPerCall: number | null;
  currentCostPerCall: number | null;
}

export type OptionSpec =
  | { type: 'string'; default?: string }
  /** `maximum`: every number option has one (shared/estimate/bounds.ts): tollgate.yml comes from the pull request. */
  | { type: 'number'; default?: number; minimum?: number; maximum: number; unit: string }
  | { type: 'boolean'; default?: boolean }
  | { type: 'string[]'; default?: string[] }
  | { type: 'map'; default?: Record<string, string> };

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  /** What the rule needs before it can report anything (`budgets:` in tollgate.yml, `--base`, an option); absent: it works as it is. */
  needs?: string;
  /** Options by name: their type and default (a small schema, checked when tollgate.yml is read). */
  options: Record<string, OptionSpec>;
  /** Message templates by id; `{name}` is replaced by the report's data. */
  messages: Record<string, string>;
}

export interface RuleContext<O> {
  options: O;
  table: PricingTable;
  estimateConfig: EstimateConfig;
  /** The text of a scanned file (for fixes), or null. */
  source(file: string): string | null;
  /** tollgate.yml's budgets and outcomes, for result-level rules. */
  policyConfig: PolicyConfig;
  /** The day this check judges by (YYYY-MM-DD, UTC): read once per run (shared/clock.ts), fixed by tests. */
  today: string;
  /** `severity`: a milder severity than the rule's setting (a budget below its failing level); never a harsher one. */
  /**
   * `subject` and `measure`: how the finding is matched with the base's (shared/rules/baseline.ts):
   * what it is about off a call site, and how far over (bigger is worse).
   */
  report(finding: { messageId: string; severity?: Severity; data?: Record<string, string | number>; site?: EstimatedCallSite; file?: string; line?: number; column?: number; fix?: Fix; suggestion?: Suggestion; subject?: string; measure?: number }): void;
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta;
  /** Checks one call site. */
  checkSite?(site: EstimatedCallSite, ctx: RuleContext<O>): void;
  /** Checks the whole result (budgets and other totals). */
  checkResult?(result: EstimatedResult, ctx: RuleContext<O>): void;
}

/** A rule's setting in tollgate.yml, resolved: severity and options with defaults filled in. */
export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}
