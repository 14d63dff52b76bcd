import type { Evaluator } from '../../resolve/evaluate';
import { exactString, oneOf, options, path, prop, str, type Arg, type SdkValue, type Step, type Value } from '../../resolve/values';
import type { CallKind } from '../../types';
import { countItems, firstProp, tagsFromHeaders, tagsFromList, tagsFromObject } from '../common';
import { providerFromModelName, providerFromModelPrefix } from '../hosts';
import { clientProvider } from '../openai';
import type { TagDraft } from '../types';
import { classSpec, classSpecAt, UNIVERSAL_PROVIDERS, universalProviderKey, type ClassSpec } from './classes';
import { templateMessages } from './prompt';

// What a LangChain value stands for once its steps are read: a model (possibly bound to tools or
// wrapped with config), a chain that runs one, or an agent built on one.

export interface ModelInfo {
  /** The class constructed, or 'initChatModel'. */
  cls: string;
  spec: ClassSpec | null;
  provider: string;
  gateway: string | null;
  baseURL: Value | null;
  model: Value | null;
  modelReason?: string;
  /** Constructor options (or initChatModel's fields). */
  fields: Value | undefined;
  kind: CallKind;
  universal: boolean;
  tags: TagDraft[];
  tools?: number | null;
  /** The provider is read from the model's name or the class's vendor, not a table or a host. */
  providerInferred?: boolean;
}

export interface Runnable {
  shape: 'model' | 'chain' | 'agent';
  /** Used in the api name: the model class, 'RunnableSequence', a chain class, 'createReactAgent'... */
  name: string;
  model: ModelInfo | null;
  /** The prompt template the chain starts with, when it does. */
  template: ReturnType<typeof templateMessages>;
  /** A chain whose first step is the model itself: its input is the model's input. */
  inputToModel: boolean;
  agentTools?: number | null;
  agentSystem?: Value | null;
  tags: TagDraft[];
  recursionLimit?: Value;
}

const MAX_DEPTH = 5;
const AGENT_FACTORIES = new Set(['createReactAgent', 'createAgent']);
/** Methods that return the same model with options attached: the model stays the one that is billed. */
const MODEL_WRAPPERS = new Set(['withStructuredOutput', 'withRetry', 'withFallbacks', 'withListeners', 'asTool', 'withTypes']);

const argOf = (ev: Evaluator, args: Arg[] | null | undefined, i: number): Value | undefined => (args && args[i] && !args[i].spread ? ev.argValue(args[i]) : undefined);

/** Reads an SDK value as a runnable; null when it holds no model this adapter knows. */
export function describe(ev: Evaluator, v: SdkValue, depth = 0): Runnable | null {
  if (depth > MAX_DEPTH) return null;
  const idx = v.steps.findIndex((s) => s.t !== 'get');
  if (idx < 0) return null;
  const names = v.steps.slice(0, idx).map((s) => (s as { name: string }).name).filter((n) => n !== 'default');
  const head = v.steps[idx] as Exclude<Step, { t: 'get' }>;
  const r = rootOf(ev, v, names, head, idx, depth);
  for (let i = idx + 1; i < v.steps.length; i++) {
    const s = v.steps[i];
    if (s.t !== 'get') continue;
    const next = v.steps[i + 1];
    const args = next && next.t === 'call' ? next.args : null;
    if (args) i++;
    applyMethod(ev, r, s.name, args, depth);
  }
  return r.model || r.shape === 'agent' ? r : null;
}

function rootOf(ev: Evaluator, v: SdkValue, names: string[], head: Exclude<Step, { t: 'get' }>, idx: number, depth: number): Runnable {
  const last = names[names.length - 1] ?? '';
  const base: Runnable = { shape: 'chain', name: 'RunnableSequence', model: null, template: null, inputToModel: false, tags: [] };
  if (head.t === 'new') {
    const found = classSpecAt(v.module, last);
    const spec = found && (!found.typedOnly || v.typed) ? found : null;
    if (spec) return { ...base, shape: 'model', name: last, model: fromConstructor(ev, last, spec, head, !!v.typed), inputToModel: true };
    // `new LLMChain({ llm, prompt })`, `new RunnableSequence({ first, last })`.
    const opts = argOf(ev, head.args, 0);
    return { ...base, name: last || 'RunnableSequence', model: modelIn(ev, head.args, depth), template: templateMessages(ev, prop(opts, 'prompt') ?? prop(opts, 'first')) };
  }
  if (last === 'initChatModel') {
    const model = fromUniversal(ev, argOf(ev, head.args, 0), argOf(ev, head.args, 1));
    return { ...base, shape: 'model', name: 'initChatModel', model, inputToModel: true };
  }
  if (AGENT_FACTORIES.has(last)) return agentRoot(ev, last, argOf(ev, head.args, 0), depth);
  const first = argOf(ev, head.args, 0);
  const template = templateMessages(ev, { k: 'sdk', module: v.module, steps: v.steps.slice(0, idx + 1) }) ?? (last === 'from' && first?.k === 'arr' && first.items[0] ? templateMessages(ev, first.items[0]) : null);
  const firstIsModel = last === 'from' && first?.k === 'arr' && !!first.items[0] && first.items[0].k === 'sdk' && describe(ev, first.items[0], depth + 1)?.shape === 'model';
  // createStuffDocumentsChain({ llm, prompt }) names its template as an option.
  const optionTemplate = first?.k === 'obj' ? templateMessages(ev, prop(first, 'prompt')) : null;
  return { ...base, name: chainName(names), model: modelIn(ev, head.args, depth), template: template ?? optionTemplate, inputToModel: firstIsModel };
}

