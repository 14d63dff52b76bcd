import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/replicate');

test('replicate: run, stream, predictions.create and deployment predictions, the model as owner/name', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/images.ts:9:9", provider: "replicate", api: "run", kind: "image", model: "stability-ai/sdxl"},
    {at: "features/images.ts:10:9", provider: "replicate", api: "run", kind: "image", model: "black-forest-labs/flux-schnell"},
    {at: "features/images.ts:11:10", provider: "replicate", api: "run", kind: "image", model: "nightmareai/real-esrgan"},
    {at: "features/legacy.cjs:6:30", provider: "replicate", api: "run", kind: "audio", model: "openai/whisper"},
    {at: "features/llm.ts:8:29", provider: "replicate", api: "stream", kind: "chat", model: "meta/meta-llama-3-70b-instruct"},
    {at: "features/llm.ts:13:42", provider: "replicate", api: "run", kind: "chat", model: "meta/meta-llama-3-8b-instruct"},
    {at: "features/predictions.ts:8:12", provider: "replicate", api: "predictions.create", kind: "image", model: "black-forest-labs/flux-1.1-pro"},
    {at: "features/predictions.ts:12:12", provider: "replicate", api: "predictions.create", kind: "other", model: "?parameter `version` of ImageJobs.byVersion(); no callers of ImageJobs.byVersion() found in the scanned files; no construction of ImageJobs found in the scanned files"},
    {at: "features/predictions.ts:16:12", provider: "replicate", api: "predictions.create", kind: "other", model: "?a model version id (`3ab86df6c8f5…`) names no model"},
    {at: "features/predictions.ts:20:12", provider: "replicate", api: "deployments.predictions.create", kind: "other", model: "?the model of deployment `acme/writer-llm` (chosen on Replicate, not in the code)"},
    {at: "features/shared.ts:3:42", provider: "replicate", api: "run", kind: "image", model: "cjwbw/rembg"},
  ]);
});

test('replicate: look-alikes named replicate, reads, management and trainings are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
  assert.ok(result.callSites.every((s) => s.sdk === 'replicate' && s.gateway === null));
});

test('replicate: the input prompt, system prompt, max tokens and streaming', () => {
  const s = site(result, 'features/llm.ts:8:29');
  assert.deepEqual(s.prompt.map((p) => `${p.role}:${p.type === 'text' ? p.text : `{${p.name}}`}`), ['system:You are a poet.', 'user:Write a poem about ', 'user:{topic}']);
  assert.deepEqual([s.options.maxOutputTokens, s.options.maxOutputOption, s.options.streaming], [{ status: 'exact', value: '512' }, 'input.max_tokens', true]);
  const quick = site(result, 'features/llm.ts:13:42');
  assert.deepEqual([quick.options.maxOutputTokens, quick.options.maxOutputOption, quick.options.streaming], [{ status: 'exact', value: '128' }, 'input.max_new_tokens', false]);
  assert.deepEqual(site(result, 'features/images.ts:11:10').prompt, [{ type: 'placeholder', name: 'image', expression: 'image', role: 'user', hint: 'document' }]);
});

test('replicate: an unknown model is never priced', () => {
  for (const at of ['features/predictions.ts:12:12', 'features/predictions.ts:16:12', 'features/predictions.ts:20:12']) {
    assert.deepEqual([site(result, at).model.status, site(result, at).confidence], ['unknown', 'low']);
  }
});
