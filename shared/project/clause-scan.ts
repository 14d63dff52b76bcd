// Import and export clauses found in linear time. Patterns such as `import\b[^'"`;]*?\bfrom` restart
// their scan at every `import`: a file of 75,000 `import {` lines with no quote took 40 s before the
// parser ever saw it. Here each keyword looks up the next terminator through a cursor that only moves
// forward, so the whole text is crossed a bounded number of times, whatever it holds.

/** The first index at or after a position where a character of a set occurs; queries must not go backwards. */
export class NextOf {
  private at = -1;
  private from = -1;
  constructor(
    private readonly text: string,
    private readonly set: RegExp,
  ) {}

  after(pos: number): number {
    if (this.from >= 0 && pos >= this.from && (this.at < 0 || pos <= this.at)) return this.at;
    this.set.lastIndex = pos;
    const m = this.set.exec(this.text);
    this.from = pos;
    this.at = m ? m.index : -1;
    return this.at;
  }
}

export interface FromClause {
  keyword: 'import' | 'export';
  /** Index of the keyword. */
  start: number;
  /** The text between the keyword and `from`. */
  clause: string;
  spec: string;
  /** Index just after the closing quote. */
  end: number;
}

const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);

/**
 * The clause `import|export … from 'spec'` that starts at a keyword, as `\b(import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\2`
 * matches it: the quote after `from` must be the first quote, backtick or semicolon after the keyword,
 * since the clause cannot cross one. `terms` finds /['"`;]/, `ends` finds /['"\n]/.
 */
export function fromClauseAt(text: string, start: number, keyword: 'import' | 'export', terms: NextOf, ends: NextOf): FromClause | null {
  const after = start + keyword.length;
  const t = terms.after(after);
  if (t < 0 || (text[t] !== "'" && text[t] !== '"')) return null;
  let i = t;
  while (i > after && /\s/.test(text[i - 1])) i--;
  const fromAt = i - 4;
  if (fromAt < after || text.slice(fromAt, i) !== 'from' || isWord(text[fromAt - 1])) return null;
  const close = ends.after(t + 1);
  if (close <= t + 1 || text[close] !== text[t]) return null;
  return { keyword, start, clause: text.slice(after, fromAt), spec: text.slice(t + 1, close), end: close + 1 };
}

/** Scanners for one text: keyword positions only grow, so each cursor is crossed once. */
export function clauseCursors(text: string): { terms: NextOf; ends: NextOf } {
  return { terms: new NextOf(text, /['"`;]/g), ends: new NextOf(text, /['"\n]/g) };
}

/** Every `import|export … from 'x'` clause of the text, in order, none overlapping (as a global regex would find them). */
export function fromClauses(text: string): FromClause[] {
  const out: FromClause[] = [];
  const { terms, ends } = clauseCursors(text);
  const kw = /\b(import|export)\b/g;
  let m: RegExpExecArray | null;
  while ((m = kw.exec(text))) {
    const c = fromClauseAt(text, m.index, m[1] as 'import' | 'export', terms, ends);
    if (c) {
      out.push(c);
      kw.lastIndex = c.end;
    }
  }
  return out;
}
