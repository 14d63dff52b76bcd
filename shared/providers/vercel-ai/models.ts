import type { Evaluator } from '../../resolve/evaluate';
import { exactString, oneOf, options, prop, str, unknown, type Arg, type SdkValue, type Step, type Value } from '../../resolve/values';
import { packageName } from '../../project/imports';
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

const present = (v: Value | undefined): v is Value => !!v && v.k !== 'nullish';

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

/** Several possible models (a ternary, a map chosen at run time): one answer that keeps all model ids. */
function mergeInfos(infos: ModelInfo[]): ModelInfo {
  if (infos.length === 1) return infos[0];
  const models = infos.map((i) => i.model).filter((m): m is Value => !!m);
  return {
    provider: agree(infos.map((i) => i.provider)),
    model: models.length ? oneOf(models) : null,
    modelReason: infos.find((i) => i.modelReason)?.modelReason,
    gateway: infos.find((i) => i.gateway)?.gateway ?? null,
    baseURL: infos.find((i) => i.baseURL)?.baseURL ?? null,
    tags: infos.flatMap((i) => i.tags),
    settings: infos.find((i) => i.settings)?.settings,
  };
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
    return mergeInfos(options(v).map((o) => this.readOne(o, depth)));
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
    return mergeInfos(
      options(id).map((o) => {
        const s = exactString(o);
        const at = s === null ? -1 : s.indexOf(sep);
        if (s === null || at < 0) return unknownModel(o, 'a registry id chosen at run time');
        const key = s.slice(0, at);
        const modelId = str(s.slice(at + sep.length));
        const entry = prop(providers, key);
        if (!present(entry)) return unknownModel(modelId);
        return this.fromInstance(entry, method, modelId, undefined, depth + 1);
      }),
    );
  }

  /** customProvider({ languageModels: { fast: openai('gpt-4o-mini') }, fallbackProvider }).languageModel('fast') */
  private fromCustomProvider(ctorArgs: Arg[] | undefined, method: string | null, id: Value | undefined, depth: number): ModelInfo {
    const cfg = this.arg(ctorArgs, 0);
    if (!id || !method) return unknownModel(id ?? null);
    return mergeInfos(
      options(id).map((o) => {
        const s = exactString(o);
        if (s !== null) {
          for (const mapName of CUSTOM_MAPS[method] ?? []) {
            const found = prop(prop(cfg, mapName), s);
            if (present(found) && found.k !== 'unknown') return this.read(found, depth + 1);
          }
        }
        const fallback = prop(cfg, 'fallbackProvider');
        if (present(fallback)) return this.fromInstance(fallback, method, o, undefined, depth + 1);
        return unknownModel(o);
      }),
    );
  }
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
