import { options, unknown, type Value, present } from '../resolve/values';
import { promptFromMessages } from './common';
import type { PromptSource } from './types';

// Agent frameworks (Mastra, @openai/agents, the Claude Agent SDK, Genkit, LlamaIndex) take their
// input and instructions in the same loose forms: a string, a list of strings or messages, or a
// function run per request. This file reads those forms as prompt parts.


export function num(v: number, note: string): Value {
  return { k: 'num', v, note };
}

/** A value the framework computes per request (a function, a value from another package): its size is unknown. */
function runtimeText(o: Value, what: string): Value {
  if (o.k === 'fn') return unknown(`${what} computed by a function at run time`, what);
  if (o.k === 'sdk') return unknown(`${what} known only at run time`, what, 'history');
  return o;
}

/** Instructions or a system prompt: a string, a list of strings or system messages, or a function. */
export function systemPrompt(v: Value | undefined, what = 'instructions'): PromptSource[] {
  if (!present(v)) return [];
  const out: PromptSource[] = [];
  for (const o of options(v)) {
    if (o.k === 'arr' || o.k === 'obj') out.push(...promptFromMessages(o).map((p) => ({ ...p, role: p.role ?? 'system' })));
    else out.push({ role: 'system', value: runtimeText(o, what) });
  }
  return out;
}

/** An agent's input: a string is one user message; a list holds strings or messages; anything else is history. */
export function inputPrompt(v: Value | undefined): PromptSource[] {
  if (!present(v)) return [];
  const out: PromptSource[] = [];
  for (const o of options(v)) {
    if (o.k === 'str' || o.k === 'tpl') out.push({ role: 'user', value: o });
    else if (o.k === 'arr') {
      for (const item of o.items) {
        if (item.k === 'str' || item.k === 'tpl') out.push({ role: 'user', value: item });
        else out.push(...promptFromMessages(item.k === 'sdk' ? unknown('messages known only at run time', 'messages', 'history') : item));
      }
    } else if (o.k === 'obj') out.push(...promptFromMessages(o));
    else if (o.k === 'unknown' || o.k === 'env') out.push({ role: 'user', value: o });
    else out.push({ value: unknown('messages known only at run time', 'messages', 'history') });
  }
  return out;
}
