import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/http');

test('http: every request to a provider endpoint, through fetch, axios, got, ky, ofetch, undici and superagent', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/aliased.ts:6:9", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o"},
    {at: "features/aliased.ts:7:9", provider: "mistral", api: "POST /v1/embeddings", kind: "embedding", model: "mistral-embed"},
    {at: "features/aliased.ts:8:9", provider: "groq", api: "POST /openai/v1/chat/completions", kind: "chat", model: "llama-3.1-8b-instant"},
    {at: "features/anthropic.ts:23:10", provider: "anthropic", api: "POST /v1/messages", kind: "chat", model: "claude-sonnet-4-20250514", tags: ["user=* (anthropic.metadata.user_id)", "user=reviewer (helicone.header)"]},
    {at: "features/anthropic.ts:30:10", provider: "anthropic", api: "POST /v1/messages/batches", kind: "batch", model: "claude-3-5-haiku-latest"},
    {at: "features/axios.ts:5:26", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4.1-mini", tags: ["tag=nightly (litellm.header)", "team=search (helicone.header.client)", "team=search (litellm.header)"]},
    {at: "features/axios.ts:14:10", provider: "openai", api: "POST /v1/embeddings", kind: "embedding", model: "text-embedding-3-large"},
    {at: "features/axios.ts:22:10", provider: "deepseek", api: "POST /chat/completions", kind: "chat", model: "deepseek-chat"},
    {at: "features/axios.ts:26:10", provider: "openai", api: "POST /v1/responses", kind: "chat", model: "o4-mini", tags: ["team=search (helicone.header.client)"]},
    {at: "features/azure.ts:6:10", provider: "azure-openai", api: "POST /openai/deployments/{deployment}/chat/completions", kind: "chat", model: "gpt4o-prod"},
    {at: "features/base-class.ts:44:23", provider: "openai-compatible", api: "POST /v1/chat/completions", kind: "chat", model: "?parameter `settings` of CompatibleChat.constructor()"},
    {at: "features/base-class.ts:52:12", provider: "openai-compatible", api: "POST /v1/chat/completions", kind: "chat", model: "qwen2.5-72b-instruct"},
    {at: "features/bedrock.ts:4:10", provider: "bedrock", api: "POST /model/{model}/converse", kind: "chat", model: "anthropic.claude-3-5-haiku-20241022-v1:0", tags: ["tenant=acme (bedrock.requestMetadata)"]},
    {at: "features/env-origin.ts:4:21", provider: "ollama", api: "POST /api/chat", kind: "chat", model: "llama3.1:8b"},
    {at: "features/env-origin.ts:12:10", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/event-source.ts:17:5", provider: "openai-compatible", api: "POST /api/paas/v4/chat/completions", kind: "chat", model: ["cogview-3", "glm-4-flash"]},
    {at: "features/event-source.ts:52:23", provider: "openai-compatible", api: "POST /api/paas/v4/chat/completions", kind: "chat", model: ["cogview-3", "glm-4-flash"]},
    {at: "features/gateways.ts:4:9", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o", tags: ["session=abc (helicone.header)"]},
    {at: "features/gateways.ts:9:9", provider: "anthropic", api: "POST /chat/completions", kind: "chat", model: "claude-3-5-haiku", tags: ["team=data (litellm.metadata.tags)"]},
    {at: "features/gateways.ts:13:9", provider: "google", api: "POST /v1/chat/completions", kind: "chat", model: "gemini-2.0-flash", tags: ["team=platform (portkey.header)", "user=svc (portkey.header)"]},
    {at: "features/gateways.ts:18:9", provider: "anthropic", api: "POST /v1/acct123/my-gw/anthropic/v1/messages", kind: "chat", model: "claude-3-5-haiku-latest", tags: ["team=edge (cloudflare.header)"]},
    {at: "features/gemini.ts:5:10", provider: "google", api: "POST /v1beta/models/{model}:generateContent", kind: "chat", model: ["gemini-2.5-flash", "gemini-2.5-pro"]},
    {at: "features/gemini.ts:17:10", provider: "google", api: "POST /v1beta/models/{model}:streamGenerateContent", kind: "chat", model: "gemini-2.0-flash"},
    {at: "features/gemini.ts:24:10", provider: "google", api: "POST /v1beta/models/{model}:embedContent", kind: "embedding", model: "text-embedding-004"},
    {at: "features/gemini.ts:29:10", provider: "google", api: "POST /v1/projects/{process.env.GCP_PROJECT}/locations/us-central1/publishers/google/models/{model}:generateContent", kind: "chat", model: "gemini-2.0-flash-001", tags: ["env=prod (vertex.labels, bill)", "team=ml (vertex.labels, bill)"]},
    {at: "features/got-ky.ts:6:10", provider: "groq", api: "POST /openai/v1/chat/completions", kind: "chat", model: "llama-3.3-70b-versatile", tags: ["team=infra (litellm.header.client)"]},
    {at: "features/got-ky.ts:10:10", provider: "xai", api: "POST /v1/chat/completions", kind: "chat", model: "grok-3-mini"},
    {at: "features/got-ky.ts:14:10", provider: "mistral", api: "POST /v1/chat/completions", kind: "chat", model: "mistral-small-latest"},
    {at: "features/got-ky.ts:18:10", provider: "together", api: "POST /v1/chat/completions", kind: "chat", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
    {at: "features/got-ky.ts:22:10", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o", tags: ["user=bob (litellm.header)"]},
    {at: "features/hosts-more.ts:9:9", provider: "jina", api: "POST /v1/embeddings", kind: "embedding", model: "jina-embeddings-v3"},
    {at: "features/hosts-more.ts:10:9", provider: "jina", api: "POST /v1/rerank", kind: "other", model: "jina-reranker-v2-base-multilingual"},
    {at: "features/hosts-more.ts:14:9", provider: "voyage", api: "POST /v1/embeddings", kind: "embedding", model: "voyage-3.5"},
    {at: "features/hosts-more.ts:15:9", provider: "voyage", api: "POST /v1/rerank", kind: "other", model: "rerank-2.5-lite"},
    {at: "features/hosts-more.ts:21:9", provider: "ibm-watsonx", api: "POST /ml/v1/text/generation", kind: "chat", model: "ibm/granite-13b-instruct-v2"},
    {at: "features/hosts-more.ts:25:9", provider: "ibm-watsonx", api: "POST /ml/v1/text/chat", kind: "chat", model: "ibm/granite-3-8b-instruct"},
    {at: "features/hosts-more.ts:32:9", provider: "cohere", api: "POST /chat", kind: "chat", model: "command-r"},
    {at: "features/hosts-more.ts:33:9", provider: "cohere", api: "POST /embed", kind: "embedding", model: "embed-english-v3.0"},
    {at: "features/hosts-more.ts:38:9", provider: "hyperbolic", api: "POST /v1/chat/completions", kind: "chat", model: "deepseek-ai/DeepSeek-V3"},
    {at: "features/hosts-more.ts:39:9", provider: "zhipu", api: "POST /api/paas/v4/chat/completions", kind: "chat", model: "glm-4-flash"},
    {at: "features/hosts-more.ts:40:9", provider: "novita", api: "POST /v3/openai/chat/completions", kind: "chat", model: "meta-llama/llama-3.1-8b-instruct"},
    {at: "features/hosts-more.ts:41:9", provider: "nebius", api: "POST /v1/chat/completions", kind: "chat", model: "meta-llama/Meta-Llama-3.1-70B-Instruct"},
    {at: "features/hosts-more.ts:42:9", provider: "lambda", api: "POST /v1/chat/completions", kind: "chat", model: "llama-4-maverick-17b-128e-instruct-fp8"},
    {at: "features/hosts-more.ts:43:9", provider: "baseten", api: "POST /v1/chat/completions", kind: "chat", model: "deepseek-ai/DeepSeek-V3-0324"},
    {at: "features/hosts-more.ts:44:9", provider: "alibaba", api: "POST /compatible-mode/v1/chat/completions", kind: "chat", model: "qwen-plus"},
    {at: "features/imported-wrapper.ts:4:3", provider: "mistral", api: "POST /v1/chat/completions", kind: "chat", model: "mistral-large-latest"},
    {at: "features/inhouse.ts:14:10", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/inhouse.ts:32:10", provider: "anthropic", api: "POST /v1/messages", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "features/inhouse.ts:39:10", provider: "openai", api: "POST /v1/embeddings", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/inhouse.ts:54:12", provider: "groq", api: "POST /openai/v1/chat/completions", kind: "chat", model: "llama-3.1-8b-instant"},
    {at: "features/inhouse.ts:57:12", provider: "mistral", api: "POST /v1/embeddings", kind: "embedding", model: "mistral-embed"},
    {at: "features/inhouse.ts:63:10", provider: "deepseek", api: "POST /chat/completions", kind: "chat", model: "deepseek-chat"},
    {at: "features/inhouse.ts:74:9", provider: "perplexity", api: "POST /chat/completions", kind: "chat", model: "sonar-pro"},
    {at: "features/inhouse.ts:75:9", provider: "voyage", api: "POST /v1/embeddings", kind: "embedding", model: "voyage-3.5"},
    {at: "features/inhouse.ts:76:9", provider: "jina", api: "POST /v1/rerank", kind: "other", model: "jina-reranker-v2-base-multilingual"},
    {at: "features/inhouse.ts:77:9", provider: "xai", api: "POST /v1/chat/completions", kind: "chat", model: "grok-3"},
    {at: "features/inhouse.ts:78:9", provider: "moonshot", api: "POST /v1/chat/completions", kind: "chat", model: "kimi-k2-0711-preview"},
    {at: "features/llm-classes.ts:27:12", provider: "anthropic", api: "POST /v1/messages", kind: "chat", model: ["claude-sonnet-4-5", "gpt-4o-mini"]},
    {at: "features/llm-classes.ts:42:12", provider: "openai", api: "POST /v1/openai/deployments/{deployment}/embeddings", kind: "embedding", model: "gpt-4o-mini"},
    {at: "features/model-hosts.ts:12:9", provider: "replicate", api: "POST /v1/predictions", kind: "other", model: "5c9e1a2b3d4f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"},
    {at: "features/model-hosts.ts:17:9", provider: "replicate", api: "POST /v1/predictions", kind: "chat", model: "meta/meta-llama-3-8b-instruct"},
    {at: "features/model-hosts.ts:24:9", provider: "replicate", api: "POST /v1/models/{model}/predictions", kind: "image", model: "black-forest-labs/flux-schnell"},
    {at: "features/model-hosts.ts:25:9", provider: "replicate", api: "POST /v1/models/{model}/predictions", kind: "other", model: "?parameter `model` of official(); no callers of official() found in the scanned files"},
    {at: "features/model-hosts.ts:26:9", provider: "replicate", api: "POST /v1/deployments/acme/sdxl-prod/predictions", kind: "other", model: "?the model of a Replicate deployment (chosen on Replicate, not in the code)"},
    {at: "features/model-hosts.ts:30:9", provider: "fal", api: "POST /{model}", kind: "image", model: "fal-ai/flux/dev"},
    {at: "features/model-hosts.ts:31:9", provider: "fal", api: "POST /{model}", kind: "audio", model: "fal-ai/whisper"},
    {at: "features/model-hosts.ts:37:9", provider: "huggingface", api: "POST /hf-inference/models/{model}", kind: "other", model: "?parameter `model` of transcribe(); no callers of transcribe() found in the scanned files"},
    {at: "features/model-hosts.ts:38:9", provider: "huggingface", api: "POST /models/{model}", kind: "audio", model: "openai/whisper-large-v3"},
    {at: "features/model-hosts.ts:42:10", provider: "jina", api: "POST /v1/classify", kind: "other", model: "?a trained Jina classifier (classifier_id): its model was chosen when it was trained"},
    {at: "features/node-https.js:14:10", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/ofetch.ts:6:10", provider: "fireworks", api: "POST /inference/v1/chat/completions", kind: "chat", model: "accounts/fireworks/models/llama-v3p1-8b-instruct", tags: ["app=fw (helicone.header.client)"]},
    {at: "features/ofetch.ts:10:10", provider: "fireworks", api: "POST /inference/v1/embeddings", kind: "embedding", model: "nomic-ai/nomic-embed-text-v1.5"},
    {at: "features/ofetch.ts:15:10", provider: "openrouter", api: "POST /api/v1/chat/completions", kind: "chat", model: "anthropic/claude-3.5-sonnet"},
    {at: "features/ollama.cjs:6:21", provider: "ollama", api: "POST /api/chat", kind: "chat", model: "llama3.2"},
    {at: "features/ollama.cjs:14:10", provider: "ollama", api: "POST /api/generate", kind: "chat", model: "qwen2.5:7b"},
    {at: "features/ollama.cjs:18:10", provider: "ollama", api: "POST /api/embed", kind: "embedding", model: "nomic-embed-text"},
    {at: "features/openai-fetch.ts:7:21", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o-mini", tags: ["feature=faq (openai.metadata)", "project=proj_http (openai.project-header, bill)", "user=u-42 (openai.user)"]},
    {at: "features/openai-fetch.ts:24:10", provider: "openai", api: "POST /v1/responses", kind: "chat", model: "gpt-5-mini"},
    {at: "features/openai-fetch.ts:29:10", provider: "openai", api: "POST /v1/embeddings", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/openai-fetch.ts:33:9", provider: "openai", api: "POST /v1/images/generations", kind: "image", model: "dall-e-2"},
    {at: "features/openai-fetch.ts:34:9", provider: "openai", api: "POST /v1/moderations", kind: "moderation", model: "omni-moderation-latest"},
    {at: "features/openai-fetch.ts:35:9", provider: "openai", api: "POST /v1/audio/speech", kind: "audio", model: "tts-1"},
    {at: "features/openai-fetch.ts:39:9", provider: "openai", api: "POST /v1/audio/transcriptions", kind: "audio", model: "?sent as a multipart form field"},
    {at: "features/openai-fetch.ts:40:9", provider: "openai", api: "POST /v1/batches", kind: "batch", model: "?models are named inside the batch input file"},
    {at: "features/openai-fetch.ts:41:9", provider: "openai", api: "POST /v1/completions", kind: "chat", model: "gpt-3.5-turbo-instruct"},
    {at: "features/openai-fetch.ts:45:9", provider: "openai", api: "POST /v1/threads/{threadId}/runs", kind: "chat", model: "?the assistant's model (set where the assistant was created, not in this call)"},
    {at: "features/openai-fetch.ts:50:9", provider: "openai", api: "POST /v1/videos", kind: "other", model: "sora-2"},
    {at: "features/service.ts:7:12", provider: "groq", api: "POST /openai/v1/chat/completions", kind: "chat", model: "llama-3.1-8b-instant"},
    {at: "features/service.ts:15:46", provider: "openai", api: "POST /v1/embeddings", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/service.ts:18:10", provider: "anthropic", api: "POST /v1/messages", kind: "chat", model: "claude-3-7-sonnet-latest"},
    {at: "features/service.ts:22:44", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o"},
    {at: "features/shapes.ts:9:10", provider: "openai-compatible", api: "POST /v1/chat/completions", kind: "chat", model: "qwen2.5-7b-instruct"},
    {at: "features/shapes.ts:16:10", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/shapes.ts:23:10", provider: "anthropic", api: "POST /v1/messages", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "features/shapes.ts:31:10", provider: "ollama", api: "POST /api/generate", kind: "chat", model: "llama3.2"},
    {at: "features/shapes.ts:35:10", provider: "groq", api: "POST /chat/completions", kind: "chat", model: "llama-3.1-8b-instant"},
    {at: "features/shapes.ts:39:10", provider: "openai", api: "POST /embeddings", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/shapes.ts:43:10", provider: "unknown", api: "POST /v1/rerank", kind: "other", model: "bge-reranker-v2-m3"},
    {at: "features/shapes.ts:48:10", provider: "google", api: "POST /{version}/{model}:generateContent", kind: "chat", model: "gemini-2.0-flash"},
    {at: "features/shapes.ts:57:10", provider: "google", api: "POST /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:predict", kind: "embedding", model: "text-embedding-005"},
    {at: "features/shapes.ts:61:10", provider: "google", api: "POST /v1beta/models/{model}:streamGenerateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/sse-engines.ts:13:11", provider: "anthropic", api: "POST /v1/messages", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "features/sse-engines.ts:18:9", provider: "unknown", api: "POST /backend-api/assistant/stream", kind: "chat", model: "?no model given"},
    {at: "features/sse-engines.ts:27:9", provider: "deepseek", api: "POST {input}", kind: "chat", model: "deepseek-chat"},
    {at: "features/sse-engines.ts:31:9", provider: "google", api: "POST /v1beta/models/{model}:streamGenerateContent", kind: "chat", model: "gemini-2.0-flash"},
    {at: "features/superagent.ts:4:10", provider: "perplexity", api: "POST /chat/completions", kind: "chat", model: "sonar", tags: ["feature=research (helicone.header)"]},
    {at: "features/ui.tsx:5:5", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/undici.ts:4:26", provider: "cohere", api: "POST /v2/chat", kind: "chat", model: "command-r-plus"},
    {at: "features/undici.ts:14:10", provider: "cohere", api: "POST /v2/rerank", kind: "other", model: "rerank-v3.5"},
    {at: "features/vendor-native.ts:14:10", provider: "baidu", api: "POST /rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{model}", kind: "chat", model: ["completions_pro"]},
    {at: "features/vendor-native.ts:18:10", provider: "alibaba", api: "POST /api/v1/services/aigc/text-generation/generation", kind: "chat", model: "qwen-max"},
    {at: "features/vendor-native.ts:25:10", provider: "tencent", api: "POST /", kind: "chat", model: "hunyuan-lite"},
    {at: "features/vendor-native.ts:38:10", provider: "minimax", api: "POST /v1/text/chatcompletion_v2", kind: "chat", model: "abab6.5s-chat"},
    {at: "features/vendor-native.ts:46:10", provider: "ollama", api: "POST /api/chat", kind: "chat", model: "?parameter `model` of local(); no callers of local() found in the scanned files"},
    {at: "features/vendor-native.ts:66:12", provider: "ollama", api: "POST /api/chat", kind: "chat", model: "?parameter `settings` of LocalChat.constructor(); no callers of LocalChat.chat() found in the scanned files; no construction of LocalChat found in the scanned files"},
    {at: "features/wrapper.ts:4:21", provider: "openai", api: "POST /v1/chat/completions", kind: "chat", model: ["gpt-4.1-nano", "gpt-4o-mini"]},
  ]);
});

test('http: near misses are not call sites (other hosts, GET, count_tokens, files, own routes, local fetch, mocks, comments, strings)', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file.startsWith('nearmiss/')),
    [],
  );
  assert.deepEqual(result.warnings, []);
});

test('http: the library that sends each request', () => {
  const sdkAt = (at: string) => site(result, at).sdk;
  assert.equal(sdkAt('features/openai-fetch.ts:7:21'), 'fetch');
  assert.equal(sdkAt('features/ollama.cjs:6:21'), 'node-fetch');
  assert.equal(sdkAt('features/aliased.ts:6:9'), 'undici');
  assert.equal(sdkAt('features/aliased.ts:8:9'), 'cross-fetch');
  assert.equal(sdkAt('features/axios.ts:5:26'), 'axios');
  assert.equal(sdkAt('features/got-ky.ts:10:10'), 'got');
  assert.equal(sdkAt('features/got-ky.ts:14:10'), 'ky');
  assert.equal(sdkAt('features/ofetch.ts:15:10'), 'ofetch');
  assert.equal(sdkAt('features/superagent.ts:4:10'), 'superagent');
});

test('http: a body inside JSON.stringify is read as the object, static text and placeholders kept', () => {
  const s = site(result, 'features/openai-fetch.ts:7:21');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You are a terse assistant.', role: 'system', source: { file: 'features/openai-fetch.ts', line: 3 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '300' });
  assert.equal(s.options.maxOutputOption, 'max_completion_tokens');
  assert.equal(s.options.streaming, true);
  assert.deepEqual(s.baseURL, { status: 'exact', value: 'https://api.openai.com/v1', notes: ['default when process.env.OPENAI_BASE_URL is unset'] });
  assert.equal(s.function, 'chat');
  assert.equal(s.id, 'features/openai-fetch.ts#chat#POST /v1/chat/completions#0');
});

test('http: responses API options: instructions, reasoning effort, service tier', () => {
  const s = site(result, 'features/openai-fetch.ts:24:10');
  assert.deepEqual(s.prompt.map((p) => p.role), ['system', 'user']);
  assert.equal(s.options.maxOutputOption, 'max_output_tokens');
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '500' });
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: 'low' });
  assert.deepEqual(s.options.serviceTier, { status: 'exact', value: 'flex' });
  assert.equal(site(result, 'features/openai-fetch.ts:40:9').options.batch, true);
  assert.equal(site(result, 'features/anthropic.ts:30:10').options.batch, true);
});

test('http: Anthropic messages: system blocks, cache_control, thinking budget, tools, metadata.user_id', () => {
  const s = site(result, 'features/anthropic.ts:23:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You review code.', role: 'system', source: { file: 'features/anthropic.ts', line: 16 } },
    { type: 'text', text: 'Review this diff:\n', role: 'user' },
    { type: 'placeholder', name: 'diff', expression: 'diff', role: 'user' },
  ]);
  assert.equal(s.options.maxOutputOption, 'max_tokens');
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '2048' });
  assert.equal(s.options.cacheControl, true);
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: '1024' });
  assert.equal(s.options.tools, 1);
  assert.deepEqual(s.baseURL, { status: 'exact', value: 'https://api.anthropic.com' });
  assert.deepEqual(s.tags.find((t) => t.mechanism === 'anthropic.metadata.user_id'), { key: 'user', value: null, dynamic: true, mechanism: 'anthropic.metadata.user_id', reachesBill: false });
});

