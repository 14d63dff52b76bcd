import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prefilter } from '../../shared/project/prefilter';
import { ADAPTERS, adaptersFor, readsByName } from '../../shared/providers/registry';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/openai-shaped');

test('openai-shaped: vendor SDKs and unknown packages of the OpenAI shape, billed by package or host', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/legacy.cjs:7:21", provider: "together", api: "chat.completions.create", kind: "chat", model: "mistralai/Mixtral-8x7B-Instruct-v0.1"},
    {at: "features/shared-use.ts:4:39", provider: "openai-compatible", api: "chat.completions.create", kind: "chat", model: "nebula-large"},
    {at: "features/together.ts:7:21", provider: "together", api: "chat.completions.create", kind: "chat", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
    {at: "features/together.ts:16:43", provider: "together", api: "embeddings.create", kind: "embedding", model: "BAAI/bge-large-en-v1.5"},
    {at: "features/together.ts:18:42", provider: "together", api: "images.create", kind: "image", model: "black-forest-labs/FLUX.1-schnell"},
    {at: "features/together.ts:20:43", provider: "together", api: "images.generate", kind: "image", model: "?no model given"},
    {at: "features/together.ts:22:34", provider: "together", api: "chat.completions.create", kind: "chat", model: "Qwen/Qwen2.5-72B-Instruct-Turbo", tags: ["feature=recipes (helicone.header.client)"]},
    {at: "features/together.ts:32:12", provider: "together", api: "chat.completions.create", kind: "chat", model: "Qwen/Qwen2-1.5B-Instruct"},
    {at: "features/together.ts:36:12", provider: "together", api: "audio.speech.create", kind: "audio", model: "cartesia/sonic"},
    {at: "features/unknown.ts:11:9", provider: "openai-compatible", api: "chat.completions.create", kind: "chat", model: "nebula-large"},
    {at: "features/unknown.ts:12:9", provider: "openai-compatible", api: "embeddings.create", kind: "embedding", model: "nebula-embed"},
    {at: "features/unknown.ts:13:9", provider: "openai-compatible", api: "completions.create", kind: "chat", model: "nebula-base"},
    {at: "features/unknown.ts:14:9", provider: "openai-compatible", api: "images.generate", kind: "image", model: "nebula-paint"},
    {at: "features/unknown.ts:15:9", provider: "openai-compatible", api: "responses.create", kind: "chat", model: "nebula-large"},
    {at: "features/unknown.ts:16:9", provider: "deepinfra", api: "chat.completions.create", kind: "chat", model: "meta-llama/Meta-Llama-3.1-8B-Instruct"},
    {at: "features/unknown.ts:20:10", provider: "openai-compatible", api: "chat.completions.create", kind: "chat", model: "nebula-small"},
    {at: "features/vendors.ts:17:9", provider: "cerebras", api: "chat.completions.create", kind: "chat", model: "llama3.1-8b"},
    {at: "features/vendors.ts:18:9", provider: "perplexity", api: "chat.completions.create", kind: "chat", model: "sonar-pro"},
    {at: "features/vendors.ts:19:9", provider: "sambanova", api: "chat.completions.create", kind: "chat", model: "Meta-Llama-3.3-70B-Instruct"},
    {at: "features/vendors.ts:20:9", provider: "meta", api: "chat.completions.create", kind: "chat", model: "Llama-4-Maverick-17B-128E-Instruct-FP8"},
    {at: "features/vendors.ts:24:9", provider: "openrouter", api: "chat.send", kind: "chat", model: "openai/gpt-4o"},
    {at: "features/vendors.ts:25:9", provider: "openrouter", api: "chat.send", kind: "chat", model: "anthropic/claude-3.5-haiku"},
    {at: "features/vendors.ts:26:9", provider: "openrouter", api: "embeddings.generate", kind: "embedding", model: "openai/text-embedding-3-small"},
    {at: "features/vendors.ts:34:37", provider: "self-hosted", api: "chat.completions.create", kind: "chat", model: "?no model given"},
  ]);
});

