import type { Finding, Severity } from '../../shared/rules/types';
import { redactSecrets, sanitizeTerminal } from '../../shared/redact';
import type { FileIndex } from './files';
import type { SessionConfigError } from '../../shared/session';
import type { PlainRange } from './positions';

// Findings → Problems-panel entries. Suppressed findings are not shown (reports count them); the
// severities setting filters the rest.

export interface PlainDiagnostic {
  range: PlainRange;
  severity: Severity;
  message: string;
  /** The rule id (the diagnostic's code; it links to the rule's doc). */
  code: string | null;
}

const clean = (s: string) => sanitizeTerminal(redactSecrets(s));

/**
 * The span a finding underlines: the call's first line (a whole multi-line call would paint the
 * screen), or from its column to the end of its line when it belongs to no call.
 */
export function findingRange(f: Finding, index: FileIndex, lineLength: (line0: number) => number): PlainRange {
  const site = index.site(f.callSiteId);
  const line0 = f.line - 1;
  const start = f.column - 1;
  let end: number;
  if (site && site.line === f.line && site.endLine === site.line) end = site.endColumn - 1;
  else end = lineLength(line0);
  if (end <= start) return { start: { line: line0, character: 0 }, end: { line: line0, character: Math.max(lineLength(line0), 0) } };
  return { start: { line: line0, character: start }, end: { line: line0, character: end } };
}

export function fileDiagnostics(rel: string, index: FileIndex, severities: Severity[], lineLength: (line0: number) => number): PlainDiagnostic[] {
  return index
    .findingsIn(rel)
    .filter((f) => !f.suppressed && severities.includes(f.severity))
    .map((f) => ({ range: findingRange(f, index, lineLength), severity: f.severity, message: clean(f.message), code: f.ruleId }));
}

/** The config loader's errors as diagnostics on the config file (`settings` errors belong to no file). */
export function configDiagnostics(rel: string, errors: SessionConfigError[], lineLength: (line0: number) => number): PlainDiagnostic[] {
  return errors
    .filter((e) => e.file === rel)
    .map((e) => {
      const line0 = Math.max((e.line ?? 1) - 1, 0);
      const start = Math.max((e.column ?? 1) - 1, 0);
      const end = Math.max(lineLength(line0), start + 1);
      return { range: { start: { line: line0, character: start }, end: { line: line0, character: end } }, severity: 'error' as const, message: clean(e.message), code: null };
    });
}

/** The finding a diagnostic was made from: same rule and line, the same column when several match. */
export function findingFor(index: FileIndex, rel: string, ruleId: string, line0: number, character: number): Finding | null {
  const same = index.findingsIn(rel).filter((f) => !f.suppressed && f.ruleId === ruleId && f.line - 1 === line0);
  return same.find((f) => f.column - 1 === character) ?? same[0] ?? null;
}
