import { ts } from 'ts-morph';
import { exactString, oneOf, str, unknown, type Hole, type TplPart, type Value } from './values';
import { ITEM_LIMIT, noteHit, TEXT_LIMIT, TOO_LONG, TOO_MANY_ITEMS } from './budget';

// Values as text: excerpts of code for reasons, notes, and strings with placeholders.

/** `ask()`, or a callback label that already reads as a call: `app.post('/chat')`. */
export function callLabel(name: string | null): string {
  if (!name || name === '<anonymous>') return 'an anonymous function';
  return name.endsWith(')') ? name : name + '()';
}

export function short(node: ts.Node): string {
  let text: string;
  try {
    // Slice before collapsing whitespace: a reason about a huge object literal needs only its start.
    const sf = node.getSourceFile();
    const start = node.getStart(sf);
    text = sf.text.slice(start, Math.min(node.end, start + 200));
  } catch {
    return '?';
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

export function withNote(v: Value, note: string): Value {
  if (v.k === 'str' || v.k === 'num') return v.note ? v : { ...v, note };
  if (v.k === 'oneOf') return { k: 'oneOf', options: v.options.map((o) => withNote(o, note)) };
  return v;
}

/** Options a hole keeps of the choice it stands for (see Hole.choices). */
const CHOICES_KEPT = 8;

/** A value as pieces of a string: text where known, a placeholder where not. */
export function toParts(v: Value, node: ts.Node | null, exprText?: string): TplPart[] {
  const expr = exprText ?? (node ? short(node) : '?');
  switch (v.k) {
    case 'str':
      return [v.v];
    case 'num':
      return [String(v.v)];
    case 'bool':
      return [String(v.v)];
    case 'tpl':
      return v.parts;
    case 'unknown':
      return [{ expr: v.expr ?? expr, reason: v.reason, hint: v.hint }];
    case 'env':
      return [{ expr, reason: `process.env.${v.name}` }];
    case 'arr':
      return [{ expr, reason: 'an array rendered into text', hint: 'document' }];
    case 'oneOf': {
      const strs = v.options.map(exactString);
      if (strs.every((s) => s !== null)) {
        // Size by the longest option: an estimate must not under-count.
        const longest = (strs as string[]).reduce((a, b) => (b.length > a.length ? b : a), '');
        return [longest];
      }
      return [{ expr, reason: 'one of several values', choices: v.options.length <= CHOICES_KEPT ? v.options : undefined }];
    }
    case 'sdk':
      return [{ expr, reason: v.module === 'global' ? 'from the runtime' : `from the package ${v.module}` }];
    default:
      return [{ expr, reason: 'a value known only at run time' }];
  }
}

function tooLarge(reason: string): Value {
  noteHit(reason);
  return unknown(reason);
}

export function makeTpl(parts: TplPart[]): Value {
  // Measured before anything is joined: a string doubled forty times would not fit in memory.
  let length = 0;
  for (const p of parts) if (typeof p === 'string') length += p.length;
  if (length > TEXT_LIMIT) return tooLarge(TOO_LONG);
  const merged: TplPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (p !== '') merged.push(p);
  }
  if (merged.length > ITEM_LIMIT) return tooLarge(TOO_MANY_ITEMS);
  if (merged.length === 0) return str('');
  if (merged.length === 1 && typeof merged[0] === 'string') return str(merged[0]);
  return { k: 'tpl', parts: merged };
}

/** Most strings a template (or a `+` chain) of ternaries may stand for; beyond it the value is unknown, with the count. */
export const TEMPLATE_COMBINATIONS = 16;

export interface Piece {
  value: Value;
  node: ts.Node | null;
}

/**
 * A template literal or concatenation from its pieces. When every piece is known text or one of
 * several known texts (`gpt-4o${big ? '' : '-mini'}`), the whole is one of the texts each choice
 * makes: a model name is one of two models, not the longer string. A piece that is not known text
 * keeps the template as text with placeholders (a prompt is sized by its longest option).
 */
export function joinPieces(pieces: Piece[], whole: ts.Node): Value {
  const choices = pieces.map((p) => (p.value.k === 'oneOf' ? p.value.options.map(exactString) : [exactString(p.value)]));
  const allText = choices.every((c) => c.every((s) => s !== null));
  if (!allText || choices.every((c) => c.length === 1)) return makeTpl(pieces.flatMap((p) => toParts(p.value, p.node)));
  const count = choices.reduce((n, c) => n * c.length, 1);
  if (count > TEMPLATE_COMBINATIONS) return unknown(`a template of ${count} combinations of values (more than ${TEMPLATE_COMBINATIONS} are not listed)`, short(whole));
  let texts = [''];
  for (const c of choices as string[][]) texts = texts.flatMap((prefix) => c.map((s) => prefix + s));
  return oneOf(texts.map((t) => makeTpl([t])));
}

export function fromJson(j: unknown): Value {
  if (j === null || j === undefined) return { k: 'nullish' };
  if (typeof j === 'string') return str(j);
  if (typeof j === 'number') return { k: 'num', v: j };
  if (typeof j === 'boolean') return { k: 'bool', v: j };
  if (Array.isArray(j)) {
    if (j.length > ITEM_LIMIT) return tooLarge(TOO_MANY_ITEMS);
    return { k: 'arr', items: j.map(fromJson) };
  }
  const props = new Map<string, Value>();
  for (const [k, v] of Object.entries(j as Record<string, unknown>)) props.set(k, fromJson(v));
  return { k: 'obj', props };
}

export const holeOf = (v: Value, expr: string): Hole => ({ expr, reason: v.k === 'unknown' ? v.reason : 'a value known only at run time' });