test('http: Gemini takes the model from the URL, each caller its own; generationConfig options', () => {
  const s = site(result, 'features/gemini.ts:5:10');
  assert.deepEqual(s.model, { status: 'oneOf', values: ['gemini-2.5-flash', 'gemini-2.5-pro'], notes: ['default of parameter `model`'] });
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, model: c.values.model })),
    [
      { at: 'features/callers.ts:8:41', model: { status: 'exact', value: 'gemini-2.5-pro' } },
      { at: 'features/callers.ts:9:43', model: { status: 'exact', value: 'gemini-2.5-flash', notes: ['default of parameter `model`'] } },
    ],
  );
  assert.deepEqual(s.prompt.map((p) => [p.role, p.type === 'text' ? p.text : p.name]), [['system', 'Answer in French.'], ['user', 'prompt']]);
  assert.equal(s.options.maxOutputOption, 'generationConfig.maxOutputTokens');
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '256' });
  assert.deepEqual(s.options.reasoning, { status: 'exact', value: '0' });
  assert.equal(s.options.tools, 2);
  assert.equal(s.options.streaming, false);
  assert.equal(site(result, 'features/gemini.ts:17:10').options.streaming, true);
  assert.deepEqual(site(result, 'features/gemini.ts:29:10').baseURL, { status: 'unknown', reason: 'built at run time from `process.env.GCP_PROJECT` (process.env.GCP_PROJECT)' });
});

