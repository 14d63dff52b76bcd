import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site } from '../helpers';
import { PricingTable, type PriceEntry, type Prices } from '../../shared/pricing/table';
import { estimateSite } from '../../shared/estimate/estimate';
import { computeTotals } from '../../shared/estimate/totals';
import { DEFAULT_ESTIMATE_CONFIG, type EstimateConfig } from '../../shared/estimate/types';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../../shared/config/load';
import { pricingFor } from '../../shared/estimate';
import { priceEntry } from '../price-entry';

// A pricing table of our own, so that the dollar figures below are checked by hand, not by the table of the day.
function entry(id: string, kind: PriceEntry['kind'], prices: Partial<Prices>): PriceEntry {
  return priceEntry(id, prices, { kind });
}

const table = new PricingTable({
  version: '2026-01-01',
  currency: 'USD',
  models: [
    entry('gpt-4o', 'chat', { input: 2.5, output: 10, cachedInput: 1.25 }),
    entry('gpt-4o-mini', 'chat', { input: 0.15, output: 0.6 }),
    entry('text-embedding-3-small', 'embedding', { input: 0.02, output: 0 }),
  ],
});
const config: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
const result = scanFixture('estimate');
const est = (at: string) => estimateSite(site(result, at), table, config);

test('estimate: a static OpenAI prompt, its bound and its volume, to the cent', () => {
  // 20 input tokens (10 + 7 per message with role, 3 reply priming), 100 output tokens: 20 × $2.50/1M + 100 × $10/1M.
  assert.deepEqual(est('app.ts:9:10'), {
    status: 'ok',
    inputTokens: { low: 20, expected: 20, high: 20 },
    outputTokens: { low: 100, expected: 100, high: 100 },
    callsPerInvocation: { low: 1, expected: 1, high: 1 },
    costPerCall: { low: 0.00105, expected: 0.00105, high: 0.00105 },
    callsPerMonth: 30416.7,
    monthlyCost: { low: 31.937535, expected: 31.937535, high: 31.937535 },
    price: { model: 'gpt-4o', provider: 'openai', source: 'https://example.test/pricing', checked: '2026-01-01' },
    models: ['gpt-4o'],
    assumptions: ['expected output 100 tokens (the default for chat, capped by the bound)', 'volume 30.4k invocations/month (annotation line 8: volume 1k/day)'],
    exactTokens: true,
    volumeSource: 'annotation line 8: volume 1k/day',
  });
});

test('estimate: one of two models: the cheapest is the low end, the dearest the high end, expected their average', () => {
  // 11 static tokens + question=50 (annotation) = 61 in; out 100 low (a quarter of the default), 200 expected and high.
  const e = est('app.ts:21:10');
  // Full precision in the JSON: the expected average is $0.001140825, not $0.00114083 (rendering rounds, the figure does not).
  assert.deepEqual(e.costPerCall, { low: 0.00006915, expected: 0.001140825, high: 0.0021525 });
  assert.equal(e.callsPerMonth, 7300);
  assert.deepEqual(e.monthlyCost, { low: 0.504795, expected: 8.3280225, high: 15.71325 });
  assert.deepEqual(e.inputTokens, { low: 61, expected: 61, high: 61 });
  assert.equal(e.exactTokens, false);
  assert.deepEqual(e.assumptions, [
    'expected output 200 tokens (the default for chat, capped by the bound)',
    'model is one of gpt-4o-mini, gpt-4o: low uses gpt-4o-mini, high gpt-4o, expected their average',
    'volume 7.3k invocations/month (annotation line 20: volume 10/hour)',
  ]);
});

test('estimate: an unknown model or an unresolved one is said, never priced at $0', () => {
  assert.deepEqual([est('app.ts:29:10').status, est('app.ts:29:10').costPerCall, est('app.ts:29:10').assumptions], ['unknown-model', null, ['unknown model `claude-test` (not in the pricing table)']]);
  const m = est('app.ts:33:10');
  assert.equal(m.status, 'unresolved-model');
  assert.deepEqual(m.assumptions, ['model unknown: parameter `model` of mystery(); no callers of mystery() found in the scanned files']);
  assert.deepEqual(est('app.ts:38:10').assumptions, ['unknown model `gpt-4o-mnii` (not in the pricing table; nearest: gpt-4o-mini)']);
});

test('estimate: fan-out from an annotation multiplies the calls; embeddings have no output', () => {
  const e = est('app.ts:43:40');
  assert.deepEqual(e.callsPerInvocation, { low: 500, expected: 500, high: 500 });
  assert.deepEqual(e.costPerCall, { low: 0.000016, expected: 0.000016, high: 0.000016 });
  assert.deepEqual(e.outputTokens, { low: 0, expected: 0, high: 0 });
  assert.deepEqual(e.monthlyCost, { low: 0.48664, expected: 0.48664, high: 0.48664 });
  assert.deepEqual(e.assumptions, ['fan-out of 500 per invocation (annotation)', 'volume 61 invocations/month (annotation line 42: volume 2/day)']);
});

