import { ts } from 'ts-morph';
import { tsf } from '../../tsf';
import type { Evaluator } from '../../resolve/evaluate';
import { makeTpl, short, toParts } from '../../resolve/text';
import { findDeclaration } from '../../resolve/scope';
import { exactString, isTruthyKnown, oneOf, options, str, unknown, type Arg, type Env, type TplPart, type Value } from '../../resolve/values';
import { followConst, unwrap, type Src } from './syntax';

// A request URL as pieces: literal text, and values known only in part (a model name chosen by a
// caller, a resource name from the environment). Pieces keep those values whole, so a model in the
// path (Gemini, Bedrock) keeps every option a caller may pass, which a flattened string would not.

/** `text` is set when the value is a known string that carries a note (a default of an env var or parameter). */
export type Piece = string | { value: Value; expr: string; text?: string };
export type UrlCandidate = Piece[];

const MAX_CANDIDATES = 8;
const MAX_DEPTH = 16;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function product(a: UrlCandidate[], b: UrlCandidate[]): UrlCandidate[] {
  const out: UrlCandidate[] = [];
  for (const x of a) for (const y of b) if (out.length < MAX_CANDIDATES) out.push([...x, ...y]);
  return out;
}

/** Values as URL pieces: a choice among whole URLs splits into candidates, a choice of a path segment stays one piece. */
export function valueCandidates(v: Value, expr: string): UrlCandidate[] {
  const opts = options(v);
  const strings = opts.map((o) => exactString(o));
  if (opts.length > 1 && strings.every((s) => s !== null && !s.includes('/'))) return [[{ value: v, expr }]];
  // A choice's opaque options (`paths.slice(0, 7).join('/')`) are no URL the rules can read: those with text go first, so the cap keeps them.
  const readable = [...opts.filter((o) => o.k !== 'unknown'), ...opts.filter((o) => o.k === 'unknown')];
  return readable.slice(0, MAX_CANDIDATES).map((o) => {
    const s = exactString(o);
    if (s !== null) return (o.k === 'str' || o.k === 'num') && o.note ? [{ value: o, expr, text: s }] : [s];
    if (o.k === 'tpl') return o.parts.map((p): Piece => (typeof p === 'string' ? p : { value: p.choices ? oneOf(p.choices) : unknown(p.reason, p.expr, p.hint), expr: p.expr }));
    return [{ value: o, expr }];
  }).flatMap((c: UrlCandidate) => expandChoices(c, expr)).slice(0, MAX_CANDIDATES);
}

/** A template's hole that was a choice of hosts (`${this.getHost()}/api/chat`): one candidate per choice, within the cap. */
function expandChoices(c: UrlCandidate, expr: string): UrlCandidate[] {
  let out: UrlCandidate[] = [[]];
  for (const p of c) {
    const split = typeof p !== 'string' && p.value.k === 'oneOf' && p.value.options.some((o) => exactString(o)?.includes('/')) ? valueCandidates(p.value, p.expr ?? expr) : [[p]];
    out = out.flatMap((acc) => split.map((s) => [...acc, ...s])).slice(0, MAX_CANDIDATES);
  }
  return out;
}

/** The arguments of `new URL(rel, base?)` when a value is that object, made where the value was. */
function urlConstruction(v: Value): Arg[] | null {
  if (v.k === 'unknown') return v.made?.length && !v.made.some((a) => a.spread) ? v.made : null;
  return null;
}

function isGlobal(id: ts.Expression, name: string): boolean {
  return tsf.isIdentifier(id) && id.text === name && !findDeclaration(id);
}

