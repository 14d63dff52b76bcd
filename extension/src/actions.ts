import type { EstimatedCallSite } from '../../shared/estimate';
import type { Finding, Fix } from '../../shared/rules/types';
import type { PlainRange } from './positions';
import { toRange } from './positions';

// Quick fixes as plain edits. The rules' own fixes are mapped one to one (the core computed them
// from the same text the editor shows); the extension adds two that are comments only: a
// suppression with a reason to fill in, and a volume annotation.

export interface PlainEdit {
  /** Workspace-relative file. */
  file: string;
  range: PlainRange;
  newText: string;
}

export interface PlainAction {
  title: string;
  edits: PlainEdit[];
  /** After the edit: the text to select, so the user types over the placeholder. */
  select?: { file: string; range: PlainRange };
  preferred: boolean;
}

/** A rule's fix: its edits, 1-based positions turned into VS Code's 0-based ones, nothing else changed. */
export function fixAction(fix: Fix): PlainAction {
  return {
    title: fix.description,
    edits: fix.edits.map((e) => ({ file: e.file, range: toRange(e.line, e.column, e.endLine, e.endColumn), newText: e.newText })),
    preferred: true,
  };
}

export const REASON_PLACEHOLDER = '<reason>';
export const VOLUME_PLACEHOLDER = '1k/day';

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/**
 * `// tollgate-allow <rule>: <reason>` on a new line just above the finding's line, at its indentation:
 * where the core looks for suppressions. Null for findings the core cannot suppress there (no line of code).
 */
export function suppressAction(finding: Finding, text: string): PlainAction | null {
  const lines = text.split('\n');
  const target = lines[finding.line - 1];
  if (target === undefined || finding.ruleId === 'suppression-reason') return null;
  const indent = indentOf(target);
  const comment = `// tollgate-allow ${finding.ruleId}: ${REASON_PLACEHOLDER}`;
  const line0 = finding.line - 1;
  const at = { line: line0, character: 0 };
  const from = indent.length + comment.length - REASON_PLACEHOLDER.length;
  return {
    title: `Suppress ${finding.ruleId} for this call (with a reason)`,
    edits: [{ file: finding.file, range: { start: at, end: at }, newText: `${indent}${comment}\n` }],
    select: { file: finding.file, range: { start: { line: line0, character: from }, end: { line: line0, character: from + REASON_PLACEHOLDER.length } } },
    preferred: false,
  };
}

/**
 * `volume 1k/day` for a call site that has a price but no volume: added to the call's annotation when
 * it has one, else as a new `// tollgate: volume 1k/day` line above the call. The number is selected
 * for the user to type the real one.
 */
export function volumeAction(site: EstimatedCallSite, text: string): PlainAction | null {
  if (site.estimate.monthlyCost || !site.estimate.costPerCall) return null;
  const lines = text.split('\n');
  const title = 'Add a volume annotation (// tollgate: volume N/day)';
  const a = site.annotation;
  if (a && a.volume === null && lines[a.line - 1] !== undefined) {
    const line = lines[a.line - 1].replace(/\r$/, '');
    const close = line.lastIndexOf('*/');
    const end = close >= 0 ? line.slice(0, close).trimEnd().length : line.trimEnd().length;
    const insert = ` volume ${VOLUME_PLACEHOLDER}`;
    const at = { line: a.line - 1, character: end };
    const from = end + ' volume '.length;
    return {
      title,
      edits: [{ file: site.file, range: { start: at, end: at }, newText: insert }],
      select: { file: site.file, range: { start: { line: a.line - 1, character: from }, end: { line: a.line - 1, character: from + VOLUME_PLACEHOLDER.length } } },
      preferred: false,
    };
  }
  const target = lines[site.line - 1];
  if (target === undefined) return null;
  const indent = indentOf(target);
  const line0 = site.line - 1;
  const at = { line: line0, character: 0 };
  const from = indent.length + '// tollgate: volume '.length;
  return {
    title,
    edits: [{ file: site.file, range: { start: at, end: at }, newText: `${indent}// tollgate: volume ${VOLUME_PLACEHOLDER}\n` }],
    select: { file: site.file, range: { start: { line: line0, character: from }, end: { line: line0, character: from + VOLUME_PLACEHOLDER.length } } },
    preferred: false,
  };
}
