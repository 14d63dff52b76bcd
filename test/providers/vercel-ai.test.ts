import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/vercel-ai');

test('vercel-ai: every request-sending call, with the provider taken from the model', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/agents.ts:23:9", provider: "openai", api: "Experimental_Agent.generate", kind: "chat", model: "gpt-5"},
    {at: "features/agents.ts:24:10", provider: "anthropic", api: "ToolLoopAgent.stream", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/agents.ts:31:12", provider: "anthropic", api: "ToolLoopAgent.generate", kind: "chat", model: "anthropic/claude-sonnet-4"},
    {at: "features/agents.ts:36:10", provider: "anthropic", api: "ToolLoopAgent.generate", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/agents.ts:43:10", provider: "anthropic", api: "createAgentUIStreamResponse", kind: "chat", model: "claude-haiku-4-5"},
    {at: "features/chooser.ts:6:10", provider: "multiple", api: "streamText", kind: "chat", model: ["accounts/fireworks/models/deepseek-r1", "claude-3-7-sonnet-20250219", "deepseek-r1-distill-llama-70b"]},
    {at: "features/chooser.ts:10:9", provider: "anthropic", api: "generateText", kind: "chat", model: "claude-3-7-sonnet-20250219"},
    {at: "features/chooser.ts:11:9", provider: "multiple", api: "generateText", kind: "chat", model: ["accounts/fireworks/models/deepseek-r1", "claude-3-7-sonnet-20250219"]},
    {at: "features/chooser.ts:12:9", provider: "anthropic", api: "generateText", kind: "chat", model: ["claude-3-5-haiku-latest", "claude-opus-4-1", "claude-sonnet-4-5"]},
    {at: "features/chooser.ts:13:9", provider: "anthropic", api: "generateText", kind: "chat", model: ["claude-3-5-haiku-latest", "claude-opus-4-1"]},
    {at: "features/chooser.ts:14:9", provider: "multiple", api: "generateText", kind: "chat", model: ["gpt-4.1-mini"]},
    {at: "features/chooser.ts:15:9", provider: "anthropic", api: "generateText", kind: "chat", model: "claude-3-haiku-20240307"},
    {at: "features/chooser.ts:16:9", provider: "openai", api: "embed", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/chooser.ts:17:9", provider: "multiple", api: "generateText", kind: "chat", model: "?one of the registered providers: anthropic, openai; the model id is chosen at run time"},
    {at: "features/chooser.ts:18:9", provider: "openai", api: "generateText", kind: "chat", model: "?built at run time from `modelId` (parameter `modelId` of pick()); no callers of pick() found in the scanned files"},
    {at: "features/chooser.ts:19:9", provider: "anthropic", api: "generateText", kind: "chat", model: "?one of the registered providers: anthropic; the model id is chosen at run time"},
    {at: "features/chooser.ts:20:10", provider: "multiple", api: "generateText", kind: "chat", model: "?one of the registered providers: anthropic, fast (groq); the model id is chosen at run time"},
    {at: "features/chooser.ts:24:10", provider: "fireworks", api: "generateText", kind: "chat", model: "accounts/fireworks/models/deepseek-r1"},
    {at: "features/embeddings.ts:6:9", provider: "openai", api: "embed", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/embeddings.ts:7:9", provider: "openai", api: "embedMany", kind: "embedding", model: "text-embedding-3-large"},
    {at: "features/embeddings.ts:8:10", provider: "cohere", api: "embedMany", kind: "embedding", model: "embed-english-v3.0"},
    {at: "features/legacy.cjs:5:26", provider: "openai", api: "generateText", kind: "chat", model: "gpt-3.5-turbo"},
    {at: "features/media.ts:17:9", provider: "openai", api: "generateImage", kind: "image", model: "dall-e-3"},
    {at: "features/media.ts:18:9", provider: "openai", api: "experimental_generateImage", kind: "image", model: "gpt-image-1"},
    {at: "features/media.ts:19:9", provider: "openai", api: "generateSpeech", kind: "audio", model: "gpt-4o-mini-tts"},
    {at: "features/media.ts:20:9", provider: "openai", api: "experimental_generateSpeech", kind: "audio", model: "tts-1"},
    {at: "features/media.ts:21:9", provider: "openai", api: "transcribe", kind: "audio", model: "whisper-1"},
    {at: "features/media.ts:22:9", provider: "groq", api: "experimental_transcribe", kind: "audio", model: "whisper-large-v3"},
    {at: "features/media.ts:23:9", provider: "cohere", api: "rerank", kind: "other", model: "rerank-v3.5"},
    {at: "features/media.ts:24:10", provider: "google", api: "experimental_generateVideo", kind: "other", model: "veo-3.0-generate-001"},
    {at: "features/objects.ts:8:10", provider: "google", api: "generateObject", kind: "chat", model: "gemini-2.5-flash", tags: ["team=support (google.labels, bill)"]},
    {at: "features/objects.ts:17:10", provider: "openai", api: "streamObject", kind: "chat", model: "openai/gpt-4o", tags: ["feature=drafts (vercel-ai-gateway.tags)", "user=u-9 (vercel-ai-gateway.user)"]},
    {at: "features/old-ui.jsx:5:27", provider: "mistral", api: "streamUI", kind: "chat", model: "mistral-small-latest"},
    {at: "features/provider-switch.ts:16:43", provider: "google", api: "generateText", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/provider-switch.ts:20:56", provider: "multiple", api: "generateText", kind: "chat", model: ["claude-sonnet-4-5", "gpt-4o-mini"]},
    {at: "features/providers.ts:26:9", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4o", tags: ["user=sid-1 (openai.safety_identifier)"]},
    {at: "features/providers.ts:27:9", provider: "anthropic", api: "generateText", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "features/providers.ts:28:9", provider: "bedrock", api: "generateText", kind: "chat", model: "anthropic.claude-3-5-sonnet-20241022-v2:0"},
    {at: "features/providers.ts:29:9", provider: "azure-openai", api: "generateText", kind: "chat", model: "support-gpt4o"},
    {at: "features/providers.ts:30:9", provider: "groq", api: "generateText", kind: "chat", model: "llama-3.3-70b-versatile", tags: ["user=u-groq (groq.user)"]},
    {at: "features/providers.ts:31:9", provider: "mistral", api: "generateText", kind: "chat", model: "mistral-large-latest"},
    {at: "features/providers.ts:32:9", provider: "xai", api: "generateText", kind: "chat", model: "grok-3"},
    {at: "features/providers.ts:33:9", provider: "deepseek", api: "generateText", kind: "chat", model: "deepseek-chat"},
    {at: "features/providers.ts:34:9", provider: "together", api: "generateText", kind: "chat", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
    {at: "features/providers.ts:35:9", provider: "fireworks", api: "generateText", kind: "chat", model: "accounts/fireworks/models/qwen3-235b-a22b"},
    {at: "features/providers.ts:36:9", provider: "cohere", api: "generateText", kind: "chat", model: "command-r-plus"},
    {at: "features/providers.ts:37:9", provider: "google", api: "generateText", kind: "chat", model: "gemini-2.5-pro", tags: ["env=prod (google.labels, bill)"]},
    {at: "features/providers.ts:38:9", provider: "ollama", api: "generateText", kind: "chat", model: "llama3.1"},
    {at: "features/providers.ts:39:9", provider: "groq", api: "generateText", kind: "chat", model: "llama-3.1-8b-instant", tags: ["team=infra (litellm.header.client)"]},
    {at: "features/providers.ts:40:9", provider: "openai-compatible", api: "generateText", kind: "chat", model: "gpt-4o", tags: ["organization=org-acme (openai.client.organization)"]},
    {at: "features/providers.ts:41:9", provider: "lmstudio", api: "generateText", kind: "chat", model: "qwen2.5-7b-instruct"},
    {at: "features/providers.ts:42:9", provider: "nebius", api: "generateText", kind: "chat", model: "meta-llama/Llama-3.3-70B-Instruct"},
    {at: "features/providers.ts:43:9", provider: "openrouter", api: "generateText", kind: "chat", model: "anthropic/claude-3.5-sonnet", tags: ["user=u-or (openrouter.user)"]},
    {at: "features/providers.ts:44:10", provider: "anthropic", api: "generateText", kind: "chat", model: "claude-3-5-haiku"},
    {at: "features/registry.ts:7:9", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4.1"},
    {at: "features/registry.ts:8:9", provider: "openai", api: "embed", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/registry.ts:9:9", provider: "anthropic", api: "generateText", kind: "chat", model: "claude-3-7-sonnet-latest"},
    {at: "features/registry.ts:10:9", provider: "anthropic", api: "generateText", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/registry.ts:11:9", provider: "openai", api: "generateText", kind: "chat", model: "o4-mini"},
    {at: "features/registry.ts:12:9", provider: "anthropic", api: "streamText", kind: "chat", model: "claude-opus-4-1"},
    {at: "features/registry.ts:13:9", provider: "xai", api: "generateText", kind: "chat", model: "xai/grok-4"},
    {at: "features/registry.ts:14:10", provider: "google", api: "generateText", kind: "chat", model: "google/gemini-2.5-flash", tags: ["user=svc-gw (helicone.header.client)"]},
    {at: "features/renamed.ts:7:24", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/renamed.ts:8:24", provider: "openai", api: "streamText", kind: "chat", model: "gpt-4.1"},
    {at: "features/service.ts:15:12", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/service.ts:20:12", provider: "anthropic", api: "streamText", kind: "chat", model: ["claude-3-5-haiku-latest", "claude-opus-4-1"], tags: ["service=notes (helicone.header.client)"]},
    {at: "features/test-switch.ts:9:10", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/text.ts:9:10", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4o-mini", tags: ["feature=answers (helicone.header)", "functionId=answer (vercel-ai.telemetry.functionId)", "team=search (vercel-ai.telemetry.metadata)", "tenant=acme (openai.metadata)", "user=user-42 (openai.user)"]},
    {at: "features/text.ts:26:10", provider: "anthropic", api: "streamText", kind: "chat", model: "claude-sonnet-4-5", tags: ["user=u-7 (anthropic.metadata.user_id)"]},
    {at: "features/text.ts:38:3", provider: "openai", api: "generateText", kind: "chat", model: "gpt-5-mini", tags: ["project=proj_search (openai.client.project, bill)", "team=search (helicone.header.client)"]},
    {at: "features/ui.tsx:5:24", provider: "openai", api: "streamUI", kind: "chat", model: "gpt-4o"},
    {at: "features/v4.ts:6:9", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4o", tags: ["user=legacy-user (openai.user)"]},
    {at: "features/v4.ts:12:10", provider: "anthropic", api: "streamText", kind: "chat", model: "claude-3-5-sonnet-20241022"},
    {at: "features/v7.ts:5:9", provider: "openai", api: "generateText", kind: "chat", model: "gpt-5.1", tags: ["functionId=planner (vercel-ai.telemetry.functionId)", "team=ops (vercel-ai.telemetry.metadata)"]},
    {at: "features/v7.ts:12:9", provider: "openai", api: "experimental_startTextBatch", kind: "batch", model: "gpt-4.1-mini"},
    {at: "features/v7.ts:19:10", provider: "openai", api: "experimental_streamTranscribe", kind: "audio", model: "gpt-4o-transcribe"},
    {at: "features/wrapper.ts:4:10", provider: "openai", api: "generateText", kind: "chat", model: ["anthropic/claude-sonnet-4", "openai/gpt-4o-mini"]},
    {at: "features/wrapper.ts:8:10", provider: "anthropic", api: "generateText", kind: "chat", model: "claude-3-7-sonnet-latest"},
  ]);
});

test('vercel-ai: near misses are not call sites (local names, other objects, mocks, the SDK test models, comments, strings, model objects, batch results)', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file.startsWith('nearmiss/') || s.file.startsWith('lib/')),
    [],
  );
  assert.deepEqual(result.warnings, []);
});

test('vercel-ai: every call site is reported as sent by the AI SDK', () => {
  assert.deepEqual([...new Set(result.callSites.map((s) => s.sdk))], ['vercel-ai']);
});

test('vercel-ai: system, prompt template, options and tags of a generateText call', () => {
  const s = site(result, 'features/text.ts:9:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You are the search assistant of Acme.', role: 'system', source: { file: 'features/text.ts', line: 6 } },
    { type: 'text', text: 'Question: ', role: 'user' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.options, {
    maxOutputTokens: { status: 'exact', value: '512' },
    maxOutputOption: 'maxOutputTokens',
    streaming: false,
    tools: 2,
    maxSteps: { status: 'exact', value: '5' },
    reasoning: { status: 'exact', value: 'low' },
    cacheControl: false,
    batch: false,
    serviceTier: { status: 'exact', value: 'flex' },
  });
  assert.equal(s.function, 'answer');
  assert.equal(s.id, 'features/text.ts#answer#generateText#0');
  assert.deepEqual(s.tags.find((t) => t.mechanism === 'openai.user'), { key: 'user', value: 'user-42', dynamic: false, mechanism: 'openai.user', reachesBill: false });
});

test('vercel-ai: message-level cache hints, thinking budget and the smallest of several step counts', () => {
  const s = site(result, 'features/text.ts:26:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'Be brief.', role: 'system', source: { file: 'features/text.ts', line: 29 } },
    { type: 'placeholder', name: 'history', expression: '...history', hint: 'history' },
  ]);
  assert.equal(s.options.cacheControl, true);
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: '2048' });
  assert.deepEqual(s.options.maxSteps, { status: 'exact', value: '3' });
  assert.equal(s.options.streaming, true);
  assert.equal(s.options.tools, 0);
});

test('vercel-ai: prompt given as messages with text parts', () => {
  assert.deepEqual(site(result, 'features/text.ts:38:3').prompt, [
    { type: 'text', text: 'Summarize:', role: 'user', source: { file: 'features/text.ts', line: 40 } },
    { type: 'placeholder', name: 'text', expression: 'text', role: 'user' },
  ]);
});

test('vercel-ai: AI SDK 4 option names (maxTokens, maxSteps, model settings, experimental_providerMetadata)', () => {
  const g = site(result, 'features/v4.ts:6:9');
  assert.equal(g.options.maxOutputOption, 'maxTokens');
  assert.deepEqual(g.options.maxOutputTokens, { status: 'exact', value: '256' });
  assert.deepEqual(g.options.maxSteps, { status: 'exact', value: '3' });
  const s = site(result, 'features/v4.ts:12:10');
  assert.equal(s.options.maxOutputOption, 'maxTokens');
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '1024' });
  assert.equal(s.options.cacheControl, true);
  assert.equal(s.options.maxSteps, null);
  // A call without stopWhen or maxSteps makes one step: no bound to report.
  assert.equal(site(result, 'features/providers.ts:26:9').options.maxSteps, null);
});

test('vercel-ai: AI SDK 7 reasoning and telemetry options, isStepCount, text batches', () => {
  const g = site(result, 'features/v7.ts:5:9');
  assert.deepEqual(g.options.reasoning, { status: 'exact', value: 'high' });
  assert.deepEqual(g.options.maxSteps, { status: 'exact', value: '6' });
  const b = site(result, 'features/v7.ts:12:9');
  assert.equal(b.options.batch, true);
  assert.deepEqual(b.options.maxOutputTokens, { status: 'exact', value: '16' });
  assert.deepEqual(
    b.prompt.map((p) => (p.type === 'text' ? p.text : p.expression)),
    ['Classify: refund', 'Classify: shipping'],
  );
  assert.equal(site(result, 'features/v7.ts:19:10').options.streaming, true);
});

test('vercel-ai: Google thinking budget, gateway strings with gateway options', () => {
  assert.deepEqual(site(result, 'features/objects.ts:8:10').options.reasoning, { status: 'exact', value: '1024' });
  const d = site(result, 'features/objects.ts:17:10');
  assert.equal(d.gateway, 'vercel-ai-gateway');
  assert.equal(d.options.streaming, true);
  assert.equal(d.options.cacheControl, true);
  assert.deepEqual(d.prompt, [
    { type: 'text', text: 'Draft a post about ', role: 'user' },
    { type: 'placeholder', name: 'topic', expression: 'topic', role: 'user' },
  ]);
  assert.equal(site(result, 'features/registry.ts:13:9').gateway, 'vercel-ai-gateway');
  assert.equal(site(result, 'features/registry.ts:14:10').gateway, 'vercel-ai-gateway');
  assert.equal(site(result, 'features/registry.ts:7:9').gateway, null);
});

test('vercel-ai: a baseURL on createOpenAI decides the provider; gateways are named', () => {
  assert.deepEqual(site(result, 'features/providers.ts:39:9').baseURL, { status: 'exact', value: 'https://api.groq.com/openai/v1' });
  assert.deepEqual(site(result, 'features/providers.ts:40:9').baseURL, { status: 'unknown', reason: 'set by environment variable LLM_PROXY_URL at run time, with no default in the code' });
  assert.deepEqual(site(result, 'features/providers.ts:41:9').baseURL, { status: 'exact', value: 'http://localhost:1234/v1' });
  const h = site(result, 'features/providers.ts:44:10');
  assert.equal(h.gateway, 'helicone');
  assert.deepEqual(h.baseURL, { status: 'exact', value: 'https://oai.helicone.ai/v1' });
  assert.equal(site(result, 'features/providers.ts:43:9').gateway, null);
});

test('vercel-ai: agents merge constructor settings with call options; step bounds and defaults', () => {
  const r = site(result, 'features/agents.ts:23:9');
  assert.deepEqual(r.prompt, [
    { type: 'text', text: 'You research topics.', role: 'system', source: { file: 'features/agents.ts', line: 10 } },
    { type: 'text', text: 'Research ', role: 'user' },
    { type: 'placeholder', name: 'topic', expression: 'topic', role: 'user' },
  ]);
  assert.deepEqual(r.options.maxSteps, { status: 'exact', value: '12' });
  assert.equal(r.options.tools, 1);
  assert.equal(r.options.streaming, false);
  const s = site(result, 'features/agents.ts:24:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You answer support questions.', role: 'system', source: { file: 'features/agents.ts', line: 17 } },
    { type: 'placeholder', name: 'topic', expression: 'topic', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxSteps, { status: 'exact', value: '20', notes: ['default of ToolLoopAgent (stopWhen: stepCountIs(20))'] });
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '700' });
  assert.equal(s.options.tools, 2);
  assert.equal(s.options.streaming, true);
  assert.deepEqual(site(result, 'features/agents.ts:31:12').options.maxSteps, { status: 'exact', value: '4' });
  const ui = site(result, 'features/agents.ts:43:10');
  assert.equal(ui.options.streaming, true);
  assert.deepEqual(ui.prompt[1], { type: 'placeholder', name: 'messages', expression: 'messages', hint: 'history' });
});