test('http: Ollama streams unless told not to; num_predict is its output bound', () => {
  const chat = site(result, 'features/ollama.cjs:6:21');
  assert.equal(chat.options.streaming, true);
  assert.equal(chat.options.maxOutputOption, 'options.num_predict');
  assert.deepEqual(chat.options.maxOutputTokens, { status: 'exact', value: '128' });
  const gen = site(result, 'features/ollama.cjs:14:10');
  assert.equal(gen.options.streaming, false);
  assert.deepEqual(gen.prompt.map((p) => p.role), ['system', 'user']);
  assert.equal(chat.function, 'localChat');
});

test('http: Bedrock and Azure name the model in the URL', () => {
  const b = site(result, 'features/bedrock.ts:4:10');
  assert.equal(b.options.maxOutputOption, 'inferenceConfig.maxTokens');
  assert.deepEqual(b.options.maxOutputTokens, { status: 'exact', value: '512' });
  assert.deepEqual(b.prompt.map((p) => p.role), ['system', 'user']);
  assert.deepEqual(b.callers.map((c) => `${c.file}:${c.line}:${c.column}`), ['features/bedrock.ts:16:44']);
  const a = site(result, 'features/azure.ts:6:10');
  assert.deepEqual(a.model, { status: 'exact', value: 'gpt4o-prod' });
  assert.deepEqual(a.options.maxOutputTokens, { status: 'exact', value: '200' });
});

