import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/google');

test('google: every request-sending call of @google/genai, @google/generative-ai and @google-cloud/vertexai', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/agent.ts:7:9", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/agent.ts:8:10", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/aliased.ts:7:26", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/aliased.ts:8:26", provider: "google", api: "models.generateContentStream", kind: "chat", model: "gemini-2.5-pro"},
    {at: "features/batch.ts:6:9", provider: "google", api: "batches.create", kind: "batch", model: "gemini-2.5-flash"},
    {at: "features/batch.ts:7:9", provider: "google", api: "batches.createEmbeddings", kind: "batch", model: "gemini-embedding-001"},
    {at: "features/chat.ts:13:23", provider: "google", api: "chats.sendMessage", kind: "chat", model: "gemini-2.5-flash", tags: ["team=search (helicone.header.client)"]},
    {at: "features/chat.ts:14:22", provider: "google", api: "chats.sendMessageStream", kind: "chat", model: "gemini-2.5-flash", tags: ["team=search (helicone.header.client)"]},
    {at: "features/content.ts:9:10", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash", tags: ["team=search (helicone.header.client)"]},
    {at: "features/content.ts:22:24", provider: "google", api: "models.generateContentStream", kind: "chat", model: "gemini-2.5-pro", tags: ["feature=chat (litellm.header)", "team=search (helicone.header.client)"]},
    {at: "features/content.ts:31:10", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.0-flash", tags: ["team=search (helicone.header.client)"]},
    {at: "features/content.ts:38:10", provider: "google", api: "models.embedContent", kind: "embedding", model: "gemini-embedding-001", tags: ["team=search (helicone.header.client)"]},
    {at: "features/gateway.ts:9:33", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/gateway.ts:10:39", provider: "google", api: "model.generateContent", kind: "chat", model: "gemini-1.5-flash"},
    {at: "features/interactions.ts:6:9", provider: "google", api: "interactions.create", kind: "chat", model: "gemini-3-pro-preview", tags: ["team=research (gemini.interactions.labels)"]},
    {at: "features/interactions.ts:14:10", provider: "google", api: "interactions.create", kind: "chat", model: "deep-research-pro-preview-12-2025"},
    {at: "features/legacy.cjs:8:24", provider: "google", api: "model.generateContent", kind: "chat", model: "gemini-1.5-flash"},
    {at: "features/legacy.cjs:9:9", provider: "google", api: "model.embedContent", kind: "embedding", model: "text-embedding-004"},
    {at: "features/legacy.cjs:10:9", provider: "google", api: "model.batchEmbedContents", kind: "embedding", model: "text-embedding-004"},
    {at: "features/legacy.ts:11:24", provider: "google", api: "model.generateContentStream", kind: "chat", model: "gemini-1.5-pro", tags: ["feature=release-notes (helicone.header.model)"]},
    {at: "features/legacy.ts:21:9", provider: "google", api: "chat.sendMessage", kind: "chat", model: "gemini-1.5-pro", tags: ["feature=release-notes (helicone.header.model)", "user=ops (helicone.header)"]},
    {at: "features/legacy.ts:22:10", provider: "google", api: "chat.sendMessageStream", kind: "chat", model: "gemini-1.5-pro", tags: ["feature=release-notes (helicone.header.model)"]},
    {at: "features/legacy.ts:26:10", provider: "google", api: "model.generateContent", kind: "chat", model: "?parameter `cache` of fromCache(); no callers of fromCache() found in the scanned files"},
    {at: "features/legacy.ts:31:10", provider: "google", api: "model.generateContent", kind: "chat", model: "models/gemini-1.5-flash-001"},
    {at: "features/legacy.ts:35:10", provider: "google", api: "model.generateContent", kind: "chat", model: "?the model of a GenerativeModel passed in from elsewhere"},
    {at: "features/legacy.ts:39:10", provider: "google", api: "chat.sendMessage", kind: "chat", model: "?the chat session's model (set where the session was started)"},
    {at: "features/live.ts:6:25", provider: "google", api: "live.connect", kind: "audio", model: "gemini-2.5-flash-native-audio-preview-09-2025"},
    {at: "features/live.ts:12:22", provider: "google", api: "live.connect", kind: "chat", model: "gemini-live-2.5-flash-preview"},
    {at: "features/live.ts:13:23", provider: "google", api: "live.music.connect", kind: "audio", model: "models/lyria-realtime-exp"},
    {at: "features/media.ts:6:9", provider: "google", api: "models.generateImages", kind: "image", model: "imagen-4.0-generate-001"},
    {at: "features/media.ts:7:9", provider: "google", api: "models.editImage", kind: "image", model: "imagen-3.0-capability-001"},
    {at: "features/media.ts:8:9", provider: "google", api: "models.upscaleImage", kind: "image", model: "imagen-4.0-upscale-preview"},
    {at: "features/media.ts:9:9", provider: "google", api: "models.recontextImage", kind: "image", model: "imagen-product-recontext-preview-06-30"},
    {at: "features/media.ts:10:9", provider: "google", api: "models.segmentImage", kind: "image", model: "image-segmentation-001"},
    {at: "features/media.ts:11:10", provider: "google", api: "models.generateVideos", kind: "other", model: "veo-3.0-generate-001"},
    {at: "features/service.ts:11:12", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash-lite"},
    {at: "features/service.ts:19:12", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/service.ts:29:27", provider: "google", api: "models.embedContent", kind: "embedding", model: "text-embedding-005", tags: ["project=* (vertex.project, bill)"]},
    {at: "features/service.ts:32:10", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.0-flash-lite"},
    {at: "features/service.ts:36:10", provider: "google", api: "chats.sendMessage", kind: "chat", model: "?the chat session's model (set where the session was created with ai.chats.create)"},
    {at: "features/ui.tsx:6:33", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/vertex.ts:4:10", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-pro", tags: ["feature=summaries (vertex.labels, bill)", "project=acme-prod (vertex.project, bill)", "team=billing (vertex.labels, bill)"]},
    {at: "features/vertexai.ts:11:9", provider: "google", api: "model.generateContent", kind: "chat", model: "gemini-2.0-flash-001", tags: ["env=prod (vertex.labels, bill)", "project=acme-analytics (vertex.project, bill)", "team=support (vertex.labels, bill)"]},
    {at: "features/vertexai.ts:12:26", provider: "google", api: "model.generateContentStream", kind: "chat", model: "gemini-2.0-flash-001", tags: ["project=acme-analytics (vertex.project, bill)"]},
    {at: "features/vertexai.ts:14:9", provider: "google", api: "chat.sendMessageStream", kind: "chat", model: "gemini-2.0-flash-001", tags: ["project=acme-analytics (vertex.project, bill)"]},
    {at: "features/vertexai.ts:21:10", provider: "google", api: "model.generateContent", kind: "chat", model: "gemini-1.5-pro-002", tags: ["project=acme-analytics (vertex.project, bill)"]},
    {at: "features/vertexai.ts:24:30", provider: "google", api: "model.generateContent", kind: "chat", model: "gemini-2.5-pro", tags: ["project=acme-analytics (vertex.project, bill)"]},
    {at: "features/wrapper.ts:5:21", provider: "google", api: "models.generateContent", kind: "chat", model: ["gemini-2.5-flash", "gemini-2.5-flash-lite"], tags: ["team=search (helicone.header.client)"]},
  ]);
});

test('google: near misses are not call sites (local function, other objects, mocks, comments, strings, type imports)', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file.startsWith('nearmiss/')),
    [],
  );
  assert.deepEqual(result.warnings, []);
});

