import * as path from 'path';
import { ts } from 'ts-morph';
import { tsf } from '../tsf';
import type { Evaluator } from './evaluate';
import { zodParse } from './zod';
import { makeTpl, short, toParts } from './text';
import { exactString, oneOf, str, unknown, type Arg, type SdkValue, type TplPart, type Value } from './values';
import { compilePattern, literalPattern, matches, type Pattern } from './regex';
import { ITEM_LIMIT, noteHit, step, TEXT_LIMIT, TOO_LONG, TOO_MANY_ITEMS, TOO_MANY_STEPS } from './budget';

/** Partly dynamic `JSON.stringify(...)` texts and the values they were made from (see stringifiedFrom). */
const stringified = new WeakMap<Value, Value>();

/**
 * The value a partly dynamic `JSON.stringify(...)` text was made from: a request body handed through
 * a wrapper's parameter is read back as the object it is, not as text with holes.
 */
export function stringifiedFrom(v: Value): Value | undefined {
  return stringified.get(v);
}

const tooLarge = (reason: string): Value => (noteHit(reason), unknown(reason));

// What the standard library and a few prompt helpers do to values, evaluated without running them.

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
const DEDENT_MODULES = new Set(['dedent', 'ts-dedent', 'dedent-js', 'outdent', 'common-tags', 'endent', 'strip-indent']);

function getNames(v: SdkValue): string[] | null {
  const names: string[] = [];
  for (const s of v.steps) {
    if (s.t !== 'get') return null;
    names.push(s.name);
  }
  return names;
}

function asPath(ev: Evaluator, v: Value): string | null {
  if (v.k === 'path') return v.v;
  const s = exactString(v);
  return s;
}

export function callBuiltin(ev: Evaluator, callee: SdkValue, args: Arg[], node: ts.CallExpression | ts.TaggedTemplateExpression): Value | null {
  const parsed = zodParse(ev, callee);
  if (parsed) return parsed;
  const names = getNames(callee);
  if (!names) return null;
  const mod = callee.module;
  const last = names[names.length - 1];
  const argv = (i: number) => (args[i] ? ev.argValue(args[i]) : undefined);
  const argText = (i: number) => (args[i] ? short(args[i].node) : '');

  // A promise is its value here (`await` is read through): `Promise.all([a, b])` is `[a, b]`.
  if (mod === 'global' && names.length === 2 && names[0] === 'Promise' && (last === 'all' || last === 'resolve') && args[0] && !args[0].spread) return argv(0)!;

  if (FS_MODULES.has(mod) && (last === 'readFileSync' || last === 'readFile')) {
    const p = argv(0);
    return p ? ev.readFileValue(p, argText(0), node) : null;
  }
  if (mod === 'path' || mod === 'path/posix') {
    if (last === 'join' || last === 'resolve') {
      const parts: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const v = argv(i)!;
        const s = asPath(ev, v);
        if (s === null) return unknown(`path built at run time: \`${short(node)}\``, short(node));
        parts.push(s);
      }
      const joined = last === 'join' ? path.join(...parts) : path.resolve(ev.index.root, ...parts);
      return path.isAbsolute(joined) ? { k: 'path', v: joined } : str(joined);
    }
    if (last === 'dirname') {
      const s = asPath(ev, argv(0) ?? unknown(''));
      return s === null ? null : { k: 'path', v: path.dirname(s) };
    }
  }
  if (mod === 'url' && last === 'fileURLToPath') {
    const v = argv(0);
    return v && v.k === 'path' ? v : v ?? null;
  }
  if (DEDENT_MODULES.has(mod)) {
    const v = argv(0);
    return v ? dedentValue(v) : null;
  }
  if (mod !== 'global') return null;
  const joined = names.join('.');
  switch (joined) {
    case 'JSON.stringify': {
      const v = argv(0);
      if (!v) return null;
      const meter: JsonMeter = { size: 0 };
      const j = toJson(v, meter);
      if (j === OVER) return tooLarge(meter.size > TEXT_LIMIT ? TOO_LONG : TOO_MANY_STEPS);
      if (j !== undefined) {
        const text = JSON.stringify(j, null, exactNumberArg(argv(2)));
        return text.length > TEXT_LIMIT ? tooLarge(TOO_LONG) : str(text);
      }
      // Partly dynamic: keep the static keys and values, a placeholder for each unknown value.
      const text = makeTpl(jsonParts(v, argText(0), { size: 0 }));
      stringified.set(text, v);
      return text;
    }
    case 'String':
      return argv(0) ? makeTpl(toParts(argv(0)!, args[0].node)) : str('');
    case 'Object.freeze':
      return argv(0) ?? null;
    case 'Object.assign': {
      const merged = new Map<string, Value>();
      let open: string | undefined;
      for (let i = 0; i < args.length; i++) {
        const v = argv(i)!;
        if (v.k === 'obj') {
          for (const [k, val] of v.props) merged.set(k, val);
          if (v.open) open = v.open;
        } else open = `Object.assign of \`${argText(i)}\``;
      }
      return open ? { k: 'obj', props: merged, open } : { k: 'obj', props: merged };
    }
    case 'process.cwd':
      return { k: 'path', v: ev.index.root };
    case 'Number':
    case 'parseInt':
    case 'parseFloat': {
      const v = argv(0);
      if (v && v.k === 'num') return v;
      const s = v ? exactString(v) : null;
      if (s !== null && !Number.isNaN(Number(s))) return { k: 'num', v: last === 'parseInt' ? parseInt(s, 10) : Number(s) };
      if (v && v.k === 'env') return unknown(`set by environment variable ${v.name} at run time`);
      return null;
    }
    default:
      return null;
  }
}

