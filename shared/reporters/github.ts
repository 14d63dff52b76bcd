import type { PolicyResult } from '../check';
import type { Finding } from '../rules/types';
import { redactSecrets, sanitizeTerminal } from '../redact';

// GitHub Actions workflow commands: each line becomes an annotation on the pull request's diff.
// Escaping follows the runner's rules (actions/toolkit command.ts): data escapes % CR LF, property
// values additionally : and , because they separate properties. These lines are the only commands
// tollgate prints. A message keeps its line breaks (escaped, an annotation shows them); control,
// bidi and zero-width characters are removed.

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Redacted and sanitised, line breaks kept as they are. */
function messageText(s: string): string {
  return redactSecrets(s)
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 ? part : sanitizeTerminal(part)))
    .join('');
}

function annotation(f: Finding): string {
  const props: string[] = [];
  // The path exactly (escaped), so the annotation lands on the file; only a key in it is redacted.
  if (f.file) props.push(`file=${escapeProperty(redactSecrets(f.file))}`);
  if (f.file && f.line > 0) props.push(`line=${f.line}`);
  if (f.file && f.line > 0 && f.column > 0) props.push(`col=${f.column}`);
  props.push(`title=${escapeProperty(f.ruleId)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(messageText(f.message))}`;
}

/** One annotation per unsuppressed finding, in the findings' order. */
export function renderGithub(result: Pick<PolicyResult, 'findings'>): string {
  const lines = result.findings.filter((f) => !f.suppressed).map(annotation);
  return lines.length ? lines.join('\n') + '\n' : '';
}
