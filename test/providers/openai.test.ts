import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';
import { estimateSite } from '../../shared/estimate/estimate';
import { PricingTable } from '../../shared/pricing/table';
import { DEFAULT_ESTIMATE_CONFIG } from '../../shared/estimate/types';

const result = scanFixture('providers/openai');

test('openai: every request-sending call, through shared clients, wrappers, classes, CJS and JSX', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/assistant-runs.ts:21:10", provider: "openai", api: "beta.threads.runs.createAndPoll", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/assistant-runs.ts:26:10", provider: "openai", api: "beta.threads.runs.create", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/assistants.ts:6:9", provider: "openai", api: "beta.threads.runs.createAndPoll", kind: "chat", model: "gpt-4o"},
    {at: "features/assistants.ts:7:9", provider: "openai", api: "beta.threads.runs.create", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/assistants.ts:15:9", provider: "openai", api: "beta.threads.runs.submitToolOutputsAndPoll", kind: "chat", model: "?the assistant's model (set where the assistant was created, not in this call)"},
    {at: "features/azure.ts:5:26", provider: "azure-openai", api: "chat.completions.create", kind: "chat", model: "gpt4o-prod"},
    {at: "features/azure.ts:6:31", provider: "azure-openai", api: "chat.completions.create", kind: "chat", model: "gpt4o-prod"},
    {at: "features/chat.ts:8:10", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o-mini", tags: ["feature=support (helicone.header.client)", "feature=answers (openai.metadata)", "project=proj_support (openai.client.project, bill)", "team=support (openai.metadata)", "user=anonymous | nobody (openai.user)"]},
    {at: "features/chat.ts:19:21", provider: "openai", api: "chat.completions.parse", kind: "chat", model: ["gpt-4.1", "gpt-4.1-nano"], tags: ["feature=support (helicone.header.client)", "feature=triage (litellm.header)", "project=proj_support (openai.client.project, bill)", "team=support (litellm.header)"]},
    {at: "features/chat.ts:27:10", provider: "openai", api: "chat.completions.stream", kind: "chat", model: "gpt-4.1-mini", tags: ["feature=support (helicone.header.client)", "project=proj_support (openai.client.project, bill)"]},
    {at: "features/chat.ts:31:18", provider: "openai", api: "chat.completions.runTools", kind: "chat", model: "gpt-4o", tags: ["feature=support (helicone.header.client)", "project=proj_support (openai.client.project, bill)"]},
    {at: "features/gateways.ts:18:9", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama-3.3-70b-versatile"},
    {at: "features/gateways.ts:19:9", provider: "openrouter", api: "chat.completions.create", kind: "chat", model: "anthropic/claude-sonnet-4"},
    {at: "features/gateways.ts:20:9", provider: "ollama", api: "chat.completions.create", kind: "chat", model: "llama3.2"},
    {at: "features/gateways.ts:21:9", provider: "anthropic", api: "chat.completions.create", kind: "chat", model: "claude-3-5-haiku", tags: ["tag=nightly (litellm.metadata.tags)", "team=data (litellm.metadata.tags)"]},
    {at: "features/gateways.ts:22:9", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o", tags: ["team=platform (portkey.header.client)", "user=svc (portkey.header.client)"]},
    {at: "features/gateways.ts:23:9", provider: "openai-compatible", api: "chat.completions.create", kind: "chat", model: "mixtral"},
    {at: "features/langfuse.ts:6:41", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o-mini", tags: ["generation=digest (langfuse.generationName)", "team=growth (langfuse.metadata)", "user=u1 (langfuse.userId)"]},
    {at: "features/legacy.cjs:9:10", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-3.5-turbo"},
    {at: "features/misc.ts:7:9", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/misc.ts:8:9", provider: "openai", api: "images.generate", kind: "image", model: "dall-e-2"},
    {at: "features/misc.ts:9:9", provider: "openai", api: "images.edit", kind: "image", model: "gpt-image-1"},
    {at: "features/misc.ts:10:9", provider: "openai", api: "audio.transcriptions.create", kind: "audio", model: "whisper-1"},
    {at: "features/misc.ts:11:9", provider: "openai", api: "audio.speech.create", kind: "audio", model: "tts-1"},
    {at: "features/misc.ts:12:9", provider: "openai", api: "moderations.create", kind: "moderation", model: "omni-moderation-latest"},
    {at: "features/misc.ts:13:9", provider: "openai", api: "batches.create", kind: "batch", model: "?models are named inside the batch input file"},
    {at: "features/misc.ts:14:9", provider: "openai", api: "completions.create", kind: "chat", model: "gpt-3.5-turbo-instruct"},
    {at: "features/realtime.ts:17:24", provider: "openai", api: "realtime.clientSecrets.create", kind: "audio", model: "gpt-realtime"},
    {at: "features/realtime.ts:24:10", provider: "openai", api: "beta.realtime.sessions.create", kind: "chat", model: "gpt-4o-mini-realtime-preview"},
    {at: "features/realtime.ts:28:21", provider: "openai", api: "POST /v1/realtime/client_secrets", kind: "audio", model: "gpt-realtime"},
    {at: "features/realtime.ts:47:5", provider: "openai", api: "realtime.response.create", kind: "audio", model: "gpt-realtime-mini"},
    {at: "features/realtime.ts:53:3", provider: "openai", api: "realtime.response.create", kind: "audio", model: "gpt-4o-realtime-preview"},
    {at: "features/realtime.ts:59:9", provider: "openai", api: "RealtimeClient.connect", kind: "audio", model: "gpt-4o-realtime-preview-2024-10-01"},
    {at: "features/responses.ts:6:10", provider: "openai", api: "responses.create", kind: "chat", model: "gpt-5-mini", tags: ["user=user-123 (openai.safety_identifier)"]},
    {at: "features/responses.ts:16:40", provider: "openai", api: "responses.stream", kind: "chat", model: "o4-mini"},
    {at: "features/responses.ts:17:29", provider: "openai", api: "responses.parse", kind: "chat", model: "gpt-4.1"},
    {at: "features/service.ts:7:12", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/service.ts:15:12", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o", tags: ["organization=org-acme (openai.client.organization, bill)"]},
    {at: "features/service.ts:25:27", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-3-large"},
    {at: "features/service.ts:28:10", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/ui.jsx:7:28", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/v3.js:7:9", provider: "openai", api: "createChatCompletion", kind: "chat", model: "gpt-3.5-turbo", tags: ["organization=org-legacy (openai.client.organization, bill)"]},
    {at: "features/v3.js:8:9", provider: "openai", api: "createCompletion", kind: "chat", model: "text-davinci-003", tags: ["organization=org-legacy (openai.client.organization, bill)"]},
    {at: "features/v3.js:9:9", provider: "openai", api: "createEmbedding", kind: "embedding", model: "text-embedding-ada-002", tags: ["organization=org-legacy (openai.client.organization, bill)"]},
    {at: "features/v3.js:10:9", provider: "openai", api: "createImage", kind: "image", model: "dall-e-2", tags: ["organization=org-legacy (openai.client.organization, bill)"]},
    {at: "features/v3.js:11:9", provider: "openai", api: "createTranscription", kind: "audio", model: "whisper-1", tags: ["organization=org-legacy (openai.client.organization, bill)"]},
    {at: "features/v3.js:12:9", provider: "openai", api: "createModeration", kind: "moderation", model: "text-moderation-latest", tags: ["organization=org-legacy (openai.client.organization, bill)"]},
    {at: "features/wrapper.ts:5:10", provider: "openai", api: "chat.completions.create", kind: "chat", model: ["gpt-4o", "gpt-4o-mini", "o3"], tags: ["feature=support (helicone.header.client)", "project=proj_support (openai.client.project, bill)"]},
  ]);
});

test('openai: near misses are not call sites (local create, prisma, mocks, comments, strings, type imports)', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file.startsWith('nearmiss/')),
    [],
  );
  assert.deepEqual(result.warnings, []);
});

test('openai: resource management and listing are not call sites', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file === 'features/assistants.ts').map((s) => s.line),
    [6, 7, 15],
  );
});

