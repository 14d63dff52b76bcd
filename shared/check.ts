import * as fs from 'fs';
import * as path from 'path';
import type { TollgateConfig } from './config/load';
import { estimateScan, pricingFor, type EstimatedResult } from './estimate';
import type { PricingTable } from './pricing/table';
import { runRules, type RuleMemo } from './rules/run';
import type { Finding, Severity } from './rules/types';
import { RULES } from './rules/registry';
import type { ScanResult } from './types';
import { ConfinedRoot } from './project/confined-fs';
import { MAX_FILE_BYTES } from './project/sources';
import { outcomeCosts, type OutcomeCost } from './rules/cost-per-outcome';
import type { Diff } from './diff/compare';
import { diffRevisions, type DiffOptions } from './diff';
import { markNew } from './rules/baseline';
import { todayUtc } from './clock';

export type FailOn = Severity | 'never';

export interface PolicyResult extends EstimatedResult {
  /** Cost per outcome of the features that declare one in tollgate.yml `outcomes:`; absent when none do. */
  outcomes?: OutcomeCost[];
  /** Base versus head, with `tollgate check --base`. */
  diff?: Diff;
  findings: Finding[];
  policy: {
    /** Where the rules came from: the config file, or the defaults when there is none. */
    source: string;
    errors: number;
    warnings: number;
    infos: number;
    suppressed: number;
    failOn: FailOn;
    /**
     * Findings, not suppressed, at or above `failOn`: what makes the check fail (0 with `never`). With
     * a base, only the new ones count unless `failOnExisting`.
     */
    failing: number;
    failed: boolean;
    /** With a base (`--base`): unsuppressed findings the base already had (`new: false`), of every severity. */
    existing?: number;
    /** With a base: whether findings already on the base fail the check too (`--fail-on-existing`). */
    failOnExisting?: boolean;
  };
}

/** The base's findings, to tell which of the head's this change brought (`tollgate check --base`). */
export interface Baseline {
  findings: Finding[];
  /** Strict mode: findings already on the base fail the check like new ones. */
  failOnExisting: boolean;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Scan result → estimates → rules: what `tollgate check` reports and exits on. */
export function checkPolicy(scanned: ScanResult, root: string, config: TollgateConfig, failOn: FailOn): PolicyResult {
  return checkEstimated(estimateScan(scanned, config, root), root, config, failOn);
}

/** The config file's name as findings show it: relative to the scanned folder, like call sites' files. */
function configName(root: string, file: string | null): string | null {
  if (!file) return null;
  const abs = path.resolve(file);
  // A display name (a path inside a git revision) does not exist here: keep it as given.
  return fs.existsSync(abs) ? path.relative(path.resolve(root), abs).split(path.sep).join('/') : file;
}

/** What an editor session keeps between runs: its own file texts (unsaved buffers), the pricing table, findings per call site. */
export interface SessionInputs {
  source?: (file: string) => string | null;
  table?: PricingTable;
  memo?: RuleMemo;
  /** The day the rules judge by (YYYY-MM-DD); default: today in UTC. */
  today?: string;
}

/** Suppression comments are read from the scanned files again; the scan already warned about any it refused. */
function scannedSource(root: string): (file: string) => string | null {
  const cache = new Map<string, string | null>();
  let confined: ConfinedRoot | null = null;
  return (file: string) => {
    if (!cache.has(file)) {
      const read = (confined ??= new ConfinedRoot(root)).read(path.join(root, file), MAX_FILE_BYTES);
      cache.set(file, read.ok ? read.bytes.toString('utf8') : null);
    }
    return cache.get(file)!;
  };
}

/** The rules on an estimated result; a diff's head (`tollgate check --base`) carries `diff`, which cost-increase reads. */
export function checkEstimated(estimated: EstimatedResult, root: string, config: TollgateConfig, failOn: FailOn, session: SessionInputs = {}, baseline?: Baseline): PolicyResult {
  const table = session.table ?? pricingFor(config);
  const source = session.source ?? scannedSource(root);
  const findings = runRules({ result: estimated, table, memo: session.memo, today: session.today, estimateConfig: config.estimate, settings: config.rules, source, policyConfig: { file: configName(root, config.file), budgets: config.budgets ?? null, outcomes: config.outcomes ?? [] } });
  if (baseline) markNew(findings, baseline.findings);
  const active = findings.filter((f) => !f.suppressed);
  const count = (s: Severity) => active.filter((f) => f.severity === s).length;
  const counted = baseline && !baseline.failOnExisting ? active.filter((f) => f.new !== false) : active;
  const failing = failOn === 'never' ? 0 : counted.filter((f) => RANK[f.severity] <= RANK[failOn]).length;
  // Rules that need configuration first are on but silent: the default policy is the rest.
  const defaults = RULES.filter((r) => r.meta.defaultSeverity !== 'off' && !r.meta.needs).map((r) => `${r.meta.id} (${r.meta.defaultSeverity})`).join(', ');
  return {
    ...estimated,
    ...(config.outcomes?.length ? { outcomes: outcomeCosts(estimated, config.outcomes) } : {}),
    findings,
    policy: {
      source: config.file ? `rules from ${config.file}` : `no tollgate.yml: default policy applies: ${defaults}`,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      suppressed: findings.length - active.length,
      failOn,
      failing,
      failed: failing > 0,
      ...(baseline ? { existing: active.filter((f) => f.new === false).length, failOnExisting: baseline.failOnExisting } : {}),
    },
  };
}

export interface RevisionCheckOptions extends Omit<DiffOptions, 'whileOpen'> {
  failOn: FailOn;
  failOnExisting: boolean;
  /** How reports name the two sides (the Action: branch and short sha); default: the refs as given. */
  labels?: { base: string; head: string };
  /** The day both sides are judged by (YYYY-MM-DD); default: today in UTC, read once. */
  today?: string;
}

/**
 * `tollgate check --base`: both revisions scanned and estimated, the rules run on each with the
 * head's config (one policy judges both sides), and the head's findings marked new or already on the base.
 */
export function checkRevisions(options: RevisionCheckOptions): { result: PolicyResult; config: TollgateConfig } {
  const { failOn, failOnExisting, labels, today: fixedDay, ...diffOptions } = options;
  const today = fixedDay ?? todayUtc();
  let checked: PolicyResult | null = null;
  const { config } = diffRevisions({
    ...diffOptions,
    whileOpen: ({ base, baseDir, head, headDir, config }) => {
      // The base's own files for its suppression comments; the head's folder for the config's name, so both sides name it alike.
      const baseFindings = checkEstimated(base, headDir, config, failOn, { source: scannedSource(baseDir), today }).findings;
      const labelled = labels ? { ...head, diff: { ...head.diff, ...labels } } : head;
      checked = checkEstimated(labelled, headDir, config, failOn, { today }, { findings: baseFindings, failOnExisting });
    },
  });
  return { result: checked!, config };
}
