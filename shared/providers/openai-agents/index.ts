import { exactString, oneOf, options, prop, str, unknown, type Arg, type SdkValue, type Value, present } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { packageName } from '../../project/imports';
import { argValue, countItems, ctorName, isTrue, splitAtNew } from '../common';
import { providerFromURL } from '../hosts';
import type { Detection, MatchContext, ProviderAdapter, PromptSource } from '../types';
import { inputPrompt, num, systemPrompt } from '../agent-prompt';
import { ModelReader, UNKNOWN_PROVIDER } from '../vercel-ai/models';

// The OpenAI Agents SDK (`@openai/agents`, `@openai/agents-core`, `@openai/agents-openai`). An
// `Agent` (new Agent({...}) or Agent.create({...})) sends nothing itself; `run(agent, input, opts)`
// and `new Runner(config).run(agent, input, opts)` run its loop of model calls. The Runner's
// `model` overrides every agent's; with neither, the SDK's default model is used. Handoffs and
// agents used as tools are offered to the model as tools. Not call sites: `agent.asTool()`,
// `tool()`, guardrails, `agent.clone()`.

const MODULES = ['@openai/agents', '@openai/agents-core', '@openai/agents-openai'];
const PACKAGES = new Set(MODULES);
const EXTENSIONS = '@openai/agents-extensions';

/**
 * What getDefaultModel() returns in @openai/agents-core when OPENAI_DEFAULT_MODEL is unset: gpt-4.1
 * up to 0.10, gpt-5.4-mini in 0.11–0.14, gpt-5.6-luna from 0.15 (read from the published packages).
 */
const SDK_DEFAULT_MODEL = 'gpt-5.6-luna';
const SDK_DEFAULT_NOTE = 'the SDK default (@openai/agents 0.15+; gpt-5.4-mini in 0.11–0.14, gpt-4.1 before; OPENAI_DEFAULT_MODEL overrides it)';
/** DEFAULT_MAX_TURNS of the runner (the same in every release). */
const DEFAULT_TURNS = num(10, 'default of @openai/agents (maxTurns: 10)');

const isAgentsModule = (m: string) => PACKAGES.has(packageName(m));

/** How the agent loop is started: the agent argument, the run options and the Runner's config. */
interface RunCall {
  api: string;
  runConfig: Value | undefined;
  typedRunner: boolean;
}

function runCall(ev: Evaluator, callee: SdkValue): RunCall | null {
  const last = callee.steps[callee.steps.length - 1];
  if (!last || last.t !== 'get' || last.name !== 'run') return null;
  if (callee.steps.length === 1) return { api: 'run', runConfig: undefined, typedRunner: false };
  const chain = splitAtNew(callee);
  if (!chain || ctorName(chain) !== 'Runner' || chain.members.length !== 1) return null;
  return { api: 'Runner.run', runConfig: chain.typed ? undefined : argValue(ev, chain.ctorArgs, 0), typedRunner: chain.typed };
}

/** The configuration of an Agent value: new Agent(cfg), Agent.create(cfg), agent.clone(overrides). */
function agentConfig(ev: Evaluator, v: Value): Value | null | 'typed' {
  if (v.k !== 'sdk' || !isAgentsModule(v.module)) return null;
  const chain = splitAtNew(v);
  if (chain && ctorName(chain) === 'Agent') {
    if (chain.typed) return 'typed';
    const base = argValue(ev, chain.ctorArgs, 0) ?? null;
    return chain.members.length ? cloned(ev, base, chain.members, chain.after) : base;
  }
  const s = v.steps;
  const names = s.map((x) => (x.t === 'get' ? x.name : '()'));
  const at = names.lastIndexOf('create');
  if (at > 0 && names[at - 1] === 'Agent' && s[at + 1]?.t === 'call') {
    const args = (s[at + 1] as { args: Arg[] }).args;
    const base = argValue(ev, args, 0) ?? null;
    const rest = s.slice(at + 2);
    return rest.length ? cloned(ev, base, rest.map((x) => (x.t === 'get' ? x.name : '()')), rest) : base;
  }
  return null;
}

