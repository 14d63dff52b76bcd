import * as path from 'path';
import { ts } from 'ts-morph';
import { tsf } from '../tsf';
import type { Evaluator } from './evaluate';
import { zodParse } from './zod';
import { makeTpl, short, toParts } from './text';
import { exactString, oneOf, str, unknown, type Arg, type SdkValue, type TplPart, type Value } from './values';

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
      const j = toJson(v);
      if (j !== undefined) return str(JSON.stringify(j, null, exactNumberArg(argv(2))));
      // Partly dynamic: keep the static keys and values, a placeholder for each unknown value.
      return makeTpl(jsonParts(v, argText(0)));
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

function toJson(v: Value): unknown {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'num':
      return v.v;
    case 'bool':
      return v.v;
    case 'nullish':
      return null;
    case 'arr': {
      const out: unknown[] = [];
      for (const i of v.items) {
        const j = toJson(i);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'obj': {
      if (v.open) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, val] of v.props) {
        if (val.k === 'fn') continue;
        const j = toJson(val);
        if (j === undefined) return undefined;
        out[k] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function jsonParts(v: Value, expr: string): TplPart[] {
  const j = toJson(v);
  if (j !== undefined) return [JSON.stringify(j)];
  if (v.k === 'arr') {
    const out: TplPart[] = ['['];
    v.items.forEach((item, i) => {
      if (i) out.push(',');
      out.push(...jsonParts(item, `${expr}[${i}]`));
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
      out.push(JSON.stringify(k) + ':', ...jsonParts(val, k));
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
      const patternNode = args[0].node;
      let re: RegExp | null = null;
      if (tsf.isRegularExpressionLiteral(patternNode)) {
        const m = patternNode.text.match(/^\/(.*)\/([a-z]*)$/s);
        try {
          re = m ? new RegExp(m[1], m[2].includes('g') ? m[2] : m[2] + (name === 'replaceAll' ? 'g' : '')) : null;
        } catch {
          re = null;
        }
      } else {
        const pat = exactString(ev.argValue(args[0]));
        if (pat === null) return null;
        re = new RegExp(pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), name === 'replaceAll' ? 'g' : '');
      }
      if (!re) return null;
      const out: TplPart[] = [];
      let replacedOnce = false;
      for (const p of parts) {
        if (typeof p !== 'string' || (replacedOnce && !re.global)) {
          out.push(p);
          continue;
        }
        let lastIndex = 0;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(p))) {
          out.push(p.slice(lastIndex, m.index));
          const repl = replParts.map((rp) => (typeof rp === 'string' ? rp : { ...rp, expr: replacement.k === 'fn' ? m![0] : rp.expr }));
          out.push(...repl);
          lastIndex = m.index + m[0].length;
          replacedOnce = true;
          if (!re.global || m[0].length === 0) break;
        }
        out.push(p.slice(lastIndex));
      }
      return makeTpl(out);
    }
    default:
      return null;
  }
}

export function arrayMethod(ev: Evaluator, receiver: Value, name: string, args: Arg[], node: ts.CallExpression): Value | null {
  if (receiver.k !== 'arr') return null;
  switch (name) {
    case 'join': {
      const sepV = args[0] ? exactString(ev.argValue(args[0])) : ',';
      if (sepV === null) return null;
      const parts: TplPart[] = [];
      receiver.items.forEach((item, i) => {
        if (i) parts.push(sepV);
        parts.push(...toParts(item, null, item.k === 'unknown' ? item.expr ?? short(node.expression) : short(node.expression)));
      });
      return makeTpl(parts);
    }
    case 'concat': {
      const items = [...receiver.items];
      for (const a of args) {
        const v = ev.argValue(a);
        if (v.k === 'arr') items.push(...v.items);
        else items.push(v.k === 'unknown' ? { ...v, hint: v.hint ?? 'history' } : v);
      }
      return { k: 'arr', items };
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