test('estimate: no volume gives a per-call cost and "needs volume", and totals count the gaps', () => {
  const noVolume = JSON.parse(JSON.stringify(result.callSites.find((s) => s.line === 9)));
  noVolume.annotation = null;
  const e = estimateSite(noVolume, table, config);
  assert.equal(e.monthlyCost, null);
  assert.equal(e.callsPerMonth, null);
  assert.ok(e.assumptions.includes('needs volume: add `// tollgate: volume N/day` above the call or a usage entry in tollgate.yml'));
  const sites = result.callSites.map((s) => ({ ...s, estimate: estimateSite(s, table, config) }));
  const totals = computeTotals(sites);
  assert.deepEqual(totals.overall, { callSites: 6, monthlyCost: { low: 32.92897, expected: 40.7521975, high: 48.137425 }, withVolume: 3, missingVolume: 0, unknownModel: 3 });
  assert.deepEqual(totals.byModel.map((r) => [r.key, r.monthlyCost.expected, r.callSites]), [
    ['gpt-4o', 31.937535, 1],
    ['gpt-4o | gpt-4o-mini', 8.3280225, 1],
    ['text-embedding-3-small', 0.48664, 1],
    ['(unknown model)', 0, 1],
    ['claude-test', 0, 1],
    ['gpt-4o-mnii', 0, 1],
  ]);
});

test('estimate: config volume by call-site glob, output fraction and placeholder sizes', () => {
  const c: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
  c.usage.callSites = [{ key: 'app.ts#unbounded#*', perMonth: 1000, text: '1000/month' }];
  c.outputFraction = 0.5;
  c.placeholders.names = { text: 250 };
  const s = JSON.parse(JSON.stringify(site(result, 'app.ts:29:10')));
  s.model = { status: 'exact', value: 'gpt-4o' };
  s.provider = 'openai';
  const e = estimateSite(s, table, c);
  // 7 framing tokens + text=250; output: half of max_tokens 1000.
  assert.deepEqual(e.inputTokens, { low: 257, expected: 257, high: 257 });
  assert.deepEqual(e.outputTokens, { low: 100, expected: 500, high: 1000 });
  assert.equal(e.callsPerMonth, 1000);
  assert.equal(e.volumeSource, 'config usage.callSites "app.ts#unbounded#*": 1000/month');
});

test('estimate: config fan-out, image parts and the priority tier say what they assumed', () => {
  const c: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
  c.usage.fanout = [{ key: 'app.ts#greet#*', factor: 4 }];
  const s = JSON.parse(JSON.stringify(site(result, 'app.ts:9:10')));
  s.prompt.push({ type: 'placeholder', role: 'user', name: 'image_url', expression: 'image_url', hint: 'document' });
  s.options.serviceTier = { status: 'exact', value: 'priority' };
  const e = estimateSite(s, table, c);
  assert.deepEqual(e.callsPerInvocation, { low: 4, expected: 4, high: 4 });
  // 20 static tokens + one image (85 / 765 / 1,105 tokens).
  assert.deepEqual(e.inputTokens, { low: 105, expected: 785, high: 1125 });
  assert.deepEqual(e.assumptions, [
    'expected output 100 tokens (the default for chat, capped by the bound)',
    'fan-out of 4 per invocation (config usage.fanout "app.ts#greet#*")',
    "image_url content in the prompt: sized like one image (85–1.1k tokens, OpenAI's rule by detail); other providers price media their own way",
    'priority service tier: priced at standard rates here; priority processing costs more (no priority price in the table)',
    'volume 30.4k invocations/month (annotation line 8: volume 1k/day)',
  ]);
});

test('estimate: a structured-output API adds its schema to the input', () => {
  const s = JSON.parse(JSON.stringify(site(result, 'app.ts:9:10')));
  s.api = 'chat.completions.parse';
  const e = estimateSite(s, table, config);
  assert.deepEqual(e.inputTokens, { low: 220, expected: 220, high: 220 });
  assert.ok(e.assumptions.includes('structured output: the schema adds about 200 input tokens'));
});

test('estimate: price overrides in tollgate.yml apply without editing the table', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-override-')), 'tollgate.yml');
  fs.writeFileSync(file, 'pricing:\n  overrides:\n    - { model: gpt-4o, provider: openai, discountPercent: 50, note: committed use }\n    - { model: my-private-llm, provider: openai, prices: { input: 1, output: 2 } }\n');
  const cfg = loadConfig(file, 'tollgate.yml');
  const shipped = pricingFor(loadConfig(null)).lookup('openai', 'gpt-4o')!.entry.prices;
  const discounted = pricingFor(cfg).lookup('openai', 'gpt-4o')!.entry;
  assert.equal(discounted.prices.input, shipped.input! / 2);
  assert.equal(discounted.prices.output, shipped.output! / 2);
  assert.deepEqual(pricingFor(cfg).lookup('openai', 'my-private-llm')!.entry.prices.input, 1);
});