test('vercel-ai: an agent passed as a typed parameter is read at its callers', () => {
  const s = site(result, 'features/agents.ts:36:10');
  assert.deepEqual(s.model, { status: 'exact', value: 'claude-haiku-4-5' });
  assert.deepEqual(s.prompt, [{ type: 'placeholder', name: 'question', expression: 'question', role: 'user' }]);
  assert.deepEqual(s.options.maxSteps, { status: 'unknown', reason: 'the step bound of an agent passed in at run time (set where it is created)' });
  assert.deepEqual(
    s.callers.map((c) => `${c.file}:${c.line}:${c.column} ${c.function}`),
    ['features/agents.ts:39:30 relayed'],
  );
});

test('vercel-ai: a wrapper lists its callers with the model each passes', () => {
  const s = site(result, 'features/wrapper.ts:4:10');
  assert.deepEqual(s.model, { status: 'oneOf', values: ['anthropic/claude-sonnet-4', 'openai/gpt-4o-mini'], notes: ['default of parameter `model`'] });
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:4:40', fn: 'quick', model: { status: 'exact', value: 'openai/gpt-4o-mini', notes: ['default of parameter `model`'] }, max: undefined },
      { at: 'features/callers.ts:5:42', fn: 'careful', model: { status: 'exact', value: 'anthropic/claude-sonnet-4' }, max: { status: 'exact', value: '900' } },
    ],
  );
  const m = site(result, 'features/wrapper.ts:8:10');
  assert.deepEqual(m.model, { status: 'exact', value: 'claude-3-7-sonnet-latest' });
  assert.deepEqual(m.callers.map((c) => `${c.file}:${c.line}:${c.column}`), ['features/callers.ts:6:44']);
});

