import * as fs from 'fs';
import * as path from 'path';
import { fixture, scanFixture } from '../helpers';
import { loadConfig } from '../../shared/config/load';
import { estimateScan, pricingFor } from '../../shared/estimate';
import { runRules } from '../../shared/rules/run';
import type { Finding, RuleSetting } from '../../shared/rules/types';

/** `file:line:column message`, one per finding: what a rule test pins down. */
export const rows = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);

/** A fixture scanned and estimated once, and a way to run one rule on it with the options under test. */
export function ruleHarness(fixtureName: string, ruleId: string) {
  const config = loadConfig(null);
  const root = fixture(fixtureName);
  const estimated = estimateScan(scanFixture(fixtureName), config, root);
  const source = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : null);
  /** Findings of this rule alone (options unset: the rule's default severity and options). */
  const run = (options?: Record<string, unknown>, estimateConfig = config.estimate) => {
    const settings: Record<string, RuleSetting> = options ? { [ruleId]: { severity: 'warning', options } } : {};
    return runRules({ result: estimated, table: pricingFor(config), estimateConfig, settings, source }).filter((f) => f.ruleId === ruleId);
  };
  return { config, root, estimated, source, run };
}
