import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/mistral');
const AGENT = "?the agent's model (set where the agent was created, not in this call)";
const CONVERSATION = "?the conversation's model (set when it was started, not in this call)";

test('mistral: every request-sending call of v1+ and v0, through shared clients, classes, CJS and JSX', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/agents.ts:4:9", provider: "mistral", api: "agents.complete", kind: "chat", model: AGENT},
    {at: "features/agents.ts:5:9", provider: "mistral", api: "agents.stream", kind: "chat", model: AGENT},
    {at: "features/agents.ts:6:9", provider: "mistral", api: "beta.conversations.start", kind: "chat", model: "mistral-medium-latest", tags: ["flow=onboarding (mistral.metadata)"]},
    {at: "features/agents.ts:14:9", provider: "mistral", api: "beta.conversations.startStream", kind: "chat", model: AGENT},
    {at: "features/agents.ts:15:9", provider: "mistral", api: "beta.conversations.append", kind: "chat", model: CONVERSATION},
    {at: "features/agents.ts:16:9", provider: "mistral", api: "beta.conversations.restart", kind: "chat", model: CONVERSATION},
    {at: "features/aliased.ts:5:37", provider: "mistral", api: "chat.complete", kind: "chat", model: "devstral-small-latest"},
    {at: "features/chat.ts:7:10", provider: "mistral", api: "chat.complete", kind: "chat", model: "mistral-large-latest", tags: ["customer=* (mistral.metadata)", "team=billing (mistral.metadata)"]},
    {at: "features/chat.ts:20:10", provider: "mistral", api: "chat.stream", kind: "chat", model: "mistral-small-latest", tags: ["feature=faq (helicone.header)"]},
    {at: "features/chat.ts:29:10", provider: "mistral", api: "chat.parse", kind: "chat", model: "ministral-8b-latest"},
    {at: "features/chat.ts:33:10", provider: "mistral", api: "chat.parseStream", kind: "chat", model: "ministral-3b-latest"},
    {at: "features/legacy.cjs:6:10", provider: "mistral", api: "chat.complete", kind: "chat", model: "mistral-tiny"},
    {at: "features/misc.ts:4:9", provider: "mistral", api: "fim.complete", kind: "chat", model: "codestral-latest"},
    {at: "features/misc.ts:5:9", provider: "mistral", api: "fim.stream", kind: "chat", model: "codestral-2501"},
    {at: "features/misc.ts:6:9", provider: "mistral", api: "embeddings.create", kind: "embedding", model: "mistral-embed"},
    {at: "features/misc.ts:7:9", provider: "mistral", api: "classifiers.moderate", kind: "moderation", model: "mistral-moderation-latest"},
    {at: "features/misc.ts:8:9", provider: "mistral", api: "classifiers.moderateChat", kind: "moderation", model: "mistral-moderation-latest"},
    {at: "features/misc.ts:9:9", provider: "mistral", api: "classifiers.classify", kind: "other", model: "ft:classifier:ministral-3b:acme"},
    {at: "features/misc.ts:10:9", provider: "mistral", api: "ocr.process", kind: "other", model: "mistral-ocr-latest"},
    {at: "features/misc.ts:11:9", provider: "mistral", api: "batch.jobs.create", kind: "batch", model: "mistral-small-latest", tags: ["job=nightly (mistral.metadata)"]},
    {at: "features/misc.ts:12:9", provider: "mistral", api: "audio.transcriptions.complete", kind: "audio", model: "voxtral-mini-latest"},
    {at: "features/misc.ts:13:9", provider: "mistral", api: "audio.speech.complete", kind: "audio", model: "?the API's default voice model (none named in this call)"},
    {at: "features/service.ts:7:12", provider: "mistral", api: "chat.complete", kind: "chat", model: "open-mistral-nemo"},
    {at: "features/service.ts:12:10", provider: "mistral", api: "chat.complete", kind: "chat", model: "pixtral-12b-2409"},
    {at: "features/service.ts:19:42", provider: "mistral", api: "embeddings.create", kind: "embedding", model: "codestral-embed"},
    {at: "features/service.ts:25:10", provider: "mistral", api: "chat.complete", kind: "chat", model: "magistral-small-latest"},
    {at: "features/ui.jsx:4:33", provider: "mistral", api: "chat.complete", kind: "chat", model: "mistral-small-latest"},
    {at: "features/v0.js:6:9", provider: "mistral", api: "chat", kind: "chat", model: "mistral-medium"},
    {at: "features/v0.js:7:29", provider: "mistral", api: "chatStream", kind: "chat", model: "mistral-small"},
    {at: "features/v0.js:8:9", provider: "mistral", api: "embeddings", kind: "embedding", model: "mistral-embed"},
    {at: "features/v0.js:9:9", provider: "mistral", api: "completion", kind: "chat", model: "codestral-latest"},
    {at: "features/wrapper.ts:4:10", provider: "mistral", api: "chat.complete", kind: "chat", model: ["mistral-large-latest", "mistral-small-latest"]},
  ]);
});

