import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/azure-inference');

test('azure-inference: path(route).post({ body }) through factories, `new`, CommonJS and shared clients', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/foundry.js:18:26", provider: "azure-openai", api: "chat/completions", kind: "chat", model: "gpt-4.1"},
    {at: "features/serverless.ts:10:26", provider: "azure-ai-inference", api: "chat/completions", kind: "chat", model: "?the model deployed behind the endpoint (the request names none)"},
    {at: "features/serverless.ts:18:22", provider: "azure-ai-inference", api: "embeddings", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/serverless.ts:20:26", provider: "azure-ai-inference", api: "images/embeddings", kind: "embedding", model: "Cohere-embed-v3-english"},
    {at: "features/tests.js:5:26", provider: "github-models", api: "chat/completions", kind: "chat", model: "openai/gpt-4.1-mini"},
  ]);
  assert.ok(result.callSites.every((s) => s.sdk === 'azure-ai-inference' && s.gateway === null));
  assert.deepEqual(result.warnings, []);
});

test('azure-inference: /info, unknown routes, isUnexpected and other packages are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
});

test('azure-inference: body options, the endpoint as baseURL, and confidence', () => {
  const foundry = site(result, 'features/foundry.js:18:26');
  assert.deepEqual(foundry.options.maxOutputTokens, { status: 'exact', value: '800' });
  assert.equal(foundry.options.maxOutputOption, 'max_completion_tokens');
  assert.deepEqual(foundry.baseURL, { status: 'exact', value: 'https://contoso-eastus2.services.ai.azure.com/models', notes: ['default when process.env.AZURE_INFERENCE_SDK_ENDPOINT is unset'] });
  assert.deepEqual(foundry.prompt.map((p) => p.role), ['developer', 'user']);
  const stream = site(result, 'features/serverless.ts:10:26');
  assert.equal(stream.options.streaming, true);
  assert.deepEqual(stream.options.maxOutputTokens, { status: 'exact', value: '128' });
  assert.equal(stream.confidence, 'low');
  // An endpoint from the environment: some Azure AI deployment, inferred.
  assert.equal(site(result, 'features/serverless.ts:18:22').confidence, 'medium');
  assert.equal(site(result, 'features/tests.js:5:26').confidence, 'high');
  assert.deepEqual(site(result, 'features/tests.js:5:26').options.maxOutputTokens, { status: 'exact', value: '2048' });
});
