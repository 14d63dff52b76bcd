import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/huggingface');
const RESEARCH = 'billTo=research (huggingface.billTo.client, bill)';
const ENDPOINT = "?the Inference Endpoint's model (the endpoint URL names none)";

test('huggingface: task methods of InferenceClient and HfInference, the standalone functions, endpoints, CJS', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/client.ts:10:9", provider: "huggingface", api: "chatCompletion", kind: "chat", model: "meta-llama/Llama-3.1-8B-Instruct"},
    {at: "features/client.ts:15:9", provider: "together", api: "chatCompletion", kind: "chat", model: "meta-llama/Llama-3.3-70B-Instruct"},
    {at: "features/client.ts:16:9", provider: "fireworks", api: "chatCompletionStream", kind: "chat", model: "deepseek-ai/DeepSeek-V3"},
    {at: "features/client.ts:17:9", provider: "huggingface", api: "featureExtraction", kind: "embedding", model: "sentence-transformers/all-MiniLM-L6-v2"},
    {at: "features/client.ts:18:9", provider: "fal", api: "textToImage", kind: "image", model: "black-forest-labs/FLUX.1-dev"},
    {at: "features/client.ts:19:9", provider: "huggingface", api: "summarization", kind: "chat", model: "facebook/bart-large-cnn"},
    {at: "features/client.ts:20:9", provider: "huggingface", api: "translation", kind: "chat", model: "t5-base"},
    {at: "features/client.ts:21:9", provider: "huggingface", api: "automaticSpeechRecognition", kind: "audio", model: "openai/whisper-large-v3"},
    {at: "features/client.ts:22:9", provider: "huggingface", api: "textGeneration", kind: "chat", model: "HuggingFaceH4/zephyr-7b-beta"},
    {at: "features/client.ts:23:10", provider: "huggingface", api: "textGenerationStream", kind: "chat", model: "gpt2"},
    {at: "features/endpoint.ts:6:46", provider: "huggingface", api: "textGeneration", kind: "chat", model: ENDPOINT, tags: [RESEARCH]},
    {at: "features/endpoint.ts:7:41", provider: "huggingface", api: "chatCompletion", kind: "chat", model: ENDPOINT, tags: [RESEARCH]},
    {at: "features/functions.ts:7:10", provider: "huggingface", api: "textGenerationStream", kind: "chat", model: "HuggingFaceH4/zephyr-7b-beta"},
    {at: "features/functions.ts:11:3", provider: "huggingface", api: "chatCompletion", kind: "chat", model: "meta-llama/Llama-3.1-8B-Instruct", tags: ["billTo=acme-org (huggingface.billTo, bill)"]},
    {at: "features/functions.ts:13:46", provider: "huggingface", api: "featureExtraction", kind: "embedding", model: "BAAI/bge-small-en-v1.5"},
    {at: "features/legacy.cjs:7:21", provider: "huggingface", api: "chatCompletion", kind: "chat", model: "mistralai/Mistral-7B-Instruct-v0.3"},
    {at: "features/shared.ts:3:41", provider: "huggingface", api: "imageToText", kind: "other", model: "Salesforce/blip-image-captioning-large"},
  ]);
});

test('huggingface: local look-alikes, snippets and an unbound endpoint() are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
  assert.ok(result.callSites.every((s) => s.sdk === 'huggingface'));
});

test('huggingface: a literal inference provider serves the call through Hugging Face; a dynamic one is not guessed', () => {
  const routed = (at: string) => [site(result, at).provider, site(result, at).gateway, site(result, at).confidence];
  assert.deepEqual(routed('features/client.ts:15:9'), ['together', 'huggingface', 'high']);
  assert.deepEqual(routed('features/client.ts:16:9'), ['fireworks', 'huggingface', 'high']);
  assert.deepEqual(routed('features/client.ts:10:9'), ['huggingface', null, 'high']);
  // `provider: 'sambanova' | 'groq'` from a typed parameter: Hugging Face's router, inferred.
  assert.deepEqual(routed('features/functions.ts:11:3'), ['huggingface', null, 'medium']);
});

test('huggingface: prompt, max_tokens and parameters.max_new_tokens, streaming, endpoint URL', () => {
  const chat = site(result, 'features/client.ts:10:9');
  assert.deepEqual(chat.prompt.map((p) => `${p.role}:${p.type === 'text' ? p.text : `{${p.name}}`}`), ['system:List only the ingredients.', 'user:{prompt}']);
  assert.deepEqual([chat.options.maxOutputTokens, chat.options.maxOutputOption], [{ status: 'exact', value: '300' }, 'max_tokens']);
  const gen = site(result, 'features/client.ts:22:9');
  assert.deepEqual([gen.options.maxOutputTokens, gen.options.maxOutputOption], [{ status: 'exact', value: '200' }, 'parameters.max_new_tokens']);
  assert.deepEqual(gen.prompt, [{ type: 'text', text: 'Complete: ', role: 'user' }, { type: 'placeholder', name: 'prompt', expression: 'prompt', role: 'user' }]);
  assert.equal(site(result, 'features/client.ts:16:9').options.streaming, true);
  assert.deepEqual(site(result, 'features/client.ts:21:9').prompt, []);
  assert.deepEqual(site(result, 'features/shared.ts:3:41').prompt, []);
  assert.deepEqual(site(result, 'features/endpoint.ts:6:46').baseURL, { status: 'exact', value: 'https://xyz.us-east-1.aws.endpoints.huggingface.cloud' });
  assert.deepEqual(site(result, 'features/endpoint.ts:7:41').baseURL, { status: 'exact', value: 'https://abc.endpoints.huggingface.cloud/v1/' });
});
