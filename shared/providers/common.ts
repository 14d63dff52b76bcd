import { exactString, oneOf, options, prop, type Arg, type SdkValue, type Step, type Value } from '../resolve/values';
import type { Evaluator } from '../resolve/evaluate';
import type { PromptSource, TagDraft } from './types';
import { packageName } from '../project/imports';

/**
 * The value as if imported from its package's main entry: `openai/index.mjs`, `groq-sdk/index` and
 * `@aws-sdk/client-bedrock-runtime/dist-cjs/index.js` are the same SDK as the package itself.
 */
export function asPackage(v: SdkValue): SdkValue {
  const pkg = packageName(v.module);
  return pkg === v.module ? v : { ...v, module: pkg };
}

/** The steps of an SDK value split at its last construction: the client and what was called on it. */
export interface ClientChain {
  /** Export names before `new` (e.g. ['OpenAI'] or ['default']). */
  ctor: string[];
  ctorArgs: Arg[];
  /** Member names after construction, with '()' for intermediate calls: chat.completions.create. */
  members: string[];
  /** Steps after construction. */
  after: Step[];
  typed: boolean;
}

export function splitAtNew(v: SdkValue): ClientChain | null {
  let idx = -1;
  for (let i = v.steps.length - 1; i >= 0; i--) {
    if (v.steps[i].t === 'new') {
      idx = i;
      break;
    }
  }
  if (idx < 0) return null;
  const before = v.steps.slice(0, idx);
  if (before.some((s) => s.t !== 'get')) return null;
  const after = v.steps.slice(idx + 1);
  return {
    ctor: before.map((s) => (s as { name: string }).name),
    ctorArgs: (v.steps[idx] as { args: Arg[] }).args,
    members: after.map((s) => (s.t === 'get' ? s.name : '()')),
    after,
    typed: !!v.typed,
  };
}

/** The exported class a construction names: `new OpenAI()`, `new openai.OpenAI()`, `new (require('openai'))()`. */
export function ctorName(chain: ClientChain): string {
  const names = chain.ctor.filter((n) => n !== 'default');
  return names.length ? names[names.length - 1] : 'default';
}

export function argValue(ev: Evaluator, args: Arg[], i: number): Value | undefined {
  return args[i] && !args[i].spread ? ev.argValue(args[i]) : undefined;
}

/** Reads the first defined option among several spellings. */
export function firstProp(obj: Value | undefined, names: string[]): { name: string; value: Value } | null {
  for (const n of names) {
    const v = prop(obj, n);
    if (v && v.k !== 'nullish') return { name: n, value: v };
  }
  return null;
}

export function isTrue(v: Value | undefined): boolean {
  return !!v && options(v).some((o) => o.k === 'bool' && o.v);
}

export function countItems(v: Value | undefined): number | null {
  if (!v || v.k === 'nullish') return null;
  if (v.k === 'arr') return v.items.some((i) => i.k === 'unknown' && i.hint === 'history') ? null : v.items.length;
  if (v.k === 'obj' && !v.open) return v.props.size;
  return null;
}

/** Every key/value pair of a metadata-like object as tags. */
export function tagsFromObject(obj: Value | undefined, mechanism: string, reachesBill: boolean): TagDraft[] {
  if (!obj) return [];
  const out: TagDraft[] = [];
  for (const o of options(obj)) {
    if (o.k === 'obj') {
      for (const [key, value] of o.props) {
        if (value.k === 'fn') continue;
        out.push({ key, value, mechanism, reachesBill });
      }
      if (o.open) out.push({ key: '*', value: { k: 'unknown', reason: o.open }, mechanism, reachesBill });
    } else if (o.k === 'unknown') {
      out.push({ key: '*', value: o, mechanism, reachesBill });
    }
  }
  return out;
}

/** LiteLLM-style tag lists: ['team:search', 'feature:answers'] or plain ['search']. */
export function tagsFromList(list: Value | undefined, mechanism: string, reachesBill: boolean): TagDraft[] {
  if (!list) return [];
  const out: TagDraft[] = [];
  const items = list.k === 'arr' ? list.items : [list];
  for (const item of items) {
    const s = exactString(item);
    if (s === null) {
      out.push({ key: 'tag', value: item, mechanism, reachesBill });
      continue;
    }
    for (const piece of s.split(',').map((x) => x.trim()).filter(Boolean)) {
      const m = piece.match(/^([\w.-]+)[:=](.+)$/);
      out.push(m ? { key: m[1], value: { k: 'str', v: m[2] }, mechanism, reachesBill } : { key: 'tag', value: { k: 'str', v: piece }, mechanism, reachesBill });
    }
  }
  return out;
}