/** The URLs an expression may stand for, read from template literals, concatenation, consts and `new URL()`. */
export function urlCandidates(ev: Evaluator, node: ts.Expression, env: Env, depth = 0): UrlCandidate[] {
  const n = unwrap(node);
  const evaluated = () => {
    const v = ev.eval(n, env);
    // URL objects made elsewhere and handed here (a wrapper's parameter, a method that builds the
    // endpoint): read from their construction, each option of a choice on its own.
    const opts = depth <= MAX_DEPTH ? options(v) : [];
    if (!opts.some((o) => urlConstruction(o))) return valueCandidates(v, short(n));
    const out: UrlCandidate[] = [];
    for (const o of opts) {
      const made = urlConstruction(o);
      if (!made) out.push(...valueCandidates(o, short(n)));
      else {
        const rel = urlCandidates(ev, made[0].node, made[0].env, depth + 1);
        out.push(...(made[1] ? resolveAgainst(rel, urlCandidates(ev, made[1].node, made[1].env, depth + 1)) : rel));
      }
    }
    return out.slice(0, MAX_CANDIDATES);
  };
  if (depth > MAX_DEPTH) return evaluated();
  const sub = (e: ts.Expression, en: Env = env) => urlCandidates(ev, e, en, depth + 1);
  if (tsf.isStringLiteralLike(n)) return [[n.text]];
  if (tsf.isTemplateExpression(n)) {
    let acc: UrlCandidate[] = [[n.head.text]];
    for (const span of n.templateSpans) acc = product(product(acc, sub(span.expression)), [[span.literal.text]]);
    return acc;
  }
  if (tsf.isBinaryExpression(n) && n.operatorToken.kind === tsf.SyntaxKind.PlusToken) return product(sub(n.left), sub(n.right));
  if (tsf.isConditionalExpression(n)) {
    const cond = isTruthyKnown(ev.eval(n.condition, env));
    if (cond === true) return sub(n.whenTrue);
    if (cond === false) return sub(n.whenFalse);
    return [...sub(n.whenTrue), ...sub(n.whenFalse)].slice(0, MAX_CANDIDATES);
  }
  if (tsf.isIdentifier(n)) {
    const next = followConst(n, env);
    return next ? sub(next.node, next.env) : evaluated();
  }
  if (tsf.isNewExpression(n) && isGlobal(n.expression, 'URL') && n.arguments?.length) {
    const rel = sub(n.arguments[0]);
    return n.arguments[1] ? resolveAgainst(rel, sub(n.arguments[1])) : rel;
  }
  // url.href, url.toString(), String(url), `${url}`: the same URL.
  if (tsf.isPropertyAccessExpression(n) && n.name.text === 'href') return sub(n.expression);
  if (tsf.isCallExpression(n) && tsf.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'toString' && n.arguments.length === 0) return sub(n.expression.expression);
  if (tsf.isCallExpression(n) && isGlobal(n.expression, 'String') && n.arguments.length === 1) return sub(n.arguments[0]);
  return evaluated();
}

export function urlFrom(ev: Evaluator, src: Src | undefined): UrlCandidate[] {
  if (!src) return [];
  return 'value' in src ? valueCandidates(src.value, 'url') : urlCandidates(ev, src.node, src.env);
}

/** Adjacent literal text joined; a noted string reads as its text where a URL must be parsed. */
function merge(c: UrlCandidate): UrlCandidate {
  const out: Piece[] = [];
  for (const p of c) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  }
  return out;
}

const textOf = (p: Piece | undefined): string | null => (p === undefined ? null : typeof p === 'string' ? p : p.text ?? null);

export function isAbsolute(c: UrlCandidate): boolean {
  const first = textOf(merge(c)[0]);
  return first !== null && SCHEME.test(first);
}

/** How axios (baseURL), got and ky (prefixUrl) and ofetch (baseURL) put a base and a relative path together. */
export function joinBase(bases: UrlCandidate[], rels: UrlCandidate[]): UrlCandidate[] {
  const out: UrlCandidate[] = [];
  for (const r of rels) {
    if (isAbsolute(r) || !bases.length) {
      out.push(r);
      continue;
    }
    for (const b of bases) {
      const bm = merge(b);
      const rm = merge(r);
      const last = bm[bm.length - 1];
      if (typeof last === 'string') bm[bm.length - 1] = last.replace(/\/+$/, '');
      if (typeof rm[0] === 'string') rm[0] = rm[0].replace(/^\/+/, '');
      out.push(rm.length ? [...bm, '/', ...rm] : bm);
    }
  }
  return out.slice(0, MAX_CANDIDATES);
}

/** `new URL(rel, base)`: an absolute path replaces the base's path, a relative one replaces its last segment. */
function resolveAgainst(rels: UrlCandidate[], bases: UrlCandidate[]): UrlCandidate[] {
  const out: UrlCandidate[] = [];
  for (const r of rels) {
    const rm = merge(r);
    if (isAbsolute(rm)) {
      out.push(rm);
      continue;
    }
    const rootRelative = typeof rm[0] === 'string' && rm[0].startsWith('/');
    for (const b of bases) {
      const cut = rootRelative ? originOf(merge(b)) : directoryOf(merge(b));
      // A base known only at run time: taken as an origin, which a root-relative path follows directly.
      out.push(cut ? [...cut, ...rm] : rootRelative ? [...merge(b), ...rm] : [...merge(b), '/', ...rm]);
    }
  }
  return out.slice(0, MAX_CANDIDATES);
}

