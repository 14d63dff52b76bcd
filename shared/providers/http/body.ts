import { exactString, oneOf, options, path, prop, str, type Value, present } from '../../resolve/values';
import { countItems, isTrue, promptFromMessages, someProperty, tagsFromList, tagsFromObject } from '../common';
import type { PromptSource, TagDraft } from '../types';
import type { Endpoint, Style } from './endpoints';
import { MAX_OUTPUT_OPTION } from '../openai';
import { kindOfModel } from '../model-kinds';
import { NO_SESSION_MODEL, sessionFacts } from '../openai/realtime';
import { documentCount, imageDraft, searchTools, webSearchOptions } from '../billed-options';
import type { Detection } from '../types';

// What each provider's JSON body says about cost: model, prompt, output bound, tools, reasoning,
// caching and attribution, field names as each API spells them.

export interface BodyFacts {
  model: Value | null;
  modelReason?: string;
  prompt: PromptSource[];
  maxOutput: { value: Value | null; option: string };
  streaming: boolean;
  tools: number | null;
  reasoning: Value | null;
  cacheControl: boolean;
  serviceTier: Value | null;
  tags: TagDraft[];
  /** Image options, rerank document counts and search tools (see billed-options.ts). */
  units?: Pick<Detection, 'image' | 'documents' | 'search'>;
}

/** What the body asks for that bills in units other than tokens. */
function unitsOf(style: Style, body: Value | undefined): NonNullable<BodyFacts['units']> {
  if (style === 'images') return { image: imageDraft(body, { size: ['size'], quality: ['quality'], count: ['n'] }) };
  if (style === 'cohere-rerank' || style === 'rerank') {
    const documents = documentCount(prop(body, 'documents'));
    return documents ? { documents } : {};
  }
  const search = [...searchTools(prop(body, 'tools')), ...(style === 'chat' ? webSearchOptions(body) : [])];
  return search.length ? { search } : {};
}


/** The first option among dotted paths that is set, with the path as its option name. */
function firstPath(body: Value | undefined, paths: string[]): { name: string; value: Value } | null {
  for (const p of paths) {
    const v = path(body, p);
    if (present(v)) return { name: p, value: v };
  }
  return null;
}

// OpenAI-shaped endpoints spell the bound as the SDK does.
const MAX_OUTPUT: Record<Style, string[]> = {
  ...MAX_OUTPUT_OPTION,
  anthropic: ['max_tokens'],
  'anthropic-complete': ['max_tokens_to_sample'],
  'anthropic-batch': [],
  gemini: ['generationConfig.maxOutputTokens', 'generation_config.max_output_tokens'],
  'gemini-embed': [],
  'bedrock-converse': ['inferenceConfig.maxTokens'],
  'bedrock-invoke': ['max_tokens', 'max_gen_len', 'textGenerationConfig.maxTokenCount', 'inferenceConfig.max_new_tokens', 'maxTokens'],
  'ollama-chat': ['options.num_predict'],
  'ollama-generate': ['options.num_predict'],
  'ollama-embed': [],
  'cohere-chat': ['max_tokens'],
  'cohere-embed': [],
  'cohere-rerank': [],
  'cohere-generate': ['max_tokens'],
  'realtime-secret': MAX_OUTPUT_OPTION.realtime,
  rerank: [],
  'vertex-predict': [],
  'watsonx-chat': ['max_tokens', 'max_completion_tokens'],
  'watsonx-generation': ['parameters.max_new_tokens'],
  'watsonx-embeddings': [],
  replicate: ['input.max_tokens', 'input.max_new_tokens'],
  'replicate-deployment': ['input.max_tokens', 'input.max_new_tokens'],
  fal: ['max_tokens'],
  'hf-inference': ['parameters.max_new_tokens'],
  'jina-classify': [],
  'baidu-chat': ['max_output_tokens'],
  'baidu-embed': [],
  dashscope: ['parameters.max_tokens'],
  'dashscope-embed': [],
  hunyuan: [],
};

const DEFAULT_MODEL: Partial<Record<Style, string>> = { images: 'dall-e-2', moderation: 'omni-moderation-latest', video: 'sora-2' };

function asSystem(v: Value | undefined): PromptSource[] {
  if (!present(v)) return [];
  // Anthropic and Bedrock take [{ text }] blocks, Gemini { parts: [{ text }] }.
  if (v.k === 'arr') return v.items.map((b) => ({ role: 'system', value: prop(b, 'text') ?? b }));
  if (v.k === 'obj') return promptFromMessages(v).map((p) => ({ ...p, role: 'system' }));
  return [{ role: 'system', value: v }];
}

