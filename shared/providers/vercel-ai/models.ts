import type { Evaluator } from '../../resolve/evaluate';
import { exactString, oneOf, options, prop, str, unknown, type Arg, type SdkValue, type Step, type Value, present } from '../../resolve/values';
import { packageName } from '../../project/imports';
import { toResolved } from '../../resolve/resolved';
import { firstProp, tagsFromHeaders } from '../common';
import { providerFromModelName, providerFromModelPrefix, providerFromURL } from '../hosts';
import type { TagDraft } from '../types';

// In the AI SDK the model, not the called function, decides who is billed: `openai('gpt-4o')`,
// `createOpenAI({ baseURL })('...')`, a registry lookup, or a plain 'provider/model' string that
// goes through the Vercel AI Gateway. This file turns such a value into provider, model and tags.

export interface ModelInfo {
  provider: string;
  model: Value | null;
  modelReason?: string;
  gateway: string | null;
  baseURL: Value | null;
  tags: TagDraft[];
  /** Second argument of a v3/v4 model factory: `openai('gpt-4o', { user, reasoningEffort })`. */
  settings?: Value;
}

export const UNKNOWN_PROVIDER = 'unknown';
/**
 * A call site whose model is picked at run time among registered models of different providers.
 * A call site has one provider string, so this one names the situation; the model's notes say
 * which model goes to which provider.
 */
export const MULTIPLE_PROVIDERS = 'multiple';
export const AI_GATEWAY = 'vercel-ai-gateway';

/** Packages of the AI SDK itself whose exports make models (gateway, registries, middleware). */
const CORE_MODULES = new Set(['ai', '@ai-sdk/gateway']);

/** Who bills the models a provider package makes, when the package name alone does not say it. */
const MODULE_PROVIDER: Record<string, string> = {
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/azure': 'azure-openai',
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/google': 'google',
  '@ai-sdk/google-vertex': 'google',
  '@ai-sdk/amazon-bedrock': 'bedrock',
  '@ai-sdk/togetherai': 'together',
  '@ai-sdk/moonshotai': 'moonshot',
  '@ai-sdk/openai-compatible': 'openai-compatible',
  '@ai-sdk/vercel': 'vercel',
  '@openrouter/ai-sdk-provider': 'openrouter',
  'ollama-ai-provider': 'ollama',
  'ollama-ai-provider-v2': 'ollama',
  'workers-ai-provider': 'cloudflare',
};

/** Provider packages that speak the OpenAI wire format, where a baseURL names the real host. */
const OPENAI_SHAPED = new Set(['@ai-sdk/openai', '@ai-sdk/openai-compatible']);

/** Gateway model ids use the gateway's own provider slugs. */
const GATEWAY_SLUGS: Record<string, string> = { vertex: 'google', moonshotai: 'moonshot', togetherai: 'together', zai: 'zai' };

/** Registry and customProvider methods that return a model. */
export const MODEL_METHODS = new Set([
  'languageModel',
  'textEmbeddingModel',
  'embeddingModel',
  'imageModel',
  'speechModel',
  'transcriptionModel',
  'rerankingModel',
  'videoModel',
]);

/** customProvider({ languageModels, ... }): which map a model method reads. */
const CUSTOM_MAPS: Record<string, string[]> = {
  languageModel: ['languageModels'],
  textEmbeddingModel: ['textEmbeddingModels', 'embeddingModels'],
  embeddingModel: ['embeddingModels', 'textEmbeddingModels'],
  imageModel: ['imageModels'],
  speechModel: ['speechModels'],
  transcriptionModel: ['transcriptionModels'],
  rerankingModel: ['rerankingModels'],
  videoModel: ['videoModels'],
};