/**
 * How a chain built by a call is named: `ConversationalRetrievalQAChain.fromLLM(...)` by its class,
 * `loadQAStuffChain(...)` / `createStuffDocumentsChain(...)` by the function, anything else as a sequence.
 */
function chainName(names: string[]): string {
  const [owner, last] = [names[names.length - 2] ?? '', names[names.length - 1] ?? ''];
  if (/Chain$/.test(owner)) return owner;
  if (/Chain$/.test(last)) return last;
  return 'RunnableSequence';
}

function agentRoot(ev: Evaluator, factory: string, opts: Value | undefined, depth: number): Runnable {
  // createReactAgent({ llm }) (LangGraph); createAgent({ model }) (langchain v1) also takes `llm` and a "provider:model" string.
  const given = prop(opts, 'llm') ?? prop(opts, 'model');
  let model: ModelInfo | null = null;
  if (given && options(given).some((o) => exactString(o) !== null || o.k === 'tpl' || o.k === 'env')) model = fromUniversal(ev, given, undefined);
  else if (given) model = modelInValue(ev, given, depth, 0);
  const system = firstProp(opts, ['systemPrompt', 'prompt', 'stateModifier', 'messageModifier'])?.value ?? null;
  return {
    shape: 'agent',
    name: factory,
    model,
    template: null,
    inputToModel: false,
    agentTools: prop(opts, 'tools') ? countItems(prop(opts, 'tools')) : 0,
    agentSystem: system && isText(system) ? system : systemOfMessage(ev, system),
    tags: [],
  };
}

const isText = (v: Value) => options(v).every((o) => o.k === 'str' || o.k === 'tpl' || o.k === 'env');

function systemOfMessage(ev: Evaluator, v: Value | null): Value | null {
  if (!v || v.k !== 'sdk') return null;
  const names = v.steps.filter((s) => s.t === 'get').map((s) => (s as { name: string }).name);
  const ctor = v.steps.find((s) => s.t === 'new');
  if (!names.includes('SystemMessage') || !ctor || ctor.t !== 'new') return null;
  const first = argOf(ev, ctor.args, 0);
  return first && first.k === 'obj' ? prop(first, 'content') ?? null : first ?? null;
}

function applyMethod(ev: Evaluator, r: Runnable, name: string, args: Arg[] | null, depth: number): void {
  if (!args) return;
  if (name === 'pipe') {
    if (r.shape === 'model') r.shape = 'chain';
    r.name = r.shape === 'agent' ? r.name : 'RunnableSequence';
    if (!r.model) r.model = modelIn(ev, args, depth);
    return;
  }
  if (name === 'withConfig') {
    const cfg = argOf(ev, args, 0);
    r.tags.push(...configTags(cfg));
    const limit = prop(cfg, 'recursionLimit');
    if (limit && limit.k !== 'nullish') r.recursionLimit = limit;
    return;
  }
  if (r.shape === 'model' && r.model) {
    if (name === 'bindTools') r.model.tools = countItems(argOf(ev, args, 0));
    else if (name === 'bind') {
      const tools = prop(argOf(ev, args, 0), 'tools');
      if (tools && tools.k !== 'nullish') r.model.tools = countItems(tools);
    }
    return;
  }
  // Any other step of a chain or graph (`addNode('agent', model)`) may bring the model in.
  if (!r.model && !MODEL_WRAPPERS.has(name)) r.model = modelIn(ev, args, depth);
}

/** LangChain's run config: `{ tags, metadata }` travel with the run (LangSmith), not to the provider. */
export function configTags(cfg: Value | undefined): TagDraft[] {
  if (!cfg) return [];
  return [...tagsFromList(prop(cfg, 'tags') ?? undefined, 'langchain.config.tags', false), ...tagsFromObject(prop(cfg, 'metadata'), 'langchain.config.metadata', false)];
}

