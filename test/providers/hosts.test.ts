import { test } from 'node:test';
import assert from 'node:assert/strict';
import { providerFromModelName, providerFromModelPrefix, providerFromURL, providerFromUrlTemplate } from '../../shared/providers/hosts';

test('hosts: the provider and gateway behind a base URL', () => {
  const cases: Array<[string, unknown]> = [
    ['https://api.openai.com/v1', { provider: 'openai', gateway: null }],
    ['https://acme.openai.azure.com/openai/deployments/x', { provider: 'azure-openai', gateway: null }],
    ['https://api.groq.com/openai/v1', { provider: 'groq', gateway: null }],
    ['https://openrouter.ai/api/v1', { provider: 'openrouter', gateway: null }],
    ['https://generativelanguage.googleapis.com/v1beta/openai/', { provider: 'google', gateway: null, compat: true }],
    ['https://us-central1-aiplatform.googleapis.com/v1/projects/p', { provider: 'google', gateway: null }],
    ['https://gateway.ai.cloudflare.com/v1/acct/gw/anthropic', { provider: 'anthropic', gateway: 'cloudflare-ai-gateway' }],
    ['https://oai.helicone.ai/v1', { provider: 'openai', gateway: 'helicone' }],
    ['http://localhost:11434/v1', { provider: 'ollama', gateway: null }],
    ['http://127.0.0.1:4000', { provider: 'openai', gateway: 'litellm' }],
    ['http://localhost:8000/v1', { provider: 'self-hosted', gateway: null }],
    ['https://llm.internal.example.com/v1', null],
    ['https://ai-gw.acme.example/openai/deployments/gpt4o/chat/completions', { provider: 'azure-openai', gateway: null }],
    ['not a url', null],
    ['https://api.jina.ai/v1/rerank', { provider: 'jina', gateway: null }],
    ['https://api.voyageai.com/v1', { provider: 'voyage', gateway: null }],
    ['https://eu-de.ml.cloud.ibm.com/ml/v1/text/chat?version=2024-05-01', { provider: 'ibm-watsonx', gateway: null }],
    ['https://api.moonshot.cn/v1', { provider: 'moonshot', gateway: null }],
    ['https://open.bigmodel.cn/api/paas/v4', { provider: 'zhipu', gateway: null }],
    ['https://api.z.ai/api/paas/v4', { provider: 'zhipu', gateway: null }],
    ['https://api.hyperbolic.xyz/v1', { provider: 'hyperbolic', gateway: null }],
    ['https://api.novita.ai/v3/openai', { provider: 'novita', gateway: null }],
    ['https://api.studio.nebius.com/v1/', { provider: 'nebius', gateway: null }],
    ['https://api.lambda.ai/v1', { provider: 'lambda', gateway: null }],
    ['https://inference.baseten.co/v1', { provider: 'baseten', gateway: null }],
    ['https://model-abc123.api.baseten.co/v1', { provider: 'baseten', gateway: null }],
    ['https://jina.ai/embeddings', null],
    ['https://api.replicate.com/v1/predictions', { provider: 'replicate', gateway: null }],
    ['https://replicate.com/black-forest-labs/flux-schnell', null],
    ['https://fal.run/fal-ai/flux/dev', { provider: 'fal', gateway: null }],
    ['https://queue.fal.run/fal-ai/flux/dev', { provider: 'fal', gateway: null }],
    ['https://fal.ai/models/fal-ai/flux/dev', null],
    ['https://router.huggingface.co/hf-inference/models/openai/whisper-large-v3', { provider: 'huggingface', gateway: null }],
    ['https://huggingface.co/openai/whisper-large-v3', null],
  ];
  for (const [url, expected] of cases) assert.deepEqual(providerFromURL(url), expected, url);
});

test('hosts: the vendor from a model name or prefix', () => {
  assert.equal(providerFromModelPrefix('anthropic/claude-sonnet-4'), 'anthropic');
  assert.equal(providerFromModelPrefix('meta-llama/llama-3.1-8b'), 'meta');
  assert.equal(providerFromModelPrefix('gpt-4o'), null);
  assert.equal(providerFromModelName('claude-3-5-haiku'), 'anthropic');
  assert.equal(providerFromModelName('o3-mini'), 'openai');
  assert.equal(providerFromModelName('gemini-2.5-pro'), 'google');
  assert.equal(providerFromModelName('mixtral-8x7b'), 'mistral');
  assert.equal(providerFromModelName('llama3.2'), null);
});

test('hosts: a URL template reveals its provider through its static text', () => {
  assert.deepEqual(providerFromUrlTemplate([{ expr: 'ENDPOINT' }, '/openai/deployments/', { expr: 'id' }]), { provider: 'azure-openai', gateway: null });
  assert.deepEqual(providerFromUrlTemplate(['https://api.groq.com/openai/', { expr: 'version' }]), { provider: 'groq', gateway: null });
  assert.equal(providerFromUrlTemplate([{ expr: 'BASE' }, '/v1']), null);
  assert.equal(providerFromUrlTemplate(['http://', { expr: 'host' }, '/v1']), null);
});
