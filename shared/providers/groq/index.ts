import type { SdkValue } from '../../resolve/values';
import { packageName } from '../../project/imports';
import { ctorName, memberTails, splitAtNew } from '../common';
import { openaiAdapter } from '../openai';
import type { Detection, MatchContext, ProviderAdapter, TagDraft } from '../types';

// `groq-sdk` (`new Groq()`) is generated from the same Stainless template as `openai`: same
// resources, request bodies, request options and `defaultHeaders`. The OpenAI adapter reads the
// request; this one limits it to Groq's surface and bills it to Groq. Not call sites: models,
// files, batches.retrieve/list/cancel.

const MODULE = 'groq-sdk';
const APIS = new Set(['chat.completions.create', 'embeddings.create', 'audio.transcriptions.create', 'audio.translations.create', 'audio.speech.create', 'batches.create']);
const CLIENT_CLASSES = new Set(['Groq', 'default']);

/** The same chain as if it were an OpenAI client, so the OpenAI adapter can read the body. */
function asOpenAI(callee: SdkValue): SdkValue | null {
  const chain = splitAtNew(callee);
  if (!chain || !CLIENT_CLASSES.has(ctorName(chain)) || !APIS.has(chain.members.join('.'))) return null;
  return { k: 'sdk', module: 'openai', steps: [{ t: 'get', name: 'OpenAI' }, { t: 'new', args: chain.ctorArgs, node: null }, ...chain.after], typed: callee.typed };
}

/** Groq takes `metadata` and `user` as OpenAI does; they are Groq's fields here. */
function renameTag(t: TagDraft): TagDraft {
  return t.mechanism.startsWith('openai.') ? { ...t, mechanism: 'groq.' + t.mechanism.slice('openai.'.length) } : t;
}

export const groqAdapter: ProviderAdapter = {
  id: 'groq',
  modules: [MODULE],
  callNames: ['create'],
  prefilterCalls: memberTails(APIS),
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (packageName(callee.module) !== MODULE) return null;
    const shaped = asOpenAI(callee);
    const d = shaped && openaiAdapter.match(shaped, ctx);
    if (!d) return null;
    return { ...d, provider: 'groq', sdk: 'groq', tags: d.tags.map(renameTag) };
  },
};
