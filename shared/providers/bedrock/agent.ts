import { documentCount } from '../billed-options';
import { countItems, argValue, splitAtNew } from '../common';
import { exactString, oneOf, options, path, prop, unknown, type SdkValue, type Value, present } from '../../resolve/values';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource } from '../types';
import { messagesPrompt } from './prompt';
import { findOperation, firstPath, profileTags, REASONING, type Surface } from './util';

// `@aws-sdk/client-bedrock-agent-runtime` (v3): knowledge bases, agents, flows and prompt tools,
// through `client.send(new XCommand({...}))` or the aggregated `BedrockAgentRuntime` methods.
// Not call sites: Retrieve (a vector search: it bills the knowledge base's query embedding and
// vector store, no generating model), the session and memory calls (CreateSession,
// GetAgentMemory, DeleteAgentMemory, PutInvocationStep...), reads of earlier runs
// (GetFlowExecution, ListFlowExecutionEvents...), StopFlowExecution and tagging.

export const AGENT_MODULE = '@aws-sdk/client-bedrock-agent-runtime';

type Style = 'rag' | 'agent' | 'inlineAgent' | 'flow' | 'optimize' | 'rerank' | 'query' | 'agenticRetrieve';

interface OpSpec {
  api: string;
  style: Style;
  kind: CallKind;
  streaming?: boolean;
}

const COMMANDS: Record<string, OpSpec> = {
  RetrieveAndGenerateCommand: { api: 'RetrieveAndGenerate', style: 'rag', kind: 'chat' },
  RetrieveAndGenerateStreamCommand: { api: 'RetrieveAndGenerateStream', style: 'rag', kind: 'chat', streaming: true },
  // The agent's answer always comes back as an event stream.
  InvokeAgentCommand: { api: 'InvokeAgent', style: 'agent', kind: 'chat', streaming: true },
  InvokeInlineAgentCommand: { api: 'InvokeInlineAgent', style: 'inlineAgent', kind: 'chat', streaming: true },
  InvokeFlowCommand: { api: 'InvokeFlow', style: 'flow', kind: 'chat', streaming: true },
  StartFlowExecutionCommand: { api: 'StartFlowExecution', style: 'flow', kind: 'chat' },
  OptimizePromptCommand: { api: 'OptimizePrompt', style: 'optimize', kind: 'chat', streaming: true },
  RerankCommand: { api: 'Rerank', style: 'rerank', kind: 'other' },
  GenerateQueryCommand: { api: 'GenerateQuery', style: 'query', kind: 'chat' },
  AgenticRetrieveStreamCommand: { api: 'AgenticRetrieveStream', style: 'agenticRetrieve', kind: 'chat', streaming: true },
};

/** Methods of the aggregated `BedrockAgentRuntime` client, by the command each one sends. */
export const AGENT_METHODS: Record<string, string> = {
  retrieveAndGenerate: 'RetrieveAndGenerateCommand',
  retrieveAndGenerateStream: 'RetrieveAndGenerateStreamCommand',
  invokeAgent: 'InvokeAgentCommand',
  invokeInlineAgent: 'InvokeInlineAgentCommand',
  invokeFlow: 'InvokeFlowCommand',
  startFlowExecution: 'StartFlowExecutionCommand',
  optimizePrompt: 'OptimizePromptCommand',
  rerank: 'RerankCommand',
  generateQuery: 'GenerateQueryCommand',
  agenticRetrieveStream: 'AgenticRetrieveStreamCommand',
};

const SURFACE: Surface<OpSpec> = { module: AGENT_MODULE, clientClasses: new Set(['BedrockAgentRuntimeClient', 'BedrockAgentRuntime']), commands: COMMANDS, methods: AGENT_METHODS };

const KB_EMBEDDING_NOTE = "retrieval also bills the knowledge base's embedding model for the query";
const OPTIMIZE_NOTE = 'the model the prompt is rewritten for; the rewrite is billed as prompt optimization';
const AGENT_LOOP = 'an agent loops over its action groups and knowledge bases until it answers';

// Model ARNs name the model after the resource type; an application inference profile stays an
// ARN because its cost allocation tags are what the bill shows.
const MODEL_ARN = /^arn:aws[\w-]*:bedrock:[\w-]*:\d*:(?:foundation-model|inference-profile)\/([^/]+)$/;
const MODEL_ARN_TAIL = /:(?:foundation-model|inference-profile)\/([^/]+)$/;