function asInput(v: Value | undefined, role?: string): PromptSource[] {
  return present(v) ? [{ role, value: v }] : [];
}

function promptOf(style: Style, body: Value | undefined): PromptSource[] {
  switch (style) {
    case 'chat':
    case 'ollama-chat':
      return promptFromMessages(prop(body, 'messages'));
    case 'responses': {
      const input = prop(body, 'input');
      return [...asSystem(prop(body, 'instructions')), ...(input && input.k === 'arr' ? promptFromMessages(input) : asInput(input, 'user'))];
    }
    case 'run':
      return [...asSystem(prop(body, 'instructions')), ...asSystem(prop(body, 'additional_instructions')), ...promptFromMessages(prop(body, 'additional_messages')), ...promptFromMessages(prop(prop(body, 'thread'), 'messages'))];
    case 'completions':
    case 'images':
    case 'video':
    case 'anthropic-complete':
    case 'cohere-generate':
      return asInput(prop(body, 'prompt'), 'user');
    case 'embeddings':
    case 'moderation':
    case 'speech':
      return asInput(prop(body, 'input'));
    case 'anthropic':
    case 'bedrock-converse':
      return [...asSystem(prop(body, 'system')), ...promptFromMessages(prop(body, 'messages'))];
    case 'bedrock-invoke':
      return [...asSystem(prop(body, 'system')), ...promptFromMessages(prop(body, 'messages')), ...asInput(prop(body, 'prompt'), 'user'), ...asInput(prop(body, 'inputText'), 'user')];
    case 'gemini':
      return [...asSystem(prop(body, 'systemInstruction') ?? prop(body, 'system_instruction')), ...promptFromMessages(prop(body, 'contents'))];
    case 'gemini-embed': {
      const content = prop(body, 'content');
      if (present(content)) return promptFromMessages(content);
      const requests = prop(body, 'requests');
      return requests && requests.k === 'arr' ? requests.items.flatMap((r) => promptFromMessages(prop(r, 'content'))) : [];
    }
    case 'ollama-generate':
      return [...asSystem(prop(body, 'system')), ...asInput(prop(body, 'prompt'), 'user')];
    case 'ollama-embed':
      return asInput(prop(body, 'input') ?? prop(body, 'prompt'));
    case 'cohere-chat': {
      const messages = prop(body, 'messages');
      if (present(messages)) return promptFromMessages(messages);
      return [...asSystem(prop(body, 'preamble')), ...promptFromMessages(prop(body, 'chat_history')), ...asInput(prop(body, 'message'), 'user')];
    }
    case 'cohere-embed':
      return asInput(prop(body, 'texts') ?? prop(body, 'inputs'));
    case 'cohere-rerank':
    case 'rerank':
      return [...asInput(prop(body, 'query'), 'user'), ...asInput(prop(body, 'documents'))];
    case 'watsonx-chat':
      return promptFromMessages(prop(body, 'messages'));
    case 'baidu-chat':
      return [...asSystem(prop(body, 'system')), ...promptFromMessages(prop(body, 'messages'))];
    case 'baidu-embed':
      return asInput(prop(body, 'input'));
    case 'dashscope': {
      const input = prop(body, 'input');
      const messages = prop(input, 'messages');
      return present(messages) ? promptFromMessages(messages) : asInput(prop(input, 'prompt'), 'user');
    }
    case 'dashscope-embed':
      return asInput(path(body, 'input.texts'));
    case 'hunyuan':
      // Tencent Cloud APIs spell fields in Pascal case: Messages: [{ Role, Content }].
      return promptFromMessages(prop(body, 'Messages') ?? prop(body, 'messages'));
    case 'replicate':
    case 'replicate-deployment':
      return [...asSystem(prop(prop(body, 'input'), 'system_prompt')), ...asInput(prop(prop(body, 'input'), 'prompt'), 'user')];
    case 'fal':
      return asInput(prop(body, 'prompt'), 'user');
    case 'hf-inference':
    case 'jina-classify':
      return asInput(prop(body, style === 'jina-classify' ? 'input' : 'inputs'));
    case 'watsonx-generation':
      return asInput(prop(body, 'input'), 'user');
    case 'watsonx-embeddings':
      return asInput(prop(body, 'inputs'));
    case 'vertex-predict': {
      // Embeddings take `instances: [{ content }]`, Imagen `instances: [{ prompt }]`.
      const instances = prop(body, 'instances');
      if (!instances || instances.k !== 'arr') return asInput(instances);
      return instances.items.flatMap((i) => asInput(prop(i, 'content') ?? prop(i, 'prompt'), 'user'));
    }
    default:
      return [];
  }
}