/** The first chat model found among arguments: a pipe step, a sequence's items, an `llm` option. */
function modelIn(ev: Evaluator, args: Arg[], depth: number): ModelInfo | null {
  for (const a of args) {
    if (a.spread) continue;
    const found = modelInValue(ev, ev.argValue(a), depth, 0);
    if (found) return found;
  }
  return null;
}

function modelInValue(ev: Evaluator, v: Value, depth: number, nest: number): ModelInfo | null {
  if (nest > 2) return null;
  for (const o of options(v)) {
    let found: ModelInfo | null = null;
    if (o.k === 'sdk') {
      const d = describe(ev, o, depth + 1);
      // Embeddings inside a chain (a vector store's) are not the chain's model.
      found = d?.model && d.model.kind !== 'embedding' ? d.model : null;
    } else if (o.k === 'arr') {
      for (const item of o.items) if ((found = modelInValue(ev, item, depth, nest + 1))) break;
    } else if (o.k === 'obj') {
      for (const val of o.props.values()) if ((found = modelInValue(ev, val, depth, nest + 1))) break;
    }
    if (found) return found;
  }
  return null;
}

function fromConstructor(ev: Evaluator, cls: string, spec: ClassSpec, head: Extract<Step, { t: 'new' }>, typed: boolean): ModelInfo {
  const info: ModelInfo = { cls, spec, provider: spec.provider, gateway: null, baseURL: null, model: null, fields: undefined, kind: spec.kind, universal: false, tags: [] };
  if (typed) {
    // A parameter typed with the class: the instance is built elsewhere (its callers say which).
    info.modelReason = `the ${cls} passed in (its model is set where it is constructed)`;
    // A base type (`BaseChatModel`): a model of any vendor.
    if (!info.provider) info.provider = 'unknown';
    return info;
  }
  const first = argOf(ev, head.args, 0);
  // Newer classes also take `new ChatOpenAI('gpt-4o', { ...fields })`.
  const modelFirst = first && options(first).every((o) => o.k === 'str' || o.k === 'tpl' || o.k === 'env');
  const fields = modelFirst ? argOf(ev, head.args, 1) : first;
  info.fields = fields;
  const written = modelFirst ? first! : null;
  info.model = written ?? modelOption(fields, spec);
  if (!info.model && spec.defaultModel) info.model = str(spec.defaultModel, `${cls}'s default model when none is given`);
  if (!info.model && spec.azure) info.model = { k: 'env', name: 'AZURE_OPENAI_API_DEPLOYMENT_NAME' };
  if (!info.model) info.modelReason = spec.generic ? `${cls} is not in tollgate's table of LangChain classes: the model it falls back to when none is given is not known` : `${cls} has no default model and none is given here`;
  if (spec.generic && !spec.provider) {
    info.provider = providerOfModels(info.model) ?? spec.generic.vendor.toLowerCase();
    info.providerInferred = true;
  }
  readClientOptions(info, fields);
  return info;
}

/** The one provider every option of a model names (`anthropic/claude-...`, `gemini-...`), or null. */
function providerOfModels(model: Value | null): string | null {
  if (!model) return null;
  const found = options(model).map((o) => exactString(o)).map((s) => (s ? providerFromModelPrefix(s) ?? providerFromModelName(s) : null));
  return found.length && found.every((p) => p && p === found[0]) ? found[0] : null;
}

function modelOption(fields: Value | undefined, spec: ClassSpec): Value | null {
  const names = spec.azure ? ['azureOpenAIApiDeploymentName', 'deploymentName', 'azureOpenAIApiEmbeddingsDeploymentName', 'model', 'modelName'] : ['model', 'modelName', 'modelId', 'deployment'];
  return firstProp(fields, names)?.value ?? null;
}

