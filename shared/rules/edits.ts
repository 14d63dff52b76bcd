import type { EstimatedCallSite } from '../estimate';
import { lineBreakNear, offsetAt, positionAt, textLines } from '../lines';
import type { TextEdit } from './types';

// Fixes are text edits computed from the file's text and the call's span: no AST edits, no reparse.

// Lines and columns are TypeScript's (shared/lines.ts): a CR-only file or a U+2028 counts as it does there.
export const offsetOf = (text: string, line: number, column: number): number => offsetAt(text, line, column);

export const positionOf = (text: string, offset: number): { line: number; column: number } => positionAt(text, offset);

function callText(text: string, site: EstimatedCallSite): { start: number; end: number } {
  return { start: offsetOf(text, site.line, site.column), end: offsetOf(text, site.endLine, site.endColumn) };
}

/**
 * Inserts a property at the start of the call's first argument when it is an object literal written
 * in place (`create({ ... })`); null otherwise (a variable, a spread: no safe place to edit).
 */
export function insertIntoFirstObject(text: string, site: EstimatedCallSite, property: string): TextEdit | null {
  const { start, end } = callText(text, site);
  const open = text.indexOf('(', start);
  if (open < 0 || open > end) return null;
  let i = open + 1;
  while (i < end && /\s/.test(text[i])) i++;
  if (text[i] !== '{') return null;
  // Match the indentation of the object's first property when it is on its own line.
  const after = text.slice(i + 1, end);
  const m = after.match(/^\s*\n([ \t]*)/);
  const insert = m ? `\n${m[1]}${property},` : ` ${property},`;
  const pos = positionOf(text, i + 1);
  return { file: site.file, line: pos.line, column: pos.column, endLine: pos.line, endColumn: pos.column, newText: insert };
}

/** Replaces the first quoted occurrence of `literal` inside the call's span. */
export function replaceLiteral(text: string, site: EstimatedCallSite, literal: string, replacement: string): TextEdit | null {
  const { start, end } = callText(text, site);
  const span = text.slice(start, end);
  const m = span.match(new RegExp(`(['"\`])${literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`));
  if (!m || m.index === undefined) return null;
  const from = positionOf(text, start + m.index + 1);
  const to = positionOf(text, start + m.index + 1 + literal.length);
  return { file: site.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, newText: replacement };
}

/** Applies edits to a text (last first, so earlier offsets stay valid). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.line - a.line || b.column - a.column);
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(out, e.line, e.column)) + e.newText + out.slice(offsetOf(out, e.endLine, e.endColumn));
  return out;
}

/** A fix that inserts a comment with a placeholder for the user to type over (1-based, like TextEdit). */
export interface CommentFix {
  description: string;
  edit: TextEdit;
  /** Where the placeholder sits once the edit is applied. */
  select: { file: string; line: number; column: number; endLine: number; endColumn: number };
}

export const REASON_PLACEHOLDER = '<reason>';
export const VOLUME_PLACEHOLDER = '1k/day';

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/**
 * `// tollgate-allow <rule>: <reason>` on a new line just above the finding's line, at its indentation:
 * where the rules look for suppressions. Null where there is no line of code to suppress.
 */
export function suppressionFix(finding: { ruleId: string; file: string; line: number }, text: string): CommentFix | null {
  const target = textLines(text)[finding.line - 1];
  if (target === undefined || finding.ruleId === 'suppression-reason') return null;
  const indent = indentOf(target);
  const eol = lineBreakNear(text, finding.line);
  const comment = `// tollgate-allow ${finding.ruleId}: ${REASON_PLACEHOLDER}`;
  const from = indent.length + comment.length - REASON_PLACEHOLDER.length + 1;
  return {
    description: `Suppress ${finding.ruleId} for this call (with a reason)`,
    edit: { file: finding.file, line: finding.line, column: 1, endLine: finding.line, endColumn: 1, newText: `${indent}${comment}${eol}` },
    select: { file: finding.file, line: finding.line, column: from, endLine: finding.line, endColumn: from + REASON_PLACEHOLDER.length },
  };
}

/**
 * `volume 1k/day` for a call site with a price and no volume: added to the call's annotation when it
 * has one, else as a new `// tollgate: volume 1k/day` line above the call.
 */
export function volumeAnnotationFix(site: EstimatedCallSite, text: string): CommentFix | null {
  if (site.estimate.monthlyCost || !site.estimate.costPerCall) return null;
  const lines = textLines(text);
  const description = 'Add a volume annotation (// tollgate: volume N/day)';
  const a = site.annotation;
  if (a && a.volume === null && lines[a.line - 1] !== undefined) {
    const line = lines[a.line - 1];
    const close = line.lastIndexOf('*/');
    const end = (close >= 0 ? line.slice(0, close).trimEnd().length : line.trimEnd().length) + 1;
    const from = end + ' volume '.length;
    return {
      description,
      edit: { file: site.file, line: a.line, column: end, endLine: a.line, endColumn: end, newText: ` volume ${VOLUME_PLACEHOLDER}` },
      select: { file: site.file, line: a.line, column: from, endLine: a.line, endColumn: from + VOLUME_PLACEHOLDER.length },
    };
  }
  const target = lines[site.line - 1];
  if (target === undefined) return null;
  const indent = indentOf(target);
  const from = indent.length + '// tollgate: volume '.length + 1;
  return {
    description,
    edit: { file: site.file, line: site.line, column: 1, endLine: site.line, endColumn: 1, newText: `${indent}// tollgate: volume ${VOLUME_PLACEHOLDER}${lineBreakNear(text, site.line)}` },
    select: { file: site.file, line: site.line, column: from, endLine: site.line, endColumn: from + VOLUME_PLACEHOLDER.length },
  };
}
