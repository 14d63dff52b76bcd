import * as fs from 'fs';
import * as path from 'path';
import type { TollgateConfig } from './config/load';
import { estimateScan, pricingFor, type EstimatedResult } from './estimate';
import { runRules } from './rules/run';
import type { Finding, Severity } from './rules/types';
import { RULES } from './rules/registry';
import type { ScanResult } from './types';

export type FailOn = Severity | 'never';

export interface PolicyResult extends EstimatedResult {
  findings: Finding[];
  policy: {
    /** Where the rules came from: the config file, or the defaults when there is none. */
    source: string;
    errors: number;
    warnings: number;
    infos: number;
    suppressed: number;
    failOn: FailOn;
    failed: boolean;
  };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Scan result → estimates → rules: what `tollgate check` reports and exits on. */
export function checkPolicy(scanned: ScanResult, root: string, config: TollgateConfig, failOn: FailOn): PolicyResult {
  const estimated = estimateScan(scanned, config, root);
  const cache = new Map<string, string | null>();
  const source = (file: string) => {
    if (!cache.has(file)) {
      let text: string | null = null;
      try {
        text = fs.readFileSync(path.join(root, file), 'utf8');
      } catch {
        text = null;
      }
      cache.set(file, text);
    }
    return cache.get(file)!;
  };
  const findings = runRules({ result: estimated, table: pricingFor(config), estimateConfig: config.estimate, settings: config.rules, source });
  const active = findings.filter((f) => !f.suppressed);
  const count = (s: Severity) => active.filter((f) => f.severity === s).length;
  const failed = failOn !== 'never' && active.some((f) => RANK[f.severity] <= RANK[failOn]);
  const defaults = RULES.filter((r) => r.meta.defaultSeverity !== 'off').map((r) => `${r.meta.id} (${r.meta.defaultSeverity})`).join(', ');
  return {
    ...estimated,
    findings,
    policy: {
      source: config.file ? `rules from ${config.file}` : `no tollgate.yml: default policy applies: ${defaults}`,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      suppressed: findings.length - active.length,
      failOn,
      failed,
    },
  };
}