function idFromArn(o: Value, note?: string): Value {
  if (o.k === 'str') {
    const m = o.v.match(MODEL_ARN);
    const v = m ? m[1] : o.v;
    const keep = o.note ?? note;
    return { k: 'str', v, ...(keep ? { note: keep } : {}), ...(o.origin ? { origin: o.origin } : {}) };
  }
  // `arn:aws:bedrock:${region}::foundation-model/anthropic...`: the id is the literal tail.
  if (o.k === 'tpl') {
    const first = o.parts[0];
    const last = o.parts[o.parts.length - 1];
    const m = typeof last === 'string' ? last.match(MODEL_ARN_TAIL) : null;
    if (m && typeof first === 'string' && first.startsWith('arn:')) return note ? { k: 'str', v: m[1], note } : { k: 'str', v: m[1] };
  }
  return o;
}

function modelFrom(v: Value | undefined, note?: string): Value | null {
  if (!present(v)) return null;
  return oneOf(options(v).map((o) => idFromArn(o, note)));
}

const user = (v: Value | undefined): PromptSource[] => (present(v) ? [{ role: 'user', value: v }] : []);
const system = (v: Value | undefined): PromptSource[] => (present(v) ? [{ role: 'system', value: v }] : []);

type Facts = Pick<Detection, 'model' | 'modelReason' | 'prompt' | 'maxOutput' | 'tools'> & Partial<Pick<Detection, 'maxSteps' | 'reasoning'>>;

const NO_MAX = { value: null, option: '' };

/** RetrieveAndGenerate(Stream): a knowledge base (or documents sent along) answered by one model. */
function ragFacts(input: Value | undefined): Facts {
  const config = prop(input, 'retrieveAndGenerateConfiguration');
  const kb = prop(config, 'knowledgeBaseConfiguration');
  const where = present(kb) ? 'knowledgeBaseConfiguration' : 'externalSourcesConfiguration';
  const source = present(kb) ? kb : prop(config, where);
  const generation = prop(source, 'generationConfiguration');
  const max = path(generation, 'inferenceConfig.textInferenceConfig.maxTokens');
  return {
    model: modelFrom(prop(source, 'modelArn'), present(kb) ? KB_EMBEDDING_NOTE : undefined),
    prompt: [...system(path(generation, 'promptTemplate.textPromptTemplate')), ...user(path(input, 'input.text'))],
    maxOutput: { value: present(max) ? max : null, option: `retrieveAndGenerateConfiguration.${where}.generationConfiguration.inferenceConfig.textInferenceConfig.maxTokens` },
    tools: 0,
    reasoning: firstPath(prop(generation, 'additionalModelRequestFields'), REASONING)?.value ?? null,
  };
}

/** The output bound of an inline agent's orchestration prompt, when it overrides the default. */
function orchestrationMax(input: Value | undefined): Value | null {
  const configs = path(input, 'promptOverrideConfiguration.promptConfigurations');
  if (!present(configs) || configs.k !== 'arr') return null;
  const withMax = configs.items.filter((c) => present(path(c, 'inferenceConfiguration.maximumLength')));
  const chosen = withMax.find((c) => exactString(prop(c, 'promptType')) === 'ORCHESTRATION') ?? withMax[0];
  return chosen ? path(chosen, 'inferenceConfiguration.maximumLength')! : null;
}

function inlineAgentFacts(input: Value | undefined): Facts {
  const prompt: PromptSource[] = [...system(prop(input, 'instruction'))];
  messagesPrompt(path(input, 'inlineSessionState.conversationHistory.messages'), prompt);
  prompt.push(...user(prop(input, 'inputText')));
  const groups = prop(input, 'actionGroups');
  return {
    model: modelFrom(prop(input, 'foundationModel')),
    prompt,
    maxOutput: { value: orchestrationMax(input), option: 'promptOverrideConfiguration.promptConfigurations[].inferenceConfiguration.maximumLength' },
    tools: present(groups) ? countItems(groups) : 0,
    maxSteps: unknown(AGENT_LOOP),
  };
}