test('openai-shaped: ORM, payment and queue calls with the same member names are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('openai-shaped: the package is the sdk; an unknown package is medium confidence at best', () => {
  const sdks = [...new Set(result.callSites.map((s) => s.sdk))].sort();
  assert.deepEqual(sdks, ['@acme/nebula-sdk', '@cerebras/cerebras_cloud_sdk', '@mlc-ai/web-llm', '@openrouter/sdk', '@perplexity-ai/perplexity_ai', 'llama-api-client', 'sambanova', 'some-inference', 'together-ai']);
  for (const s of result.callSites.filter((x) => x.sdk === '@acme/nebula-sdk' || x.sdk === 'some-inference')) assert.equal(s.confidence, 'medium', `${s.file}:${s.line}`);
  assert.equal(site(result, 'features/vendors.ts:17:9').confidence, 'high');
  // Images named by no model: unknown, never OpenAI's dall-e-2 default.
  assert.deepEqual(site(result, 'features/together.ts:20:43').model, { status: 'unknown', reason: 'no model given' });
  assert.equal(site(result, 'features/together.ts:20:43').confidence, 'low');
  const helicone = site(result, 'features/together.ts:22:34');
  assert.equal(helicone.gateway, 'helicone');
  assert.deepEqual(helicone.baseURL, { status: 'exact', value: 'https://together.helicone.ai/v1' });
  assert.deepEqual(site(result, 'features/unknown.ts:16:9').baseURL, { status: 'exact', value: 'https://api.deepinfra.com/v1/openai' });
});

test('openai-shaped: the request is read as OpenAI reads it, camelCase vendors included', () => {
  const chat = site(result, 'features/together.ts:7:21');
  assert.equal(chat.options.streaming, true);
  assert.deepEqual(chat.options.maxOutputTokens, { status: 'exact', value: '512' });
  assert.deepEqual(chat.prompt, [
    { type: 'text', text: 'You are a chef.', role: 'system', source: { file: 'features/together.ts', line: 9 } },
    { type: 'placeholder', name: 'dish', expression: 'dish', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'features/vendors.ts:17:9').options.maxOutputTokens, { status: 'exact', value: '256' });
  assert.equal(site(result, 'features/vendors.ts:17:9').options.maxOutputOption, 'max_completion_tokens');
  assert.equal(site(result, 'features/vendors.ts:24:9').options.streaming, true);
  const wrapped = site(result, 'features/vendors.ts:25:9');
  assert.deepEqual(wrapped.options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.equal(wrapped.options.maxOutputOption, 'max_tokens');
  assert.deepEqual(site(result, 'features/unknown.ts:13:9').options.maxOutputTokens, { status: 'exact', value: '64' });
});

test('openai-shaped: a package no adapter lists falls back to the OpenAI shape; relative, builtin and alias specifiers do not', () => {
  assert.deepEqual(adaptersFor('@acme/nebula-sdk').map((a) => a.id), ['openai-shaped']);
  assert.deepEqual(adaptersFor('together-ai').map((a) => a.id), ['openai-shaped']);
  assert.deepEqual(adaptersFor('openai').map((a) => a.id), ['openai']);
  // Globals (fetch) stay the HTTP adapter's.
  assert.deepEqual(adaptersFor('global').map((a) => a.id), ['http']);
  for (const m of ['./lib/client', '../x', '@/lib/ai', '~/server/llm', '#internal/ai', 'fs', 'node:fs', 'fs/promises']) assert.deepEqual(adaptersFor(m), [], m);
  assert.equal(readsByName('together-ai'), true);
  assert.equal(readsByName('@acme/nebula-sdk'), false);
});

test('openai-shaped prefilter: any import plus an OpenAI-shaped call makes a file a candidate; an import alone does not', () => {
  const p = new Prefilter(ADAPTERS);
  const call = "import { Nebula } from '@acme/nebula-sdk';\nconst n = new Nebula();\nexport const a = () => n.chat.completions.create({ model: 'm', messages: [] });\n";
  assert.equal(p.classify(call, ['@acme/nebula-sdk']), 'call');
  assert.equal(p.classify("import { n } from './client';\nexport const a = () => n.embeddings.create({ model: 'm', input: 'x' });\n", ['./client']), 'call');
  assert.equal(p.classify("export const a = () => n.chat.completions.create({ model: 'm', messages: [] });\n", []), null);
  assert.equal(p.classify("import { Nebula } from '@acme/nebula-sdk';\nexport const n = new Nebula();\n", ['@acme/nebula-sdk']), null);
  assert.equal(p.classify("import { db } from '@acme/db';\nexport const a = () => db.chat.create({ data: {} });\n", ['@acme/db']), null);
  // A listed vendor keeps the shared-client rule of every adapter.
  assert.equal(p.classify("import Together from 'together-ai';\nexport const t = new Together();\n", ['together-ai']), 'import');
});
