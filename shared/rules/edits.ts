import type { EstimatedCallSite } from '../estimate';
import type { TextEdit } from './types';

// Fixes are text edits computed from the file's text and the call's span: no AST edits, no reparse.

export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset + column - 1;
}

export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

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
