import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/cohere');
const DEFAULT = "?the API's default model (none named in this call)";
const WEB = 'client=acme-web (cohere.clientName.client)';
const SEARCH = 'app=search (helicone.header.client)';

test('cohere: every request-sending call of CohereClient (v1, v2) and CohereClientV2, through shared clients, classes, CJS and TSX', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/aliased.ts:5:37", provider: "cohere", api: "v2.chat", kind: "chat", model: "c4ai-aya-expanse-32b"},
    {at: "features/legacy.cjs:6:10", provider: "cohere", api: "chat", kind: "chat", model: "command-light"},
    {at: "features/service.ts:7:12", provider: "cohere", api: "v2.rerank", kind: "other", model: "rerank-multilingual-v3.0"},
    {at: "features/service.ts:12:10", provider: "cohere", api: "chat", kind: "chat", model: "command-r-plus-08-2024"},
    {at: "features/service.ts:19:42", provider: "cohere", api: "v2.chat", kind: "chat", model: "command-a-03-2025"},
    {at: "features/service.ts:25:10", provider: "cohere", api: "generate", kind: "chat", model: "command-nightly"},
    {at: "features/ui.tsx:4:33", provider: "cohere", api: "v2.chat", kind: "chat", model: "command-r-08-2024", tags: [SEARCH]},
    {at: "features/v1.ts:6:9", provider: "cohere", api: "chat", kind: "chat", model: "command-r-plus", tags: [WEB]},
    {at: "features/v1.ts:7:9", provider: "cohere", api: "chatStream", kind: "chat", model: "command-r", tags: ["client=stream-ui (cohere.clientName)", WEB, "team=support (litellm.header)"]},
    {at: "features/v1.ts:11:9", provider: "cohere", api: "generate", kind: "chat", model: DEFAULT, tags: [WEB]},
    {at: "features/v1.ts:12:9", provider: "cohere", api: "generateStream", kind: "chat", model: "command", tags: [WEB]},
    {at: "features/v1.ts:13:9", provider: "cohere", api: "embed", kind: "embedding", model: "embed-english-v3.0", tags: [WEB]},
    {at: "features/v1.ts:14:9", provider: "cohere", api: "rerank", kind: "other", model: "rerank-english-v3.0", tags: [WEB]},
    {at: "features/v1.ts:15:9", provider: "cohere", api: "classify", kind: "other", model: "embed-english-v3.0", tags: [WEB]},
    {at: "features/v1.ts:16:9", provider: "cohere", api: "summarize", kind: "chat", model: DEFAULT, tags: [WEB]},
    {at: "features/v1.ts:17:9", provider: "cohere", api: "v2.chat", kind: "chat", model: "command-a-03-2025", tags: [WEB]},
    {at: "features/v1.ts:18:9", provider: "cohere", api: "batches.create", kind: "batch", model: "command-r-08-2024", tags: [WEB]},
    {at: "features/v1.ts:19:9", provider: "cohere", api: "embedJobs.create", kind: "embedding", model: "embed-multilingual-v3.0", tags: [WEB]},
    {at: "features/v1.ts:20:9", provider: "cohere", api: "audio.transcriptions.create", kind: "audio", model: "cohere-transcribe-03-2026", tags: [WEB]},
    {at: "features/v2.ts:4:9", provider: "cohere", api: "v2.chat", kind: "chat", model: "command-a-reasoning-08-2025", tags: [SEARCH]},
    {at: "features/v2.ts:14:9", provider: "cohere", api: "v2.chatStream", kind: "chat", model: "command-r7b-12-2024", tags: [SEARCH]},
    {at: "features/v2.ts:15:9", provider: "cohere", api: "v2.embed", kind: "embedding", model: "embed-v4.0", tags: [SEARCH]},
    {at: "features/v2.ts:16:9", provider: "cohere", api: "v2.rerank", kind: "other", model: "rerank-v3.5", tags: [SEARCH]},
    {at: "features/v2.ts:17:9", provider: "cohere", api: "generate", kind: "chat", model: "command-light", tags: [SEARCH]},
    {at: "features/wrapper.ts:4:10", provider: "cohere", api: "v2.chat", kind: "chat", model: ["command-a-03-2025", "command-r-08-2024"], tags: [SEARCH]},
  ]);
});

test('cohere: near misses, free and resource calls are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('cohere: v1 chat reads preamble, chat history and message', () => {
  const s = site(result, 'features/v1.ts:6:9');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You are Acme support. Be brief.', role: 'system', source: { file: 'features/v1.ts', line: 3 } },
    { type: 'placeholder', name: 'history', expression: 'history', hint: 'history' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.equal(s.options.maxOutputOption, 'maxTokens');
  assert.deepEqual(
    site(result, 'features/v1.ts:7:9').prompt.map((p) => `${p.role}:${p.type === 'text' ? p.text : `{${p.name}}`}`),
    ['user:Hi', 'assistant:Hello!', 'user:{question}'],
  );
  assert.equal(site(result, 'features/v1.ts:7:9').options.streaming, true);
});

test('cohere: v2 chat reads messages, maxTokens, thinking budget and tools', () => {
  const s = site(result, 'features/v2.ts:4:9');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'Answer from the documents only.', role: 'system', source: { file: 'features/v2.ts', line: 7 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '800' });
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: '2000' });
  assert.equal(s.options.tools, 1);
});

test('cohere: rerank, summarize and batch jobs', () => {
  assert.deepEqual(site(result, 'features/v2.ts:16:9').prompt.map((p) => (p.type === 'placeholder' ? p.hint ?? p.name : p.text)), ['question', 'document']);
  assert.deepEqual(site(result, 'features/v1.ts:16:9').prompt[0], { type: 'text', text: 'Focus on refunds.', role: 'system', source: { file: 'features/v1.ts', line: 16 } });
  assert.equal(site(result, 'features/v1.ts:18:9').options.batch, true);
  assert.equal(site(result, 'features/v1.ts:19:9').options.batch, true);
  assert.deepEqual(site(result, 'features/service.ts:7:12').baseURL, { status: 'exact', value: 'https://api.cohere.com' });
});

test('cohere: a wrapper lists its callers with what each passes', () => {
  const s = site(result, 'features/wrapper.ts:4:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:3:43', fn: 'headline', model: { status: 'exact', value: 'command-a-03-2025' }, max: { status: 'exact', value: '40' } },
      { at: 'features/callers.ts:4:40', fn: 'plain', model: { status: 'exact', value: 'command-r-08-2024', notes: ['default of parameter `model`'] }, max: undefined },
    ],
  );
});