function toolsOf(style: Style, body: Value | undefined): number | null {
  const tools = style === 'bedrock-converse' ? path(body, 'toolConfig.tools') : prop(body, 'tools');
  if (!present(tools)) return 0;
  // Gemini groups functions: tools: [{ functionDeclarations: [...] }].
  if (style === 'gemini' && tools.k === 'arr') {
    let n = 0;
    for (const t of tools.items) {
      const decls = prop(t, 'functionDeclarations') ?? prop(t, 'function_declarations');
      const c = present(decls) ? countItems(decls) : 1;
      if (c === null) return null;
      n += c;
    }
    return n;
  }
  return countItems(tools);
}

function reasoningOf(style: Style, body: Value | undefined): Value | null {
  const found = firstPath(body, ({
    chat: ['reasoning_effort', 'reasoning.effort'],
    responses: ['reasoning.effort'],
    anthropic: ['thinking.budget_tokens'],
    'bedrock-invoke': ['thinking.budget_tokens'],
    gemini: ['generationConfig.thinkingConfig.thinkingBudget', 'generationConfig.thinkingConfig.thinkingLevel'],
    'ollama-chat': ['think'],
    'ollama-generate': ['think'],
  } as Partial<Record<Style, string[]>>)[style] ?? []);
  return found?.value ?? null;
}

/** Anthropic `cache_control` blocks and Bedrock `cachePoint` blocks anywhere in the request. */
const hasKey = (v: Value | undefined, keys: string[]) => someProperty(v, (k) => keys.includes(k));

function cacheOf(style: Style, body: Value | undefined): boolean {
  if (style === 'anthropic' || style === 'bedrock-invoke') return hasKey(body, ['cache_control']);
  if (style === 'bedrock-converse') return hasKey(body, ['cachePoint']);
  if (style === 'gemini') return present(prop(body, 'cachedContent')) || present(prop(body, 'cached_content'));
  return false;
}

function tagsOf(style: Style, body: Value | undefined, ep: Endpoint): TagDraft[] {
  const tags: TagDraft[] = [];
  if (style === 'anthropic' || style === 'anthropic-complete') {
    const user = path(body, 'metadata.user_id');
    if (present(user)) tags.push({ key: 'user', value: user, mechanism: 'anthropic.metadata.user_id', reachesBill: false });
    return tags;
  }
  if (style === 'gemini' || style === 'gemini-embed') {
    // Vertex AI request labels are carried into Cloud Billing; the Gemini API has no such field.
    if (ep.info.provider === 'google' && /aiplatform\.googleapis\.com$/.test(ep.host)) tags.push(...tagsFromObject(prop(body, 'labels'), 'vertex.labels', true));
    return tags;
  }
  if (style === 'bedrock-converse') {
    tags.push(...tagsFromObject(prop(body, 'requestMetadata'), 'bedrock.requestMetadata', false));
    return tags;
  }
  if (HOSTED_MODELS.includes(style) || style === 'jina-classify') return tags;
  if (style.startsWith('ollama') || style.startsWith('cohere') || style.startsWith('watsonx') || style === 'bedrock-invoke' || style === 'rerank' || style === 'vertex-predict') return tags;
  const metadata = prop(body, 'metadata');
  if (present(metadata)) {
    const list = prop(metadata, 'tags');
    const isList = !!list && list.k === 'arr';
    if (isList) tags.push(...tagsFromList(list, 'litellm.metadata.tags', false));
    tags.push(...tagsFromObject(metadata, 'openai.metadata', false).filter((t) => !(isList && t.key === 'tags')));
  }
  for (const [k, mech] of [['user', 'openai.user'], ['safety_identifier', 'openai.safety_identifier']] as const) {
    const v = prop(body, k);
    if (present(v)) tags.push({ key: 'user', value: v, mechanism: mech, reachesBill: false });
  }
  return tags;
}

/** Hosts of many models (Replicate, fal, Hugging Face): what a call makes is only in the model's name (see model-kinds.ts). */
const HOSTED_MODELS: Style[] = ['replicate', 'replicate-deployment', 'fal', 'hf-inference'];

/** A Replicate body's model: `owner/name:version` names `owner/name`; a bare version hash is the model id as written. */
function replicateModel(v: Value): Value {
  if (v.k === 'oneOf') return oneOf(v.options.map(replicateModel));
  const s = exactString(v);
  return s !== null && s.includes('/') ? str(s.split(':')[0]) : v;
}