test('http: instances keep their base URL and headers; got.stream streams; gateways forward to the model vendor', () => {
  assert.deepEqual(site(result, 'features/axios.ts:5:26').baseURL, { status: 'exact', value: 'https://api.openai.com/v1' });
  assert.deepEqual(site(result, 'features/got-ky.ts:6:10').baseURL, { status: 'exact', value: 'https://api.groq.com/openai/v1' });
  assert.equal(site(result, 'features/got-ky.ts:10:10').options.streaming, true);
  assert.equal(site(result, 'features/got-ky.ts:22:10').options.tools, 2);
  assert.equal(site(result, 'features/gateways.ts:4:9').gateway, 'helicone');
  assert.equal(site(result, 'features/gateways.ts:9:9').gateway, 'litellm');
  assert.equal(site(result, 'features/gateways.ts:13:9').gateway, 'portkey');
  assert.equal(site(result, 'features/gateways.ts:18:9').gateway, 'cloudflare-ai-gateway');
  assert.equal(site(result, 'features/ofetch.ts:15:10').gateway, null);
});

test('http: a wrapper around fetch lists its callers with what each passes', () => {
  const s = site(result, 'features/wrapper.ts:4:21');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'features/callers.ts:3:40', fn: 'title', model: { status: 'exact', value: 'gpt-4.1-nano' }, max: { status: 'exact', value: '20' } },
      { at: 'features/callers.ts:4:41', fn: 'expand', model: { status: 'exact', value: 'gpt-4o-mini', notes: ['default of parameter `model`'] }, max: undefined },
    ],
  );
  assert.equal(s.function, 'ask');
  assert.equal(s.confidence, 'medium');
});

