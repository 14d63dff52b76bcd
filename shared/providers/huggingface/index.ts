import { exactString, options, path, prop, type SdkValue, type Value, present } from '../../resolve/values';
import { argValue, countItems, firstProp, promptFromMessages, splitAtNew } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter, TagDraft } from '../types';

// `@huggingface/inference` (v2 to v4): every task is both a free function taking
// `({ accessToken, model, provider, endpointUrl, ...inputs }, options)` and a method of
// `new InferenceClient(token, defaultOptions)` (legacy names HfInference, InferenceClientEndpoint;
// `client.endpoint(url)` binds an Inference Endpoint). Requests go through Hugging Face's router to
// the inference provider the call names (together, fireworks-ai, ...), billed at that provider's
// rates. Not call sites: the deprecated `request`/`streamingRequest` escape hatches (no task, no
// shape to read), snippets, getProviderHelper, makeRequestOptions.

type Style = 'chat' | 'text' | 'inputs' | 'media';

const task = (kind: CallKind, style: Style, streaming = false) => ({ kind, style, streaming });

const TASKS: Record<string, { kind: CallKind; style: Style; streaming: boolean }> = {
  chatCompletion: task('chat', 'chat'),
  chatCompletionStream: task('chat', 'chat', true),
  textGeneration: task('chat', 'text'),
  textGenerationStream: task('chat', 'text', true),
  summarization: task('chat', 'inputs'),
  translation: task('chat', 'inputs'),
  featureExtraction: task('embedding', 'inputs'),
  sentenceSimilarity: task('embedding', 'inputs'),
  textToImage: task('image', 'inputs'),
  imageToImage: task('image', 'media'),
  imageTextToImage: task('image', 'media'),
  textToVideo: task('other', 'inputs'),
  imageToVideo: task('other', 'media'),
  imageTextToVideo: task('other', 'media'),
  textToSpeech: task('audio', 'inputs'),
  textToAudio: task('audio', 'inputs'),
  automaticSpeechRecognition: task('audio', 'media'),
  audioClassification: task('audio', 'media'),
  audioToAudio: task('audio', 'media'),
  imageToText: task('other', 'media'),
  imageClassification: task('other', 'media'),
  imageSegmentation: task('other', 'media'),
  objectDetection: task('other', 'media'),
  zeroShotImageClassification: task('other', 'media'),
  documentQuestionAnswering: task('other', 'media'),
  visualQuestionAnswering: task('other', 'media'),
  questionAnswering: task('other', 'inputs'),
  fillMask: task('other', 'inputs'),
  textClassification: task('other', 'inputs'),
  tokenClassification: task('other', 'inputs'),
  zeroShotClassification: task('other', 'inputs'),
  tableQuestionAnswering: task('other', 'inputs'),
  tabularClassification: task('other', 'inputs'),
  tabularRegression: task('other', 'inputs'),
};

const CLIENT_CLASSES = new Set(['InferenceClient', 'HfInference', 'InferenceClientEndpoint']);
const MODULE = '@huggingface/inference';

/** Hugging Face's inference provider names, as tollgate names the companies that serve them. */
const PROVIDERS: Record<string, string> = {
  'hf-inference': 'huggingface',
  auto: 'huggingface',
  'fireworks-ai': 'fireworks',
  'fal-ai': 'fal',
};


interface Target {
  task: string;
  /** The client's token and default options, and the endpoint `client.endpoint(url)` bound. */
  defaults: Value | undefined;
  endpoint: Value | undefined;
}

