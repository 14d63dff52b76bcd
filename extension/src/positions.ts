// The core counts lines and columns from 1 (like compilers and the CLI); VS Code from 0.

export interface PlainPosition {
  line: number;
  character: number;
}

export interface PlainRange {
  start: PlainPosition;
  end: PlainPosition;
}

export function toRange(line: number, column: number, endLine: number, endColumn: number): PlainRange {
  return { start: { line: line - 1, character: column - 1 }, end: { line: endLine - 1, character: endColumn - 1 } };
}

/** Whether a 0-based position lies inside a 1-based span (ends inclusive, so a hover on the last character counts). */
export function contains(span: { line: number; column: number; endLine: number; endColumn: number }, pos: PlainPosition): boolean {
  const l = pos.line + 1;
  const c = pos.character + 1;
  if (l < span.line || l > span.endLine) return false;
  if (l === span.line && c < span.column) return false;
  if (l === span.endLine && c > span.endColumn) return false;
  return true;
}
