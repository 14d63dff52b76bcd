import { makeTpl, toParts } from '../../resolve/text';
import { exactString, options, prop, unknown, type SdkValue, type TplPart, type Value } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { promptFromMessages } from '../common';
import type { PromptSource } from '../types';

// What LangChain sends as the prompt: messages given to a model directly, or a prompt template
// whose `{variables}` are filled from what the chain is invoked with.

const ROLE_OF_TUPLE: Record<string, string> = { system: 'system', developer: 'system', human: 'user', user: 'user', ai: 'assistant', assistant: 'assistant', tool: 'tool' };
const ROLE_OF_CLASS: Record<string, string> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  ToolMessage: 'tool',
  ChatMessage: 'user',
  SystemMessagePromptTemplate: 'system',
  HumanMessagePromptTemplate: 'user',
  AIMessagePromptTemplate: 'assistant',
  ChatMessagePromptTemplate: 'user',
};

/** One message of a template or a message list, before variables are filled. */
interface RawMessage {
  role?: string;
  value: Value;
  /** A MessagesPlaceholder: the variable that holds a list of messages. */
  placeholder?: string;
}

function getNames(v: SdkValue): string[] {
  return v.steps.filter((s) => s.t === 'get').map((s) => (s as { name: string }).name);
}

function callArg(ev: Evaluator, v: SdkValue, i: number): Value | undefined {
  const step = [...v.steps].reverse().find((s) => s.t === 'call' || s.t === 'new');
  const arg = step && (step.t === 'call' || step.t === 'new') ? step.args[i] : undefined;
  return arg && !arg.spread ? ev.argValue(arg) : undefined;
}

/** `new SystemMessage('...')`, `HumanMessagePromptTemplate.fromTemplate('...')`, `new MessagesPlaceholder('history')`. */
function messageObject(ev: Evaluator, v: SdkValue): RawMessage | null {
  const names = getNames(v);
  const cls = names.find((n) => n in ROLE_OF_CLASS || n === 'MessagesPlaceholder');
  if (!cls || v.steps.filter((s) => s.t !== 'get').length !== 1) return null;
  const first = callArg(ev, v, 0);
  if (cls === 'MessagesPlaceholder') {
    const name = exactString(first) ?? exactString(prop(first, 'variableName'));
    return { value: unknown('messages placeholder'), placeholder: name ?? 'history' };
  }
  const content = first && first.k === 'obj' ? prop(first, 'content') ?? prop(first, 'template') : first;
  return content ? { role: ROLE_OF_CLASS[cls], value: content } : null;
}

/** Messages as LangChain accepts them: strings, [role, text] tuples, {role, content}, message classes. */
function rawMessages(ev: Evaluator, list: Value): RawMessage[] {
  const out: RawMessage[] = [];
  const items = list.k === 'arr' ? list.items : [list];
  for (const item of items) {
    if (item.k === 'arr' && item.items.length === 2) {
      const role = exactString(item.items[0]);
      if (role === 'placeholder') {
        const name = exactString(item.items[1])?.replace(/^\{+|\}+$/g, '');
        out.push({ value: unknown('messages placeholder'), placeholder: name ?? 'history' });
      } else out.push({ role: role ? ROLE_OF_TUPLE[role] ?? role : undefined, value: item.items[1] });
    } else if (item.k === 'sdk') {
      const m = messageObject(ev, item);
      out.push(m ?? { value: unknown('messages built by LangChain at run time', undefined, 'history') });
    } else if (item.k === 'obj') {
      for (const p of promptFromMessages(item)) out.push({ role: p.role, value: p.value });
    } else if (item.k === 'str' || item.k === 'tpl' || item.k === 'env') {
      out.push({ role: 'user', value: item });
    } else if (item.k === 'unknown' && list.k === 'arr') {
      out.push({ value: { ...item, hint: item.hint ?? 'history' } });
    } else if (item.k !== 'nullish') {
      out.push({ value: item });
    }
  }
  return out;
}

/** A prompt given straight to a model (invoke, stream, call, predict). */
export function messagesPrompt(ev: Evaluator, input: Value | undefined): PromptSource[] {
  if (!input) return [];
  const out: PromptSource[] = [];
  for (const o of options(input)) {
    if (o.k === 'str' || o.k === 'tpl' || o.k === 'env') out.push({ role: 'user', value: o });
    else if (o.k === 'obj' && prop(o, 'messages')) out.push(...messagesPrompt(ev, prop(o, 'messages')));
    else if (o.k === 'unknown') out.push({ value: o });
    else out.push(...rawMessages(ev, o).map((m) => ({ role: m.role, value: m.value })));
  }
  return out;
}

/** The messages of a prompt template value: `ChatPromptTemplate.fromMessages([...])`, `PromptTemplate.fromTemplate('...')`. */
export function templateMessages(ev: Evaluator, v: Value | undefined): RawMessage[] | null {
  if (!v || v.k !== 'sdk') return null;
  const names = getNames(v);
  const calls = v.steps.filter((s) => s.t !== 'get');
  if (calls.length !== 1 || names.length < 2) return null;
  const [cls, factory] = names.slice(-2);
  if (!/PromptTemplate$/.test(cls)) return null;
  const first = callArg(ev, v, 0);
  if (!first) return null;
  if (factory === 'fromMessages' || factory === 'fromPromptMessages') return rawMessages(ev, first);
  if (factory === 'fromTemplate') {
    const role = cls === 'SystemMessagePromptTemplate' ? 'system' : 'user';
    return [{ role, value: first }];
  }
  return null;
}

/** Fills `{name}` variables from the object the chain is invoked with. */
export function fillTemplate(ev: Evaluator, messages: RawMessage[], vars: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  for (const m of messages) {
    if (m.placeholder) {
      const given = prop(vars, m.placeholder);
      if (given && given.k === 'arr') out.push(...messagesPrompt(ev, given));
      else out.push({ value: unknown(`messages placeholder \`${m.placeholder}\``, m.placeholder, 'history') });
      continue;
    }
    out.push({ role: m.role, value: fill(m.value, vars) });
  }
  return out;
}

function fill(text: Value, vars: Value | undefined): Value {
  const parts: TplPart[] = text.k === 'str' ? [text.v] : text.k === 'tpl' ? text.parts : [];
  if (!parts.length || !parts.some((p) => typeof p === 'string' && /\{\w+\}/.test(p))) return text;
  const out: TplPart[] = [];
  for (const p of parts) {
    if (typeof p !== 'string') {
      out.push(p);
      continue;
    }
    // `{{` and `}}` are literal braces in LangChain's f-string templates.
    const pieces = p.split(/(\{\{|\}\}|\{\w+\})/);
    for (const piece of pieces) {
      if (piece === '{{') out.push('{');
      else if (piece === '}}') out.push('}');
      else if (/^\{\w+\}$/.test(piece)) {
        const name = piece.slice(1, -1);
        const val = prop(vars, name);
        out.push(...(val && val.k !== 'nullish' ? toParts(val, null, name) : [{ expr: name, reason: `template variable \`{${name}}\`` }]));
      } else out.push(piece);
    }
  }
  const filled = makeTpl(out);
  // Keep where the template text was written when nothing was filled in.
  return filled.k === 'str' && text.k === 'str' && filled.v === text.v ? text : filled;
}