test('http: Node https.request reads the host from its options and the body from req.write, through a fetch-like wrapper: its call is the call site', () => {
  const s = site(result, 'features/node-https.js:14:10');
  assert.equal(s.sdk, 'node:https');
  assert.equal(s.function, 'commitMessage');
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '200' });
  assert.deepEqual(s.prompt.map((p) => [p.role, p.type === 'text' ? p.text : p.name]), [['user', 'diff']]);
  assert.equal(result.callSites.filter((x) => x.file === 'features/node-https.js').length, 1, 'a request to another host is not a call site, nor is the request inside the wrapper');
});

test('http: a host from the environment: its name or the model says who serves it, the path which API; the app\'s own routes stay out', () => {
  const ollama = site(result, 'features/env-origin.ts:4:21');
  assert.deepEqual([ollama.provider, ollama.confidence, ollama.baseURL], ['ollama', 'medium', { status: 'unknown', reason: 'set by environment variable NEXT_PUBLIC_OLLAMA_URL at run time, with no default in the code' }]);
  const proxied = site(result, 'features/env-origin.ts:12:10');
  assert.deepEqual([proxied.provider, proxied.confidence, proxied.options.maxOutputTokens], ['openai', 'medium', { status: 'exact', value: '200' }]);
  // `process.env.API_URL + '/api/chat'` (line 21) and the GET of /api/tags (line 25) are not model calls.
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/env-origin.ts').map((s) => s.line), [4, 12]);
});

