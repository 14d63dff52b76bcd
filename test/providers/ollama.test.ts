import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, scanFixture, site, summarize } from '../helpers';
import { loadConfig } from '../../shared/config/load';
import { estimateScan } from '../../shared/estimate';
import { checkPolicy } from '../../shared/check';

const result = scanFixture('providers/ollama');

test('ollama: chat, generate, embed and embeddings of the default client and of new Ollama(), in ESM, CJS, the browser build and classes', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/browser.js:7:21", provider: "ollama", api: "chat", kind: "chat", model: "llava:13b"},
    {at: "features/client.ts:8:44", provider: "ollama", api: "generate", kind: "chat", model: "gemma3:1b"},
    {at: "features/client.ts:9:40", provider: "ollama", api: "chat", kind: "chat", model: "gpt-oss:120b", tags: ["team=docs (helicone.header.client)"]},
    {at: "features/legacy.cjs:8:18", provider: "ollama", api: "generate", kind: "chat", model: "qwen2.5:latest"},
    {at: "features/legacy.cjs:9:20", provider: "ollama", api: "chat", kind: "chat", model: "mistral"},
    {at: "features/local.ts:8:9", provider: "ollama", api: "chat", kind: "chat", model: "llama3.2"},
    {at: "features/local.ts:13:9", provider: "ollama", api: "chat", kind: "chat", model: "qwen3:8b"},
    {at: "features/local.ts:14:9", provider: "ollama", api: "generate", kind: "chat", model: "llama3"},
    {at: "features/local.ts:15:9", provider: "ollama", api: "embed", kind: "embedding", model: "nomic-embed-text"},
    {at: "features/local.ts:16:10", provider: "ollama", api: "embeddings", kind: "embedding", model: "mxbai-embed-large"},
    {at: "features/service.ts:19:37", provider: "ollama", api: "chat", kind: "chat", model: "llama3.1:8b"},
    {at: "features/service.ts:25:10", provider: "ollama", api: "generate", kind: "chat", model: "phi4"},
    {at: "features/shared.ts:3:40", provider: "ollama", api: "generate", kind: "chat", model: "llama3.2:3b"},
  ]);
});

test('ollama: the CLI in strings, model management, local look-alikes and a mocked client are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
  assert.ok(result.callSites.every((s) => s.sdk === 'ollama' && s.gateway === null));
});

test('ollama: prompt parts, num_predict, streaming, think and tools', () => {
  const chat = site(result, 'features/local.ts:8:9');
  assert.deepEqual(chat.prompt, [
    { type: 'text', text: 'You answer questions about mining machinery.', role: 'system', source: { file: 'features/local.ts', line: 5 } },
    { type: 'placeholder', name: 'history', expression: '...history', hint: 'history' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual([chat.options.maxOutputTokens, chat.options.maxOutputOption, chat.options.streaming], [{ status: 'exact', value: '256' }, 'options.num_predict', false]);
  const streamed = site(result, 'features/local.ts:13:9');
  assert.deepEqual([streamed.options.streaming, streamed.options.reasoning, streamed.options.tools], [true, { status: 'exact', value: 'enabled' }, 1]);
  assert.deepEqual(site(result, 'features/local.ts:14:9').prompt.map((p) => `${p.role}:${p.type === 'text' ? p.text : `{${p.name}}`}`), [
    'system:You answer questions about mining machinery.',
    'user:Classify: ',
    'user:{question}',
  ]);
  assert.deepEqual(site(result, 'features/local.ts:16:10').prompt, [{ type: 'placeholder', name: 'question', expression: 'question' }]);
  assert.deepEqual(site(result, 'features/browser.js:7:21').prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}:${p.hint}}`)), ['Read the text in this image.', '{images:document}']);
  assert.deepEqual(site(result, 'features/shared.ts:3:40').options.maxOutputTokens, { status: 'exact', value: '20' });
});

test('ollama: the host of new Ollama() is the base URL, Ollama cloud included', () => {
  assert.deepEqual(site(result, 'features/client.ts:8:44').baseURL, { status: 'exact', value: 'http://gpu-box.internal:11434' });
  assert.deepEqual(site(result, 'features/client.ts:9:40').baseURL, { status: 'exact', value: 'https://ollama.com' });
  assert.equal(site(result, 'features/local.ts:8:9').baseURL, null);
});

test('ollama: no per-token price, said as such, never $0 and never an unknown-model finding', () => {
  const est = estimateScan(result, loadConfig(null));
  const at = (a: string) => est.callSites.find((s) => `${s.file}:${s.line}:${s.column}` === a)!.estimate;
  const local = at('features/local.ts:8:9');
  assert.deepEqual([local.status, local.costPerCall, local.monthlyCost], ['unpriced', null, null]);
  assert.ok(local.assumptions.includes('self-hosted: no per-token price for `llama3.2` on ollama (describe its server under selfHosted in tollgate.yml to price its GPU time)'));
  assert.ok(at('features/client.ts:9:40').assumptions.includes("`gpt-oss:120b` on Ollama's cloud (ollama.com): billed by subscription plan, no per-token price"));
  assert.equal(est.callSites.filter((s) => s.estimate.costPerCall !== null).length, 0);
  assert.deepEqual(checkPolicy(result, fixture('providers/ollama'), loadConfig(null), 'error').findings.filter((f) => f.ruleId === 'unknown-model'), []);
});

test('ollama: a selfHosted entry prices its model from GPU time', () => {
  const config = loadConfig(null);
  config.selfHosted = [{ model: 'llama3.2', provider: 'ollama', aliases: [], gpuHourlyUsd: 1.8, gpus: 1, tokensPerSecond: 500, inputTokensPerSecond: null, utilization: 1, compareTo: [], note: null }];
  const e = estimateScan(result, config).callSites.find((s) => s.file === 'features/local.ts' && s.line === 8)!.estimate;
  assert.deepEqual([e.status, e.price?.provider, e.price?.model, e.price?.source], ['ok', 'ollama', 'llama3.2', 'tollgate.yml selfHosted']);
});