function exactNumberArg(v: Value | undefined): number | undefined {
  return v && v.k === 'num' ? v.v : undefined;
}

/** Counts what a JSON rendering visits and writes: a value shared many times is written many times. */
interface JsonMeter {
  size: number;
}

const OVER = Symbol('over budget');

function toJson(v: Value, meter: JsonMeter): unknown {
  if (!step()) return OVER;
  switch (v.k) {
    case 'str':
      meter.size += v.v.length + 2;
      return meter.size > TEXT_LIMIT ? OVER : v.v;
    case 'num':
    case 'bool':
      meter.size += 5;
      return v.v;
    case 'nullish':
      meter.size += 4;
      return null;
    case 'arr': {
      const out: unknown[] = [];
      for (const i of v.items) {
        const j = toJson(i, meter);
        if (j === undefined || j === OVER) return j;
        out.push(j);
      }
      return out;
    }
    case 'obj': {
      if (v.open) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, val] of v.props) {
        if (val.k === 'fn') continue;
        meter.size += k.length + 4;
        const j = toJson(val, meter);
        if (j === undefined || j === OVER) return j;
        out[k] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function jsonParts(v: Value, expr: string, meter: JsonMeter): TplPart[] {
  const j = toJson(v, meter);
  if (j === OVER) {
    const reason = meter.size > TEXT_LIMIT ? TOO_LONG : TOO_MANY_STEPS;
    noteHit(reason);
    return [{ expr, reason }];
  }
  if (j !== undefined) return [JSON.stringify(j)];
  if (v.k === 'arr') {
    const out: TplPart[] = ['['];
    v.items.forEach((item, i) => {
      if (i) out.push(',');
      out.push(...jsonParts(item, `${expr}[${i}]`, meter));
    });
    out.push(']');
    return out;
  }
  if (v.k === 'obj' && !v.open) {
    const out: TplPart[] = ['{'];
    let first = true;
    for (const [k, val] of v.props) {
      if (val.k === 'fn' || val.k === 'nullish') continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k) + ':', ...jsonParts(val, k, meter));
    }
    out.push('}');
    return out;
  }
  const reason = v.k === 'unknown' ? v.reason : 'JSON of a value known only at run time';
  return [{ expr: v.k === 'unknown' && v.expr ? v.expr : expr, reason, hint: v.k === 'obj' ? 'document' : v.k === 'unknown' ? v.hint : undefined }];
}

