import { exactString, oneOf, options, prop, unknown, type SdkValue, type Value, present } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { packageName } from '../../project/imports';
import { argValue, countItems, ctorName, firstProp, splitAtNew } from '../common';
import { providerFromModelName, providerFromModelPrefix } from '../hosts';
import type { Detection, MatchContext, ProviderAdapter } from '../types';
import { inputPrompt, num, systemPrompt } from '../agent-prompt';
import { isTestDouble, ModelReader, UNKNOWN_PROVIDER, type ModelInfo } from '../vercel-ai/models';
import { maxStepsOf } from '../vercel-ai/options';

// Mastra (`@mastra/core`, `@mastra/core/agent`): `new Agent({ name, instructions, model, tools })`
// sends a request from `agent.generate(...)` / `agent.stream(...)` (and the VNext / Legacy names of
// 0.1x–0.2x), on the agent itself or on one registered with `new Mastra({ agents })` and fetched
// by `mastra.getAgent('name')`. The model is an AI SDK model object (read as the AI SDK adapter
// reads it) or a 'provider/model' string, which Mastra's model router sends to that provider
// directly. Not call sites: `@mastra/client-js` (an HTTP client of a Mastra server, whose own
// agent calls are the ones billed), workflows, tools, memory.

const MODULE = '@mastra/core';

interface MethodSpec {
  streaming: boolean;
  /** Agent config keys holding the method's default options, newest first (1.0, 0.2x VNext, legacy). */
  defaults: string[];
}

const MODERN_GENERATE = ['defaultOptions', 'defaultVNextStreamOptions', 'defaultGenerateOptions'];
const MODERN_STREAM = ['defaultOptions', 'defaultVNextStreamOptions', 'defaultStreamOptions'];
const METHODS: Record<string, MethodSpec> = {
  generate: { streaming: false, defaults: MODERN_GENERATE },
  stream: { streaming: true, defaults: MODERN_STREAM },
  generateVNext: { streaming: false, defaults: ['defaultVNextStreamOptions', 'defaultOptions'] },
  streamVNext: { streaming: true, defaults: ['defaultVNextStreamOptions', 'defaultOptions'] },
  generateLegacy: { streaming: false, defaults: ['defaultGenerateOptions'] },
  streamLegacy: { streaming: true, defaults: ['defaultStreamOptions'] },
};

const REGISTRY_LOOKUPS = new Set(['getAgent', 'getAgentById']);
/** maxSteps of generate/stream when neither the call nor the agent sets one (Mastra's documented default). */
const DEFAULT_STEPS = num(5, 'default of Mastra agents (maxSteps: 5)');

/** What the call runs: the agents it may be (a registry lookup by a run-time name may be several). */
interface Target {
  method: string;
  /** Each agent's constructor options; null for an agent known only at run time. */
  configs: Array<Value | null>;
  reason?: string;
}

function findTarget(ev: Evaluator, callee: SdkValue): Target | null {
  const chain = splitAtNew(callee);
  if (!chain) return null;
  const method = chain.members[chain.members.length - 1];
  if (!(method in METHODS)) return null;
  const cls = ctorName(chain);
  if (cls === 'Agent' && chain.members.length === 1) {
    if (chain.typed) return { method, configs: [null], reason: 'the model of an Agent passed in at run time' };
    return { method, configs: [argValue(ev, chain.ctorArgs, 0) ?? null] };
  }
  // mastra.getAgent('name').generate(...)
  if (cls !== 'Mastra' || chain.members.length !== 3 || !REGISTRY_LOOKUPS.has(chain.members[0]) || chain.after[1]?.t !== 'call') return null;
  if (chain.typed) return { method, configs: [null], reason: 'an agent of a Mastra instance passed in at run time' };
  const agents = prop(argValue(ev, chain.ctorArgs, 0), 'agents');
  const lookup = chain.after[1] as Extract<SdkValue['steps'][number], { t: 'call' }>;
  const name = argValue(ev, lookup.args, 0);
  return { method, ...registered(ev, agents, name, chain.members[0] === 'getAgentById') };
}

