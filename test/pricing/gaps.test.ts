import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPricing } from '../../shared/pricing/table';

// Entries added from the reference data (pydantic/genai-prices at 47df840, as of 2026-08-21; see pricing/SOURCES.md).
const pricing = defaultPricing();
const price = (provider: string, model: string) => {
  const m = pricing.lookup(provider, model);
  assert.ok(m, `${provider} ${model} is priced`);
  const p = m.entry.prices;
  return { id: m.entry.id, input: p.input, output: p.output, cachedInput: p.cachedInput, source: m.entry.source, checked: m.entry.checked };
};

test('gaps: Claude on Vertex AI, by Vertex\'s ids, at Anthropic\'s list prices', () => {
  const VTX = 'https://cloud.google.com/vertex-ai/generative-ai/pricing';
  assert.deepEqual(price('google-vertex', 'claude-opus-4-6'), { id: 'claude-opus-4-6', input: 5, output: 25, cachedInput: 0.5, source: VTX, checked: '2026-08-21' });
  assert.deepEqual(price('google-vertex', 'claude-opus-4@20250514'), { id: 'claude-opus-4', input: 15, output: 75, cachedInput: 1.5, source: VTX, checked: '2026-08-21' });
  assert.deepEqual(price('google-vertex', 'claude-sonnet-4-6'), { id: 'claude-sonnet-4-6', input: 3, output: 15, cachedInput: 0.3, source: VTX, checked: '2026-08-21' });
  assert.deepEqual(price('google-vertex', 'claude-fable-5'), { id: 'claude-fable-5', input: 10, output: 50, cachedInput: 1, source: VTX, checked: '2026-08-21' });
  assert.equal(price('google-vertex', 'claude-3-opus@20240229').output, 75);
});

test('gaps: Bedrock Claude in-region and geographic profiles cost 10% over the global profile', () => {
  const AWS = 'https://aws.amazon.com/bedrock/pricing/';
  // Opus 4.8: global $5/$25; us./eu. profiles and in-region $5 × 1.1 = $5.50 and $25 × 1.1 = $27.50.
  assert.deepEqual(price('bedrock', 'global.anthropic.claude-opus-4-8-v1:0'), { id: 'claude-opus-4-8-global', input: 5, output: 25, cachedInput: 0.5, source: AWS, checked: '2026-08-21' });
  assert.deepEqual(price('bedrock', 'us.anthropic.claude-opus-4-8-v1:0'), { id: 'claude-opus-4-8', input: 5.5, output: 27.5, cachedInput: 0.55, source: AWS, checked: '2026-08-21' });
  assert.equal(price('bedrock', 'anthropic.claude-opus-4-8-v1:0').id, 'claude-opus-4-8');
  // Sonnet 5 after its launch promotion (ended 2026-08-31): global $3/$15, eu. $3.30/$16.50.
  assert.deepEqual([price('bedrock', 'global.anthropic.claude-sonnet-5-v1:0').input, price('bedrock', 'eu.anthropic.claude-sonnet-5-v1:0').output], [3, 16.5]);
  // Fable 5: global $10/$50, jp. $11/$55.
  assert.deepEqual([price('bedrock', 'jp.anthropic.claude-fable-5-v1:0').input, price('bedrock', 'global.anthropic.claude-fable-5-v1:0').input], [11, 10]);
  assert.deepEqual([price('bedrock', 'au.anthropic.claude-opus-5').output, price('bedrock', 'global.anthropic.claude-opus-5').output], [27.5, 25]);
  // A call's cost through a US profile: 1,000 in × $5.50/1M + 500 out × $27.50/1M = $0.0055 + $0.01375 = $0.01925.
  const p = price('bedrock', 'us.anthropic.claude-opus-4-8-v1:0');
  assert.equal(Math.round(((1000 * p.input! + 500 * p.output!) / 1e6) * 1e8) / 1e8, 0.01925);
});

test('gaps: Mistral -latest aliases name the newest snapshot at its price; older snapshots keep theirs', () => {
  const MIS = 'https://mistral.ai/pricing#api-pricing';
  assert.deepEqual(price('mistral', 'ministral-3b-latest'), { id: 'ministral-3b-latest', input: 0.1, output: 0.1, cachedInput: 0.01, source: MIS, checked: '2026-08-21' });
  assert.equal(price('mistral', 'ministral-3b-2512').id, 'ministral-3b-latest');
  assert.deepEqual([price('mistral', 'ministral-3b-2410').id, price('mistral', 'ministral-3b-2410').input], ['ministral-3b-2410', 0.04]);
  assert.deepEqual([price('mistral', 'ministral-14b-latest').id, price('mistral', 'ministral-14b-latest').input], ['ministral-14b-2512', 0.2]);
  assert.deepEqual([price('mistral', 'mistral-tiny').id, price('mistral', 'mistral-tiny').input], ['open-mistral-7b', 0.25]);
  assert.deepEqual([price('mistral', 'voxtral-small-2507').output, price('mistral', 'voxtral-small-latest').cachedInput], [0.3, 0.01]);
  // Anthropic's own listing gains Fable 5 too: $10/$50, cache read $1.
  assert.deepEqual([price('anthropic', 'claude-fable-5').input, price('anthropic', 'claude-fable-5').output], [10, 50]);
});