test('vercel-ai: prompts of embeddings, speech, images and reranking', () => {
  assert.deepEqual(site(result, 'features/embeddings.ts:6:9').prompt, [{ type: 'placeholder', name: 'query', expression: 'query' }]);
  assert.deepEqual(
    site(result, 'features/embeddings.ts:8:10').prompt.map((p) => (p.type === 'text' ? p.text : p.expression)),
    ['a', 'b'],
  );
  assert.deepEqual(site(result, 'features/media.ts:19:9').prompt, [
    { type: 'text', text: 'Speak calmly.', role: 'system', source: { file: 'features/media.ts', line: 19 } },
    { type: 'text', text: 'Hello there', source: { file: 'features/media.ts', line: 19 } },
  ]);
  assert.deepEqual(site(result, 'features/media.ts:17:9').prompt, [{ type: 'text', text: 'A lighthouse at dusk', role: 'user', source: { file: 'features/media.ts', line: 17 } }]);
  assert.deepEqual(site(result, 'features/media.ts:23:9').prompt, [
    { type: 'text', text: 'refund policy', role: 'user', source: { file: 'features/media.ts', line: 23 } },
    { type: 'placeholder', name: 'docs', expression: 'docs' },
  ]);
  assert.equal(site(result, 'features/media.ts:17:9').options.maxOutputOption, '');
});

