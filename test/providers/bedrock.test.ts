import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/bedrock');

test('bedrock: every inference command, through send and the aggregated client, shared clients, classes, CJS and TSX', () => {
  assert.deepEqual(summarize(result), [
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

test('bedrock: near misses are not call sites (S3 and control-plane send, foreign commands, mocks, comments, strings)', () => {
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