/** agent.clone({ model }) keeps the agent's config under the overrides. */
function cloned(ev: Evaluator, base: Value | null, members: string[], steps: SdkValue['steps']): Value | null {
  if (members.length !== 2 || members[0] !== 'clone' || steps[1]?.t !== 'call') return null;
  const over = argValue(ev, (steps[1] as { args: Arg[] }).args, 0);
  if (!base || base.k !== 'obj' || !over || over.k !== 'obj') return over ?? base;
  const props = new Map(base.props);
  for (const [k, v] of over.props) props.set(k, v);
  return { k: 'obj', props };
}

interface ModelRead {
  provider: string;
  model: Value | null;
  modelReason?: string;
  baseURL: Value | null;
}

/** A model option: a name for the OpenAI provider, an AI SDK model through aisdk(), or a model class. */
function readModel(ev: Evaluator, v: Value): ModelRead {
  const reads = options(v).map((o): ModelRead => {
    if (o.k === 'str' || o.k === 'tpl') return { provider: 'openai', model: o, baseURL: null };
    if (o.k === 'sdk' && packageName(o.module) === EXTENSIONS && o.steps.length === 2 && o.steps[1].t === 'call') {
      // aisdk(openai('gpt-4o')): the AI SDK model decides who is billed.
      const info = new ModelReader(ev).read(argValue(ev, o.steps[1].args, 0));
      return { provider: info.provider, model: info.model, modelReason: info.modelReason, baseURL: info.baseURL };
    }
    if (o.k === 'sdk' && isAgentsModule(o.module)) {
      const chain = splitAtNew(o);
      const cls = chain && ctorName(chain);
      if (chain && !chain.members.length && (cls === 'OpenAIChatCompletionsModel' || cls === 'OpenAIResponsesModel')) {
        const client = argValue(ev, chain.ctorArgs, 0);
        const baseURL = clientBaseURL(ev, client);
        const host = baseURL && exactString(baseURL) !== null ? providerFromURL(exactString(baseURL)!) : null;
        const id = argValue(ev, chain.ctorArgs, 1);
        return { provider: host?.provider ?? (baseURL ? 'openai-compatible' : 'openai'), model: present(id) ? id : null, modelReason: 'no model name given to the model class', baseURL };
      }
    }
    if (o.k === 'unknown' || o.k === 'env') return { provider: 'openai', model: o, baseURL: null };
    return { provider: UNKNOWN_PROVIDER, model: null, modelReason: 'a model object the scan cannot follow', baseURL: null };
  });
  if (reads.length === 1) return reads[0];
  const models = reads.map((r) => r.model).filter((m): m is Value => !!m);
  const providers = [...new Set(reads.map((r) => r.provider))];
  return { provider: providers.length === 1 ? providers[0] : 'multiple', model: models.length ? oneOf(models) : null, modelReason: reads.find((r) => r.modelReason)?.modelReason, baseURL: reads.find((r) => r.baseURL)?.baseURL ?? null };
}

/** The baseURL of `new OpenAI({ baseURL })` handed to a model class. */
function clientBaseURL(ev: Evaluator, client: Value | undefined): Value | null {
  const sdk = client && options(client).find((o): o is SdkValue => o.k === 'sdk' && packageName(o.module) === 'openai');
  const chain = sdk && splitAtNew(sdk);
  if (!chain || chain.members.length) return null;
  const b = prop(argValue(ev, chain.ctorArgs, 0), 'baseURL');
  return present(b) ? b : null;
}

/** Tools, handoffs and MCP servers' tools are all offered to the model as tools. */
function toolCount(config: Value): number | null {
  let total = 0;
  for (const key of ['tools', 'handoffs']) {
    const v = prop(config, key);
    if (!present(v)) continue;
    const n = countItems(v);
    if (n === null) return null;
    total += n;
  }
  // An MCP server lists its tools only at run time.
  return present(prop(config, 'mcpServers')) && countItems(prop(config, 'mcpServers')) !== 0 ? null : total;
}

