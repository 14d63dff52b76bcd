import type { EstimatedResult } from '../estimate';
import type { EstimateConfig } from '../estimate/types';
import type { PricingTable } from '../pricing/table';
import { RULES } from './registry';
import { NO_POLICY_CONFIG, type PolicyConfig } from '../config/budgets-config';
import type { Finding, RuleContext, RuleSetting, Severity } from './types';
import { textLines } from '../lines';
import { redactDeep } from '../redact';
import { setIdentity } from './baseline';
import { todayUtc } from '../clock';

export interface RuleRunInput {
  result: EstimatedResult;
  table: PricingTable;
  estimateConfig: EstimateConfig;
  /** Settings by rule id; rules not listed use their default severity and options. */
  settings: Record<string, RuleSetting>;
  source(file: string): string | null;
  /** Budgets and outcomes from tollgate.yml; absent: none. */
  policyConfig?: PolicyConfig;
  /**
   * Findings already made per call site (by object): an editor session re-checks only the sites it
   * scanned again. Valid for one set of settings and one text per file.
   */
  memo?: RuleMemo;
  /** The day the rules judge by (YYYY-MM-DD); default: today in UTC. */
  today?: string;
}

export type RuleMemo = WeakMap<object, { findings: Finding[]; reasonless: string[] }>;

const SUPPRESSION = /\/\/\s*tollgate-(ignore|allow)\s+([\w-]+)\s*(?::\s*(.*?))?\s*$/;

interface Suppression {
  kind: 'ignore' | 'allow';
  rule: string;
  reason: string;
  line: number;
}

/** `// tollgate-ignore <rule>: <reason>` (or `tollgate-allow`) on the lines just above a finding's line. */
function suppressionsAbove(text: string | null, line: number): Suppression[] {
  if (!text) return [];
  // The finding's line is TypeScript's: lines split as it splits them, and a line past the end has nothing above it.
  const lines = textLines(text);
  const out: Suppression[] = [];
  for (let l = Math.min(line - 2, lines.length - 1); l >= 0; l--) {
    const trimmed = lines[l].trim();
    if (!trimmed.startsWith('//')) break;
    const m = trimmed.match(SUPPRESSION);
    if (m) out.push({ kind: m[1] as 'ignore' | 'allow', rule: m[2], reason: (m[3] ?? '').trim(), line: l + 1 });
  }
  return out;
}

const MILDNESS: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const format = (template: string, data: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k) => (k in data ? String(data[k]) : `{${k}}`));

function settingFor(id: string, input: RuleRunInput, defaults: { severity: RuleSetting['severity']; options: Record<string, unknown> }): RuleSetting {
  const s = input.settings[id];
  return s ? { severity: s.severity, options: { ...defaults.options, ...s.options } } : defaults;
}

/** Runs every enabled rule; suppressed findings are kept (and marked) so that reports can count them. */
export function runRules(input: RuleRunInput): Finding[] {
  const findings: Finding[] = [];
  const reasonless = new Set<string>();
  // Reports go to whichever list is current: one call site's (memoised), or the whole result's.
  let sink = { findings, reasonless: [] as string[] };
  const enabled: Array<{ rule: (typeof RULES)[number]; ctx: RuleContext<never> }> = [];
  const today = input.today ?? todayUtc();
  for (const rule of RULES) {
    const defaults = { severity: rule.meta.defaultSeverity, options: Object.fromEntries(Object.entries(rule.meta.options).map(([k, spec]) => [k, spec.default])) };
    const setting = settingFor(rule.meta.id, input, defaults);
    if (setting.severity === 'off') continue;
    const severity = setting.severity as Severity;
    const ctx: RuleContext<never> = {
      options: setting.options as never,
      table: input.table,
      estimateConfig: input.estimateConfig,
      source: input.source,
      policyConfig: input.policyConfig ?? NO_POLICY_CONFIG,
      today,
      report(r) {
        const file = r.site?.file ?? r.file ?? '';
        const line = r.site?.line ?? r.line ?? 1;
        const column = r.site?.column ?? r.column ?? 1;
        const sup = suppressionsAbove(input.source(file), line).find((s) => s.rule === rule.meta.id);
        const finding: Finding = {
          ruleId: rule.meta.id,
          severity: r.severity && MILDNESS[r.severity] > MILDNESS[severity] ? r.severity : severity,
          message: format(rule.meta.messages[r.messageId] ?? r.messageId, r.data ?? {}),
          file,
          line,
          column,
          callSiteId: r.site?.id ?? null,
          suppressed: !!sup,
        };
        if (sup) {
          finding.suppressionReason = sup.reason;
          if (!sup.reason) sink.reasonless.push(`${file}\0${sup.line}\0${sup.kind}\0${sup.rule}`);
        }
        if (r.fix) finding.fix = r.fix;
        if (r.suggestion) finding.suggestion = r.suggestion;
        // Messages quote models, prompts, file names and tollgate.yml; the reason quotes a source comment.
        const redacted = redactDeep(finding);
        setIdentity(redacted, { subject: r.subject, measure: r.measure });
        sink.findings.push(redacted);
      },
    };
    enabled.push({ rule, ctx });
  }
  for (const site of input.result.callSites) {
    let own = input.memo?.get(site);
    if (!own) {
      sink = own = { findings: [], reasonless: [] };
      for (const { rule, ctx } of enabled) rule.checkSite?.(site, ctx);
      input.memo?.set(site, own);
    }
    findings.push(...own.findings);
    for (const key of own.reasonless) reasonless.add(key);
  }
  sink = { findings, reasonless: [] };
  for (const { rule, ctx } of enabled) rule.checkResult?.(input.result, ctx);
  for (const key of sink.reasonless) reasonless.add(key);
  for (const key of [...reasonless].sort()) {
    const [file, line, kind, rule] = key.split('\0');
    findings.push(redactDeep({
      ruleId: 'suppression-reason',
      severity: 'warning',
      message: `\`tollgate-${kind} ${rule}\` has no reason: write why after a colon (\`// tollgate-${kind} ${rule}: <reason>\`)`,
      file,
      line: Number(line),
      column: 1,
      callSiteId: null,
      suppressed: false,
    }));
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || rank[a.severity] - rank[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