function originOf(b: Piece[]): Piece[] | null {
  const out: Piece[] = [];
  let seenScheme = false;
  for (const p of b) {
    if (typeof p !== 'string') {
      out.push(p);
      continue;
    }
    let s = p;
    if (!seenScheme) {
      const m = s.match(SCHEME);
      if (!m) return null;
      seenScheme = true;
      out.push(m[0]);
      s = s.slice(m[0].length);
    }
    const slash = s.indexOf('/');
    if (slash >= 0) {
      out.push(s.slice(0, slash));
      return out;
    }
    out.push(s);
  }
  return seenScheme ? out : null;
}

function directoryOf(b: Piece[]): Piece[] | null {
  const flat = (ps: Piece[]) => ps.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  const origin = originOf(b);
  if (origin && flat(origin) === flat(b)) return [...b, '/'];
  const last = b[b.length - 1];
  if (typeof last !== 'string') return null;
  const i = last.lastIndexOf('/');
  if (i < 0) return null;
  return [...b.slice(0, -1), last.slice(0, i + 1)];
}

/** A URL candidate as text regexes can read, each stretch remembering the piece it came from. */
export interface MarkedUrl {
  text: string;
  spans: Array<{ start: number; end: number; piece: Piece }>;
  /**
   * The URL starts with a value known only at run time (`process.env.OLLAMA_URL + '/api/chat'`): its
   * expression, which may name the provider. The text then starts with that value's marker, no scheme.
   */
  dynamicOrigin?: string;
}

const MARKER = /\u0001(\d+)\u0002/g;

export function marked(c: UrlCandidate): MarkedUrl | null {
  const pieces = merge(c);
  const first = textOf(pieces[0]);
  // A run-time origin followed by a path: the endpoint rules decide whether the path says enough.
  const dynamicOrigin = first === null && pieces.length > 1 && typeof pieces[1] === 'string' && pieces[1].startsWith('/') ? (pieces[0] as { expr: string }).expr : undefined;
  if (!dynamicOrigin && (first === null || !SCHEME.test(first))) return null;
  let text = '';
  const spans: MarkedUrl['spans'] = [];
  pieces.forEach((piece, i) => {
    // Values known only at run time stand as markers (\u0001n\u0002) that no path pattern mistakes for text.
    const t = textOf(piece) ?? `\u0001${i}\u0002`;
    spans.push({ start: text.length, end: text.length + t.length, piece });
    text += t;
  });
  return dynamicOrigin ? { text, spans, dynamicOrigin } : { text, spans };
}

function noteOf(v: Value): string | undefined {
  return v.k === 'str' || v.k === 'num' ? v.note : undefined;
}

/** The value of the stretch [start, end): a piece's own value when it is exactly that piece, else text with placeholders. */
export function markedValue(m: MarkedUrl, start: number, end: number): Value {
  const exact = m.spans.find((s) => s.start === start && s.end === end && typeof s.piece !== 'string');
  if (exact) return (exact.piece as { value: Value }).value;
  const parts: TplPart[] = [];
  let note: string | undefined;
  for (const s of m.spans) {
    const a = Math.max(start, s.start);
    const b = Math.min(end, s.end);
    if (a >= b) continue;
    const p = s.piece;
    const t = textOf(p);
    if (t !== null) parts.push(t.slice(a - s.start, b - s.start));
    else parts.push(...toParts((p as { value: Value }).value, null, (p as { expr: string }).expr));
    if (typeof p !== 'string') note ??= noteOf(p.value);
  }
  const v = makeTpl(parts);
  return note && v.k === 'str' ? str(v.v, note) : v;
}

/** The stretch as display text: values known only at run time shown as `{expression}`. */
export function markedText(m: MarkedUrl, start: number, end: number): string {
  return m.text.slice(start, end).replace(MARKER, (_, i) => `{${(m.spans[Number(i)].piece as { expr: string }).expr}}`);
}

/** Markers as plain letters, so a host with a variable part (`${resource}.openai.azure.com`) still reads as a host. */
export function hostProbe(m: MarkedUrl): string {
  return m.text.replace(MARKER, 'x');
}
