import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/bedrock');
const bySdk = (sdk: string) => summarize({ ...result, callSites: result.callSites.filter((s) => s.sdk === sdk) });

test('bedrock: every inference command, through send and the aggregated client, shared clients, classes, CJS and TSX', () => {
  assert.deepEqual(bySdk('aws-bedrock-runtime'), [
    {at: "features/aggregated.ts:6:3", provider: "bedrock", api: "Converse", kind: "chat", model: "eu.amazon.nova-pro-v1:0"},
    {at: "features/aggregated.ts:9:3", provider: "bedrock", api: "InvokeModel", kind: "chat", model: "mistral.mistral-large-2402-v1:0"},
    {at: "features/aggregated.ts:11:44", provider: "bedrock", api: "ConverseStream", kind: "chat", model: "cohere.command-r-plus-v1:0"},
    {at: "features/aliased.ts:7:36", provider: "bedrock", api: "Converse", kind: "chat", model: "meta.llama3-1-8b-instruct-v1:0"},
    {at: "features/aliased.ts:9:44", provider: "bedrock", api: "Converse", kind: "chat", model: "mistral.mistral-small-2402-v1:0"},
    {at: "features/converse.ts:8:10", provider: "bedrock", api: "Converse", kind: "chat", model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0", tags: ["team=billing (bedrock.requestMetadata)", "user=* (bedrock.requestMetadata)"]},
    {at: "features/converse.ts:27:21", provider: "bedrock", api: "ConverseStream", kind: "chat", model: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6", tags: ["inference-profile=arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6 (bedrock.application-inference-profile, bill)"]},
    {at: "features/extra.ts:11:10", provider: "bedrock", api: "InvokeModelWithBidirectionalStream", kind: "audio", model: "amazon.nova-sonic-v1:0"},
    {at: "features/extra.ts:15:10", provider: "bedrock", api: "StartAsyncInvoke", kind: "other", model: "amazon.nova-reel-v1:0", tags: ["project=ads (bedrock.asyncInvoke.tags)"]},
    {at: "features/invoke.ts:11:10", provider: "bedrock", api: "InvokeModel", kind: "chat", model: "anthropic.claude-3-haiku-20240307-v1:0"},
    {at: "features/invoke.ts:16:10", provider: "bedrock", api: "InvokeModel", kind: "chat", model: "amazon.titan-text-express-v1"},
    {at: "features/invoke.ts:21:10", provider: "bedrock", api: "InvokeModelWithResponseStream", kind: "chat", model: "meta.llama3-70b-instruct-v1:0"},
    {at: "features/invoke.ts:30:10", provider: "bedrock", api: "InvokeModel", kind: "embedding", model: "amazon.titan-embed-text-v2:0"},
    {at: "features/invoke.ts:34:10", provider: "bedrock", api: "InvokeModel", kind: "image", model: "amazon.nova-canvas-v1:0"},
    {at: "features/legacy.cjs:6:10", provider: "bedrock", api: "Converse", kind: "chat", model: "amazon.titan-text-lite-v1"},
    {at: "features/service.ts:7:12", provider: "bedrock", api: "Converse", kind: "chat", model: "anthropic.claude-3-5-haiku-20241022-v1:0"},
    {at: "features/service.ts:15:12", provider: "bedrock", api: "Converse", kind: "chat", model: "amazon.nova-micro-v1:0"},
    {at: "features/service.ts:23:33", provider: "bedrock", api: "Converse", kind: "chat", model: "amazon.nova-lite-v1:0"},
    {at: "features/service.ts:26:10", provider: "bedrock", api: "InvokeModel", kind: "chat", model: "ai21.jamba-1-5-mini-v1:0"},
    {at: "features/service.ts:33:10", provider: "bedrock", api: "Converse", kind: "chat", model: "deepseek.r1-v1:0"},
    {at: "features/ui.tsx:5:33", provider: "bedrock", api: "Converse", kind: "chat", model: "amazon.nova-micro-v1:0"},
    {at: "features/wrapper.ts:5:10", provider: "bedrock", api: "Converse", kind: "chat", model: ["amazon.nova-lite-v1:0", "us.amazon.nova-pro-v1:0"]},
  ]);
});

test('bedrock agent runtime: knowledge bases, agents, flows and prompt tools, through send and the aggregated client', () => {
  const agentModel = "?the agent's foundation model (set where the agent was created)";
  const flowModel = "?the models of the flow's prompt nodes (set where the flow was created)";
  const profile = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/kb7support';
  assert.deepEqual(bySdk('aws-bedrock-agent-runtime'), [
    {at: "features/agent-legacy.cjs:6:41", provider: "bedrock", api: "InvokeAgent", kind: "chat", model: agentModel},
    {at: "features/agent-legacy.cjs:7:46", provider: "bedrock", api: "InvokeAgent", kind: "chat", model: agentModel},
    {at: "features/agents.ts:14:12", provider: "bedrock", api: "InvokeAgent", kind: "chat", model: agentModel},
    {at: "features/agents.ts:19:10", provider: "bedrock", api: "InvokeInlineAgent", kind: "chat", model: "anthropic.claude-3-5-sonnet-20240620-v1:0"},
    {at: "features/agents.ts:41:10", provider: "bedrock", api: "InvokeFlow", kind: "chat", model: flowModel},
    {at: "features/agents.ts:45:10", provider: "bedrock", api: "StartFlowExecution", kind: "chat", model: flowModel},
    {at: "features/kb-wrapper.ts:5:10", provider: "bedrock", api: "RetrieveAndGenerate", kind: "chat", model: ["amazon.nova-lite-v1:0", "anthropic.claude-3-haiku-20240307-v1:0"]},
    {at: "features/knowledge.ts:8:10", provider: "bedrock", api: "RetrieveAndGenerate", kind: "chat", model: "anthropic.claude-3-sonnet-20240229-v1:0"},
    {at: "features/knowledge.ts:38:10", provider: "bedrock", api: "RetrieveAndGenerateStream", kind: "chat", model: "amazon.nova-pro-v1:0"},
    {at: "features/knowledge.ts:42:10", provider: "bedrock", api: "RetrieveAndGenerate", kind: "chat", model: profile, tags: [`inference-profile=${profile} (bedrock.application-inference-profile, bill)`]},
    {at: "features/knowledge.ts:57:10", provider: "bedrock", api: "RetrieveAndGenerate", kind: "chat", model: "us.anthropic.claude-3-5-haiku-20241022-v1:0"},
    {at: "features/prompt-tools.ts:5:43", provider: "bedrock", api: "OptimizePrompt", kind: "chat", model: "anthropic.claude-3-haiku-20240307-v1:0"},
    {at: "features/prompt-tools.ts:8:10", provider: "bedrock", api: "Rerank", kind: "other", model: "amazon.rerank-v1:0"},
    {at: "features/prompt-tools.ts:19:3", provider: "bedrock", api: "GenerateQuery", kind: "chat", model: "?a model Bedrock picks to write the SQL (billed per query as structured data retrieval)"},
    {at: "features/prompt-tools.ts:22:3", provider: "bedrock", api: "AgenticRetrieveStream", kind: "chat", model: "amazon.nova-lite-v1:0"},
    {at: "features/prompt-tools.ts:33:3", provider: "bedrock", api: "AgenticRetrieveStream", kind: "chat", model: "?a model Bedrock manages for agentic retrieval (no foundationModelConfiguration given)"},
    {at: "features/prompt-tools.ts:36:3", provider: "bedrock", api: "RetrieveAndGenerate", kind: "chat", model: "amazon.nova-micro-v1:0"},
  ]);
});

test('bedrock agent runtime: RetrieveAndGenerate reads the model ARN, query, template and max tokens, and notes the query embedding', () => {
  const kb = site(result, 'features/knowledge.ts:8:10');
  assert.deepEqual(kb.model, { status: 'exact', value: 'anthropic.claude-3-sonnet-20240229-v1:0', notes: ["retrieval also bills the knowledge base's embedding model for the query"] });
  assert.deepEqual(kb.prompt, [
    { type: 'text', text: 'Answer only from these results: $search_results$', role: 'system', source: { file: 'features/knowledge.ts', line: 4 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(kb.options.maxOutputTokens, { status: 'exact', value: '700' });
  assert.equal(kb.options.maxOutputOption, 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.generationConfiguration.inferenceConfig.textInferenceConfig.maxTokens');
  assert.equal(kb.options.streaming, false);
  assert.deepEqual(kb.baseURL, { status: 'exact', value: 'https://bedrock-agent-runtime.us-east-1.amazonaws.com' });
  const files = site(result, 'features/knowledge.ts:38:10');
  // Documents sent along are not embedded into a knowledge base: no embedding note.
  assert.deepEqual(files.model, { status: 'exact', value: 'amazon.nova-pro-v1:0' });
  assert.equal(files.options.streaming, true);
  assert.deepEqual(files.options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.equal(files.options.maxOutputOption, 'retrieveAndGenerateConfiguration.externalSourcesConfiguration.generationConfiguration.inferenceConfig.textInferenceConfig.maxTokens');
  assert.deepEqual(files.prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}}`)), ['Using the attached contract: ', '{question}']);
});

test('bedrock agent runtime: a knowledge-base wrapper lists the model ARN each caller passes', () => {
  const s = site(result, 'features/kb-wrapper.ts:5:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model })),
    [
      { at: 'features/kb-callers.tsx:4:33', fn: 'HelpButton', model: { status: 'exact', value: 'anthropic.claude-3-haiku-20240307-v1:0', notes: ["retrieval also bills the knowledge base's embedding model for the query"] } },
      { at: 'features/kb-callers.tsx:7:43', fn: 'plainLookup', model: { status: 'exact', value: 'amazon.nova-lite-v1:0', notes: ['default of parameter `modelArn`'] } },
    ],
  );
});

test('bedrock agent runtime: agents loop with no step bound; an inline agent names its model, instruction and action groups', () => {
  const agent = site(result, 'features/agents.ts:14:12');
  assert.deepEqual(agent.prompt, [{ type: 'placeholder', name: 'text', expression: 'text', role: 'user' }]);
  assert.equal(agent.options.streaming, true);
  assert.equal(agent.options.tools, null);
  assert.deepEqual(agent.options.maxSteps, { status: 'unknown', reason: 'an agent loops over its action groups and knowledge bases until it answers' });
  const inline = site(result, 'features/agents.ts:19:10');
  assert.deepEqual(inline.prompt, [
    { type: 'text', text: 'You are a travel agent. Book only refundable fares.', role: 'system', source: { file: 'features/agents.ts', line: 23 } },
    { type: 'placeholder', name: 'history', expression: 'history', hint: 'history' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.equal(inline.options.tools, 2);
  assert.deepEqual(inline.options.maxOutputTokens, { status: 'exact', value: '2048' });
  assert.equal(inline.options.maxOutputOption, 'promptOverrideConfiguration.promptConfigurations[].inferenceConfiguration.maximumLength');
  assert.deepEqual(inline.options.maxSteps, agent.options.maxSteps);
  const flow = site(result, 'features/agents.ts:45:10');
  assert.deepEqual(flow.prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}}`)), ['Draft a post about ', '{topic}']);
  assert.equal(flow.options.streaming, false);
  assert.equal(site(result, 'features/agents.ts:41:10').options.streaming, true);
});

test('bedrock agent runtime: OptimizePrompt, Rerank, GenerateQuery and agentic retrieval', () => {
  const optimize = site(result, 'features/prompt-tools.ts:5:43');
  assert.deepEqual(optimize.model.status === 'exact' && optimize.model.notes, ['the model the prompt is rewritten for; the rewrite is billed as prompt optimization']);
  assert.deepEqual(optimize.prompt, [{ type: 'placeholder', name: 'draft', expression: 'draft', role: 'user' }]);
  assert.equal(optimize.options.streaming, true);
  const rerank = site(result, 'features/prompt-tools.ts:8:10');
  assert.deepEqual(rerank.prompt, [
    { type: 'placeholder', name: 'query', expression: 'query', role: 'user' },
    { type: 'placeholder', name: 'sources', expression: 'sources', hint: 'document' },
  ]);
  assert.deepEqual(site(result, 'features/prompt-tools.ts:19:3').prompt, [{ type: 'placeholder', name: 'question', expression: 'question', role: 'user' }]);
  const agentic = site(result, 'features/prompt-tools.ts:22:3');
  assert.deepEqual(agentic.options.maxSteps, { status: 'exact', value: '4' });
  assert.deepEqual(agentic.prompt, [{ type: 'placeholder', name: 'question', expression: 'question', role: 'user' }]);
  assert.deepEqual(site(result, 'features/prompt-tools.ts:33:3').options.maxSteps, { status: 'unknown', reason: 'agentic retrieval iterates until it has enough results (maxAgentIteration not set)' });
});

test('bedrock: near misses are not call sites (S3 and control-plane send, foreign commands, mocks, comments, strings)', () => {
  // Also Retrieve, agent memory, CreateAgent, and commands sent to the other runtime's client.
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('bedrock: ApplyGuardrail, CountTokens and GetAsyncInvoke run no model inference', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/extra.ts').map((s) => s.api), ['InvokeModelWithBidirectionalStream', 'StartAsyncInvoke']);
});

test('bedrock: Converse reads system blocks, messages, inferenceConfig, tools, thinking and cache points', () => {
  const s = site(result, 'features/converse.ts:8:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You are a billing assistant for Acme.', role: 'system', source: { file: 'features/converse.ts', line: 4 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '512' });
  assert.equal(s.options.maxOutputOption, 'inferenceConfig.maxTokens');
  assert.equal(s.options.tools, 1);
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: '1024' });
  assert.equal(s.options.cacheControl, true);
  assert.equal(s.options.streaming, false);
  const stream = site(result, 'features/converse.ts:27:21');
  assert.equal(stream.options.streaming, true);
  assert.deepEqual(stream.options.serviceTier, { status: 'exact', value: 'flex' });
  assert.deepEqual(stream.prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}}`)), ['Write about ', '{topic}', '{image}']);
});

test('bedrock: InvokeModel reads the stringified native body of each model family', () => {
  const claude = site(result, 'features/invoke.ts:11:10');
  assert.deepEqual(claude.prompt, [
    { type: 'text', text: 'Answer in one sentence.', role: 'system', source: { file: 'features/invoke.ts', line: 8 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(claude.options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.equal(claude.options.maxOutputOption, 'body.max_tokens');
  assert.equal(claude.options.cacheControl, true);
  const titan = site(result, 'features/invoke.ts:16:10');
  assert.deepEqual(titan.prompt, [{ type: 'text', text: 'Summarize the quarterly report.', role: 'user', source: { file: 'features/invoke.ts', line: 15 } }]);
  assert.deepEqual(titan.options.maxOutputTokens, { status: 'exact', value: '200' });
  assert.equal(titan.options.maxOutputOption, 'body.textGenerationConfig.maxTokenCount');
  const llama = site(result, 'features/invoke.ts:21:10');
  assert.equal(llama.options.maxOutputOption, 'body.max_gen_len');
  assert.deepEqual(llama.options.maxOutputTokens, { status: 'exact', value: '128' });
  assert.equal(llama.options.streaming, true);
  assert.deepEqual(site(result, 'features/invoke.ts:30:10').prompt, [{ type: 'placeholder', name: 'doc', expression: 'doc', role: 'user' }]);
  assert.deepEqual(site(result, 'features/aggregated.ts:9:3').options.maxOutputTokens, { status: 'exact', value: '400' });
  const opaque = site(result, 'features/service.ts:26:10');
  assert.deepEqual(opaque.prompt.map((p) => p.type === 'placeholder' && p.hint), ['document']);
  const video = site(result, 'features/extra.ts:15:10');
  assert.deepEqual(video.prompt, [{ type: 'text', text: 'waves on a beach', role: 'user', source: { file: 'features/extra.ts', line: 18 } }]);
  assert.equal(video.options.maxOutputOption, 'modelInput.max_tokens');
});

test('bedrock: the client endpoint is reported as the base URL', () => {
  assert.deepEqual(site(result, 'features/service.ts:7:12').baseURL, { status: 'exact', value: 'https://bedrock-runtime.us-west-2.amazonaws.com' });
});

test('bedrock: a wrapper lists its callers with what each passes', () => {
  const s = site(result, 'features/wrapper.ts:5:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:3:43', fn: 'headline', model: { status: 'exact', value: 'us.amazon.nova-pro-v1:0' }, max: { status: 'exact', value: '40' } },
      { at: 'features/callers.ts:4:40', fn: 'plain', model: { status: 'exact', value: 'amazon.nova-lite-v1:0', notes: ['default of parameter `model`'] }, max: undefined },
    ],
  );
});