test('openai: prompt parts keep static text and name the placeholders, history included', () => {
  const s = site(result, 'features/chat.ts:8:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You are a support agent for Acme.\nAnswer briefly.', role: 'system', source: { file: 'features/chat.ts', line: 4 } },
    { type: 'placeholder', name: 'history', expression: '...history', hint: 'history' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '400' });
  assert.equal(s.options.maxOutputOption, 'max_completion_tokens');
  assert.deepEqual(s.model, { status: 'exact', value: 'gpt-4o-mini', notes: ['default when process.env.OPENAI_MODEL is unset'] });
  assert.equal(s.id, 'features/chat.ts#answer#chat.completions.create#0');
  assert.equal(s.function, 'answer');
  assert.equal(s.confidence, 'medium');
});

test('openai: a prompt file read with a literal path becomes static text', () => {
  const s = site(result, 'features/legacy.cjs:9:10');
  assert.deepEqual(s.prompt[0], { type: 'text', text: 'You summarize support tickets.\nKeep it short.\n', role: 'system', source: { file: 'features/prompts/system.md', line: 1 } });
  assert.equal(s.function, 'summarize');
});

test('openai: a wrapper lists its callers with what each passes, two levels up', () => {
  const s = site(result, 'features/wrapper.ts:5:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens, args: c.arguments })),
    [
      {
        at: 'features/callers.ts:3:40',
        fn: 'title',
        model: { status: 'exact', value: 'gpt-4o-mini' },
        max: { status: 'exact', value: '30' },
        args: { prompt: { status: 'unknown', reason: 'built at run time from `text` (parameter `text` of title())' }, model: { status: 'exact', value: 'gpt-4o-mini' }, maxTokens: { status: 'exact', value: '30' } },
      },
      {
        at: 'features/callers.ts:4:39',
        fn: 'body',
        model: { status: 'exact', value: 'gpt-4o', notes: ['default of parameter `model`'] },
        max: undefined,
        args: { prompt: { status: 'unknown', reason: 'built at run time from `text` (parameter `text` of body())' }, model: { status: 'exact', value: 'gpt-4o', notes: ['default of parameter `model`'] }, maxTokens: { status: 'unknown', reason: 'not set' } },
      },
      {
        at: 'features/callers.ts:7:10',
        fn: 'relay',
        model: { status: 'exact', value: 'o3' },
        max: undefined,
        args: { prompt: { status: 'exact', value: 'Say hello' }, model: { status: 'exact', value: 'o3' }, maxTokens: { status: 'unknown', reason: 'not set' } },
      },
    ],
  );
});

