import { exactString, options, prop, unknown, type SdkValue, type Value, present } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { tagsFromHeaders, tagsFromObject } from '../common';
import { providerFromURL } from '../hosts';
import type { PromptSource, TagDraft } from '../types';

// Gemini's content shapes, shared by @google/genai, @google/generative-ai and @google-cloud/vertexai:
// a prompt is a string, a Part ({ text } / { inlineData } / { fileData }), a Content ({ role, parts })
// or an array of any of these.

/** Gemini names the assistant 'model' and tool results 'function'; the report uses the common names. */
const ROLES: Record<string, string> = { model: 'assistant', function: 'tool', user: 'user', system: 'system' };

const GENAI = '@google/genai';

/** Every piece of text (or placeholder) of a Gemini `contents`-like value, with its role. */
export function contentsPrompt(v: Value | undefined, role: string, ev: Evaluator): PromptSource[] {
  if (!v || v.k === 'nullish') return [];
  if (v.k === 'arr') return v.items.flatMap((item) => itemPrompt(item, role, ev));
  return itemPrompt(v, role, ev);
}

/** A system instruction is system text whatever role its Content object names. */
export function systemPrompt(v: Value | undefined, ev: Evaluator): PromptSource[] {
  return contentsPrompt(v, 'system', ev).map((p) => ({ ...p, role: 'system' }));
}

function itemPrompt(v: Value, role: string, ev: Evaluator): PromptSource[] {
  switch (v.k) {
    case 'nullish':
      return [];
    case 'obj': {
      if (v.props.has('parts') || v.props.has('role')) {
        const named = exactString(prop(v, 'role'));
        return contentsPrompt(prop(v, 'parts'), named ? ROLES[named] ?? named : role, ev);
      }
      return partPrompt(v, role);
    }
    case 'sdk':
      return helperPrompt(v, role, ev);
    case 'unknown':
      // A spread of earlier turns carries several roles.
      return [{ role: v.hint === 'history' ? undefined : role, value: v }];
    default:
      return [{ role, value: v }];
  }
}

function partPrompt(part: Extract<Value, { k: 'obj' }>, role: string): PromptSource[] {
  const text = part.props.get('text');
  if (text) return [{ role, value: text }];
  for (const key of ['inlineData', 'fileData', 'functionResponse']) {
    if (part.props.has(key)) return [{ role, value: unknown(`${key} part`, key, 'document') }];
  }
  if (part.open) return [{ role, value: unknown(part.open) }];
  return [];
}

/** The content helpers @google/genai exports: createUserContent('...'), createPartFromUri(...). */
function helperPrompt(v: SdkValue, role: string, ev: Evaluator): PromptSource[] {
  const [fn, call] = v.steps;
  if (!(v.module === GENAI || v.module.startsWith(GENAI + '/')) || v.steps.length !== 2 || fn.t !== 'get' || call.t !== 'call') return [{ role, value: unknown('content built by a library call', 'content') }];
  const first = call.args[0] && !call.args[0].spread ? ev.argValue(call.args[0]) : undefined;
  switch (fn.name) {
    case 'createUserContent':
      return contentsPrompt(first, 'user', ev);
    case 'createModelContent':
      return contentsPrompt(first, 'assistant', ev);
    case 'createPartFromText':
      return first ? [{ role, value: first }] : [];
    default:
      return [{ role, value: unknown(`${fn.name}() part`, fn.name, 'document') }];
  }
}

/**
 * Gemini tools: one Tool object may declare many functions ({ functionDeclarations: [...] }) next to
 * built-in tools ({ googleSearch: {} }). Each function and each built-in counts as one tool.
 */
export function countTools(v: Value | undefined): number | null {
  if (!v || v.k === 'nullish') return 0;
  if (v.k !== 'arr') return null;
  let n = 0;
  for (const tool of v.items) {
    if (tool.k !== 'obj' || tool.open) return null;
    for (const [key, val] of tool.props) {
      if (key !== 'functionDeclarations') n += 1;
      else if (val.k === 'arr' && !val.items.some((i) => i.k === 'unknown')) n += val.items.length;
      else return null;
    }
  }
  return n;
}

/** Tools the SDK calls by itself (mcpToTool(...), objects with callTool): the request may repeat. */
export function hasCallableTool(v: Value | undefined): boolean {
  if (!v || v.k !== 'arr') return false;
  return v.items.some((t) => (t.k === 'sdk' && t.steps.some((s) => s.t === 'get' && s.name === 'mcpToTool')) || (t.k === 'obj' && t.props.has('callTool')));
}


/** The first option that is set, in order of precedence (request over chat over model). */
export function firstSet(...vals: Array<Value | undefined>): Value | undefined {
  return vals.find(present);
}

/** Vertex AI labels: they show up as labels in the Cloud Billing export. */
export function labelTags(labels: Value | undefined): TagDraft[] {
  return present(labels) ? tagsFromObject(labels, 'vertex.labels', true) : [];
}

/** On Vertex AI the Google Cloud project is the billing account's unit of attribution. */
export function projectTag(project: Value | undefined): TagDraft[] {
  return present(project) ? [{ key: 'project', value: project, mechanism: 'vertex.project', reachesBill: true }] : [];
}

export function headerTags(headers: Value | undefined, where: string): TagDraft[] {
  return present(headers) ? tagsFromHeaders(headers, where) : [];
}

/** A proxy in front of the Gemini API still bills Google; the host names the gateway, if any. */
export function gatewayOf(baseURL: Value | null): string | null {
  if (!baseURL) return null;
  const gateways = options(baseURL).map((o) => {
    const s = exactString(o);
    return s === null ? null : providerFromURL(s)?.gateway ?? null;
  });
  return gateways.length && gateways.every((g) => g && g === gateways[0]) ? gateways[0] : null;
}

/** Thinking budget (tokens) or, on newer models, thinking level. */
export function thinking(config: Value | undefined): Value | null {
  const tc = prop(config, 'thinkingConfig');
  return firstSet(prop(tc, 'thinkingBudget'), prop(tc, 'thinkingLevel')) ?? null;
}