function targetOf(callee: SdkValue, ctx: MatchContext): Target | null {
  const chain = splitAtNew(callee);
  if (!chain) {
    const names = callee.steps.map((s) => (s.t === 'get' ? s.name : null));
    // `import { chatCompletion }`, `import * as hf` then `hf.chatCompletion`, `require(...).chatCompletion`.
    return names.length === 1 && names[0] && TASKS[names[0]] ? { task: names[0], defaults: undefined, endpoint: undefined } : null;
  }
  const cls = chain.ctor[chain.ctor.length - 1];
  if (!CLIENT_CLASSES.has(cls)) return null;
  const defaults = argValue(ctx.ev, chain.ctorArgs, 1);
  const m = chain.members;
  if (m.length === 1 && TASKS[m[0]]) return { task: m[0], defaults, endpoint: undefined };
  if (m.length === 3 && m[0] === 'endpoint' && m[1] === '()' && TASKS[m[2]]) {
    const call = chain.after[1];
    const endpoint = call.t === 'call' ? argValue(ctx.ev, call.args, 0) : undefined;
    return { task: m[2], defaults, endpoint };
  }
  return null;
}

function promptOf(style: Style, body: Value | undefined): PromptSource[] {
  if (style === 'chat') return promptFromMessages(prop(body, 'messages'));
  const inputs = prop(body, 'inputs');
  if (!present(inputs)) return [];
  // Audio, images and documents are sent as bytes: their tokens are not in the code.
  if (style === 'media') return [{ value: { k: 'unknown', reason: 'media input', expr: 'inputs', hint: 'document' } }];
  return [{ role: style === 'text' ? 'user' : undefined, value: inputs }];
}

/** Who serves the call: the literal `provider`, or Hugging Face's router when it is absent or `auto`. */
function servedBy(provider: Value | undefined): { provider: string; gateway: string | null; inferred: boolean } {
  if (!present(provider)) return { provider: 'huggingface', gateway: null, inferred: false };
  const names = options(provider).map(exactString);
  if (names.some((n) => n === null)) return { provider: 'huggingface', gateway: null, inferred: true };
  const mapped = [...new Set(names.map((n) => PROVIDERS[n!] ?? n!))];
  if (mapped.length !== 1 || mapped[0] === 'huggingface') return { provider: 'huggingface', gateway: null, inferred: mapped.length !== 1 };
  return { provider: mapped[0], gateway: 'huggingface', inferred: false };
}

function billTo(v: Value | undefined, mechanism: string): TagDraft[] {
  const org = prop(v, 'billTo');
  return present(org) ? [{ key: 'billTo', value: org, mechanism, reachesBill: true }] : [];
}

export const huggingfaceAdapter: ProviderAdapter = {
  id: 'huggingface',
  modules: [MODULE],
  callNames: Object.keys(TASKS),
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (callee.module !== MODULE) return null;
    const target = targetOf(callee, ctx);
    if (!target) return null;
    const spec = TASKS[target.task];
    const body = ctx.arg(0);
    const callOpts = ctx.arg(1);
    const endpoint = firstProp(body, ['endpointUrl'])?.value ?? target.endpoint ?? prop(target.defaults, 'endpointUrl');
    const model = prop(body, 'model');
    const known = present(model) && exactString(model) !== '';
    const served = present(endpoint) ? { provider: 'huggingface', gateway: null, inferred: false } : servedBy(prop(body, 'provider'));
    const maxOption = spec.style === 'chat' ? 'max_tokens' : spec.style === 'text' ? 'parameters.max_new_tokens' : '';
    const maxOut = maxOption ? path(body, maxOption) : undefined;
    const tools = prop(body, 'tools');
    return {
      provider: served.provider,
      sdk: 'huggingface',
      api: target.task,
      kind: spec.kind,
      model: known ? model : null,
      modelReason: known ? undefined : present(endpoint) ? "the Inference Endpoint's model (the endpoint URL names none)" : 'no model given (Hugging Face picks a default for the task)',
      gateway: served.gateway,
      baseURL: present(endpoint) ? endpoint : null,
      providerInferred: served.inferred || undefined,
      prompt: promptOf(spec.style, body),
      maxOutput: { value: present(maxOut) ? maxOut : null, option: maxOption },
      streaming: spec.streaming,
      tools: spec.style === 'chat' ? (present(tools) ? countItems(tools) : 0) : 0,
      tags: [...billTo(target.defaults, 'huggingface.billTo.client'), ...billTo(callOpts, 'huggingface.billTo')],
    };
  },
};