/** Attribution carried in HTTP headers: Helicone, LiteLLM, Portkey, OpenAI project/org headers. */
export function tagsFromHeaders(headers: Value | undefined, where: string): TagDraft[] {
  if (!headers) return [];
  const out: TagDraft[] = [];
  for (const o of options(headers)) {
    if (o.k !== 'obj') continue;
    for (const [rawKey, value] of o.props) {
      const key = rawKey.toLowerCase();
      let m: RegExpMatchArray | null;
      if ((m = key.match(/^helicone-property-(.+)$/))) out.push({ key: m[1], value, mechanism: `helicone.header${where}`, reachesBill: false });
      else if (key === 'helicone-user-id') out.push({ key: 'user', value, mechanism: `helicone.header${where}`, reachesBill: false });
      else if (key === 'x-litellm-tags') out.push(...tagsFromList(value, `litellm.header${where}`, false));
      else if ((m = key.match(/^x-litellm-(.+)$/)) && m[1] !== 'api-key') out.push({ key: m[1], value, mechanism: `litellm.header${where}`, reachesBill: false });
      else if (key === 'x-portkey-metadata') out.push(...portkeyMetadata(value, where));
      else if (key === 'openai-project') out.push({ key: 'project', value, mechanism: `openai.project-header${where}`, reachesBill: true });
      else if (key === 'openai-organization') out.push({ key: 'organization', value, mechanism: `openai.organization-header${where}`, reachesBill: true });
      else if ((m = key.match(/^cf-aig-metadata$/))) out.push(...jsonTags(value, `cloudflare.header${where}`));
    }
  }
  return out;
}

function jsonTags(value: Value, mechanism: string): TagDraft[] {
  const s = exactString(value);
  if (s !== null) {
    try {
      const parsed = JSON.parse(s);
      if (parsed && typeof parsed === 'object') {
        return Object.keys(parsed)
          .sort()
          .map((k) => ({ key: k === '_user' ? 'user' : k, value: typeof parsed[k] === 'string' ? { k: 'str', v: parsed[k] } : { k: 'str', v: JSON.stringify(parsed[k]) }, mechanism, reachesBill: false }) as TagDraft);
      }
    } catch {
      // not JSON: reported as one dynamic tag below
    }
  }
  if (value.k === 'tpl') {
    // JSON.stringify({ team: 'x', user: id }) with a dynamic part: keys are still readable.
    const text = value.parts.map((p) => (typeof p === 'string' ? p : '"\u0000"')).join('');
    try {
      const parsed = JSON.parse(text);
      return Object.keys(parsed)
        .sort()
        .map((k) => ({ key: k === '_user' ? 'user' : k, value: parsed[k] === '\u0000' ? { k: 'unknown', reason: 'set at run time' } : { k: 'str', v: String(parsed[k]) }, mechanism, reachesBill: false }) as TagDraft);
    } catch {
      // fall through
    }
  }
  return [{ key: 'metadata', value, mechanism, reachesBill: false }];
}

function portkeyMetadata(value: Value, where: string): TagDraft[] {
  return jsonTags(value, `portkey.header${where}`);
}

/** Messages in the common chat shape: [{ role, content }] with content text or parts. */
export function promptFromMessages(messages: Value | undefined): PromptSource[] {
  if (!messages) return [];
  const out: PromptSource[] = [];
  const add = (role: string | undefined, content: Value | undefined) => {
    if (!content) return;
    if (content.k === 'arr') {
      for (const part of content.items) {
        if (part.k === 'obj') {
          const type = exactString(prop(part, 'type'));
          const text = prop(part, 'text');
          if (text) out.push({ role, value: text });
          else if (type && /image|file|audio|document|input_/.test(type)) out.push({ role, value: { k: 'unknown', reason: `${type} content`, expr: type, hint: 'document' } });
        } else out.push({ role, value: part });
      }
      return;
    }
    out.push({ role, value: content });
  };
  for (const m of messages.k === 'arr' ? messages.items : [messages]) {
    if (m.k === 'obj') {
      // Pascal case is Tencent Cloud's spelling (`{ Role, Content }`).
      const role = exactString(prop(m, 'role')) ?? exactString(prop(m, 'type')) ?? exactString(prop(m, 'Role')) ?? undefined;
      add(role, prop(m, 'content') ?? prop(m, 'parts') ?? prop(m, 'text') ?? prop(m, 'Content'));
    } else if (m.k === 'unknown' || m.k === 'oneOf' || m.k === 'tpl' || m.k === 'str') {
      out.push({ value: m.k === 'unknown' ? { ...m, hint: m.hint ?? 'history' } : m });
    }
  }
  return out;
}

export { oneOf };

/** The last two names of each API path (`chat.completions.create` → `completions.create`): prefilter call shapes. */
export function memberTails(apis: Iterable<string>): string[] {
  return [...new Set([...apis].map((a) => a.split('.').slice(-2).join('.')))].sort();
}

/** Whether some property anywhere in a value (objects, arrays, choices; a few levels deep) passes `test`: cache breakpoints and the like. */
export function someProperty(v: Value | undefined, test: (key: string, value: Value) => boolean, depth = 0): boolean {
  if (!v || depth > 6) return false;
  switch (v.k) {
    case 'obj':
      for (const [key, inner] of v.props) if (test(key, inner) || someProperty(inner, test, depth + 1)) return true;
      return false;
    case 'arr':
      return v.items.some((i) => someProperty(i, test, depth + 1));
    case 'oneOf':
      return v.options.some((o) => someProperty(o, test, depth + 1));
    default:
      return false;
  }
}
