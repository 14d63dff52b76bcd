import { exactString, oneOf, prop, str, type Hole, type TplPart, type Value, present } from '../../resolve/values';
import { promptFromMessages, someProperty } from '../common';
import type { PromptSource } from '../types';

// Reading a Messages API request body: `system` + `messages`, cache breakpoints, thinking budget,
// and the per-request bodies inside a message batch.


/** `system` (a string or text blocks) as the system role, then the conversation. */
export function messagesPrompt(body: Value | undefined): PromptSource[] {
  if (!body) return [];
  const out: PromptSource[] = [];
  const system = prop(body, 'system');
  if (present(system)) {
    if (system.k === 'arr') out.push(...promptFromMessages({ k: 'arr', items: [{ k: 'obj', props: new Map([['role', str('system')], ['content', system]]) }] }));
    else out.push({ role: 'system', value: system });
  }
  out.push(...promptFromMessages(prop(body, 'messages')));
  return out;
}

// The SDK's exported turn markers for Text Completions: constants, so their text is known.
const MARKERS: Record<string, string> = { HUMAN_PROMPT: '\n\nHuman:', AI_PROMPT: '\n\nAssistant:' };

function markerText(hole: Hole): string | null {
  const m = hole.expr.match(/(?:^|\.)(HUMAN_PROMPT|AI_PROMPT)$/);
  return m ? MARKERS[m[1]] : null;
}

function withMarkers(v: Value): Value {
  if (v.k === 'oneOf') return oneOf(v.options.map(withMarkers));
  if (v.k !== 'tpl') return v;
  const parts: TplPart[] = [];
  for (const p of v.parts) {
    const part = typeof p === 'string' ? p : markerText(p) ?? p;
    const last = parts.length - 1;
    if (typeof part === 'string' && typeof parts[last] === 'string') parts[last] = (parts[last] as string) + part;
    else parts.push(part);
  }
  return { k: 'tpl', parts };
}

/** The legacy Text Completions prompt (`${HUMAN_PROMPT} ...${AI_PROMPT}`). */
export function completionPrompt(body: Value | undefined): PromptSource[] {
  const p = prop(body, 'prompt');
  return present(p) ? [{ role: 'user', value: withMarkers(p) }] : [];
}

/** What a managed-agent session is sent: the text of its `user.message` events. */
export function sessionEventsPrompt(body: Value | undefined): PromptSource[] {
  const events = prop(body, 'events');
  if (!present(events)) return [];
  const out: PromptSource[] = [];
  for (const ev of events.k === 'arr' ? events.items : [events]) {
    if (ev.k !== 'obj') {
      out.push(...promptFromMessages(ev));
      continue;
    }
    const type = exactString(prop(ev, 'type'));
    if (type !== null && type !== 'user.message') continue;
    out.push(...promptFromMessages({ k: 'obj', props: new Map([['role', str('user')], ['content', prop(ev, 'content') ?? { k: 'nullish' }]]) }));
  }
  return out;
}

/** Whether a prompt-cache breakpoint (`cache_control`) is set anywhere in the value. */
export function hasCacheControl(v: Value | undefined): boolean {
  return someProperty(v, (key, inner) => key === 'cache_control' && present(inner));
}

/** The request's cache hints: the top-level automatic breakpoint or one on a system, message or tool block. */
export function bodyCaches(body: Value | undefined): boolean {
  if (!body) return false;
  if (present(prop(body, 'cache_control'))) return true;
  return ['system', 'messages', 'tools'].some((k) => hasCacheControl(prop(body, k)));
}

/**
 * How much the model may think: the extended-thinking budget, else the effort level, else
 * 'adaptive' when the model decides for itself.
 */
export function reasoningOf(body: Value | undefined): Value | null {
  const thinking = prop(body, 'thinking');
  const budget = prop(thinking, 'budget_tokens');
  if (present(budget)) return budget;
  const effort = prop(prop(body, 'output_config'), 'effort');
  if (present(effort)) return effort;
  const type = prop(thinking, 'type');
  if (present(type) && exactString(type) === 'adaptive') return str('adaptive', 'thinking.type adaptive: the model sets its own budget');
  return null;
}

/** The `params` of each request in a batch; null when the list is built at run time. */
export function batchParams(body: Value | undefined): Value[] | null {
  const requests = prop(body, 'requests');
  if (!present(requests) || requests.k !== 'arr' || requests.open) return null;
  const out: Value[] = [];
  for (const r of requests.items) {
    if (r.k !== 'obj' && r.k !== 'oneOf') return null;
    const params = prop(r, 'params');
    if (!present(params)) return null;
    out.push(params);
  }
  return out.length ? out : null;
}

/** One property across every request of a batch (`model` of each), or null when one lacks it. */
export function acrossBatch(params: Value[] | null, name: string): Value | null {
  if (!params) return null;
  const vals = params.map((p) => prop(p, name));
  if (!vals.every(present)) return null;
  return oneOf(vals as Value[]);
}