/** What a flow is given: each input's document goes to the flow's input node. */
function flowPrompt(input: Value | undefined): PromptSource[] {
  const inputs = prop(input, 'inputs');
  if (!present(inputs)) return [];
  if (inputs.k !== 'arr') return [{ role: 'user', value: inputs }];
  return inputs.items.flatMap((i) => user(path(i, 'content.document')));
}

/** Agentic retrieval messages carry one `content: { text }` each. */
function agenticPrompt(input: Value | undefined): PromptSource[] {
  const messages = prop(input, 'messages');
  if (!present(messages)) return [];
  if (messages.k !== 'arr') return [{ value: messages.k === 'unknown' ? { ...messages, hint: messages.hint ?? 'history' } : messages }];
  return messages.items.flatMap((m): PromptSource[] => {
    const text = path(m, 'content.text');
    return present(text) ? [{ role: exactString(prop(m, 'role')) ?? undefined, value: text }] : [];
  });
}

function facts(style: Style, input: Value | undefined): Facts {
  switch (style) {
    case 'rag':
      return ragFacts(input);
    case 'agent':
      return { model: null, modelReason: "the agent's foundation model (set where the agent was created)", prompt: user(prop(input, 'inputText')), maxOutput: NO_MAX, tools: null, maxSteps: unknown(AGENT_LOOP) };
    case 'inlineAgent':
      return inlineAgentFacts(input);
    case 'flow':
      return { model: null, modelReason: "the models of the flow's prompt nodes (set where the flow was created)", prompt: flowPrompt(input), maxOutput: NO_MAX, tools: null };
    case 'optimize':
      return { model: modelFrom(prop(input, 'targetModelId'), OPTIMIZE_NOTE), prompt: user(path(input, 'input.textPrompt.text')), maxOutput: NO_MAX, tools: 0 };
    case 'rerank': {
      const sources = prop(input, 'sources');
      const docs: PromptSource[] = present(sources) ? [{ value: unknown('the documents to rerank', 'sources', 'document') }] : [];
      const queries = prop(input, 'queries');
      const texts = present(queries) && queries.k === 'arr' ? queries.items.flatMap((q) => user(path(q, 'textQuery.text'))) : user(queries);
      const documents = documentCount(sources);
      return { model: modelFrom(path(input, 'rerankingConfiguration.bedrockRerankingConfiguration.modelConfiguration.modelArn')), prompt: [...texts, ...docs], maxOutput: NO_MAX, tools: null, ...(documents ? { documents } : {}) };
    }
    case 'query':
      return { model: null, modelReason: 'a model Bedrock picks to write the SQL (billed per query as structured data retrieval)', prompt: user(path(input, 'queryGenerationInput.text')), maxOutput: NO_MAX, tools: 0 };
    case 'agenticRetrieve': {
      const config = prop(input, 'agenticRetrieveConfiguration');
      const iterations = prop(config, 'maxAgentIteration');
      return {
        model: modelFrom(path(config, 'foundationModelConfiguration.bedrockFoundationModelConfiguration.modelConfiguration.modelArn')),
        modelReason: 'a model Bedrock manages for agentic retrieval (no foundationModelConfiguration given)',
        prompt: agenticPrompt(input),
        maxOutput: NO_MAX,
        tools: null,
        maxSteps: present(iterations) ? iterations : unknown('agentic retrieval iterates until it has enough results (maxAgentIteration not set)'),
      };
    }
  }
}

export function matchAgentRuntime(callee: SdkValue, ctx: MatchContext): Detection | null {
  const op = findOperation(callee, ctx, SURFACE);
  if (!op) return null;
  const { spec, inputArg } = op;
  const input = inputArg && !inputArg.spread ? ctx.ev.argValue(inputArg) : undefined;
  const clientOpts = argValue(ctx.ev, splitAtNew(callee)!.ctorArgs, 0);
  const f = facts(spec.style, input);
  return {
    provider: 'bedrock',
    sdk: 'aws-bedrock-agent-runtime',
    api: spec.api,
    kind: spec.kind,
    gateway: null,
    baseURL: prop(clientOpts, 'endpoint') ?? null,
    streaming: !!spec.streaming,
    serviceTier: null,
    tags: profileTags(f.model),
    ...f,
    modelReason: f.model ? undefined : f.modelReason,
  };
}