test('vercel-ai: streamUI from ai/rsc and @ai-sdk/rsc streams', () => {
  assert.equal(site(result, 'features/ui.tsx:5:24').options.streaming, true);
  const old = site(result, 'features/old-ui.jsx:5:27');
  assert.equal(old.options.streaming, true);
  assert.deepEqual(old.prompt[0], { type: 'text', text: 'Answer in one line.', role: 'system', source: { file: 'features/old-ui.jsx', line: 5 } });
});

test('vercel-ai: provider options of other providers: Bedrock cache points, Groq reasoning effort', () => {
  const b = site(result, 'features/providers.ts:28:9');
  assert.equal(b.options.cacheControl, true);
  assert.deepEqual(b.prompt, [{ type: 'placeholder', name: 'prompt', expression: 'prompt', role: 'user' }]);
  assert.deepEqual(site(result, 'features/providers.ts:30:9').options.reasoning, { status: 'exact', value: 'default' });
  assert.equal(site(result, 'features/providers.ts:27:9').options.cacheControl, false);
});

// customProvider maps names to models; a key from the request may pick any of them. One call site has
// one provider string: the shared provider when all registered models agree, else 'multiple' with a
// note per model saying who bills it.
const RUNTIME_KEY = 'one of the models registered in customProvider; the key is known only at run time (parameter `modelId` of pick())';
const NO_CALLERS = 'no callers of pick() found in the scanned files';