/** The common-indentation strip that dedent-style helpers apply to prompt templates. */
export function dedentValue(v: Value): Value {
  if (v.k === 'oneOf') return oneOf(v.options.map(dedentValue));
  const parts: TplPart[] = v.k === 'str' ? [v.v] : v.k === 'tpl' ? v.parts : [];
  if (!parts.length) return v;
  const text = parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim().length).map((l) => l.match(/^[ \t]*/)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  const stripped = lines
    .map((l) => l.slice(Math.min(min, l.match(/^[ \t]*/)![0].length)))
    .join('\n')
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '');
  const holes = parts.filter((p): p is Exclude<TplPart, string> => typeof p !== 'string');
  const out: TplPart[] = [];
  const pieces = stripped.split('\u0000');
  pieces.forEach((piece, i) => {
    out.push(piece);
    if (i < pieces.length - 1) out.push(holes[i]);
  });
  return makeTpl(out);
}

export function applyTemplateTag(tag: Value, tpl: Value): Value | null {
  if (tag.k !== 'sdk') return null;
  if (DEDENT_MODULES.has(tag.module)) return dedentValue(tpl);
  const names = getNames(tag);
  if (tag.module === 'global' && names?.join('.') === 'String.raw') return tpl;
  return null;
}

function partsOf(v: Value): TplPart[] | null {
  if (v.k === 'str') return [v.v];
  if (v.k === 'tpl') return v.parts;
  return null;
}

export function stringMethod(ev: Evaluator, receiver: Value, name: string, args: Arg[]): Value | null {
  if (receiver.k === 'oneOf' && receiver.options.every((o) => o.k === 'str' || o.k === 'tpl')) {
    const mapped = receiver.options.map((o) => stringMethod(ev, o, name, args));
    return mapped.every((m) => m) ? oneOf(mapped as Value[]) : null;
  }
  const parts = partsOf(receiver);
  if (!parts) return null;
  const mapText = (f: (s: string) => string) => makeTpl(parts.map((p) => (typeof p === 'string' ? f(p) : p)));
  switch (name) {
    case 'trim': {
      const out = [...parts];
      if (typeof out[0] === 'string') out[0] = out[0].trimStart();
      const li = out.length - 1;
      if (typeof out[li] === 'string') out[li] = (out[li] as string).trimEnd();
      return makeTpl(out);
    }
    case 'trimStart':
    case 'trimEnd':
    case 'toString':
    case 'valueOf':
    case 'normalize':
      return makeTpl(parts);
    case 'toLowerCase':
      return mapText((s) => s.toLowerCase());
    case 'toUpperCase':
      return mapText((s) => s.toUpperCase());
    case 'concat': {
      const extra = args.flatMap((a) => toParts(ev.argValue(a), a.node));
      return makeTpl([...parts, ...extra]);
    }
    case 'replace':
    case 'replaceAll': {
      if (!args[0] || !args[1]) return null;
      const replacement = ev.argValue(args[1]);
      const replParts: TplPart[] = replacement.k === 'fn' ? [{ expr: short(args[1].node), reason: 'replaced at run time' }] : toParts(replacement, args[1].node);
      const replLength = replParts.reduce((sum, rp) => sum + (typeof rp === 'string' ? rp.length : 0), 0);
      const patternNode = args[0].node;
      let pattern: Pattern;
      if (tsf.isRegularExpressionLiteral(patternNode)) {
        const m = patternNode.text.match(/^\/(.*)\/([a-z]*)$/s);
        if (!m) return null;
        pattern = compilePattern(m[1], name === 'replaceAll' && !m[2].includes('g') ? m[2] + 'g' : m[2]);
      } else {
        const pat = exactString(ev.argValue(args[0]));
        if (pat === null) return null;
        pattern = literalPattern(pat, name === 'replaceAll');
      }
      if ('reason' in pattern) return unknown(pattern.reason);
      const out: TplPart[] = [];
      let replacedOnce = false;
      let length = 0;
      for (const p of parts) {
        if (typeof p !== 'string' || (replacedOnce && !pattern.global)) {
          out.push(p);
          if (typeof p === 'string') length += p.length;
          continue;
        }
        // Matching is linear in the text; the budget pays for the text it reads and what it builds.
        if (!step(1 + Math.floor(p.length / 1000))) return unknown(TOO_MANY_STEPS);
        let lastIndex = 0;
        for (const m of matches(pattern, p)) {
          out.push(p.slice(lastIndex, m.index));
          const repl = replParts.map((rp) => (typeof rp === 'string' ? rp : { ...rp, expr: replacement.k === 'fn' ? m.text : rp.expr }));
          out.push(...repl);
          length += m.index - lastIndex + replLength;
          lastIndex = m.end;
          replacedOnce = true;
          if (length > TEXT_LIMIT || out.length > ITEM_LIMIT) return tooLarge(length > TEXT_LIMIT ? TOO_LONG : TOO_MANY_ITEMS);
        }
        out.push(p.slice(lastIndex));
        length += p.length - lastIndex;
      }
      return makeTpl(out);
    }
    default:
      return null;
  }
}