function settingsField(agentSettings: Value | undefined, runSettings: Value | undefined, name: string): Value | undefined {
  const fromRun = prop(runSettings, name);
  if (present(fromRun)) return fromRun;
  const fromAgent = prop(agentSettings, name);
  return present(fromAgent) ? fromAgent : undefined;
}

function detect(ev: Evaluator, run: RunCall, agent: Value, config: Value | null | 'typed', ctx: MatchContext): Detection {
  const cfg = config && config !== 'typed' ? config : undefined;
  const runModel = prop(run.runConfig, 'model');
  const agentModel = prop(cfg, 'model');
  let read: ModelRead;
  if (present(runModel)) read = readModel(ev, runModel);
  else if (present(agentModel)) read = readModel(ev, agentModel);
  else if (run.typedRunner) read = { provider: 'openai', model: unknown('the model of a Runner passed in at run time'), baseURL: null };
  else if (config === 'typed') read = { provider: 'openai', model: unknown('the model of an Agent passed in at run time'), baseURL: null };
  // An agent from a parameter or a value the scan cannot read: its reason (a wrapper's callers may fill it).
  else if (!config) read = { provider: 'openai', model: agent.k === 'unknown' ? agent : unknown('an agent the scan cannot follow'), baseURL: null };
  else read = { provider: 'openai', model: str(SDK_DEFAULT_MODEL, SDK_DEFAULT_NOTE), baseURL: null };
  const agentSettings = prop(cfg, 'modelSettings');
  const runSettings = prop(run.runConfig, 'modelSettings');
  const opts = ctx.arg(2);
  const turns = prop(opts, 'maxTurns');
  const prompt: PromptSource[] = [...systemPrompt(prop(cfg, 'instructions'))];
  // A RunState (resuming an interrupted run) is the conversation so far.
  prompt.push(...inputPrompt(ctx.arg(1)));
  const reasoning = prop(settingsField(agentSettings, runSettings, 'reasoning'), 'effort');
  return {
    provider: read.provider,
    sdk: 'openai-agents',
    api: run.api,
    kind: 'chat',
    model: read.model,
    modelReason: read.model ? undefined : read.modelReason,
    gateway: null,
    baseURL: read.baseURL,
    prompt,
    maxOutput: { value: settingsField(agentSettings, runSettings, 'maxTokens') ?? null, option: 'modelSettings.maxTokens' },
    streaming: isTrue(prop(opts, 'stream')),
    tools: cfg ? toolCount(cfg) : null,
    maxSteps: present(turns) ? turns : DEFAULT_TURNS,
    reasoning: present(reasoning) ? reasoning : null,
    tags: [],
  };
}

export const openaiAgentsAdapter: ProviderAdapter = {
  id: 'openai-agents',
  modules: MODULES,
  callNames: ['run'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (!isAgentsModule(callee.module)) return null;
    const run = runCall(ctx.ev, callee);
    if (!run) return null;
    const agent = ctx.arg(0);
    if (!agent) return null;
    const agents = options(agent);
    const configs = agents.map((o) => agentConfig(ctx.ev, o));
    // run(x, ...) where x is no agent of this SDK: a different `run` (a RunState of a resumed run is still a run).
    if (configs.every((c) => c === null) && !options(agent).some((o) => o.k === 'unknown')) return null;
    const found = configs.map((c, i) => detect(ctx.ev, run, agents[i], c, ctx));
    if (found.length === 1) return found[0];
    const models = found.map((d) => d.model).filter((m): m is Value => !!m);
    const providers = [...new Set(found.map((d) => d.provider))];
    return { ...found[0], provider: providers.length === 1 ? providers[0] : 'multiple', model: models.length ? oneOf(models) : null, tools: found.some((d) => d.tools === null) ? null : Math.max(...found.map((d) => d.tools ?? 0)) };
  },
};