test('vercel-ai: customProvider with a key from the request may use any registered model; providers differ', () => {
  const s = site(result, 'features/chooser.ts:6:10');
  assert.equal(s.provider, 'multiple');
  assert.equal(s.gateway, null);
  assert.deepEqual(s.model, {
    status: 'oneOf',
    values: ['accounts/fireworks/models/deepseek-r1', 'claude-3-7-sonnet-20250219', 'deepseek-r1-distill-llama-70b'],
    notes: ['accounts/fireworks/models/deepseek-r1 → fireworks', 'claude-3-7-sonnet-20250219 → anthropic', 'deepseek-r1-distill-llama-70b → groq'],
  });
  assert.equal(s.confidence, 'medium');
  assert.equal(s.options.streaming, true);
  assert.deepEqual(s.prompt, [{ type: 'placeholder', name: 'messages', expression: 'messages', hint: 'history' }]);
});

test('vercel-ai: customProvider literal keys keep resolving to one model; a choice of literal keys names each provider', () => {
  const one = site(result, 'features/chooser.ts:10:9');
  assert.deepEqual(one.model, { status: 'exact', value: 'claude-3-7-sonnet-20250219' });
  assert.equal(one.confidence, 'high');
  const two = site(result, 'features/chooser.ts:11:9');
  assert.equal(two.provider, 'multiple');
  assert.deepEqual(two.model, {
    status: 'oneOf',
    values: ['accounts/fireworks/models/deepseek-r1', 'claude-3-7-sonnet-20250219'],
    notes: ['accounts/fireworks/models/deepseek-r1 → fireworks', 'claude-3-7-sonnet-20250219 → anthropic'],
  });
});