/** Joined strings (`[baseUrl, path].join('/')`) made per choice of their items, up to this many. */
const MAX_JOIN_CHOICES = 16;

/**
 * The item lists an array with items chosen among values stands for, when there are few: each
 * joined apart, a URL keeps every host and path it may have (a choice flattened into text would keep
 * only its longest option). Null when no item is a choice, or there are too many combinations.
 */
function joinChoices(items: Value[]): Value[][] | null {
  if (!items.some((i) => i.k === 'oneOf')) return null;
  let lists: Value[][] = [[]];
  for (const item of items) {
    const opts = item.k === 'oneOf' ? item.options : [item];
    if (lists.length * opts.length > MAX_JOIN_CHOICES) return null;
    lists = lists.flatMap((l) => opts.map((o) => [...l, o]));
  }
  return lists;
}

export function arrayMethod(ev: Evaluator, receiver: Value, name: string, args: Arg[], node: ts.CallExpression): Value | null {
  if (receiver.k !== 'arr') return null;
  switch (name) {
    case 'join': {
      const sepV = args[0] ? exactString(ev.argValue(args[0])) : ',';
      if (sepV === null) return null;
      const joinOf = (items: Value[]): Value => {
        const parts: TplPart[] = [];
        items.forEach((item, i) => {
          if (i) parts.push(sepV);
          parts.push(...toParts(item, null, item.k === 'unknown' ? item.expr ?? short(node.expression) : short(node.expression)));
        });
        return makeTpl(parts);
      };
      const choices = joinChoices(receiver.items);
      return choices ? oneOf(choices.map(joinOf)) : joinOf(receiver.items);
    }
    case 'concat': {
      const items = [...receiver.items];
      for (const a of args) {
        const v = ev.argValue(a);
        if (v.k === 'arr') {
          if (items.length + v.items.length > ITEM_LIMIT) return tooLarge(TOO_MANY_ITEMS);
          for (const item of v.items) items.push(item);
        } else items.push(v.k === 'unknown' ? { ...v, hint: v.hint ?? 'history' } : v);
      }
      return items.length > ITEM_LIMIT ? tooLarge(TOO_MANY_ITEMS) : { k: 'arr', items };
    }
    case 'filter':
    case 'slice':
      return { k: 'arr', items: receiver.items.map((i) => i) };
    case 'map':
    case 'flatMap':
      return { k: 'arr', items: [unknown(`items mapped by \`${short(node)}\``, short(node), 'history')] };
    default:
      return null;
  }
}