const WRAPPERS = new Set(['wrapLanguageModel', 'wrapEmbeddingModel', 'wrapImageModel']);
const GATEWAY_FACTORIES = new Set(['gateway', 'createGateway', 'createGatewayProvider']);
const REGISTRIES = new Set(['createProviderRegistry', 'experimental_createProviderRegistry']);
const CUSTOM_PROVIDERS = new Set(['customProvider', 'experimental_customProvider']);
const MAX_NESTING = 6;


function providerOfModule(module: string): string {
  const pkg = packageName(module);
  if (MODULE_PROVIDER[pkg]) return MODULE_PROVIDER[pkg];
  // @ai-sdk/groq → groq; community packages: `foo-ai-provider` → foo.
  const bare = pkg.replace(/^@ai-sdk\//, '').replace(/^@[^/]+\//, '');
  return bare.replace(/-ai-provider(-v\d+)?$/, '').replace(/-provider$/, '') || UNKNOWN_PROVIDER;
}

function unknownModel(model: Value | null, modelReason?: string): ModelInfo {
  return { provider: UNKNOWN_PROVIDER, model, modelReason, gateway: null, baseURL: null, tags: [] };
}

/** 'openai/gpt-4o' through the Vercel AI Gateway (the AI SDK 5 default for plain strings). */
function gatewayModel(id: Value, tags: TagDraft[] = []): ModelInfo {
  const providers = options(id).map((o) => {
    let s = exactString(o);
    if (s === null && o.k === 'tpl' && typeof o.parts[0] === 'string') s = o.parts[0];
    if (s === null) return null;
    const prefix = providerFromModelPrefix(s);
    if (prefix) return GATEWAY_SLUGS[prefix] ?? prefix;
    return providerFromModelName(s);
  });
  return { provider: agree(providers), model: id, gateway: AI_GATEWAY, baseURL: null, tags };
}

function agree(list: Array<string | null>): string {
  const known = list.filter((p): p is string => !!p && p !== UNKNOWN_PROVIDER);
  return known[0] ?? UNKNOWN_PROVIDER;
}

/**
 * Who bills a choice of models. Branches are read without their conditions (`if (P === 'openai')
 * return createOpenAI()(id); return google(id)`): when the candidates' providers differ, the one the
 * model ids name wins (a `gemini-*` id is Google's), else the call is said to have several providers.
 */
function mergedProvider(infos: ModelInfo[]): string {
  const known = [...new Set(infos.map((i) => i.provider).filter((p) => p !== UNKNOWN_PROVIDER))];
  if (known.length <= 1) return known[0] ?? UNKNOWN_PROVIDER;
  const named = new Set<string | null>();
  for (const i of infos) for (const o of i.model ? options(i.model) : []) {
    const s = exactString(o);
    named.add(s === null ? null : providerFromModelPrefix(s) ?? providerFromModelName(s));
  }
  const [only] = named;
  return named.size === 1 && only && known.includes(only) ? only : MULTIPLE_PROVIDERS;
}

/** Several possible models (a ternary, a map chosen at run time): one answer that keeps all model ids. */
function mergeInfos(infos: ModelInfo[]): ModelInfo {
  if (infos.length === 1) return infos[0];
  const models = infos.map((i) => i.model).filter((m): m is Value => !!m);
  return {
    provider: mergedProvider(infos),
    model: models.length ? oneOf(models) : null,
    modelReason: infos.find((i) => i.modelReason)?.modelReason,
    gateway: infos.find((i) => i.gateway)?.gateway ?? null,
    baseURL: infos.find((i) => i.baseURL)?.baseURL ?? null,
    tags: infos.flatMap((i) => i.tags),
    settings: infos.find((i) => i.settings)?.settings,
  };
}

/** The one value every option agrees on, or null. */
function agreed<T>(list: T[]): T | null {
  return list.length && list.every((x) => x === list[0]) ? list[0] : null;
}

/**
 * The provider of a choice among registered models or providers: the shared one when all agree,
 * MULTIPLE_PROVIDERS when at least two known providers differ, unknown when only the unknown ones could differ.
 */
function choiceProvider(providers: string[]): string {
  const same = agreed(providers);
  if (same) return same;
  const known = new Set(providers.filter((p) => p !== UNKNOWN_PROVIDER));
  return known.size > 1 ? MULTIPLE_PROVIDERS : UNKNOWN_PROVIDER;
}

/** Adds a note to each model id a value may take (notes are how a model answer explains itself). */
function noted(v: Value | null, note: (id: string) => string): Value | null {
  if (!v) return v;
  return oneOf(
    options(v).map((o) => {
      const s = exactString(o);
      if (s === null) return o;
      const prior = o.k === 'str' ? o.note : undefined;
      return str(s, prior ? `${prior}; ${note(s)}` : note(s));
    }),
  );
}

/**
 * Several models a registry or customProvider may hand out. Unlike mergeInfos (a ternary in user
 * code, where the first provider stands for all), differing providers are reported as such.
 * `runtimeNote` explains a choice made at run time when all options share a provider.
 */
function mergeChoices(infos: ModelInfo[], runtimeNote?: string): ModelInfo {
  const merged = mergeInfos(infos);
  const providers = infos.map((i) => i.provider);
  const provider = choiceProvider(providers);
  const gateway = agreed(infos.map((i) => i.gateway));
  const baseURL = agreed(infos.map((i) => i.baseURL));
  if (agreed(providers)) {
    return { ...merged, provider, gateway, baseURL, model: runtimeNote ? noted(merged.model, () => runtimeNote) : merged.model };
  }
  const models = infos.map((i) => noted(i.model, (id) => `${id} → ${i.provider}`)).filter((m): m is Value => !!m);
  return { ...merged, provider, gateway, baseURL, model: models.length ? oneOf(models) : null };
}

/** A key or id whose text is partly known: `openai:${name}` keeps its literal head and tail. */
function literalEnds(v: Value): { head: string; tail: string } {
  if (v.k !== 'tpl') return { head: '', tail: '' };
  const first = v.parts[0];
  const last = v.parts[v.parts.length - 1];
  return { head: typeof first === 'string' ? first : '', tail: v.parts.length > 1 && typeof last === 'string' ? last : '' };
}

/** Keys of a map a run-time key may name: all of them, or those matching the key's literal ends. */
function keysMatching(map: Value | undefined, key: Value): string[] | null {
  if (!map || map.k !== 'obj') return null;
  const { head, tail } = literalEnds(key);
  return [...map.props.keys()].filter((k) => k.startsWith(head) && k.endsWith(tail) && k.length >= head.length + tail.length).sort();
}

/** Why a key is not known, as the scan words it elsewhere (parameter, request body, environment). */
function keyReason(key: Value): string {
  const r = toResolved(key);
  return r.status === 'unknown' ? r.reason : 'chosen at run time';
}

/** The SDK's test modules: their models (`new MockLanguageModelV4()` from 'ai/test') answer in-process. */
const TEST_MODULES = new Set(['ai/test', '@ai-sdk/provider-utils/test']);

const isTestDoubleOption = (v: Value) => v.k === 'sdk' && TEST_MODULES.has(v.module.replace(/^node:/, ''));

/** A model that is only ever a test double: a call given it sends nothing and bills nothing. */
export function isTestDouble(v: Value | undefined): boolean {
  if (!v) return false;
  const all = options(v);
  return all.length > 0 && all.every(isTestDoubleOption);
}

export class ModelReader {
  constructor(private readonly ev: Evaluator) {}

  private arg(args: Arg[] | undefined, i: number): Value | undefined {
    const a = args?.[i];
    return a && !a.spread ? this.ev.argValue(a) : undefined;
  }

  /** The `model` option of a call, whatever form it takes. */
  read(v: Value | undefined, depth = 0): ModelInfo {
    if (!v || v.k === 'nullish') return unknownModel(null);
    if (depth > MAX_NESTING) return unknownModel(unknown('model built through too many layers to follow'));
    // A test double beside real models (`process.env.CI ? mock : openai('gpt-4o')`) bills nothing itself.
    const all = options(v);
    const real = all.some((o) => !isTestDoubleOption(o)) ? all.filter((o) => !isTestDoubleOption(o)) : all;
    return mergeInfos(real.map((o) => this.readOne(o, depth)));
  }

  private readOne(v: Value, depth: number): ModelInfo {
    if (v.k === 'str' || v.k === 'tpl') return gatewayModel(v);
    if (v.k === 'sdk') return this.fromSdk(v, depth);
    if (v.k === 'unknown' || v.k === 'env') return unknownModel(v);
    return unknownModel(unknown('a model object the scan cannot follow'));
  }

  private fromSdk(v: SdkValue, depth: number): ModelInfo {
    const first = v.steps[0];
    if (!first || first.t !== 'get') return unknownModel(unknown(`a model from \`${v.module}\` the scan cannot follow`));
    if (v.typed || v.steps.some((s) => s.t === 'new')) return unknownModel(unknown('a model passed in at run time'));
    const last = v.steps[v.steps.length - 1];
    if (CORE_MODULES.has(packageName(v.module)) && WRAPPERS.has(first.name) && v.steps.length === 2 && last.t === 'call') {
      // wrapLanguageModel({ model, middleware }) sends to the wrapped model.
      return this.read(prop(this.arg(last.args, 0), 'model'), depth + 1);
    }
    if (last.t !== 'call') return unknownModel(unknown(`\`${first.name}\` is a provider, not a model`));
    const callee = v.steps.slice(0, -1);
    const method = callee.length > 1 && callee[callee.length - 1].t === 'get' ? (callee[callee.length - 1] as { name: string }).name : null;
    const instanceSteps = method && instanceLength(callee.slice(0, -1)) === callee.length - 1 ? callee.slice(0, -1) : callee;
    if (instanceLength(instanceSteps) !== instanceSteps.length) return unknownModel(unknown(`a model from \`${v.module}\` the scan cannot follow`));
    const instance: SdkValue = { k: 'sdk', module: v.module, steps: instanceSteps };
    return this.fromInstance(instance, instanceSteps === callee ? null : method, this.arg(last.args, 0), this.arg(last.args, 1), depth);
  }

  /** What `instance[method](id, settings)` makes, where instance is a provider, registry or gateway. */
  fromInstance(instance: Value | undefined, method: string | null, id: Value | undefined, settings: Value | undefined, depth: number): ModelInfo {
    if (!instance || depth > MAX_NESTING) return unknownModel(id ?? null);
    const infos = options(instance).map((inst) => {
      if (inst.k !== 'sdk' || !inst.steps.length || inst.steps[0].t !== 'get') return unknownModel(id ?? null);
      const name = (inst.steps[0] as { name: string }).name;
      const ctorArgs = inst.steps[1]?.t === 'call' ? inst.steps[1].args : undefined;
      if (CORE_MODULES.has(packageName(inst.module))) {
        if (GATEWAY_FACTORIES.has(name)) return gatewayModel(id ?? unknown('no model id given'), tagsFromHeaders(prop(this.arg(ctorArgs, 0), 'headers'), '.client'));
        if (REGISTRIES.has(name)) return this.fromRegistry(ctorArgs, method, id, depth);
        if (CUSTOM_PROVIDERS.has(name)) return this.fromCustomProvider(ctorArgs, method, id, depth);
        if (name === 'wrapProvider') return this.fromInstance(prop(this.arg(ctorArgs, 0), 'provider'), method, id, settings, depth + 1);
        return unknownModel(id ?? null);
      }
      return this.fromProviderPackage(inst.module, ctorArgs, id, settings);
    });
    return mergeInfos(infos);
  }

  private fromProviderPackage(module: string, ctorArgs: Arg[] | undefined, id: Value | undefined, settings: Value | undefined): ModelInfo {
    const opts = this.arg(ctorArgs, 0);
    let provider = providerOfModule(module);
    let gateway: string | null = null;
    const baseURL = firstProp(opts, ['baseURL', 'baseUrl'])?.value ?? null;
    const pkg = packageName(module);
    if (baseURL) {
      const hosts = options(baseURL).map((o) => {
        const s = exactString(o);
        return s === null ? null : providerFromURL(s);
      });
      const host = hosts.every((h) => !!h) ? hosts[0] : null;
      if (host && host.gateway) {
        gateway = host.gateway;
        // A proxy in front of a named vendor keeps the vendor; an OpenAI-shaped client reaches whoever the host forwards to.
        if (OPENAI_SHAPED.has(pkg)) provider = host.provider;
      } else if (host) {
        if (OPENAI_SHAPED.has(pkg)) provider = host.provider;
      } else if (OPENAI_SHAPED.has(pkg)) {
        provider = pkg === '@ai-sdk/openai-compatible' ? exactString(prop(opts, 'name')) ?? 'openai-compatible' : 'openai-compatible';
      }
    }
    if (gateway && id) {
      const inferred = options(id).map((o) => exactString(o)).map((s) => (s ? providerFromModelPrefix(s) ?? providerFromModelName(s) : null));
      if (inferred.length && inferred.every((p) => p && p === inferred[0])) provider = inferred[0]!;
    }
    const tags: TagDraft[] = tagsFromHeaders(prop(opts, 'headers'), '.client');
    if (pkg === '@ai-sdk/openai') {
      for (const [k, key] of [['project', 'project'], ['organization', 'organization']] as const) {
        const val = prop(opts, k);
        // Project and organization are OpenAI billing scopes: they reach a bill only when OpenAI serves the call.
        if (present(val)) tags.push({ key, value: val, mechanism: `openai.client.${k}`, reachesBill: provider === 'openai' });
      }
    }
    const model = present(id) ? id : null;
    return { provider, model, gateway, baseURL, tags, settings };
  }

  /** createProviderRegistry({ openai, anthropic }, { separator }).languageModel('openai:gpt-4o') */
  private fromRegistry(ctorArgs: Arg[] | undefined, method: string | null, id: Value | undefined, depth: number): ModelInfo {
    const providers = this.arg(ctorArgs, 0);
    const sep = exactString(prop(this.arg(ctorArgs, 1), 'separator')) ?? ':';
    if (!id || !method || !MODEL_METHODS.has(method)) return unknownModel(id ?? null);
    return mergeChoices(
      options(id).map((o) => {
        const split = splitRegistryId(o, sep);
        if (!split) return this.anyRegisteredProvider(providers, method, o, depth);
        const entry = prop(providers, split.key);
        if (!present(entry)) return unknownModel(split.modelId);
        return this.fromInstance(entry, method, split.modelId, undefined, depth + 1);
      }),
    );
  }

  /**
   * `registry.languageModel(id)` with an id known only at run time. A registry maps provider names,
   * not models, so the model stays unknown; the reason names the providers it may reach.
   */
  private anyRegisteredProvider(providers: Value | undefined, method: string, id: Value, depth: number): ModelInfo {
    const keys = keysMatching(providers, id);
    if (!keys || !keys.length) return unknownModel(id, 'a registry id chosen at run time');
    const runtimeId = unknown('the model id is chosen at run time');
    const infos = keys.map((key) => ({ key, info: this.fromInstance(prop(providers, key), method, runtimeId, undefined, depth + 1) }));
    const labels = infos.map(({ key, info }) => (key === info.provider ? key : `${key} (${info.provider})`));
    if (providers?.k === 'obj' && providers.open) labels.push('others known only at run time');
    const reason = `one of the registered providers: ${labels.join(', ')}; the model id is chosen at run time`;
    const merged = mergeChoices(infos.map((i) => ({ ...i.info, model: null })));
    const provider = providers?.k === 'obj' && providers.open ? UNKNOWN_PROVIDER : merged.provider;
    return { ...merged, provider, model: unknown(reason), modelReason: reason };
  }

  /** customProvider({ languageModels: { fast: openai('gpt-4o-mini') }, fallbackProvider }).languageModel('fast') */
  private fromCustomProvider(ctorArgs: Arg[] | undefined, method: string | null, id: Value | undefined, depth: number): ModelInfo {
    const cfg = this.arg(ctorArgs, 0);
    if (!id || !method) return unknownModel(id ?? null);
    const fallback = prop(cfg, 'fallbackProvider');
    const runtimeKey = options(id).find((o) => exactString(o) === null);
    const infos = options(id).flatMap((o) => {
      const s = exactString(o);
      if (s === null) return this.anyRegisteredModel(cfg, method, o, depth);
      for (const mapName of CUSTOM_MAPS[method] ?? []) {
        const found = prop(prop(cfg, mapName), s);
        if (present(found) && found.k !== 'unknown') return [this.read(found, depth + 1)];
      }
      if (present(fallback)) return [this.fromInstance(fallback, method, o, undefined, depth + 1)];
      return [unknownModel(o)];
    });
    return mergeChoices(infos, runtimeKey && `one of the models registered in customProvider; the key is known only at run time (${keyReason(runtimeKey)})`);
  }

  /**
   * `myProvider.languageModel(selectedModelId)` with a key known only at run time: any registered
   * model whose key fits, and, when a fallbackProvider is set, any model id it accepts.
   */
  private anyRegisteredModel(cfg: Value | undefined, method: string, key: Value, depth: number): ModelInfo[] {
    const out: ModelInfo[] = [];
    const seen = new Set<string>();
    let open = false;
    for (const mapName of CUSTOM_MAPS[method] ?? []) {
      const map = prop(cfg, mapName);
      if (!present(map)) continue;
      const keys = keysMatching(map, key);
      if (!keys || (map.k === 'obj' && map.open)) open = true;
      for (const k of keys ?? []) {
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(this.read(prop(map, k), depth + 1));
      }
    }
    if (open) out.push(unknownModel(unknown(`a model registered in customProvider that the scan cannot list; the key is known only at run time (${keyReason(key)})`)));
    const fallback = prop(cfg, 'fallbackProvider');
    if (present(fallback)) {
      const reason = `any model id of the fallbackProvider, for a key that is not registered; the key is known only at run time (${keyReason(key)})`;
      out.push(this.fromInstance(fallback, method, unknown(reason), undefined, depth + 1));
    }
    if (!out.length) out.push(unknownModel(key, 'a customProvider key chosen at run time'));
    return out;
  }
}

/** 'openai:gpt-4o' → openai and gpt-4o; `openai:${name}` keeps the run-time model id; null when the provider key is not in the text. */
function splitRegistryId(id: Value, sep: string): { key: string; modelId: Value } | null {
  const s = exactString(id);
  if (s !== null) {
    const at = s.indexOf(sep);
    return at < 0 ? null : { key: s.slice(0, at), modelId: str(s.slice(at + sep.length)) };
  }
  const { head } = literalEnds(id);
  const at = head.indexOf(sep);
  if (id.k !== 'tpl' || at < 0) return null;
  const rest = [head.slice(at + sep.length), ...id.parts.slice(1)].filter((p) => p !== '');
  return { key: head.slice(0, at), modelId: { k: 'tpl', parts: rest } };
}

/**
 * How many leading steps name a provider instance: `openai` (1) or `createOpenAI(opts)` (2).
 * The rest of the chain is a model method and its call.
 */
function instanceLength(steps: Step[]): number {
  const first = steps[0];
  if (!first || first.t !== 'get') return 0;
  if (steps[1]?.t === 'call') return 2;
  return 1;
}