test('vercel-ai: customProvider with a run-time key and one provider: that provider; a template key narrows the keys', () => {
  assert.deepEqual(site(result, 'features/chooser.ts:12:9').model, {
    status: 'oneOf',
    values: ['claude-3-5-haiku-latest', 'claude-opus-4-1', 'claude-sonnet-4-5'],
    notes: [NO_CALLERS, RUNTIME_KEY],
  });
  assert.deepEqual(site(result, 'features/chooser.ts:13:9').model, {
    status: 'oneOf',
    values: ['claude-3-5-haiku-latest', 'claude-opus-4-1'],
    notes: [NO_CALLERS, 'one of the models registered in customProvider; the key is known only at run time (built at run time from `modelId` (parameter `modelId` of pick()))'],
  });
  const e = site(result, 'features/chooser.ts:16:9');
  assert.equal(e.provider, 'openai');
  assert.deepEqual(e.model, { status: 'exact', value: 'text-embedding-3-small', notes: [NO_CALLERS, RUNTIME_KEY] });
});

test('vercel-ai: customProvider with a fallbackProvider: a run-time key may also reach any model of the fallback', () => {
  const s = site(result, 'features/chooser.ts:14:9');
  assert.equal(s.provider, 'multiple');
  assert.deepEqual(s.model, {
    status: 'oneOf',
    values: ['gpt-4.1-mini'],
    notes: [
      'also: any model id of the fallbackProvider, for a key that is not registered; the key is known only at run time (parameter `modelId` of pick())',
      'gpt-4.1-mini → openai',
      NO_CALLERS,
    ],
  });
  const literal = site(result, 'features/chooser.ts:15:9');
  assert.equal(literal.provider, 'anthropic');
  assert.deepEqual(literal.model, { status: 'exact', value: 'claude-3-haiku-20240307' });
});

