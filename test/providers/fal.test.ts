import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/fal');

test('fal: subscribe, run, stream and queue.submit of @fal-ai/client (singleton and createFalClient) and @fal-ai/serverless-client', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/client.ts:8:9", provider: "fal", api: "subscribe", kind: "image", model: "fal-ai/flux/schnell"},
    {at: "features/client.ts:9:9", provider: "fal", api: "run", kind: "image", model: "fal-ai/fast-sdxl"},
    {at: "features/client.ts:10:9", provider: "fal", api: "queue.submit", kind: "other", model: "fal-ai/kling-video/v2/master/text-to-video"},
    {at: "features/client.ts:11:24", provider: "fal", api: "stream", kind: "chat", model: "fal-ai/any-llm"},
    {at: "features/client.ts:15:40", provider: "fal", api: "subscribe", kind: "audio", model: "fal-ai/kokoro/american-english"},
    {at: "features/client.ts:16:60", provider: "fal", api: "subscribe", kind: "image", model: "fal-ai/flux-pro/kontext"},
    {at: "features/factory.ts:5:47", provider: "fal", api: "subscribe", kind: "image", model: "fal-ai/clarity-upscaler"},
    {at: "features/factory.ts:6:50", provider: "fal", api: "run", kind: "audio", model: "fal-ai/wizper"},
    // The endpoint comes from the wrapper's callers: its kind is not known where the call is.
    {at: "features/models.ts:8:67", provider: "fal", api: "subscribe", kind: "other", model: "fal-ai/flux-pro/v1.1"},
    {at: "features/serverless.ts:7:42", provider: "fal", api: "subscribe", kind: "image", model: "fal-ai/flux/dev"},
    {at: "features/serverless.ts:8:43", provider: "fal", api: "queue.submit", kind: "image", model: "fal-ai/flux-pro"},
  ]);
});

test('fal: RxJS subscribe, task runners, storage, queue reads and the AI SDK provider are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
  assert.ok(result.callSites.every((s) => s.sdk === 'fal' && s.gateway === null));
});

test('fal: the input prompt and media, streaming, and a wrapper whose callers name the endpoint', () => {
  const llm = site(result, 'features/client.ts:11:24');
  assert.deepEqual(llm.prompt.map((p) => `${p.role}:${p.type === 'text' ? p.text : `{${p.name}}`}`), ['system:Be brief.', 'user:{prompt}']);
  assert.equal(llm.options.streaming, true);
  assert.deepEqual(site(result, 'features/client.ts:16:60').prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}:${p.hint ?? ''}}`)), ['{prompt:}', '{image_url:document}']);
  const wrapped = site(result, 'features/models.ts:8:67');
  assert.deepEqual(wrapped.callers.map((c) => [`${c.file}:${c.line}:${c.column}`, c.values.model]), [['features/models.ts:10:40', { status: 'exact', value: 'fal-ai/flux-pro/v1.1' }]]);
});
