import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/groq');
const TEAM = 'team=growth (helicone.header.client)';

test('groq: every request-sending call, through shared clients, classes, CJS and JSX', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/aliased.ts:5:37", provider: "groq", api: "chat.completions.create", kind: "chat", model: "gemma2-9b-it"},
    {at: "features/chat.ts:6:10", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama-3.3-70b-versatile", tags: ["feature=blurbs (groq.metadata)", TEAM, "user=* (groq.user)"]},
    {at: "features/chat.ts:20:10", provider: "groq", api: "chat.completions.create", kind: "chat", model: "openai/gpt-oss-120b", tags: [TEAM, "team=search (litellm.header)"]},
    {at: "features/legacy.cjs:6:10", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama3-8b-8192"},
    {at: "features/misc.ts:4:9", provider: "groq", api: "audio.transcriptions.create", kind: "audio", model: "whisper-large-v3-turbo", tags: [TEAM]},
    {at: "features/misc.ts:5:9", provider: "groq", api: "audio.translations.create", kind: "audio", model: "whisper-large-v3", tags: [TEAM]},
    {at: "features/misc.ts:6:9", provider: "groq", api: "audio.speech.create", kind: "audio", model: "playai-tts", tags: [TEAM]},
    {at: "features/misc.ts:7:9", provider: "groq", api: "embeddings.create", kind: "embedding", model: "nomic-embed-text-v1_5", tags: [TEAM]},
    {at: "features/misc.ts:8:9", provider: "groq", api: "batches.create", kind: "batch", model: "?models are named inside the batch input file", tags: ["run=nightly (groq.metadata)", TEAM]},
    {at: "features/service.ts:7:12", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama-3.1-8b-instant"},
    {at: "features/service.ts:12:10", provider: "groq", api: "chat.completions.create", kind: "chat", model: "qwen/qwen3-32b"},
    {at: "features/service.ts:19:42", provider: "groq", api: "chat.completions.create", kind: "chat", model: "moonshotai/kimi-k2-instruct"},
    {at: "features/service.ts:23:10", provider: "groq", api: "chat.completions.create", kind: "chat", model: "meta-llama/llama-4-scout-17b-16e-instruct"},
    {at: "features/ui.jsx:4:33", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama-3.1-8b-instant", tags: [TEAM]},
    {at: "features/wrapper.ts:4:10", provider: "groq", api: "chat.completions.create", kind: "chat", model: ["llama-3.1-8b-instant", "llama-3.3-70b-versatile"], tags: [TEAM]},
  ]);
});

test('groq: near misses and resource management are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
  assert.ok(result.callSites.every((s) => s.sdk === 'groq' && s.gateway === null));
});

test('groq: prompt parts and options of chat completions', () => {
  const s = site(result, 'features/chat.ts:6:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You write short product blurbs.', role: 'system', source: { file: 'features/chat.ts', line: 3 } },
    { type: 'placeholder', name: 'product', expression: 'product', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '120' });
  assert.equal(s.options.maxOutputOption, 'max_completion_tokens');
  assert.deepEqual(s.options.serviceTier, { status: 'exact', value: 'flex' });
  const st = site(result, 'features/chat.ts:20:10');
  assert.equal(st.options.streaming, true);
  assert.deepEqual(st.options.reasoning, { status: 'exact', value: 'medium' });
  assert.equal(st.options.maxOutputOption, 'max_tokens');
  assert.deepEqual(st.options.maxOutputTokens, { status: 'exact', value: '900' });
  assert.equal(site(result, 'features/misc.ts:8:9').options.batch, true);
  assert.deepEqual(site(result, 'features/service.ts:7:12').baseURL, { status: 'exact', value: 'https://api.groq.com' });
});

test('groq: a wrapper lists its callers with what each passes', () => {
  const s = site(result, 'features/wrapper.ts:4:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:3:43', fn: 'headline', model: { status: 'exact', value: 'llama-3.3-70b-versatile' }, max: { status: 'exact', value: '40' } },
      { at: 'features/callers.ts:4:40', fn: 'plain', model: { status: 'exact', value: 'llama-3.1-8b-instant', notes: ['default of parameter `model`'] }, max: undefined },
    ],
  );
});
