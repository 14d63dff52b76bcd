import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize, tagShort } from '../helpers';

const result = scanFixture('providers/anthropic');

test('anthropic: every request-sending call, through shared clients, classes, factories, clouds, CJS and JSX', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/agent.ts:7:20", provider: "anthropic", api: "beta.messages.toolRunner", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/agent.ts:18:12", provider: "anthropic", api: "beta.messages.toolRunner", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/agent.ts:28:11", provider: "anthropic", api: "beta.messages.create", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/agent.ts:35:11", provider: "anthropic", api: "beta.messages.stream", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/agent.ts:36:11", provider: "anthropic", api: "beta.messages.parse", kind: "chat", model: "claude-haiku-4-5", tags: ["user_profile=uprof_acme (anthropic.user_profile_id)"]},
    {at: "features/batches.ts:6:9", provider: "anthropic", api: "messages.batches.create", kind: "batch", model: ["claude-haiku-4-5", "claude-sonnet-4-5"], tags: ["user=batch-bot (anthropic.metadata.user_id)"]},
    {at: "features/batches.ts:12:9", provider: "anthropic", api: "beta.messages.batches.create", kind: "batch", model: "?models are named in each batch request's params, built at run time"},
    {at: "features/chat.ts:8:10", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5", tags: ["team=support (helicone.header.client)", "user=* (anthropic.metadata.user_id)"]},
    {at: "features/chat.ts:19:10", provider: "anthropic", api: "messages.stream", kind: "chat", model: "claude-sonnet-4-5", tags: ["team=support (helicone.header.client)"]},
    {at: "features/chat.ts:28:10", provider: "anthropic", api: "messages.parse", kind: "chat", model: "claude-haiku-4-5", tags: ["feature=extract (litellm.header)", "team=support (helicone.header.client)", "user=extractor (helicone.header)"]},
    {at: "features/chat.ts:45:10", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-opus-4-1", tags: ["team=support (helicone.header.client)"]},
    {at: "features/clouds.ts:15:9", provider: "bedrock", api: "messages.create", kind: "chat", model: "anthropic.claude-3-5-sonnet-20241022-v2:0"},
    {at: "features/clouds.ts:16:9", provider: "google-vertex", api: "messages.stream", kind: "chat", model: "claude-sonnet-4-5@20250929", tags: ["project=acme-ml (vertex.projectId, bill)"]},
    {at: "features/clouds.ts:17:9", provider: "google-vertex", api: "beta.messages.create", kind: "chat", model: "claude-haiku-4-5@20251001", tags: ["project=acme-ml (vertex.projectId, bill)"]},
    {at: "features/clouds.ts:18:9", provider: "azure-foundry", api: "messages.create", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/clouds.ts:19:9", provider: "bedrock", api: "beta.messages.create", kind: "chat", model: "anthropic.claude-haiku-4-5"},
    {at: "features/clouds.ts:20:9", provider: "anthropic-aws", api: "messages.create", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/clouds.ts:21:9", provider: "anthropic-google-cloud", api: "messages.batches.create", kind: "batch", model: "claude-haiku-4-5"},
    {at: "features/factory.ts:13:39", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/factory.ts:16:10", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/factory.ts:21:10", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-opus-4-1"},
    {at: "features/gateways.ts:17:9", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5", tags: ["feature=drafts (helicone.header.client)"]},
    {at: "features/gateways.ts:18:9", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/gateways.ts:19:9", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5", tags: ["team=platform (portkey.header.client)", "user=svc (portkey.header.client)"]},
    {at: "features/gateways.ts:20:9", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/gateways.ts:21:9", provider: "deepseek", api: "messages.create", kind: "chat", model: "deepseek-chat"},
    {at: "features/gateways.ts:22:9", provider: "anthropic-compatible", api: "messages.create", kind: "chat", model: "my-model"},
    {at: "features/gateways.ts:23:9", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5", tags: ["feature=drafts (helicone.header.client)", "user=ops (helicone.header.client)"]},
    {at: "features/legacy.cjs:7:10", provider: "anthropic", api: "completions.create", kind: "chat", model: "claude-2.1"},
    {at: "features/sessions.ts:9:9", provider: "anthropic", api: "beta.sessions.events.send", kind: "chat", model: "?the agent's model (set where the agent was created, not in this call)"},
    {at: "features/ui.tsx:7:28", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/wrapper.ts:4:10", provider: "anthropic", api: "messages.create", kind: "chat", model: ["claude-haiku-4-5", "claude-sonnet-4-5"], tags: ["team=support (helicone.header.client)"]},
  ]);
});

test('anthropic: near misses are not call sites (local create, twilio messages, mocks, comments, strings, type imports)', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file.startsWith('nearmiss/')),
    [],
  );
  assert.deepEqual(result.warnings, []);
});

test('anthropic: token counting, batch reads, models, files, agents and sessions setup are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/batches.ts').map((s) => s.line), [6, 12]);
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/sessions.ts').map((s) => s.line), [9]);
});