test('google: resource management, token counting, listing and chats.create are not call sites', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file === 'features/batch.ts').map((s) => s.line),
    [6, 7],
  );
  // countTokens and startChat() in the legacy SDKs send nothing billable.
  assert.deepEqual(
    result.callSites.filter((s) => s.file === 'features/legacy.cjs' || s.file === 'features/vertexai.ts').map((s) => `${s.file}:${s.line}`),
    ['features/legacy.cjs:8', 'features/legacy.cjs:9', 'features/legacy.cjs:10', 'features/vertexai.ts:11', 'features/vertexai.ts:12', 'features/vertexai.ts:14', 'features/vertexai.ts:21', 'features/vertexai.ts:24'],
  );
});

test('google: the sdk field tells the Gemini API from Vertex AI', () => {
  assert.equal(site(result, 'features/content.ts:9:10').sdk, 'google-genai');
  assert.equal(site(result, 'features/vertex.ts:4:10').sdk, 'google-genai-vertex');
  assert.equal(site(result, 'features/service.ts:29:27').sdk, 'google-genai-vertex');
  assert.equal(site(result, 'features/legacy.cjs:8:24').sdk, 'google-generative-ai');
  assert.equal(site(result, 'features/vertexai.ts:11:9').sdk, 'google-vertex');
});