/** The constructor options of the agents `getAgent(name)` may return. */
function registered(ev: Evaluator, agents: Value | undefined, name: Value | undefined, byId: boolean): Omit<Target, 'method'> {
  if (!agents || agents.k !== 'obj') return { configs: [null], reason: 'an agent registered on Mastra that the scan cannot list' };
  const entries = [...agents.props.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const configOf = (v: Value): Value | null => {
    const sdk = options(v).find((o): o is SdkValue => o.k === 'sdk' && packageName(o.module) === MODULE);
    const c = sdk && splitAtNew(sdk);
    return c && ctorName(c) === 'Agent' && !c.members.length && !c.typed ? argValue(ev, c.ctorArgs, 0) ?? null : null;
  };
  const wanted = name ? options(name).map(exactString) : [null];
  const configs: Array<Value | null> = [];
  for (const w of wanted) {
    if (w === null) {
      // A name known only at run time: any registered agent.
      configs.push(...entries.map(([, v]) => configOf(v)));
      continue;
    }
    const hit = entries.find(([key, v]) => (byId ? exactString(prop(configOf(v) ?? undefined, 'id')) ?? exactString(prop(configOf(v) ?? undefined, 'name')) ?? key : key) === w);
    configs.push(hit ? configOf(hit[1]) : null);
  }
  if (!configs.length) return { configs: [null], reason: 'no agents registered on Mastra in the scanned code' };
  return { configs, reason: configs.some((c) => !c) ? `an agent named ${wanted.map((w) => (w === null ? 'at run time' : `'${w}'`)).join(' or ')} that is not registered in the scanned code` : undefined };
}

function unknownInfo(reason: string): ModelInfo {
  return { provider: UNKNOWN_PROVIDER, model: unknown(reason), modelReason: reason, gateway: null, baseURL: null, tags: [] };
}

/** 'openai/gpt-4o': Mastra's model router calls the provider the prefix names, with that provider's key. */
function routerModel(id: Value): ModelInfo {
  const s = exactString(id) ?? (id.k === 'tpl' && typeof id.parts[0] === 'string' ? id.parts[0] : null);
  const provider = s === null ? null : providerFromModelPrefix(s) ?? providerFromModelName(s);
  return { provider: provider ?? UNKNOWN_PROVIDER, model: id, gateway: null, baseURL: null, tags: [] };
}

function mergeInfos(infos: ModelInfo[]): ModelInfo {
  if (infos.length === 1) return infos[0];
  const models = infos.map((i) => i.model).filter((m): m is Value => !!m);
  const providers = [...new Set(infos.map((i) => i.provider).filter((p) => p !== UNKNOWN_PROVIDER))];
  return {
    provider: providers.length === 1 ? providers[0] : providers.length > 1 ? 'multiple' : UNKNOWN_PROVIDER,
    model: models.length ? oneOf(models) : null,
    modelReason: infos.find((i) => i.modelReason)?.modelReason,
    gateway: infos.every((i) => i.gateway === infos[0].gateway) ? infos[0].gateway : null,
    baseURL: infos.find((i) => i.baseURL)?.baseURL ?? null,
    tags: infos.flatMap((i) => i.tags),
  };
}

/** An agent's `model`: an AI SDK model, a router string, a function of the request, or a fallback list. */
function readModel(ev: Evaluator, v: Value | undefined, depth = 0): ModelInfo {
  if (!present(v)) return unknownInfo('the agent has no model in the scanned code');
  if (depth > 3) return unknownInfo('a model chosen through too many layers to follow');
  const infos = options(v).map((o): ModelInfo => {
    if (o.k === 'str' || o.k === 'tpl') return routerModel(o);
    // A dynamic model: what the function returns, for any request it may get.
    if (o.k === 'fn') {
      const r = readModel(ev, ev.invoke(o, []), depth + 1);
      return r.model && r.model.k !== 'unknown' ? r : unknownInfo('the agent picks its model at run time (a function of the request context)');
    }
    // [{ model, maxRetries }, ...]: the first is the model in use; the others are fallbacks on failure.
    if (o.k === 'arr') return o.items.length ? readModel(ev, prop(o.items[0], 'model'), depth + 1) : unknownInfo('an empty list of models');
    return new ModelReader(ev).read(o);
  });
  return mergeInfos(infos);
}

/** The first of the agent's default-option blocks that is set, under the call's own options. */
function effectiveOptions(config: Value | null, call: Value | undefined, spec: MethodSpec): Value | undefined {
  const defaults = spec.defaults.map((k) => prop(config ?? undefined, k)).find((v) => present(v) && v.k === 'obj');
  if (!defaults) return call;
  if (!call || call.k !== 'obj') return defaults;
  if (defaults.k !== 'obj') return call;
  const props = new Map(defaults.props);
  for (const [k, v] of call.props) if (v.k !== 'nullish') props.set(k, v);
  return { k: 'obj', props };
}

/** Tools, sub-agents and workflows (Mastra hands all three to the model as tools), and the call's toolsets. */
function toolCount(config: Value | null, opts: Value | undefined): number | null {
  if (!config) return null;
  const toolsets = prop(opts, 'toolsets');
  // toolsets: { setName: { toolName: tool } }
  const sets = present(toolsets) ? (toolsets.k === 'obj' && !toolsets.open ? [...toolsets.props.values()] : [toolsets]) : [];
  let total = 0;
  for (const v of [prop(config, 'tools'), prop(config, 'agents'), prop(config, 'workflows'), prop(opts, 'clientTools'), ...sets]) {
    if (!present(v)) continue;
    const n = countItems(v);
    if (n === null) return null;
    total += n;
  }
  return total;
}

function detect(ev: Evaluator, target: Target, config: Value | null, ctx: MatchContext): Detection | null {
  const spec = METHODS[target.method];
  const modelValue = config ? prop(config, 'model') : undefined;
  if (isTestDouble(modelValue)) return null;
  const info = config ? readModel(ev, modelValue) : unknownInfo(target.reason ?? 'an agent known only at run time');
  const opts = effectiveOptions(config, ctx.arg(1), spec);
  const settings = prop(opts, 'modelSettings');
  // modelSettings.maxOutputTokens (AI SDK 5 loop), or the legacy methods' top-level maxTokens.
  const fromSettings = firstProp(settings, ['maxOutputTokens', 'maxTokens']);
  const maxOut = fromSettings ? { name: `modelSettings.${fromSettings.name}`, value: fromSettings.value } : firstProp(opts, ['maxTokens']);
  const steps = maxStepsOf(ev, opts) ?? (config ? DEFAULT_STEPS : unknown('the step bound of an agent known only at run time'));
  const instructions = config ? systemPrompt(prop(config, 'instructions')) : [];
  return {
    provider: info.provider,
    sdk: 'mastra',
    api: `Agent.${target.method}`,
    kind: 'chat',
    model: info.model,
    modelReason: info.model ? undefined : info.modelReason,
    gateway: info.gateway,
    baseURL: info.baseURL,
    prompt: [...instructions, ...systemPrompt(prop(opts, 'instructions')), ...inputPrompt(ctx.arg(0))],
    maxOutput: { value: maxOut?.value ?? null, option: maxOut?.name ?? 'modelSettings.maxOutputTokens' },
    streaming: spec.streaming,
    tools: toolCount(config, opts),
    maxSteps: steps,
    tags: info.tags,
  };
}

function mergeDetections(list: Detection[]): Detection {
  if (list.length === 1) return list[0];
  const models = list.map((d) => d.model).filter((m): m is Value => !!m);
  const providers = [...new Set(list.map((d) => d.provider).filter((p) => p !== UNKNOWN_PROVIDER))];
  const steps = list.map((d) => d.maxSteps).filter((s): s is Value => !!s);
  const tools = list.map((d) => d.tools);
  return {
    ...list[0],
    provider: providers.length === 1 ? providers[0] : providers.length > 1 ? 'multiple' : UNKNOWN_PROVIDER,
    model: models.length ? oneOf(models) : null,
    // Each agent's instructions are one possible system prompt; the largest bounds the cost.
    prompt: list.reduce((a, d) => (d.prompt.length > a.length ? d.prompt : a), list[0].prompt),
    maxSteps: steps.length ? oneOf(steps) : null,
    tools: tools.every((t) => t !== null && t !== undefined) ? Math.max(...(tools as number[])) : null,
    tags: list.flatMap((d) => d.tags),
  };
}

export const mastraAdapter: ProviderAdapter = {
  id: 'mastra',
  modules: [MODULE],
  callNames: Object.keys(METHODS),
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (packageName(callee.module) !== MODULE) return null;
    const target = findTarget(ctx.ev, callee);
    if (!target) return null;
    const found = target.configs.map((c) => detect(ctx.ev, target, c, ctx)).filter((d): d is Detection => !!d);
    return found.length ? mergeDetections(found) : null;
  },
};