test('anthropic: system string and system blocks are the system prompt; history and images are placeholders', () => {
  const s = site(result, 'features/chat.ts:8:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You are a support agent for Acme. Answer briefly.', role: 'system', source: { file: 'features/chat.ts', line: 5 } },
    { type: 'placeholder', name: 'history', expression: '...history', hint: 'history' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.model, { status: 'exact', value: 'claude-haiku-4-5', notes: ['default when process.env.CLAUDE_MODEL is unset'] });
  assert.equal(s.id, 'features/chat.ts#answer#messages.create#0');
  assert.deepEqual(site(result, 'features/chat.ts:28:10').prompt, [
    { type: 'text', text: 'Extract the order number.', role: 'system', source: { file: 'features/chat.ts', line: 32 } },
    { type: 'placeholder', name: 'text', expression: 'text', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'features/chat.ts:45:10').prompt, [
    { type: 'placeholder', name: 'image', expression: 'image', role: 'user', hint: 'document' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
});

test('anthropic: legacy completions read max_tokens_to_sample and know the HUMAN_PROMPT / AI_PROMPT markers', () => {
  const s = site(result, 'features/legacy.cjs:7:10');
  assert.equal(s.options.maxOutputOption, 'max_tokens_to_sample');
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.deepEqual(s.prompt, [
    { type: 'text', text: '\n\nHuman: ', role: 'user' },
    { type: 'placeholder', name: 'text', expression: 'text', role: 'user' },
    { type: 'text', text: '\n\nAssistant:', role: 'user' },
  ]);
  assert.equal(s.function, 'complete');
});

test('anthropic: options: max_tokens, streaming, tools, thinking budget, effort, cache_control, service tier', () => {
  const answer = site(result, 'features/chat.ts:8:10').options;
  assert.equal(answer.maxOutputOption, 'max_tokens');
  assert.deepEqual(answer.maxOutputTokens, { status: 'exact', value: '1024' });
  assert.deepEqual(answer.serviceTier, { status: 'exact', value: 'standard_only' });
  assert.equal(answer.streaming, false);
  assert.equal(answer.cacheControl, false);
  assert.equal(answer.tools, 0);

  const explain = site(result, 'features/chat.ts:19:10').options;
  assert.equal(explain.streaming, true);
  assert.deepEqual(explain.reasoning, { status: 'exact', value: '2048' });

  assert.equal(site(result, 'features/chat.ts:28:10').options.cacheControl, true);
  const tools = site(result, 'features/chat.ts:45:10').options;
  assert.equal(tools.tools, 2);
  assert.equal(tools.streaming, true);

  assert.deepEqual(site(result, 'features/agent.ts:28:11').options.reasoning, { status: 'exact', value: 'low' });
  assert.equal(site(result, 'features/agent.ts:35:11').options.cacheControl, true);
  assert.equal(site(result, 'features/agent.ts:35:11').options.streaming, true);
});

test('anthropic: the tool runner is an agent loop bounded by max_iterations', () => {
  const bounded = site(result, 'features/agent.ts:7:20');
  assert.deepEqual(bounded.options.maxSteps, { status: 'exact', value: '5' });
  assert.equal(bounded.options.tools, null);
  assert.equal(bounded.function, 'Researcher.research');
  const open = site(result, 'features/agent.ts:18:12');
  assert.deepEqual(open.options.maxSteps, { status: 'unknown', reason: 'the tool runner loops until the model stops calling tools (no max_iterations set)' });
  assert.equal(open.options.streaming, true);
  assert.equal(open.options.tools, 0);
  assert.deepEqual(site(result, 'features/sessions.ts:9:9').options.maxSteps, { status: 'unknown', reason: 'a managed-agent session works until the agent decides it is done' });
  assert.deepEqual(site(result, 'features/sessions.ts:9:9').prompt, [{ type: 'placeholder', name: 'task', expression: 'task', role: 'user' }]);
});

test('anthropic: batches read every request: models, prompts, max_tokens and tags', () => {
  const s = site(result, 'features/batches.ts:6:9');
  assert.equal(s.options.batch, true);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '200' });
  assert.equal(s.options.tools, 0);
  assert.deepEqual(s.prompt.map((p) => (p.type === 'text' ? p.text : p.expression)), ['Summarize ticket A', 'Summarize ticket B']);
  const mapped = site(result, 'features/batches.ts:12:9');
  assert.equal(mapped.options.tools, null);
  assert.equal(mapped.confidence, 'low');
});

test('anthropic: a baseURL names the gateway; the model names who it forwards to', () => {
  assert.equal(site(result, 'features/gateways.ts:17:9').gateway, 'helicone');
  assert.equal(site(result, 'features/gateways.ts:18:9').gateway, 'cloudflare-ai-gateway');
  assert.equal(site(result, 'features/gateways.ts:19:9').gateway, 'portkey');
  assert.equal(site(result, 'features/gateways.ts:20:9').gateway, 'litellm');
  assert.equal(site(result, 'features/gateways.ts:21:9').gateway, null);
  assert.deepEqual(site(result, 'features/gateways.ts:22:9').baseURL, { status: 'unknown', reason: 'set by environment variable CLAUDE_PROXY_URL at run time, with no default in the code' });
  assert.equal(site(result, 'features/gateways.ts:23:9').gateway, 'helicone');
  assert.equal(site(result, 'features/chat.ts:8:10').gateway, null);
});

test('anthropic: cloud clients report their own sdk and keep the cloud as provider', () => {
  const sdks = result.callSites.filter((s) => s.file === 'features/clouds.ts').map((s) => `${s.sdk}:${s.provider}`);
  assert.deepEqual(sdks, [
    'anthropic-bedrock:bedrock',
    'anthropic-vertex:google-vertex',
    'anthropic-vertex:google-vertex',
    'anthropic-foundry:azure-foundry',
    'anthropic-bedrock:bedrock',
    'anthropic-aws:anthropic-aws',
    'anthropic-google-cloud:anthropic-google-cloud',
  ]);
  assert.deepEqual(site(result, 'features/clouds.ts:16:9').tags.map(tagShort), ['project=acme-ml (vertex.projectId, bill)']);
});

test('anthropic: tags from metadata.user_id never reach the bill; dynamic values stay dynamic', () => {
  const [user] = site(result, 'features/chat.ts:8:10').tags.filter((t) => t.mechanism === 'anthropic.metadata.user_id');
  assert.deepEqual(user, { key: 'user', value: null, dynamic: true, mechanism: 'anthropic.metadata.user_id', reachesBill: false });
});

test('anthropic: a wrapper lists its callers with what each passes', () => {
  const s = site(result, 'features/wrapper.ts:4:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:3:40', fn: 'title', model: { status: 'exact', value: 'claude-sonnet-4-5' }, max: { status: 'exact', value: '30' } },
      {
        at: 'features/callers.ts:4:39',
        fn: 'body',
        model: { status: 'exact', value: 'claude-haiku-4-5', notes: ['default of parameter `model`'] },
        max: { status: 'exact', value: '512', notes: ['default of parameter `maxTokens`'] },
      },
    ],
  );
  assert.deepEqual(s.options.maxOutputTokens, { status: 'oneOf', values: ['30', '512'], notes: ['default of parameter `maxTokens`'] });
});