test('google: generateContent reads system instruction, contents, max output, thinking budget and tools', () => {
  const s = site(result, 'features/content.ts:9:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You are a search assistant for Acme.\nCite your sources.', role: 'system', source: { file: 'features/content.ts', line: 5 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.model, { status: 'exact', value: 'gemini-2.5-flash', notes: ['default when process.env.GEMINI_MODEL is unset'] });
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '512' });
  assert.equal(s.options.maxOutputOption, 'maxOutputTokens');
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: '1024' });
  // Two function declarations and Google Search.
  assert.equal(s.options.tools, 3);
  assert.equal(s.options.streaming, false);
  assert.equal(s.id, 'features/content.ts#answer#models.generateContent#0');
});

test('google: contents as Content objects, history spreads and helper-built parts', () => {
  assert.deepEqual(site(result, 'features/content.ts:22:24').prompt, [
    { type: 'text', text: 'Be concise.', role: 'system', source: { file: 'features/content.ts', line: 25 } },
    { type: 'placeholder', name: 'history', expression: '...history', hint: 'history' },
    { type: 'placeholder', name: 'text', expression: 'text', role: 'user' },
  ]);
  assert.equal(site(result, 'features/content.ts:22:24').options.streaming, true);
  assert.deepEqual(site(result, 'features/content.ts:31:10').prompt, [
    { type: 'placeholder', name: 'createPartFromUri', expression: 'createPartFromUri', role: 'user', hint: 'document' },
    { type: 'text', text: 'Describe this image.', role: 'user', source: { file: 'features/content.ts', line: 33 } },
  ]);
  assert.deepEqual(site(result, 'features/content.ts:38:10').prompt, [{ type: 'placeholder', name: 'texts', expression: 'texts' }]);
});