function hostedKind(ep: Endpoint, model: Value | null, body: Value | undefined): Endpoint['kind'] {
  // A language model on Replicate is told how many tokens to write.
  if (ep.style.startsWith('replicate') && present(firstPath(body, MAX_OUTPUT[ep.style])?.value)) return 'chat';
  const names = model ? options(model).map((o) => exactString(o)) : [];
  const kinds = [...new Set(names.map((n) => (n === null ? 'other' : kindOfModel(n))))];
  return kinds.length === 1 ? kinds[0] : 'other';
}

function modelOf(ep: Endpoint, body: Value | undefined): { model: Value | null; reason?: string } {
  if (ep.style === 'replicate-deployment') return { model: null, reason: 'the model of a Replicate deployment (chosen on Replicate, not in the code)' };
  if (ep.style === 'replicate' && !ep.urlModel) {
    const named = prop(body, 'version') ?? prop(body, 'model');
    return present(named) ? { model: replicateModel(named) } : { model: null };
  }
  if (ep.style === 'jina-classify' && !present(prop(body, 'model')) && present(prop(body, 'classifier_id'))) {
    return { model: null, reason: 'a trained Jina classifier (classifier_id): its model was chosen when it was trained' };
  }
  if (ep.style === 'anthropic-batch') {
    const requests = prop(body, 'requests');
    const models = requests && requests.k === 'arr' ? requests.items.map((r) => path(r, 'params.model')).filter(present) : [];
    return models.length ? { model: oneOf(models) } : { model: null, reason: 'models are named in each request of the batch' };
  }
  if (ep.style === 'batch') return { model: null, reason: 'models are named inside the batch input file' };
  let model: Value | null = prop(body, ep.style.startsWith('watsonx') ? 'model_id' : ep.style === 'hunyuan' ? 'Model' : 'model') ?? null;
  if (!model && ep.style === 'hunyuan') model = prop(body, 'model') ?? null;
  if (model && (model.k === 'nullish' || exactString(model) === '')) model = null;
  // A model in the URL is the one served (Gemini, Vertex, Bedrock, an Azure deployment); a body `model` there is ignored.
  if (ep.urlModel) model = ep.urlModel;
  if (!model && DEFAULT_MODEL[ep.style]) model = str(DEFAULT_MODEL[ep.style]!, 'the API default when no model is given');
  if (!model && ep.style === 'transcription') return { model: null, reason: 'sent as a multipart form field' };
  if (!model && ep.style === 'run') return { model: null, reason: "the assistant's model (set where the assistant was created, not in this call)" };
  return { model };
}

function streamingOf(ep: Endpoint, body: Value | undefined): boolean {
  if (ep.streaming) return true;
  const stream = prop(body, 'stream');
  // Ollama streams unless told not to.
  if (ep.style.startsWith('ollama') && ep.style !== 'ollama-embed') return !(stream && options(stream).every((o) => o.k === 'bool' && !o.v));
  return isTrue(stream);
}

/** A realtime session's settings: the body itself (`/realtime/sessions`) or its `session` (`/realtime/client_secrets`). */
function realtimeFacts(ep: Endpoint, body: Value | undefined): BodyFacts & { kind: Endpoint['kind'] } {
  const f = sessionFacts(ep.style === 'realtime-secret' ? prop(body, 'session') : body);
  return { ...f, modelReason: f.model ? undefined : NO_SESSION_MODEL, streaming: true, reasoning: null, cacheControl: false, serviceTier: null, tags: [] };
}

export function readFacts(ep: Endpoint, body: Value | undefined): BodyFacts & { kind?: Endpoint['kind'] } {
  if (ep.style === 'realtime' || ep.style === 'realtime-secret') return realtimeFacts(ep, body);
  const names = MAX_OUTPUT[ep.style];
  const max = firstPath(body, names);
  const { model, reason } = modelOf(ep, body);
  const tier = prop(body, 'service_tier');
  return {
    ...(HOSTED_MODELS.includes(ep.style) ? { kind: hostedKind(ep, model, body) } : {}),
    model,
    modelReason: reason,
    prompt: promptOf(ep.style, body),
    maxOutput: { value: max?.value ?? null, option: max?.name ?? names[0] ?? '' },
    streaming: streamingOf(ep, body),
    tools: toolsOf(ep.style, body),
    reasoning: reasoningOf(ep.style, body),
    cacheControl: cacheOf(ep.style, body),
    serviceTier: present(tier) ? tier : null,
    tags: tagsOf(ep.style, body, ep),
    units: unitsOf(ep.style, body),
  };
}