test('mistral: near misses and resource management are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('mistral: prompt parts, maxTokens, tools and reasoning of chat.complete and chat.stream', () => {
  const s = site(result, 'features/chat.ts:7:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You answer questions about Acme invoices.', role: 'system', source: { file: 'features/chat.ts', line: 4 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '350' });
  assert.equal(s.options.maxOutputOption, 'maxTokens');
  assert.equal(s.options.tools, 1);
  const st = site(result, 'features/chat.ts:20:10');
  assert.equal(st.options.streaming, true);
  assert.deepEqual(st.options.reasoning, { status: 'exact', value: 'high' });
});

test('mistral: conversations read instructions, inputs and completionArgs, also inside append requests', () => {
  const s = site(result, 'features/agents.ts:6:9');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'Be concise.', role: 'system', source: { file: 'features/agents.ts', line: 8 } },
    { type: 'placeholder', name: 'ask', expression: 'ask', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '500' });
  assert.equal(s.options.maxOutputOption, 'completionArgs.maxTokens');
  assert.equal(s.options.tools, 1);
  assert.deepEqual(site(result, 'features/agents.ts:15:9').options.maxOutputTokens, { status: 'exact', value: '100' });
  assert.equal(site(result, 'features/agents.ts:14:9').options.streaming, true);
});

test('mistral: FIM, OCR, speech and batch options', () => {
  const fim = site(result, 'features/misc.ts:4:9');
  assert.deepEqual(fim.prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}}`)), ['{code}', '}\n']);
  assert.deepEqual(fim.options.maxOutputTokens, { status: 'exact', value: '64' });
  assert.deepEqual(site(result, 'features/misc.ts:10:9').prompt.map((p) => p.type === 'placeholder' && p.hint), ['document']);
  assert.deepEqual(site(result, 'features/misc.ts:13:9').prompt.map((p) => p.type === 'text' && p.text), ['Your order has shipped.']);
  assert.equal(site(result, 'features/misc.ts:11:9').options.batch, true);
});

test('mistral: serverURL and the v0 endpoint argument are the base URL', () => {
  assert.deepEqual(site(result, 'features/service.ts:7:12').baseURL, { status: 'exact', value: 'https://eu.api.mistral.ai' });
  assert.deepEqual(site(result, 'features/v0.js:6:9').baseURL, { status: 'exact', value: 'https://api.mistral.ai' });
  assert.deepEqual(site(result, 'features/v0.js:6:9').options.maxOutputTokens, { status: 'exact', value: '90' });
});

test('mistral: a wrapper lists its callers with what each passes', () => {
  const s = site(result, 'features/wrapper.ts:4:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:3:43', fn: 'headline', model: { status: 'exact', value: 'mistral-large-latest' }, max: { status: 'exact', value: '40' } },
      { at: 'features/callers.ts:4:40', fn: 'plain', model: { status: 'exact', value: 'mistral-small-latest', notes: ['default of parameter `model`'] }, max: undefined },
    ],
  );
});