test('http: fetch-like wrappers (curried, retry helpers, fields, an imported helper): each call of the wrapper is the call site, read through it', () => {
  const at = (a: string) => {
    const s = site(result, a);
    return { fn: s.function, sdk: s.sdk, model: s.model, confidence: s.confidence, prompt: s.prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}}`)), max: s.options.maxOutputTokens };
  };
  assert.deepEqual(at('features/inhouse.ts:14:10'), { fn: 'curried', sdk: 'fetch', model: { status: 'exact', value: 'gpt-4o-mini' }, confidence: 'high', prompt: ['{q}'], max: null });
  assert.deepEqual(at('features/inhouse.ts:32:10'), { fn: 'retried', sdk: 'fetch', model: { status: 'exact', value: 'claude-3-5-haiku-latest' }, confidence: 'high', prompt: ['{q}'], max: { status: 'exact', value: '300' } });
  assert.deepEqual(at('features/inhouse.ts:54:12'), { fn: 'Client.chat', sdk: 'fetch', model: { status: 'exact', value: 'llama-3.1-8b-instant' }, confidence: 'high', prompt: ['{q}'], max: null });
  assert.deepEqual(at('features/imported-wrapper.ts:4:3'), { fn: 'summarize', sdk: 'fetch', model: { status: 'exact', value: 'mistral-large-latest' }, confidence: 'high', prompt: ['{text}'], max: { status: 'exact', value: '400' } });
  // The requests inside the wrappers are not call sites of their own, and a wrapper's call to another host is none.
  assert.deepEqual(result.callSites.filter((s) => s.file === 'lib/net.ts' || (s.file === 'features/inhouse.ts' && s.line < 14) || (s.file === 'features/inhouse.ts' && s.line > 14 && s.line < 32)), []);
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/imported-wrapper.ts').map((s) => s.line), [4]);
});

test('http: an endpoint known by its path on a host no name ties to a provider: medium confidence, the provider from a name or the model, else openai-compatible or unknown', () => {
  const at = (a: string) => {
    const s = site(result, a);
    return [s.provider, s.confidence, s.kind];
  };
  assert.deepEqual(at('features/shapes.ts:9:10'), ['openai-compatible', 'medium', 'chat']);
  assert.deepEqual(at('features/shapes.ts:16:10'), ['openai', 'medium', 'chat']);
  assert.deepEqual(at('features/shapes.ts:23:10'), ['anthropic', 'medium', 'chat']);
  assert.deepEqual(at('features/shapes.ts:35:10'), ['groq', 'medium', 'chat']);
  assert.deepEqual(at('features/shapes.ts:43:10'), ['unknown', 'medium', 'other']);
  assert.deepEqual(at('features/shapes.ts:61:10'), ['google', 'medium', 'chat']);
  assert.deepEqual(site(result, 'features/shapes.ts:9:10').baseURL, { status: 'unknown', reason: 'built at run time from `process.env.LLM_URL` (process.env.LLM_URL)' });
  assert.equal(site(result, 'features/shapes.ts:61:10').options.streaming, true);
  // new URL('/api/generate', base) with a base from the environment: the path follows the origin.
  assert.equal(site(result, 'features/shapes.ts:31:10').api, 'POST /api/generate');
  // The app's own routes, a body without a prompt, a model list, another service: none is a call site.
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/shapes.ts' && s.line > 62), []);
});

test('http: Gemini paths without models/ and Vertex AI predict URLs built from parts name the model in the URL', () => {
  const g = site(result, 'features/shapes.ts:48:10');
  assert.deepEqual([g.provider, g.api, g.model], ['google', 'POST /{version}/{model}:generateContent', { status: 'exact', value: 'gemini-2.0-flash' }]);
  const v = site(result, 'features/shapes.ts:57:10');
  assert.deepEqual([v.provider, v.kind, v.api, v.model], ['google', 'embedding', 'POST /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:predict', { status: 'exact', value: 'text-embedding-005' }]);
  assert.deepEqual(v.prompt.map((p) => [p.role, p.type === 'text' ? p.text : p.name]), [['user', 'text']]);
});

test('http: more hosts known by name: Jina, Voyage, watsonx.ai, Cohere without a version, open-weight hosts', () => {
  const w = site(result, 'features/hosts-more.ts:21:9');
  assert.deepEqual([w.provider, w.model, w.options.maxOutputOption, w.options.maxOutputTokens], ['ibm-watsonx', { status: 'exact', value: 'ibm/granite-13b-instruct-v2' }, 'parameters.max_new_tokens', { status: 'exact', value: '200' }]);
  assert.deepEqual(site(result, 'features/hosts-more.ts:25:9').prompt.map((p) => p.role), ['user']);
  assert.deepEqual(site(result, 'features/hosts-more.ts:32:9').prompt.map((p) => [p.role, p.type === 'text' ? p.text : p.name]), [['system', 'Be brief.'], ['user', 'message']]);
  assert.deepEqual(site(result, 'features/hosts-more.ts:15:9').prompt.map((p) => [p.role ?? null, p.type === 'text' ? p.text : p.name]), [['user', 'query'], [null, 'texts']]);
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/hosts-more.ts' && s.line > 45), []);
});

test('http: hosts of many models over raw HTTP: Replicate, fal, Hugging Face inference, Jina classify', () => {
  const hash = site(result, 'features/model-hosts.ts:12:9');
  assert.deepEqual([hash.provider, hash.sdk, hash.kind, hash.model], ['replicate', 'fetch', 'other', { status: 'exact', value: '5c9e1a2b3d4f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9' }]);
  assert.deepEqual(hash.prompt.map((p) => [p.role, p.type === 'text' ? p.text : p.name]), [['user', 'a '], ['user', 'theme'], ['user', ' room']]);
  const llm = site(result, 'features/model-hosts.ts:17:9');
  assert.deepEqual([llm.kind, llm.options.maxOutputOption, llm.options.maxOutputTokens], ['chat', 'input.max_new_tokens', { status: 'exact', value: '256' }]);
  assert.deepEqual(site(result, 'features/model-hosts.ts:30:9').prompt.map((p) => [p.role, p.type === 'text' ? p.text : p.name]), [['user', 'prompt']]);
  const hf = site(result, 'features/model-hosts.ts:37:9');
  // The configured base may be unset: the default host names the provider, and says so.
  assert.deepEqual([hf.provider, hf.baseURL], ['huggingface', { status: 'exact', value: 'https://router.huggingface.co', notes: ["default when `config.get('ASR_BASE_URL')` is not set"] }]);
  const jina = site(result, 'features/model-hosts.ts:42:10');
  assert.deepEqual([jina.sdk, jina.prompt.map((p) => p.type === 'text' ? p.text : p.name)], ['axios', ['text']]);
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/model-hosts.ts' && s.line > 44), []);
});

test('http: a helper over a fetch handed in as an option (a polyfill by default): each call of the helper is the call site; an unknown URL counts when the body is shaped like a model call', () => {
  const claude = site(result, 'features/sse-engines.ts:13:11');
  assert.deepEqual([claude.sdk, claude.confidence, claude.callers], ['fetch', 'high', []]);
  const web = site(result, 'features/sse-engines.ts:18:9');
  assert.deepEqual([web.provider, web.confidence, web.model, web.prompt.map((p) => p.role)], ['unknown', 'low', { status: 'unknown', reason: 'no model given' }, ['user']]);
  const joined = site(result, 'features/sse-engines.ts:27:9');
  assert.deepEqual([joined.provider, joined.api, joined.model], ['deepseek', 'POST {input}', { status: 'exact', value: 'deepseek-chat' }]);
  assert.deepEqual(result.callSites.filter((s) => s.file === 'lib/sse.ts'), []);
});

test('http: a base class\'s post(url, headers, body): each subclass\'s this.post(...) is the call site, its path defaulted, its body built in another method', () => {
  const at = (a: string) => {
    const s = site(result, a);
    return { fn: s.function, sdk: s.sdk, model: s.model, baseURL: s.baseURL, callers: s.callers.map((c) => `${c.file}:${c.line}`) };
  };
  assert.deepEqual(at('features/base-class.ts:44:23'), {
    fn: 'CompatibleChat.send',
    sdk: 'fetch',
    model: { status: 'unknown', reason: 'parameter `settings` of CompatibleChat.constructor()' },
    baseURL: { status: 'unknown', reason: 'built at run time from `settings` (parameter `settings` of CompatibleChat.constructor())' },
    callers: ['features/base-class.ts:39'],
  });
  assert.deepEqual(at('features/base-class.ts:52:12').model, { status: 'exact', value: 'qwen2.5-72b-instruct' });
  // The fetch inside post() and the posts to the app's own routes are not call sites; the callback typed with its own name's type reads without a warning.
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/base-class.ts').map((s) => s.line), [44, 52]);
  assert.deepEqual(result.warnings, []);
});

test('http: fetchEventSource is fetch-shaped and streams; a request whose response is read in callbacks is its function\'s own call site; a URL joined from a base and a path table keeps every path', () => {
  const stream = site(result, 'features/event-source.ts:17:5');
  assert.deepEqual([stream.sdk, stream.options.streaming, stream.function, stream.callers.map((c) => `${c.file}:${c.line}`)], ['@microsoft/fetch-event-source', true, 'send', ['features/event-source.ts:24']]);
  const direct = site(result, 'features/event-source.ts:52:23');
  assert.deepEqual([direct.sdk, direct.options.streaming, direct.baseURL], [
    'fetch',
    false,
    {
      status: 'oneOf',
      values: ['https://open.bigmodel.cn/api/paas/v4'],
      notes: ['also: built at run time from `baseUrl.slice(0, -1)` (result of `baseUrl.slice()`)', 'also: built at run time from `custom` (parameter `custom` of ZhipuClient.constructor())'],
    },
  ]);
  // streamChat's call (line 50) is not a call site of its own, nor are the event streams of the app's own routes (lines 58, 59).
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/event-source.ts').map((s) => s.line), [17, 52]);
});

test('http: vendors\' native APIs (Baidu Qianfan, DashScope, Tencent Hunyuan, MiniMax) read their own fields; a forwarded body is no call of its own', () => {
  const text = (s: ReturnType<typeof site>) => s.prompt.map((p) => [p.role ?? null, p.type === 'text' ? p.text : p.name]);
  const ernie = site(result, 'features/vendor-native.ts:14:10');
  // Qianfan v1 names the model's endpoint in the path: the base is the URL before it.
  assert.deepEqual([ernie.options.maxOutputOption, ernie.options.maxOutputTokens, ernie.baseURL, text(ernie)], ['max_output_tokens', { status: 'exact', value: '512' }, { status: 'exact', value: 'https://aip.baidubce.com/rpc/2.0/ai_custom/v1' }, [[null, 'messages']]]);
  const qwen = site(result, 'features/vendor-native.ts:18:10');
  assert.deepEqual([qwen.options.maxOutputOption, qwen.options.maxOutputTokens, text(qwen)], ['parameters.max_tokens', { status: 'exact', value: '300' }, [['user', 'question']]]);
  // Tencent Cloud spells the fields in Pascal case.
  assert.deepEqual(text(site(result, 'features/vendor-native.ts:25:10')), [['system', 'Answer in Chinese.'], ['user', 'question']]);
  // The proxy route at line 33 sends `await req.text()` on: the browser's request is counted where it is built.
  assert.deepEqual(result.callSites.filter((s) => s.file === 'features/vendor-native.ts' && s.line >= 32 && s.line <= 35), []);
  // Of a host normalised in steps, the local default says Ollama; the settings known only at run time are noted.
  const local = site(result, 'features/vendor-native.ts:46:10');
  assert.deepEqual(local.baseURL, { status: 'oneOf', values: ['http://127.0.0.1:11434'], notes: ['also: built at run time from `base` (defined in terms of itself)', 'also: parameter `host` of local()'] });
});

test('http: a parameter typed as a global data type (Array<Message>) is the caller\'s conversation, not a runtime object', () => {
  const s = site(result, 'features/vendor-native.ts:14:10');
  assert.deepEqual(s.prompt, [{ type: 'placeholder', name: 'messages', expression: 'messages', hint: 'history' }]);
});

test('http: a provider class hierarchy: an inherited fetch method, an imported fetch wrapper, a fork of fetch, URL objects built by a method, defaults in a static of the class', () => {
  // this.fetch → BaseLLM.fetch → customFetch → fetchWithRequestOptions (lib) → patchedFetch (a fork of
  // node-fetch, read as fetch): the request is the subclass's call, its URL `new URL('messages', apiBase)`
  // with apiBase from AnthropicLLM.defaultOptions, read through `this.constructor`.
  const a = site(result, 'features/llm-classes.ts:27:12');
  assert.deepEqual([a.sdk, a.baseURL, a.options.maxOutputTokens], ['fetch', { status: 'exact', value: 'https://api.anthropic.com' }, { status: 'exact', value: '1024' }]);
  // Of the URLs a method may build, the first with an endpoint decides; the model is the deployment's name.
  const e = site(result, 'features/llm-classes.ts:42:12');
  assert.deepEqual([e.kind, e.model.status === 'exact' && e.model.value], ['embedding', 'gpt-4o-mini']);
  // Nothing in the fork of fetch or the wrapper module is a call site of its own.
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('lib/patched-fetch') || s.file.startsWith('lib/request-options')), []);
});

test('http: a host chosen in steps and used in a template (`${this.getHost()}/api/chat`) keeps its choices through a wrapper', () => {
  // Base class post(url, body) → fetch: the caller's template holds getHost()'s options, and the
  // literal one, 127.0.0.1:11434, names Ollama, so `/api/chat` counts without an exact model.
  const chat = site(result, 'features/vendor-native.ts:66:12');
  assert.deepEqual([chat.provider, chat.api, chat.sdk], ['ollama', 'POST /api/chat', 'fetch']);
});
