import type { PolicyResult } from '../check';
import { redactSecrets, sanitizeTerminal } from '../redact';

const clean = (s: string) => sanitizeTerminal(redactSecrets(s));

/** The policy section printed under the bill: one line per finding, then the verdict. */
export function renderFindings(result: PolicyResult): string {
  const out: string[] = ['', 'Policy (' + clean(result.policy.source) + '):'];
  const active = result.findings.filter((f) => !f.suppressed);
  if (!active.length) out.push('  no findings');
  for (const f of active) {
    out.push(`  ${f.severity.padEnd(7)} ${clean(`${f.file}:${f.line}:${f.column}`)}  ${f.ruleId}  ${clean(f.message)}${f.fix ? '  [fix available]' : ''}`);
  }
  const p = result.policy;
  out.push('');
  out.push(`${p.failed ? 'FAILED' : 'PASSED'}: ${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}, ${p.infos} info, ${p.suppressed} suppressed (fails on: ${p.failOn}).`);
  return out.join('\n') + '\n';
}
