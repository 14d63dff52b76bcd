// One notion of "line" for every place that maps a line number from TypeScript back to text.
// TypeScript (scanner.ts isLineBreak / computeLineStarts) ends a line at LF, CR, CRLF (one break),
// U+2028 and U+2029. Splitting on '\n' alone disagrees on CR-only files and on the two Unicode
// separators, so a line number would point at the wrong text, or past the end of the array.
// No ts-morph import here: the editor's UI thread uses these helpers too.

/** A line break as TypeScript counts it; CRLF first so that it is one break, not two. */
export const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** The lines of a text, without their breaks; line N (1-based) is `textLines(text)[N - 1]`. */
export function textLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** Offsets where each line starts (line 1 at 0), as ts.computeLineStarts returns them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isLineBreak(c)) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  return starts;
}

/** The offset of a 1-based line and column; a line past the end gives the text's length. */
export function offsetAt(text: string, line: number, column: number, starts = lineStarts(text)): number {
  if (line > starts.length) return text.length;
  return Math.min(starts[Math.max(line, 1) - 1] + column - 1, text.length);
}

/** The 1-based line and column of an offset. */
export function positionAt(text: string, offset: number, starts = lineStarts(text)): { line: number; column: number } {
  // Binary search: the last line that starts at or before the offset.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** The break that ends a line (CRLF, LF, CR or a Unicode separator), '' on the last line. */
export function lineBreakAfter(text: string, line: number, starts = lineStarts(text)): string {
  if (line >= starts.length) return '';
  const end = starts[line];
  return text[end - 2] === '\r' && text[end - 1] === '\n' ? '\r\n' : text[end - 1];
}

/** Whether a UTF-16 code unit ends a line for TypeScript. */
export const isLineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** The offset of the next line break at or after `from` (text.length when none): where a `//` comment ends. */
export function nextLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (isLineBreak(text.charCodeAt(i))) return i;
  return text.length;
}

/** The break to write when inserting a line above `line`: the one the file uses there; LF for a Unicode separator or a one-line file. */
export function lineBreakNear(text: string, line: number, starts = lineStarts(text)): string {
  const eol = (line > 1 ? lineBreakAfter(text, line - 1, starts) : '') || lineBreakAfter(text, line, starts);
  return eol === '\r\n' || eol === '\r' ? eol : '\n';
}

// Editors (VS Code's text model, LSP) break lines at LF, CR and CRLF only; U+2028 and U+2029 are
// characters inside a line there. So after a Unicode separator TypeScript's line N is not the
// editor's line N, and every position the core reports must be mapped before an editor shows it.

/** A position as an editor counts it: 0-based, lines broken at LF, CR and CRLF only. */
export interface EditorPosition {
  line: number;
  character: number;
}

/** Two-way mapping between TypeScript's 1-based (line, column) and an editor's 0-based position, for one text. */
export interface EditorLines {
  toEditor(line: number, column: number): EditorPosition;
  fromEditor(pos: EditorPosition): { line: number; column: number };
  /** Where TypeScript's line ends (before its break), in the editor's terms. */
  lineEnd(line: number): EditorPosition;
}

const UNICODE_SEPARATOR = /[\u2028\u2029]/;

/** The mapping for a text; without U+2028/U+2029 the two notions agree and positions pass through. */
export function editorLines(text: string): EditorLines {
  let tsStarts: number[] | null = null;
  const ts = () => (tsStarts ??= lineStarts(text));
  const endOffset = (line: number): number => {
    const starts = ts();
    if (line >= starts.length) return text.length;
    return starts[line] - lineBreakAfter(text, line, starts).length;
  };
  if (!UNICODE_SEPARATOR.test(text)) {
    return {
      toEditor: (line, column) => ({ line: line - 1, character: column - 1 }),
      fromEditor: (pos) => ({ line: pos.line + 1, column: pos.character + 1 }),
      lineEnd: (line) => {
        const starts = ts();
        const l = Math.min(Math.max(line, 1), starts.length);
        return { line: l - 1, character: endOffset(l) - starts[l - 1] };
      },
    };
  }
  const editorStarts = editorLineStarts(text);
  const toEditorOffset = (offset: number): EditorPosition => {
    const p = positionAt(text, offset, editorStarts);
    return { line: p.line - 1, character: p.column - 1 };
  };
  return {
    toEditor: (line, column) => toEditorOffset(offsetAt(text, line, column, ts())),
    fromEditor: (pos) => positionAt(text, offsetAt(text, pos.line + 1, pos.character + 1, editorStarts), ts()),
    lineEnd: (line) => toEditorOffset(endOffset(Math.min(Math.max(line, 1), ts().length))),
  };
}

/** Line starts as an editor counts them: LF, CR and CRLF only. */
function editorLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  return starts;
}

/**
 * For a text not at hand (a file no editor has open): positions pass through and a line ends far to
 * the right, which VS Code clamps to the line. Exact once the file opens and is mapped again.
 */
export const UNMAPPED_LINES: EditorLines = {
  toEditor: (line, column) => ({ line: line - 1, character: column - 1 }),
  fromEditor: (pos) => ({ line: pos.line + 1, column: pos.character + 1 }),
  lineEnd: (line) => ({ line: line - 1, character: 10_000 }),
};
