import { exactString, options, prop, unknown, type SdkValue, type Value, present } from '../resolve/values';
import type { Evaluator } from '../resolve/evaluate';
import { toResolved } from '../resolve/resolved';
import type { CallOptions } from '../types';
import type { Detection, ImageDraft, SearchDraft } from './types';

// The options that bill in units other than tokens (issue 13): what an image call asks for, how
// many documents a rerank ranks, and which provider-run search tools a call enables. Each SDK's
// adapter reads them from its own request shape with these helpers; scan.ts publishes them.

/** An image request's options under the names one SDK uses ({ size: 'size', count: 'n', ... }). */
export function imageDraft(body: Value | undefined, names: { size?: string[]; quality?: string[]; count?: string[]; aspectRatio?: string[] }): ImageDraft {
  const first = (list: string[] | undefined, from: Value | undefined = body): Value | null => {
    for (const n of list ?? []) {
      const v = prop(from, n);
      if (present(v)) return v;
    }
    return null;
  };
  return { size: first(names.size), quality: first(names.quality), count: first(names.count), aspectRatio: first(names.aspectRatio) };
}

/** Fills an option of `base` the call does not set from `more` (the AI SDK's providerOptions). */
export function withImageDefaults(base: ImageDraft, more: ImageDraft): ImageDraft {
  return { size: base.size ?? more.size, quality: base.quality ?? more.quality, count: base.count ?? more.count, aspectRatio: base.aspectRatio ?? more.aspectRatio };
}

/** How many documents a rerank call passes: the length of an array literal, else unknown. */
export function documentCount(docs: Value | undefined): Value | null {
  if (!present(docs)) return null;
  const counts = options(docs).map((d): Value => {
    if (d.k === 'arr' && !d.open) return { k: 'num', v: d.items.length };
    return unknown('the documents are built at run time', 'documents');
  });
  return counts.length === 1 ? counts[0] : { k: 'oneOf', options: counts };
}

/** Tool `type`s of OpenAI's Responses API and Anthropic's Messages API that the provider runs and bills per search. */
const TYPED_SEARCH = /^(web_search(_preview)?(_\d{4}_\d{2}_\d{2})?|web_search_\d{8})$/;
/** Gemini's search-grounding tools, as object keys in camelCase (SDKs) or snake_case (REST). */
const GEMINI_SEARCH: Record<string, string> = { googleSearch: 'google_search', google_search: 'google_search', googleSearchRetrieval: 'google_search_retrieval', google_search_retrieval: 'google_search_retrieval' };
/** The AI SDK's provider-defined tools: `openai.tools.webSearch()`, `anthropic.tools.webSearch_20250305()`, `google.tools.googleSearch()`. */
/**
 * Whether a call's tools may hold a provider's search tool, by the text of the file making the call:
 * reading every tool's value would load each module a tool is imported from, while the provider's
 * factory (`openai.tools.webSearch()`) is named where the tools are put together.
 */
export function maySearch(file: { text: string }): boolean {
  let hit = searchMemo.get(file);
  if (hit === undefined) searchMemo.set(file, (hit = SEARCH_TEXT.test(file.text)));
  return hit;
}

/** Per parsed file (a file's AI SDK calls share it; an edited file is a new source file). */
const searchMemo = new WeakMap<{ text: string }, boolean>();

const SEARCH_TEXT = /\b(webSearch|webSearchPreview|webSearch_20250305|googleSearch|googleSearchRetrieval|web_search\w*|google_search\w*)\b/;

const AI_SDK_SEARCH: Record<string, string> = {
  webSearch: 'web_search',
  webSearchPreview: 'web_search_preview',
  webSearch_20250305: 'web_search_20250305',
  googleSearch: 'google_search',
  googleSearchRetrieval: 'google_search_retrieval',
};

/**
 * The provider-run search tools in a `tools` value: an array of typed tools (OpenAI, Anthropic),
 * Gemini tool objects ({ googleSearch: {} }), or the AI SDK's record of provider tools.
 */
export function searchTools(tools: Value | undefined, ev?: Evaluator): SearchDraft[] {
  if (!present(tools)) return [];
  const out: SearchDraft[] = [];
  const items: Value[] = [];
  for (const t of options(tools)) {
    if (t.k === 'arr') items.push(...t.items);
    else if (t.k === 'obj') items.push(...t.props.values());
  }
  for (const item of items) {
    for (const o of options(item)) {
      if (o.k === 'sdk') {
        const found = aiSdkTool(o, ev);
        if (found) out.push(found);
        continue;
      }
      if (o.k !== 'obj') continue;
      const type = exactString(prop(o, 'type'));
      if (type && TYPED_SEARCH.test(type)) {
        out.push({ tool: type, maxUses: orNull(prop(o, 'max_uses')), contextSize: orNull(prop(o, 'search_context_size')) });
        continue;
      }
      for (const key of o.props.keys()) if (GEMINI_SEARCH[key]) out.push({ tool: GEMINI_SEARCH[key], maxUses: null, contextSize: null });
    }
  }
  return out;
}

/** Chat Completions' `web_search_options` (OpenAI's search-preview models, Perplexity): the search context asked for. */
export function webSearchOptions(body: Value | undefined): SearchDraft[] {
  const opts = prop(body, 'web_search_options');
  if (!present(opts)) return [];
  return [{ tool: 'web_search_options', maxUses: null, contextSize: orNull(prop(opts, 'search_context_size')) }];
}

function aiSdkTool(v: SdkValue, ev: Evaluator | undefined): SearchDraft | null {
  const last = v.steps[v.steps.length - 1];
  const named = v.steps[v.steps.length - 2];
  if (!last || last.t !== 'call' || !named || named.t !== 'get' || !AI_SDK_SEARCH[named.name]) return null;
  if (!v.steps.some((s) => s.t === 'get' && s.name === 'tools')) return null;
  const arg = ev && last.args[0] && !last.args[0].spread ? ev.argValue(last.args[0]) : undefined;
  return { tool: AI_SDK_SEARCH[named.name], maxUses: orNull(prop(arg, 'maxUses')), contextSize: orNull(prop(arg, 'searchContextSize')) };
}

function orNull(v: Value | undefined): Value | null {
  return present(v) ? v : null;
}

/** The detection's unit options as the public call-site options; absent when the call sets none. */
export function billedOptions(d: Detection): Pick<CallOptions, 'image' | 'documents' | 'search'> {
  const out: Pick<CallOptions, 'image' | 'documents' | 'search'> = {};
  const r = (v: Value | null) => (v ? toResolved(v) : null);
  if (d.image) out.image = { size: r(d.image.size), quality: r(d.image.quality), count: r(d.image.count), aspectRatio: r(d.image.aspectRatio) };
  if (d.documents) out.documents = toResolved(d.documents);
  if (d.search?.length) {
    out.search = d.search
      .map((s) => ({ tool: s.tool, maxUses: r(s.maxUses), contextSize: r(s.contextSize) }))
      .sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
  }
  return out;
}
