// Seeded mutations of a real source file: the edits of careless merges, broken tools and hostile
// authors. Each returns the new text; sizes stay bounded so one case cannot fill the disk.
import type { Rng } from './rng';
import { NESTINGS } from './shapes';

export type Mutation = (text: string, r: Rng) => string;

const MAX_BYTES = 4 * 1024 * 1024;
const TOKEN = /[A-Za-z_$][\w$]*|\d+|\s+|[^\sA-Za-z_$\d]/g;

const tokens = (text: string) => text.match(TOKEN) ?? [];
const lines = (text: string) => text.split('\n');

function atRandomLine(text: string, r: Rng, insert: string): string {
  const ls = lines(text);
  ls.splice(r.int(0, ls.length), 0, insert);
  return ls.join('\n');
}

/** A method header from the file (or a made-up one) whose parameter list never closes. */
function openHeader(text: string, r: Rng): string {
  const headers = text.match(/^[ \t]*(?:async\s+)?[A-Za-z_$][\w$]*\s*\([^)\n]*,/gm);
  return headers && headers.length ? r.pick(headers) : '  handle(input: string,';
}

export const MUTATIONS: Record<string, Mutation> = {
  'delete-token': (t, r) => {
    const ts = tokens(t);
    if (ts.length) ts.splice(r.int(0, ts.length - 1), r.int(1, 3));
    return ts.join('');
  },
  'duplicate-token': (t, r) => {
    const ts = tokens(t);
    if (!ts.length) return t;
    const i = r.int(0, ts.length - 1);
    ts.splice(i, 0, ...ts.slice(i, i + r.int(1, 4)));
    return ts.join('');
  },
  'swap-tokens': (t, r) => {
    const ts = tokens(t);
    if (ts.length < 2) return t;
    const i = r.int(0, ts.length - 1);
    const j = r.int(0, ts.length - 1);
    [ts[i], ts[j]] = [ts[j], ts[i]];
    return ts.join('');
  },
  'delete-lines': (t, r) => {
    const ls = lines(t);
    ls.splice(r.int(0, ls.length - 1), r.int(1, 5));
    return ls.join('\n');
  },
  'duplicate-lines': (t, r) => {
    const ls = lines(t);
    const i = r.int(0, ls.length - 1);
    ls.splice(i, 0, ...ls.slice(i, i + r.int(1, 8)));
    return ls.join('\n');
  },
  'swap-lines': (t, r) => {
    const ls = lines(t);
    const i = r.int(0, ls.length - 1);
    const j = r.int(0, ls.length - 1);
    [ls[i], ls[j]] = [ls[j], ls[i]];
    return ls.join('\n');
  },
  'bad-merge': (t, r) => atRandomLine(t, r, (openHeader(t, r) + '\n').repeat(r.int(12, 26))),
  truncate: (t, r) => t.slice(0, r.int(0, t.length)),
  'deep-nesting': (t, r) => atRandomLine(t, r, `const __deep = ${NESTINGS[r.pick(Object.keys(NESTINGS).filter((k) => k !== 'jsx'))](r.pick([700, 1500, 4000]))};`),
  'line-breaks': (t, r) => {
    const br = r.pick(['\r', '\u2028', '\u2029', '\r\r\n']);
    return r.chance(0.5) ? t.replace(/\n/g, br) : t.replace(/\n/g, (m) => (r.chance(0.3) ? br : m));
  },
  'invisible-chars': (t, r) => {
    const chars = ['\u202e', '\u2066', '\u2069', '\u200b', '\u200c', '\u200d', '\ufeff', '\u061c'];
    let out = t;
    for (let n = r.int(1, 6); n > 0; n--) {
      const quote = [...out.matchAll(/['"`]/g)];
      const at = quote.length ? r.pick(quote).index! + 1 : r.int(0, out.length);
      out = out.slice(0, at) + r.pick(chars) + out.slice(at);
    }
    return out;
  },
  'huge-repetition': (t, r) => {
    const ls = lines(t);
    const line = ls[r.int(0, ls.length - 1)] || 'x';
    const times = Math.min(r.pick([1000, 10000, 100000]), Math.floor(MAX_BYTES / (line.length + 1)));
    return atRandomLine(t, r, (line + '\n').repeat(times));
  },
  'self-spread': (t, r) => {
    const body = '    this.config = { ...this.config, metadata: { ...this.config, ...fields.metadata } };';
    const ctor = t.search(/constructor\s*\([^)]*\)\s*\{/);
    if (ctor >= 0) {
      const brace = t.indexOf('{', ctor);
      return t.slice(0, brace + 1) + '\n    const fields: any = arguments[0] ?? {};\n' + body + t.slice(brace + 1);
    }
    return atRandomLine(t, r, `class Spread${r.int(0, 99)} {\n  config: any = {};\n  constructor(fields: any) {\n${body}\n  }\n  invoke(x: any) { return { ...this.config, x }; }\n}`);
  },
  'doubling-constants': (t, r) => {
    const n = r.int(30, 40);
    const chain = "const __d0 = 'ab';\n" + Array.from({ length: n }, (_, i) => `const __d${i + 1} = __d${i} + __d${i};`).join('\n');
    // Feed the last one into a string literal of the file when there is one, so a call may evaluate it.
    const literal = [...t.matchAll(/'[^'\n]{3,}'/g)];
    const used = literal.length ? (() => {
      const m = r.pick(literal);
      return t.slice(0, m.index!) + `__d${n}` + t.slice(m.index! + m[0].length);
    })() : t;
    return chain + '\n' + used;
  },
};


/** Bit flips work on the encoded bytes (invalid UTF-8 is the point), so they come last. */
function flipBytes(text: string, r: Rng): Buffer {
  const b = Buffer.from(text, 'utf8');
  for (let n = r.int(1, 8); n > 0 && b.length; n--) b[r.int(0, b.length - 1)] ^= 1 << r.int(0, 7);
  return b;
}

export const MUTATION_NAMES = [...Object.keys(MUTATIONS), 'flip-bytes'];

/** Applies 1-3 mutations; returns the file's new bytes and what was done. */
export function mutate(text: string, r: Rng): { content: Buffer; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  let flips = false;
  for (let n = r.int(1, 3); n > 0; n--) {
    const name = r.pick(MUTATION_NAMES);
    applied.push(name);
    if (name === 'flip-bytes') flips = true;
    else out = MUTATIONS[name](out, r);
    if (out.length > MAX_BYTES) out = out.slice(0, MAX_BYTES);
  }
  return { content: flips ? flipBytes(out, r) : Buffer.from(out, 'utf8'), applied };
}
