import { ts } from 'ts-morph';
import { MAX_CALLS_PER_MONTH, MAX_FANOUT, MAX_TOKENS, figureText } from './bounds';
import { isLineBreak, nextLineBreak } from '../lines';

// The annotation grammar (a public contract, documented in README "Annotations"):
//
//   // tollgate: volume 50k/day
//   // tollgate: tokens question=300 history=2000
//   // tollgate: fanout 20
//   // tollgate: volume 1.2m/month tokens doc=4000 fanout 8
//
// A comment directly above the call, or directly above the statement that holds it. Numbers take an
// optional k (thousand) or m (million) suffix; volume periods are hour, day, week or month.
// Bounds (shared/estimate/bounds.ts): a volume of at most 1e12 calls per month, tokens of at most 10M per
// name, a fan-out of at most 1M. A figure beyond its bound is an annotation error, not a figure.

export interface Annotation {
  /** Invocations per month, converted from the written period. */
  volumePerMonth?: number;
  volumeText?: string;
  tokens: Record<string, number>;
  fanout?: number;
  /** 1-based line of the comment, for messages. */
  line: number;
  errors: string[];
}

const PER_MONTH: Record<string, number> = { hour: 730, day: 30.4167, week: 4.34524, month: 1 };

/** N per period as N per month (an average month: 730 hours, 30.4167 days), rounded to stay byte-stable. */
export function perMonth(n: number, period: string): number {
  return Math.round(n * PER_MONTH[period] * 1e4) / 1e4;
}

/** `12`, `1.5k`, `2m` as a number; null when it is not one. Too many digits give Infinity: callers bound it. */
export function parseNumber(text: string): number | null {
  const m = text.trim().toLowerCase().match(/^(\d+(?:\.\d+)?)([km]?)$/);
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'm' ? 1e6 : 1);
}

/** Parses the text after `tollgate:`; unknown words are errors, the rest still counts. */
export function parseAnnotation(body: string, line: number): Annotation {
  const out: Annotation = { tokens: {}, line, errors: [] };
  const words = body.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase();
    if (w === 'volume') {
      const spec = words[++i] ?? '';
      const m = spec.match(/^([\d.]+[kKmM]?)\/(hour|day|week|month)$/);
      const n = m ? parseNumber(m[1]) : null;
      const monthly = m && n !== null ? perMonth(n, m[2]) : null;
      if (monthly === null) out.errors.push(`volume expects N/period (for example 50k/day), got "${spec}"`);
      else if (!(monthly <= MAX_CALLS_PER_MONTH)) out.errors.push(`volume ${spec} is over the limit of ${figureText(MAX_CALLS_PER_MONTH)} calls per month`);
      else {
        out.volumePerMonth = monthly;
        out.volumeText = spec;
      }
    } else if (w === 'tokens') {
      while (i + 1 < words.length && /^[\w$.-]+=/.test(words[i + 1])) {
        const [name, value] = words[++i].split('=');
        const n = parseNumber(value ?? '');
        if (n === null) out.errors.push(`tokens ${name} expects a number, got "${value}"`);
        else if (n > MAX_TOKENS) out.errors.push(`tokens ${name}=${value} is over the limit of ${figureText(MAX_TOKENS)} tokens`);
        else out.tokens[name] = n;
      }
    } else if (w === 'fanout') {
      const n = parseNumber(words[++i] ?? '');
      if (n === null) out.errors.push(`fanout expects a number, got "${words[i]}"`);
      else if (n > MAX_FANOUT) out.errors.push(`fanout ${words[i]} is over the limit of ${figureText(MAX_FANOUT)} calls`);
      else out.fanout = n;
    } else {
      out.errors.push(`unknown word "${words[i]}" (expected volume, tokens or fanout)`);
    }
  }
  return out;
}

/**
 * The comments on their own lines before a node, as ts.getLeadingCommentRanges finds them, except that
 * U+2028 and U+2029 end a line here too: TypeScript counts them as line breaks for line numbers but
 * not when it collects leading comments, so an annotation in such a file was silently not read.
 * A comment on the previous code's line (`a(); // ...`) belongs to that code, not to this node.
 */
export function leadingComments(text: string, pos: number, end: number): Array<{ pos: number; end: number }> {
  const out: Array<{ pos: number; end: number }> = [];
  let ownLine = pos === 0;
  for (let i = pos; i < end; ) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) {
      ownLine = true;
      i++;
    } else if (c === 47 /* / */ && text[i + 1] === '/') {
      const close = nextLineBreak(text, i);
      if (ownLine) out.push({ pos: i, end: close });
      i = close;
    } else if (c === 47 && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const stop = close < 0 ? end : close + 2;
      if (ownLine) out.push({ pos: i, end: stop });
      i = stop;
    } else i++;
  }
  return out;
}

function annotationIn(sf: ts.SourceFile, node: ts.Node): Annotation | null {
  const ranges = leadingComments(sf.text, node.getFullStart(), node.getStart(sf));
  let found: Annotation | null = null;
  for (const r of ranges) {
    const text = sf.text.slice(r.pos, r.end);
    const m = text.match(/^\/[/*]\s*tollgate:\s*([\s\S]*?)\s*(?:\*\/)?$/);
    if (!m || /^(ignore|allow)\b/.test(m[1])) continue;
    const line = sf.getLineAndCharacterOfPosition(r.pos).line + 1;
    const parsed = parseAnnotation(m[1], line);
    found = found ? merge(found, parsed) : parsed;
  }
  return found;
}

function merge(a: Annotation, b: Annotation): Annotation {
  return {
    volumePerMonth: b.volumePerMonth ?? a.volumePerMonth,
    volumeText: b.volumeText ?? a.volumeText,
    tokens: { ...a.tokens, ...b.tokens },
    fanout: b.fanout ?? a.fanout,
    line: a.line,
    errors: [...a.errors, ...b.errors],
  };
}

/** The annotation that applies to a call: on the call's own line above, or above its statement. */
export function annotationFor(call: ts.Node): Annotation | null {
  const sf = call.getSourceFile();
  let found: Annotation | null = null;
  for (let n: ts.Node | undefined = call; n && !ts.isSourceFile(n); n = n.parent) {
    const a = annotationIn(sf, n);
    if (a) found = found ? merge(a, found) : a;
    // Stop at the statement (or the declaration) that holds the call: comments higher up are about other code.
    if (ts.isStatement(n) || ts.isClassElement(n)) break;
  }
  return found;
}