test('google: a chat session takes its model and config from chats.create; a per-message config replaces it', () => {
  const first = site(result, 'features/chat.ts:13:23');
  assert.deepEqual(first.prompt, [
    { type: 'text', text: 'You are a friendly tutor.', role: 'system', source: { file: 'features/chat.ts', line: 5 } },
    { type: 'text', text: 'Hello', role: 'user', source: { file: 'features/chat.ts', line: 7 } },
    { type: 'text', text: 'Hi! What shall we study?', role: 'assistant', source: { file: 'features/chat.ts', line: 8 } },
    { type: 'placeholder', name: 'history', expression: 'chat history', hint: 'history' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(first.options.maxOutputTokens, { status: 'exact', value: '256' });
  const second = site(result, 'features/chat.ts:14:22');
  assert.equal(second.options.streaming, true);
  assert.deepEqual(second.options.maxOutputTokens, { status: 'exact', value: '64' });
  assert.equal(second.prompt.some((p) => p.role === 'system'), false);
  assert.deepEqual(second.prompt[second.prompt.length - 1], { type: 'text', text: 'Give an example.', role: 'user', source: { file: 'features/chat.ts', line: 14 } });
});

test('google: Vertex labels and project reach the bill; cached content and service tier are read', () => {
  const s = site(result, 'features/vertex.ts:4:10');
  assert.deepEqual(s.tags, [
    { key: 'feature', value: 'summaries', dynamic: false, mechanism: 'vertex.labels', reachesBill: true },
    { key: 'project', value: 'acme-prod', dynamic: false, mechanism: 'vertex.project', reachesBill: true },
    { key: 'team', value: 'billing', dynamic: false, mechanism: 'vertex.labels', reachesBill: true },
  ]);
  assert.equal(s.options.cacheControl, true);
  assert.deepEqual(s.options.serviceTier, { status: 'exact', value: 'flex' });
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'Summarize:', role: 'user', source: { file: 'features/vertex.ts', line: 6 } },
    { type: 'placeholder', name: 'doc', expression: 'doc', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'features/service.ts:29:27').tags, [{ key: 'project', value: null, dynamic: true, mechanism: 'vertex.project', reachesBill: true }]);
});

test('google: live sessions take their kind from the response modality', () => {
  const audio = site(result, 'features/live.ts:6:25');
  assert.equal(audio.kind, 'audio');
  assert.equal(audio.options.streaming, true);
  assert.deepEqual(audio.prompt, [{ type: 'text', text: 'You are a phone receptionist.', role: 'system', source: { file: 'features/live.ts', line: 9 } }]);
  assert.equal(site(result, 'features/live.ts:12:22').kind, 'chat');
  assert.equal(site(result, 'features/live.ts:13:23').kind, 'audio');
});

test('google: image and video prompts, batches', () => {
  assert.deepEqual(site(result, 'features/media.ts:6:9').prompt, [{ type: 'text', text: 'A lighthouse at dusk', role: 'user', source: { file: 'features/media.ts', line: 6 } }]);
  assert.deepEqual(site(result, 'features/media.ts:8:9').prompt, []);
  assert.deepEqual(site(result, 'features/media.ts:9:9').prompt, [{ type: 'text', text: 'On a kitchen table', role: 'user', source: { file: 'features/media.ts', line: 9 } }]);
  assert.deepEqual(site(result, 'features/media.ts:11:10').prompt, [{ type: 'text', text: 'A drone shot over a forest', role: 'user', source: { file: 'features/media.ts', line: 11 } }]);
  assert.equal(site(result, 'features/batch.ts:6:9').options.batch, true);
  assert.equal(site(result, 'features/batch.ts:7:9').options.batch, true);
});

test('google: the Interactions API reads snake_case options; an agent run has no step bound', () => {
  const s = site(result, 'features/interactions.ts:6:9');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'Answer like a librarian.', role: 'system', source: { file: 'features/interactions.ts', line: 8 } },
    { type: 'placeholder', name: 'topic', expression: 'topic', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '900' });
  assert.equal(s.options.maxOutputOption, 'max_output_tokens');
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: 'low' });
  assert.equal(s.options.tools, 1);
  const agent = site(result, 'features/interactions.ts:14:10');
  assert.equal(agent.options.streaming, true);
  assert.deepEqual(agent.options.maxSteps, { status: 'unknown', reason: 'a managed agent runs as many model calls as its task needs' });
  assert.deepEqual(agent.prompt, [{ type: 'placeholder', name: 'topic', expression: 'topic', role: 'user' }]);
});

test('google: automatic function calling with MCP tools bounds the steps', () => {
  const dflt = site(result, 'features/agent.ts:7:9');
  assert.equal(dflt.options.tools, null);
  assert.deepEqual(dflt.options.maxSteps, { status: 'unknown', reason: 'automatic function calling repeats the request while the model calls tools (default bound: 10 remote calls)' });
  const bounded = site(result, 'features/agent.ts:8:10');
  assert.deepEqual(bounded.options.maxSteps, { status: 'exact', value: '3' });
  assert.deepEqual(bounded.options.reasoning, { status: 'exact', value: 'high' });
  assert.equal(site(result, 'features/content.ts:9:10').options.maxSteps, null);
});