/** Where the request goes and who is billed, plus attribution set on the model. */
function readClientOptions(info: ModelInfo, fields: Value | undefined): void {
  const spec = info.spec;
  const configuration = prop(fields, 'configuration');
  if (spec?.openaiCompatible) {
    const baseURL = firstProp(configuration, ['baseURL', 'basePath'])?.value ?? null;
    const where = clientProvider('OpenAI', baseURL, 'openai');
    info.baseURL = baseURL;
    info.gateway = where.gateway;
    info.provider = where.provider;
    if (where.gateway && info.model) {
      const inferred = options(info.model).map((o) => exactString(o)).map((s) => (s ? providerFromModelPrefix(s) ?? providerFromModelName(s) : null));
      if (inferred.length && inferred.every((p) => p && p === inferred[0])) info.provider = inferred[0]!;
    }
  } else if (spec?.azure) {
    info.baseURL = firstProp(fields, ['azureOpenAIEndpoint', 'azureOpenAIBasePath'])?.value ?? null;
  } else {
    info.baseURL = firstProp(fields, ['baseUrl', 'baseURL', 'anthropicApiUrl', 'endpointUrl'])?.value ?? null;
  }
  const tags = info.tags;
  tags.push(...tagsFromList(prop(fields, 'tags'), 'langchain.model.tags', false));
  tags.push(...tagsFromObject(prop(fields, 'metadata'), 'langchain.model.metadata', false));
  tags.push(...tagsFromHeaders(prop(configuration, 'defaultHeaders') ?? path(fields, 'clientOptions.defaultHeaders'), '.client'));
  if (spec?.openaiCompatible || spec?.azure) {
    for (const [k, key] of [['project', 'project'], ['organization', 'organization']] as const) {
      const v = prop(configuration, k);
      if (v && v.k !== 'nullish') tags.push({ key, value: v, mechanism: `openai.client.${k}`, reachesBill: true });
    }
    const user = prop(fields, 'user');
    if (user && user.k !== 'nullish') tags.push({ key: 'user', value: user, mechanism: 'openai.user', reachesBill: false });
  }
  const anthropicUser = path(fields, 'invocationKwargs.metadata.user_id');
  if (anthropicUser && anthropicUser.k !== 'nullish') tags.push({ key: 'user', value: anthropicUser, mechanism: 'anthropic.metadata.user_id', reachesBill: false });
}

/** `initChatModel('openai:gpt-4o')`, `initChatModel('gpt-4o', { modelProvider: 'openai' })`, createAgent({ model: 'anthropic:claude-...' }). */
export function fromUniversal(ev: Evaluator, modelArg: Value | undefined, fields: Value | undefined): ModelInfo {
  const info: ModelInfo = { cls: 'initChatModel', spec: null, provider: 'unknown', gateway: null, baseURL: null, model: null, fields, kind: 'chat', universal: true, tags: [] };
  const given = modelArg && modelArg.k !== 'nullish' ? modelArg : prop(fields, 'model');
  const explicit = exactString(prop(fields, 'modelProvider'));
  if (!given || given.k === 'nullish') {
    info.modelReason = 'a configurable model: chosen at run time through config.configurable.model';
    if (explicit) setUniversalProvider(info, explicit);
    return info;
  }
  const keys: Array<string | null> = [];
  const models: Value[] = [];
  for (const o of options(given)) {
    const split = splitProvider(o, explicit);
    keys.push(split.key);
    models.push(split.model);
  }
  info.model = oneOf(models);
  const providers = keys.map((k, i) => {
    if (k) return UNIVERSAL_PROVIDERS[k]?.provider ?? k;
    const name = exactString(models[i]);
    return name ? providerFromModelName(name) : null;
  });
  const known = new Set(providers);
  if (known.size === 1 && providers[0]) {
    const key = keys[0] ?? Object.keys(UNIVERSAL_PROVIDERS).find((k) => UNIVERSAL_PROVIDERS[k].provider === providers[0]);
    if (key && UNIVERSAL_PROVIDERS[key]) setUniversalProvider(info, key);
    else info.provider = providers[0];
  }
  readClientOptions(info, fields);
  return info;
}

function setUniversalProvider(info: ModelInfo, key: string): void {
  const target = UNIVERSAL_PROVIDERS[key];
  info.provider = target?.provider ?? key;
  info.spec = target ? classSpec(target.pkg, target.cls) : null;
}

/** "provider:model" → the provider key and the model; a bare name → initChatModel's own guess. */
function splitProvider(v: Value, explicit: string | null): { key: string | null; model: Value } {
  if (explicit) return { key: explicit, model: v };
  const s = exactString(v);
  if (s !== null) {
    const m = s.match(/^([\w-]+):(.+)$/);
    if (m && UNIVERSAL_PROVIDERS[m[1]]) return { key: m[1], model: { ...(v as Extract<Value, { k: 'str' }>), k: 'str', v: m[2] } };
    return { key: universalProviderKey(s), model: v };
  }
  if (v.k === 'tpl' && typeof v.parts[0] === 'string') {
    const m = v.parts[0].match(/^([\w-]+):/);
    if (m && UNIVERSAL_PROVIDERS[m[1]]) return { key: m[1], model: { k: 'tpl', parts: [v.parts[0].slice(m[0].length), ...v.parts.slice(1)].filter((p) => p !== '') } };
  }
  return { key: null, model: v };
}
