import type { PolicyResult } from '../check';
import { plainLine } from '../redact';
import { inertText } from './workflow-commands';
import { outcomeLines } from './outcomes';

const clean = plainLine;

const SGR: Record<string, string> = { error: '31', warning: '33', info: '36', FAILED: '1;31', PASSED: '1;32' };

/** Colour only for a person at a terminal: stdout is a TTY and NO_COLOR (no-color.org) is not set. */
export function shouldColor(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export interface FindingsOptions {
  color?: boolean;
}

/** The policy section printed under the bill: one line per finding, then the verdict. */
export function renderFindings(result: PolicyResult, options: FindingsOptions = {}): string {
  // Padding is applied before colouring so the escape codes do not count towards the column width.
  const paint = (word: string, padded = word) => (options.color && SGR[word] ? `\u001b[${SGR[word]}m${word}\u001b[0m${padded.slice(word.length)}` : padded);
  const out: string[] = ['', ...outcomeLines(result), 'Policy (' + clean(result.policy.source) + '):'];
  const active = result.findings.filter((f) => !f.suppressed);
  const line = (f: (typeof active)[number]) => `  ${paint(f.severity, f.severity.padEnd(7))} ${clean(`${f.file}:${f.line}:${f.column}`)}  ${f.ruleId}  ${clean(f.message)}${f.fix ? '  [fix available]' : ''}`;
  const p = result.policy;
  // With a base, what the change brought comes first; what the base already had follows under its own heading.
  const fresh = active.filter((f) => f.new !== false);
  const existing = active.filter((f) => f.new === false);
  if (!fresh.length) out.push(existing.length ? '  no new findings' : '  no findings');
  for (const f of fresh) out.push(line(f));
  if (existing.length) {
    out.push('', `Already on the base branch (${existing.length}${p.failOnExisting ? ', failing: --fail-on-existing' : ', not failing'}):`);
    for (const f of existing) out.push(line(f));
  }
  out.push('');
  const already = p.existing ? `, ${p.existing} already on the base` : '';
  out.push(`${paint(p.failed ? 'FAILED' : 'PASSED')}: ${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}, ${p.infos} info, ${p.suppressed} suppressed${already} (fails on: ${p.failOn}${p.existing && !p.failOnExisting && p.failOn !== 'never' ? ', new findings only' : ''}).`);
  return inertText(out.join('\n') + '\n');
}