test('openai: a baseURL decides the provider; its default is noted', () => {
  assert.deepEqual(site(result, 'features/gateways.ts:18:9').baseURL, { status: 'exact', value: 'https://api.groq.com/openai/v1' });
  assert.deepEqual(site(result, 'features/gateways.ts:23:9').baseURL, { status: 'unknown', reason: 'set by environment variable LLM_BASE_URL at run time, with no default in the code' });
  assert.equal(site(result, 'features/gateways.ts:21:9').gateway, 'litellm');
  assert.equal(site(result, 'features/gateways.ts:22:9').gateway, 'portkey');
});

test('openai: options: streaming, reasoning effort, service tier, tools', () => {
  const r = site(result, 'features/responses.ts:6:10');
  assert.deepEqual(r.options.reasoning, { status: 'exact', value: 'low' });
  assert.deepEqual(r.options.maxOutputTokens, { status: 'exact', value: '800' });
  assert.equal(r.options.streaming, false);
  assert.equal(site(result, 'features/responses.ts:16:40').options.streaming, true);
  assert.deepEqual(site(result, 'features/responses.ts:17:29').options.serviceTier, { status: 'exact', value: 'flex' });
  assert.equal(site(result, 'features/chat.ts:31:18').options.tools, 0);
  assert.equal(site(result, 'features/misc.ts:13:9').options.batch, true);
});

