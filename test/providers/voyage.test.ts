import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';
import { loadConfig } from '../../shared/config/load';
import { estimateScan } from '../../shared/estimate';

const result = scanFixture('providers/voyage');
const SEARCH = 'feature=search (helicone.header.client)';

test('voyage: embed, rerank, multimodalEmbed and contextualizedEmbed of VoyageAIClient, in a class and in CJS', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/embedder.ts:12:23", provider: "voyage", api: "embed", kind: "embedding", model: "voyage-3-large"},
    {at: "features/legacy.cjs:5:35", provider: "voyage", api: "rerank", kind: "other", model: "rerank-2-lite", tags: ["team=search (litellm.header)"]},
    {at: "features/search.ts:9:9", provider: "voyage", api: "embed", kind: "embedding", model: "voyage-3.5", tags: [SEARCH]},
    {at: "features/search.ts:10:9", provider: "voyage", api: "embed", kind: "embedding", model: "voyage-code-3", tags: [SEARCH]},
    {at: "features/search.ts:11:9", provider: "voyage", api: "rerank", kind: "other", model: "rerank-2.5", tags: [SEARCH]},
    {at: "features/search.ts:12:9", provider: "voyage", api: "multimodalEmbed", kind: "embedding", model: "voyage-multimodal-3", tags: [SEARCH]},
    {at: "features/search.ts:13:10", provider: "voyage", api: "contextualizedEmbed", kind: "embedding", model: "voyage-context-3", tags: [SEARCH]},
  ]);
});

test('voyage: tokenize and local look-alikes are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('voyage: inputs, the rerank query and its documents', () => {
  assert.deepEqual(site(result, 'features/search.ts:9:9').prompt, [{ type: 'placeholder', name: 'chunks', expression: 'chunks' }]);
  assert.deepEqual(site(result, 'features/search.ts:11:9').prompt, [
    { type: 'placeholder', name: 'query', expression: 'query', role: 'user' },
    { type: 'placeholder', name: 'documents', expression: 'documents', hint: 'document' },
  ]);
});

test('voyage: embeddings and rerankers priced per input token, no output; a model not in the table is unknown, not $0', () => {
  const est = estimateScan(result, loadConfig(null));
  const at = (a: string) => est.callSites.find((s) => `${s.file}:${s.line}:${s.column}` === a)!.estimate;
  const embed = at('features/search.ts:9:9');
  assert.deepEqual([embed.status, embed.price?.model, embed.price?.provider, embed.price?.source, embed.outputTokens], ['ok', 'voyage-3.5', 'voyage', 'https://docs.voyageai.com/docs/pricing', { low: 0, expected: 0, high: 0 }]);
  const rerank = at('features/legacy.cjs:5:35');
  assert.deepEqual([rerank.status, rerank.price?.model, rerank.outputTokens], ['ok', 'rerank-2-lite', { low: 0, expected: 0, high: 0 }]);
  const unknown = at('features/search.ts:11:9');
  assert.deepEqual([unknown.status, unknown.costPerCall, unknown.assumptions], ['unknown-model', null, ['unknown model `rerank-2.5` (not in the pricing table; nearest: rerank-2, rerank-v3.5)']]);
});
