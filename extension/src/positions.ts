import type { EditorLines, EditorPosition } from '../../shared/lines';

// The core counts lines and columns from 1, as TypeScript breaks lines (U+2028 and U+2029 too);
// VS Code from 0, breaking at LF, CR and CRLF only. The core's EditorLines maps between them.

export type PlainPosition = EditorPosition;

export interface PlainRange {
  start: PlainPosition;
  end: PlainPosition;
}

export function toRange(lines: EditorLines, line: number, column: number, endLine: number, endColumn: number): PlainRange {
  return { start: lines.toEditor(line, column), end: lines.toEditor(endLine, endColumn) };
}

/** Whether a 1-based TypeScript position lies inside a span (ends inclusive, so a hover on the last character counts). */
export function contains(span: { line: number; column: number; endLine: number; endColumn: number }, at: { line: number; column: number }): boolean {
  const { line: l, column: c } = at;
  if (l < span.line || l > span.endLine) return false;
  if (l === span.line && c < span.column) return false;
  if (l === span.endLine && c > span.endColumn) return false;
  return true;
}