test('vercel-ai: createProviderRegistry with a run-time id lists the registered providers; the model stays unknown', () => {
  const both = site(result, 'features/chooser.ts:17:9');
  assert.equal(both.provider, 'multiple');
  assert.deepEqual(both.model, { status: 'unknown', reason: 'one of the registered providers: anthropic, openai; the model id is chosen at run time' });
  assert.equal(both.confidence, 'low');
  const prefixed = site(result, 'features/chooser.ts:18:9');
  assert.equal(prefixed.provider, 'openai');
  assert.deepEqual(prefixed.model, { status: 'unknown', reason: 'built at run time from `modelId` (parameter `modelId` of pick()); no callers of pick() found in the scanned files' });
  const single = site(result, 'features/chooser.ts:19:9');
  assert.equal(single.provider, 'anthropic');
  assert.deepEqual(single.model, { status: 'unknown', reason: 'one of the registered providers: anthropic; the model id is chosen at run time' });
  const renamed = site(result, 'features/chooser.ts:20:10');
  assert.equal(renamed.provider, 'multiple');
  assert.deepEqual(renamed.model, { status: 'unknown', reason: 'one of the registered providers: anthropic, fast (groq); the model id is chosen at run time' });
});

test('vercel-ai: a customProvider key passed to a wrapper is resolved at its callers', () => {
  const s = site(result, 'features/chooser.ts:24:10');
  assert.equal(s.provider, 'fireworks');
  assert.deepEqual(s.model, { status: 'exact', value: 'accounts/fireworks/models/deepseek-r1' });
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, provider: c.values.provider })),
    [{ at: 'features/picker-ui.ts:3:43', fn: 'reasoned', model: { status: 'exact', value: 'accounts/fireworks/models/deepseek-r1' }, provider: { status: 'exact', value: 'fireworks' } }],
  );
});
