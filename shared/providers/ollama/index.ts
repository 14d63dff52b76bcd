import { exactString, path, prop, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, countItems, ctorName, isTrue, promptFromMessages, splitAtNew, tagsFromHeaders } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';

// `ollama` (ollama-js, and `ollama/browser`): the default export is a client on the local server
// (127.0.0.1:11434 or OLLAMA_HOST); `new Ollama({ host, headers })` points one anywhere, Ollama's
// cloud (https://ollama.com) included. Every request method takes one object. Not call sites:
// pull, push, create, delete, copy, list, show, ps, abort, version, webSearch, webFetch.

type Style = 'chat' | 'generate' | 'embed' | 'embeddings';

const APIS: Record<string, { kind: CallKind; style: Style }> = {
  chat: { kind: 'chat', style: 'chat' },
  generate: { kind: 'chat', style: 'generate' },
  embed: { kind: 'embedding', style: 'embed' },
  embeddings: { kind: 'embedding', style: 'embeddings' },
};

const MODULE = 'ollama';

/** The client's options (null for the default export) and the method called. */
function clientAndMethod(callee: SdkValue, ctx: MatchContext): { config: Value | undefined; method: string } | null {
  const chain = splitAtNew(callee);
  if (chain) {
    if (ctorName(chain) !== 'Ollama' || chain.members.length !== 1) return null;
    return { config: argValue(ctx.ev, chain.ctorArgs, 0), method: chain.members[0] };
  }
  // `import ollama from 'ollama'`, `require('ollama').default`, `import * as o` then `o.default`.
  const names = callee.steps.map((s) => (s.t === 'get' ? s.name : null));
  if (names.length !== 2 || names[0] !== 'default' || !names[1]) return null;
  return { config: undefined, method: names[1] };
}

/** Images sent with a message or a prompt: tokens the code cannot count. */
function images(v: Value | undefined): PromptSource[] {
  return present(v) ? [{ role: 'user', value: { k: 'unknown', reason: 'images', expr: 'images', hint: 'document' } }] : [];
}

function promptOf(style: Style, body: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  const push = (role: string | undefined, v: Value | undefined) => {
    if (present(v)) out.push({ role, value: v });
  };
  switch (style) {
    case 'chat': {
      const messages = prop(body, 'messages');
      out.push(...promptFromMessages(messages));
      if (messages?.k === 'arr') for (const m of messages.items) if (m.k === 'obj') out.push(...images(m.props.get('images')));
      return out;
    }
    case 'generate':
      push('system', prop(body, 'system'));
      push('user', prop(body, 'prompt'));
      push('user', prop(body, 'suffix'));
      out.push(...images(prop(body, 'images')));
      return out;
    case 'embed':
      push(undefined, prop(body, 'input'));
      return out;
    default:
      push(undefined, prop(body, 'prompt'));
      return out;
  }
}

/** `think: true | 'low' | 'medium' | 'high'`: a level as written; `true` as Cohere's and Anthropic's `enabled`. */
function reasoningOf(think: Value | undefined): Value | null {
  if (!present(think) || (think.k === 'bool' && !think.v)) return null;
  return think.k === 'bool' ? { k: 'str', v: 'enabled' } : think;
}

export const ollamaAdapter: ProviderAdapter = {
  id: 'ollama',
  modules: [MODULE],
  callNames: Object.keys(APIS),
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (callee.module !== MODULE && !callee.module.startsWith(MODULE + '/')) return null;
    const found = clientAndMethod(callee, ctx);
    const spec = found && APIS[found.method];
    if (!found || !spec) return null;
    const body = ctx.arg(0);
    const model = prop(body, 'model');
    const known = present(model) && exactString(model) !== '';
    const generating = spec.style === 'chat' || spec.style === 'generate';
    const maxOut = generating ? path(body, 'options.num_predict') : undefined;
    const tools = prop(body, 'tools');
    const think = prop(body, 'think');
    return {
      provider: 'ollama',
      sdk: 'ollama',
      api: found.method,
      kind: spec.kind,
      model: known ? model : null,
      gateway: null,
      baseURL: prop(found.config, 'host') ?? null,
      prompt: promptOf(spec.style, body),
      maxOutput: { value: present(maxOut) ? maxOut : null, option: generating ? 'options.num_predict' : '' },
      streaming: isTrue(prop(body, 'stream')),
      tools: spec.style === 'chat' && present(tools) ? countItems(tools) : 0,
      reasoning: reasoningOf(think),
      tags: tagsFromHeaders(prop(found.config, 'headers'), '.client'),
    };
  },
};
