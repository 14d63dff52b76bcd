import { RE2JS } from 're2js';

// Regular expressions written in the scanned code (`text.replace(/(a+)+$/, ...)`) run on strings the
// evaluator built. JavaScript's engine backtracks, so a hostile pattern can take exponential time on
// a short string; RE2's automaton matches in time linear in the input. Patterns RE2 cannot run in
// linear time (backreferences, lookahead) are refused: the result is unknown, not a wait.

export interface Match {
  index: number;
  end: number;
  text: string;
}

export type Pattern = { re: RE2JS; global: boolean } | { reason: string };

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

/** Compiles a JavaScript pattern and its flags for linear-time matching, or says why it cannot be. */
export function compilePattern(source: string, flags: string): Pattern {
  let bits = 0;
  for (const f of flags) {
    if (f in FLAG_BITS) bits |= FLAG_BITS[f];
    else if (f === 'y' || f === 'v') return { reason: `a regular expression with the \`${f}\` flag is not evaluated` };
  }
  try {
    return { re: RE2JS.compile(RE2JS.translateRegExp(source), bits), global: flags.includes('g') };
  } catch {
    return { reason: `the regular expression \`/${source.length > 40 ? source.slice(0, 37) + '...' : source}/\` is not evaluated (it needs backtracking)` };
  }
}

/** A string searched for as it is (`text.replace('{{name}}', ...)`). */
export function literalPattern(text: string, global: boolean): Pattern {
  return { re: RE2JS.compile(RE2JS.quote(text)), global };
}

/** The matches of a pattern in a text: all of them for a global pattern, else the first. */
export function* matches(p: Extract<Pattern, { re: RE2JS }>, text: string): Generator<Match> {
  const m = p.re.matcher(text);
  while (m.find()) {
    const index = m.start();
    const end = m.end();
    yield { index, end, text: text.slice(index, end) };
    if (!p.global) return;
  }
}
