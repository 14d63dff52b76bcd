import type { Finding, Severity } from '../../shared/rules/types';
import { redactSecrets, sanitizeTerminal } from '../../shared/redact';
import type { FileIndex } from './files';
import type { SessionConfigError } from '../../shared/session';
import type { EditorLines } from '../../shared/lines';
import type { PlainPosition, PlainRange } from './positions';

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
export function findingRange(f: Finding, index: FileIndex, lines: EditorLines): PlainRange {
  const site = index.site(f.callSiteId);
  const start = lines.toEditor(f.line, f.column);
  // One TypeScript line never spans two editor lines (the editor breaks at fewer characters).
  const end = site && site.line === f.line && site.endLine === site.line ? lines.toEditor(site.endLine, site.endColumn) : lines.lineEnd(f.line);
  if (end.character <= start.character) {
    const lineStart = lines.toEditor(f.line, 1);
    return { start: lineStart, end: lines.lineEnd(f.line) };
  }
  return { start, end };
}

/** `lines` of the file's text as the editor holds it. */
export function fileDiagnostics(rel: string, index: FileIndex, severities: Severity[], lines: EditorLines): PlainDiagnostic[] {
  return index
    .findingsIn(rel)
    .filter((f) => !f.suppressed && severities.includes(f.severity))
    .map((f) => ({ range: findingRange(f, index, lines), severity: f.severity, message: clean(f.message), code: f.ruleId }));
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

/** The finding a diagnostic was made from (its range starts at `start`): same rule and line, the same column when several match. */
export function findingFor(index: FileIndex, rel: string, ruleId: string, start: PlainPosition, lines: EditorLines): Finding | null {
  const at = lines.fromEditor(start);
  const same = index.findingsIn(rel).filter((f) => !f.suppressed && f.ruleId === ruleId && f.line === at.line);
  return same.find((f) => f.column === at.column) ?? same[0] ?? null;
}