test('google: a base URL through a gateway is kept, the provider stays google', () => {
  for (const at of ['features/gateway.ts:9:33', 'features/gateway.ts:10:39']) {
    const s = site(result, at);
    assert.equal(s.provider, 'google');
    assert.equal(s.gateway, 'cloudflare-ai-gateway');
    assert.deepEqual(s.baseURL, { status: 'exact', value: 'https://gateway.ai.cloudflare.com/v1/acct/gw/google-ai-studio' });
  }
});

test('google: legacy SDK layers request over chat over model parameters', () => {
  const stream = site(result, 'features/legacy.ts:11:24');
  assert.deepEqual(stream.prompt, [
    { type: 'text', text: 'You write terse release notes.', role: 'system', source: { file: 'features/legacy.ts', line: 13 } },
    { type: 'placeholder', name: 'changes', expression: 'changes', role: 'user' },
  ]);
  assert.deepEqual(stream.options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.equal(stream.options.tools, 1);
  const chat = site(result, 'features/legacy.ts:21:9');
  assert.deepEqual(chat.prompt, [
    { type: 'text', text: 'You write release notes.', role: 'system', source: { file: 'features/legacy.ts', line: 6 } },
    { type: 'text', text: 'We ship on Fridays.', role: 'user', source: { file: 'features/legacy.ts', line: 20 } },
    { type: 'placeholder', name: 'history', expression: 'chat history', hint: 'history' },
    { type: 'placeholder', name: 'first', expression: 'first', role: 'user' },
  ]);
  assert.deepEqual(chat.options.maxOutputTokens, { status: 'exact', value: '100' });
  assert.deepEqual(site(result, 'features/legacy.cjs:8:24').prompt, [
    { type: 'text', text: 'Summarize this support ticket:', role: 'user', source: { file: 'features/legacy.cjs', line: 8 } },
    { type: 'placeholder', name: 'text', expression: 'text', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'features/legacy.cjs:8:24').options.maxOutputTokens, { status: 'exact', value: '200' });
  assert.deepEqual(site(result, 'features/legacy.cjs:10:9').prompt, [{ type: 'placeholder', name: 'text', expression: 'text' }]);
  assert.equal(site(result, 'features/legacy.ts:31:10').options.cacheControl, true);
});

test('google: @google-cloud/vertexai reads the model system instruction, labels and chat sessions', () => {
  const s = site(result, 'features/vertexai.ts:11:9');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You classify tickets.', role: 'system', source: { file: 'features/vertexai.ts', line: 6 } },
    { type: 'placeholder', name: 'ticket', expression: 'ticket', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '50' });
  const chat = site(result, 'features/vertexai.ts:14:9');
  assert.equal(chat.options.streaming, true);
  assert.deepEqual(chat.prompt[chat.prompt.length - 1], { type: 'text', text: 'Explain the label.', role: 'user', source: { file: 'features/vertexai.ts', line: 14 } });
  assert.equal(site(result, 'features/vertexai.ts:21:10').options.cacheControl, true);
});

test('google: a wrapper lists its callers with what each passes', () => {
  const s = site(result, 'features/wrapper.ts:5:21');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:3:40', fn: 'title', model: { status: 'exact', value: 'gemini-2.5-flash-lite' }, max: { status: 'exact', value: '20' } },
      { at: 'features/callers.ts:4:39', fn: 'body', model: { status: 'exact', value: 'gemini-2.5-flash', notes: ['default of parameter `model`'] }, max: undefined },
    ],
  );
  assert.equal(s.function, 'ask');
  assert.equal(s.confidence, 'medium');
});