test('openai realtime: sessions carry the system prompt, the output bound and the tools; other socket events and a relayed client are not call sites', () => {
  const secret = site(result, 'features/realtime.ts:17:24');
  assert.deepEqual(secret.prompt, [{ type: 'text', text: 'You are a friendly interviewer.', role: 'system', source: { file: 'features/realtime.ts', line: 18 } }]);
  assert.equal(secret.options.streaming, true);
  assert.deepEqual(site(result, 'features/realtime.ts:24:10').options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.equal(site(result, 'features/realtime.ts:24:10').options.maxOutputOption, 'max_response_output_tokens');
  const turn = site(result, 'features/realtime.ts:53:3');
  assert.deepEqual(turn.prompt.map((p) => (p.type === 'text' ? p.text : p.name)), ['Greet the caller.']);
  assert.deepEqual(turn.options.maxOutputTokens, { status: 'exact', value: '200' });
  assert.deepEqual(site(result, 'features/realtime.ts:59:9').model, { status: 'exact', value: 'gpt-4o-realtime-preview-2024-10-01', notes: ['@openai/realtime-api-beta connects with this model'] });
  assert.deepEqual(
    result.callSites.filter((s) => s.file === 'features/realtime.ts').map((s) => s.line),
    [17, 24, 28, 47, 53, 59],
    'session.update, conversation.item.create, the SDP offer of a minted session and a client behind a relay are not call sites',
  );
});

test('openai realtime: a spoken session is priced as audio output tokens', () => {
  const table = new PricingTable({
    version: '2026-01-01',
    currency: 'USD',
    models: [{
      id: 'gpt-realtime', provider: 'openai', aliases: [], kind: 'chat', tier: 'standard', contextWindow: 32000, maxOutput: 4096,
      prices: { input: 4, output: 16, cachedInput: 0.4, cacheWrite5m: null, cacheWrite1h: null, batchInput: null, batchOutput: null, reasoningOutput: null, longContext: null, audioOutput: 64 },
      units: [], source: 'https://example.test/pricing', checked: '2026-01-01', manual: true,
    }],
  });
  const e = estimateSite(site(result, 'features/realtime.ts:28:21'), table, JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG)));
  assert.deepEqual(e.outputTokens, { low: 100, expected: 400, high: 4096 });
  assert.deepEqual(e.costPerCall, { low: 0.0064, expected: 0.0256, high: 0.262144 });
  assert.ok(e.assumptions.includes('spoken output priced as audio tokens ($64 per 1M); input at the text input price (the table lists no audio input price)'), e.assumptions.join('\n'));
});

test('openai assistants: a run takes the model, instructions and tools of the assistant its assistant_id comes from', () => {
  const traced = site(result, 'features/assistant-runs.ts:21:10');
  assert.deepEqual(traced.model, { status: 'exact', value: 'gpt-4o-mini', notes: ["the model of the assistant this run's assistant_id comes from (assistants.create)"] });
  assert.deepEqual(traced.prompt, [{ type: 'text', text: 'You are a math tutor. Write and run code to answer.', role: 'system', source: { file: 'features/assistant-runs.ts', line: 12 } }]);
  assert.equal(traced.options.tools, 1);
  assert.equal(traced.confidence, 'medium');
  const pasted = site(result, 'features/assistant-runs.ts:26:10');
  assert.deepEqual(pasted.model, { status: 'exact', value: 'gpt-4o-mini', notes: ["assumed: the assistant created in this file (line 10); the run's assistant_id is not traced to it"] });
  assert.deepEqual(pasted.prompt.map((p) => (p.type === 'text' ? p.text : p.name)), ['You are a math tutor. Write and run code to answer.', 'Be brief.']);
  assert.deepEqual(site(result, 'features/assistants.ts:6:9').model, { status: 'exact', value: 'gpt-4o', notes: ["assumed: the assistant created in this file (line 9); the run's assistant_id is not traced to it"] });
  assert.deepEqual(site(result, 'features/assistants.ts:15:9').model, { status: 'unknown', reason: "the assistant's model (set where the assistant was created, not in this call)" }, 'submitToolOutputs names no assistant');
});
