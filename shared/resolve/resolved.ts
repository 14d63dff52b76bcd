import type { PromptPart, Resolved } from '../types';
import { exactString, type Hole, type TplPart, type Value } from './values';

const collator = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function reasonOf(v: Value): string {
  switch (v.k) {
    case 'unknown':
      return v.reason;
    case 'env':
      return `set by environment variable ${v.name} at run time, with no default in the code`;
    case 'nullish':
      return 'not set';
    case 'tpl': {
      const hole = v.parts.find((p): p is Hole => typeof p !== 'string');
      return `built at run time from \`${hole?.expr ?? '?'}\`${hole ? ` (${hole.reason})` : ''}`;
    }
    case 'sdk':
      return `read at run time from \`${sdkChainText(v)}\`${v.module === 'global' ? '' : ` (${v.module})`}`;
    case 'obj':
      return 'an object, not a string';
    default:
      return `a ${v.k} value known only at run time`;
  }
}

/** `JSON.parse().model`, `new NextRequest().json().model`: what was done to a package value, as code. */
export function sdkChainText(v: Extract<Value, { k: 'sdk' }>): string {
  let text = '';
  for (const step of v.steps) {
    if (step.t === 'get') text += text ? `.${step.name}` : step.name;
    else if (step.t === 'call') text += '()';
    else text = step.node === null && v.typed ? `(a ${text || v.module})` : `new ${text || v.module}()`;
  }
  text = text || v.module;
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

/** A value as the public exact | oneOf | unknown answer. */
export function toResolved(v: Value | undefined | null, missing = 'not set'): Resolved {
  if (!v) return { status: 'unknown', reason: missing };
  const opts = v.k === 'oneOf' ? v.options : [v];
  const known = new Set<string>();
  const notes = new Set<string>();
  const reasons: string[] = [];
  for (const o of opts) {
    const s = exactString(o);
    if (s !== null) {
      known.add(s);
      if ((o.k === 'str' || o.k === 'num') && o.note) notes.add(o.note);
    } else if (o.k === 'nullish' && opts.length > 1) {
      continue;
    } else reasons.push(o.k === 'nullish' ? missing : reasonOf(o));
  }
  for (const r of reasons) notes.add(`also: ${r}`);
  const noteList = [...notes].sort(collator);
  const withNotes = <T extends Resolved>(r: T): T => (noteList.length ? { ...r, notes: noteList } : r);
  if (known.size === 0) {
    const rest = reasons.slice(1).map((r) => `also: ${r}`);
    const r: Resolved = { status: 'unknown', reason: reasons[0] ?? missing };
    return rest.length ? { ...r, notes: [...new Set(rest)].sort(collator) } : r;
  }
  // `exact` means exactly: a value with unknown alternatives is one of a set that is not complete.
  if (known.size === 1 && !reasons.length) return withNotes({ status: 'exact', value: [...known][0] });
  return withNotes({ status: 'oneOf', values: [...known].sort(collator) });
}

/** Every string a resolved answer may take. */
export function resolvedValues(r: Resolved): string[] {
  return r.status === 'exact' ? [r.value] : r.status === 'oneOf' ? r.values : [];
}

/** A short name for a placeholder, from the expression it stands for: `${req.body.question}` → question. */
export function placeholderName(expr: string): string {
  const cleaned = expr.replace(/^\.\.\./, '').replace(/\(.*$/s, '').replace(/\?\./g, '.');
  const names = cleaned.match(/[A-Za-z_$][\w$]*/g) ?? [];
  // `docs.map(...)`, `text.trim()`, `parts.join('\n')`: the value is the receiver, not the method.
  while (names.length > 1 && FORMATTING_METHODS.has(names[names.length - 1])) names.pop();
  return names.length ? names[names.length - 1] : 'value';
}

const FORMATTING_METHODS = new Set(['map', 'join', 'trim', 'trimStart', 'trimEnd', 'toString', 'slice', 'substring', 'filter', 'flatMap', 'concat', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'reverse', 'sort', 'stringify', 'split']);

export function partsToPrompt(parts: TplPart[], role: string | undefined, origin?: { file: string; line: number }): PromptPart[] {
  const out: PromptPart[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      if (!p) continue;
      const part: PromptPart = { type: 'text', text: p };
      if (role) part.role = role;
      if (origin) part.source = origin;
      out.push(part);
    } else {
      const part: PromptPart = { type: 'placeholder', name: placeholderName(p.expr), expression: p.expr };
      if (role) part.role = role;
      if (p.hint) part.hint = p.hint;
      out.push(part);
    }
  }
  return out;
}
