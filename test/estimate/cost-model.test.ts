import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site } from '../helpers';
import { PricingTable, type PriceEntry, type Prices } from '../../shared/pricing/table';
import { estimateSite } from '../../shared/estimate/estimate';
import { DEFAULT_ESTIMATE_CONFIG, type EstimateConfig } from '../../shared/estimate/types';
import { priceEntry } from '../price-entry';

// The cost model of issue 13 on a pricing table of our own: every figure below is worked by hand.

function entry(provider: string, id: string, contextWindow: number, maxOutput: number, prices: Partial<Prices>): PriceEntry {
  return priceEntry(id, prices, { provider, contextWindow, maxOutput });
}

export const table = new PricingTable({
  version: '2026-01-01',
  currency: 'USD',
  models: [
    entry('openai', 'o4-mini', 200000, 100000, { input: 1.1, output: 4.4, cachedInput: 0.275 }),
    entry('openai', 'gpt-4o', 128000, 16384, { input: 2.5, output: 10, cachedInput: 1.25 }),
    entry('openai', 'gpt-4', 8192, 8192, { input: 30, output: 60 }),
    entry('openai', 'gpt-4.1', 1047576, 32768, { input: 2, output: 8, cachedInput: 0.5 }),
    entry('anthropic', 'claude-sonnet-4-5', 200000, 64000, { input: 3, output: 15, cachedInput: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 }),
    entry('anthropic', 'claude-3-5-haiku-latest', 200000, 8192, { input: 0.8, output: 4, cachedInput: 0.08, cacheWrite5m: 1, cacheWrite1h: 1.6 }),
    entry('google', 'gemini-2.5-flash', 1048576, 65535, { input: 0.3, output: 2.5, cachedInput: 0.03 }),
    entry('google', 'gemini-2.0-flash', 1048576, 8192, { input: 0.1, output: 0.4, cachedInput: 0.025 }),
  ],
});
const config: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
const result = scanFixture('cost-model');
export const est = (at: string) => estimateSite(site(result, at), table, config);
export const siteAt = (at: string) => site(result, at);

const ranges = (at: string) => {
  const e = est(at);
  return { input: e.inputTokens, output: e.outputTokens, calls: e.callsPerInvocation, cost: e.costPerCall };
};

// "Plan the migration." is 4 tokens; OpenAI's chat framing adds 3 for the message, 1 for the role and
// 3 for the reply: 11 input tokens. Claude: 11 × 1.16 = 12.76 → 13 (11 × 1.05 → 12, 11 × 1.3 → 15);
// Gemini: 11 × 1.06 = 11.66 → 12 (11 × 1.0 = 11, 11 × 1.2 → 14).

test('reasoning: o4-mini at effort high with a 2,000 bound is priced at 2,000 output tokens, not 12,400', () => {
  // Visible 100 / 400 / 2,000 plus reasoning 4k / 12k / 32k, each end capped by max_completion_tokens.
  // 11 in × $1.10/1M + 2,000 out × $4.40/1M = $0.0000121 + $0.0088 = $0.0088121 at every end.
  assert.deepEqual(ranges('reasoning.ts:12:10'), {
    input: { low: 11, expected: 11, high: 11 },
    output: { low: 2000, expected: 2000, high: 2000 },
    calls: { low: 1, expected: 1, high: 1 },
    cost: { low: 0.0088121, expected: 0.0088121, high: 0.0088121 },
  });
  assert.ok(est('reasoning.ts:12:10').assumptions.includes('reasoning counts inside the max_completion_tokens bound: output and reasoning together at most 2k tokens'));
});

test('reasoning: with no bound the effort ranges stand, capped by the model\'s max output', () => {
  // 100 + 4,000 = 4,100; 400 + 12,000 = 12,400; 100,000 + 32,000 capped at o4-mini's 100,000.
  // High: 11 × $1.10/1M + 100,000 × $4.40/1M = $0.0000121 + $0.44 = $0.4400121.
  assert.deepEqual(ranges('reasoning.ts:16:10').output, { low: 4100, expected: 12400, high: 100000 });
  assert.deepEqual(ranges('reasoning.ts:16:10').cost, { low: 0.0180521, expected: 0.0545721, high: 0.4400121 });
  assert.ok(est('reasoning.ts:16:10').assumptions.includes("reasoning and output together at most the model's max output, 100k tokens"));
});

test('reasoning: Anthropic budget_tokens is part of max_tokens', () => {
  // Visible 100 / 400 / 4,000 plus thinking 0 / 512 / 1,024, capped at max_tokens 4,000.
  // Expected: 13 in × $3/1M + 912 out × $15/1M = $0.000039 + $0.01368 = $0.013719.
  // High: 15 × $3/1M + 4,000 × $15/1M = $0.000045 + $0.06 = $0.060045 (it was 5,024 tokens before).
  assert.deepEqual(ranges('reasoning.ts:20:10'), {
    input: { low: 12, expected: 13, high: 15 },
    output: { low: 100, expected: 912, high: 4000 },
    calls: { low: 1, expected: 1, high: 1 },
    cost: { low: 0.001536, expected: 0.013719, high: 0.060045 },
  });
});

test('reasoning: the AI SDK adds the Claude thinking budget on top of maxOutputTokens', () => {
  // @ai-sdk/anthropic sends max_tokens = 1,000 + 2,000: visible 100 / 400 / 1,000 plus 0 / 1,000 / 2,000.
  // Expected: 13 × $3/1M + 1,400 × $15/1M = $0.000039 + $0.021 = $0.021039.
  assert.deepEqual(ranges('reasoning.ts:32:10').output, { low: 100, expected: 1400, high: 3000 });
  assert.deepEqual(ranges('reasoning.ts:32:10').cost, { low: 0.001536, expected: 0.021039, high: 0.045045 });
});

test('reasoning: Gemini 2.5 thinks by default inside maxOutputTokens; thinkingBudget 0 turns it off', () => {
  // Dynamic thinking counted as medium effort (1k / 4k / 16k) on top of 100 / 400 / 1,000, capped at 1,000.
  // 12 in × $0.30/1M + 1,000 out × $2.50/1M = $0.0000036 + $0.0025 = $0.0025036.
  assert.deepEqual(ranges('reasoning.ts:24:10').output, { low: 1000, expected: 1000, high: 1000 });
  assert.deepEqual(ranges('reasoning.ts:24:10').cost, { low: 0.0025033, expected: 0.0025036, high: 0.0025042 });
  assert.ok(est('reasoning.ts:24:10').assumptions.some((a) => a.startsWith('gemini-2.5-flash thinks by default (dynamic thinking;')));
  // Off: the visible output alone. Expected 12 × $0.30/1M + 400 × $2.50/1M = $0.0010036.
  assert.deepEqual(ranges('reasoning.ts:28:10').output, { low: 100, expected: 400, high: 1000 });
  assert.equal(est('reasoning.ts:28:10').costPerCall!.expected, 0.0010036);
  assert.ok(est('reasoning.ts:28:10').assumptions.includes('thinking budget 0: no reasoning tokens'));
});

test('n / candidateCount multiplies the output, not the prompt', () => {
  // OpenAI n: 3, max_tokens 100: 3 × 100 = 300 out. 11 in × $2.50/1M + 300 × $10/1M = $0.0000275 + $0.003 = $0.0030275.
  assert.equal(siteAt('candidates.ts:10:10').options.candidates?.status, 'exact');
  assert.deepEqual(ranges('candidates.ts:10:10'), {
    input: { low: 11, expected: 11, high: 11 },
    output: { low: 300, expected: 300, high: 300 },
    calls: { low: 1, expected: 1, high: 1 },
    cost: { low: 0.0030275, expected: 0.0030275, high: 0.0030275 },
  });
  assert.ok(est('candidates.ts:10:10').assumptions.includes('3 completions per request (n / candidateCount): output billed 3 times'));
  // n changes the output, not the prompt: a static OpenAI prompt is still counted exactly.
  assert.equal(est('candidates.ts:10:10').exactTokens, true);
  // Gemini candidateCount: 2: 200 out. 12 in × $0.10/1M + 200 × $0.40/1M = $0.0000012 + $0.00008 = $0.0000812.
  assert.deepEqual(siteAt('candidates.ts:14:10').options.candidates, { status: 'exact', value: '2' });
  assert.deepEqual(ranges('candidates.ts:14:10').output, { low: 200, expected: 200, high: 200 });
  assert.equal(est('candidates.ts:14:10').costPerCall!.expected, 0.0000812);
  // AI SDK providerOptions.openai.n: 2: 11 × $2.50/1M + 200 × $10/1M = $0.0020275.
  assert.deepEqual(siteAt('candidates.ts:18:10').options.candidates, { status: 'exact', value: '2' });
  assert.equal(est('candidates.ts:18:10').costPerCall!.expected, 0.0020275);
  // A call that says nothing has no `candidates` option at all (the JSON stays as it was).
  assert.equal('candidates' in siteAt('reasoning.ts:12:10').options, false);
});

// CLAUDE_POLICY is 4 × 300 = 1,200 o200k tokens; with the framing (system 3 + 1 + 1,200, user 3 + 1, reply 3)
// 1,211, × 1.16 = 1,404.76 → 1,405, plus `question` 100 = 1,505 (low 1,211 × 1.05 → 1,272 + 10; high
// 1,211 × 1.3 → 1,575 + 1,000). The cacheable prefix is the policy alone: 1,200 × 1.16 = 1,392 tokens.

test('caching: a 1-hour cache write is priced at cacheWrite1h', () => {
  // Expected, 50% hits: 1,505 × $3/1M = $0.004515; saving 1,392 × 0.5 × ($3 − $0.30)/1M = $0.0018792;
  // 1-hour write premium 1,392 × 0.5 × ($6 − $3)/1M = $0.002088; 400 out × $15/1M = $0.006.
  // $0.004515 − $0.0018792 + $0.002088 + $0.006 = $0.0107238.
  // Low (all hits): 1,282 × $3/1M − 1,392 × $2.70/1M + 100 × $15/1M = $0.003846 − $0.0037584 + $0.0015 = $0.0015876.
  // High (all writes): 2,575 × $3/1M + 1,392 × $3/1M + $0.006 = $0.007725 + $0.004176 + $0.006 = $0.017901.
  assert.equal(siteAt('caching.ts:11:10').options.cacheTtl, '1h');
  assert.deepEqual(ranges('caching.ts:11:10'), {
    input: { low: 1282, expected: 1505, high: 2575 },
    output: { low: 100, expected: 400, high: 400 },
    calls: { low: 1, expected: 1, high: 1 },
    cost: { low: 0.0015876, expected: 0.0107238, high: 0.017901 },
  });
  assert.ok(est('caching.ts:11:10').assumptions.includes("1-hour cache writes (ttl: '1h') at $6 per 1M tokens"));
  // The 5-minute write: premium 1,392 × 0.5 × ($3.75 − $3)/1M = $0.000522: $0.0091578 expected.
  assert.equal('cacheTtl' in siteAt('caching.ts:20:10').options, false);
  assert.deepEqual(est('caching.ts:20:10').costPerCall, { low: 0.0015876, expected: 0.0091578, high: 0.014769 });
});

test('caching: no discount on a prefix below the minimum cacheable length', () => {
  // Haiku 3.5 caches from 2,048 tokens: HAIKU_POLICY is 1,500 × 1.16 = 1,740. Plain input:
  // (1,511 × 1.16 → 1,753) + 100 = 1,853 in × $0.80/1M + 400 × $4/1M = $0.0014824 + $0.0016 = $0.0030824.
  assert.equal(est('caching.ts:29:10').costPerCall!.expected, 0.0030824);
  assert.ok(est('caching.ts:29:10').assumptions.includes("1.7k-token static prefix is below claude-3-5-haiku-latest's minimum cacheable length (2k tokens): no cache discount"));
});

test('caching: Gemini 2.5 caches a long enough prefix implicitly', () => {
  // GEMINI_POLICY 3,000 × 1.06 = 3,180 ≥ 2,048 (2.5 Flash). Input (3,007 framed × 1.06 → 3,188) + 100 = 3,288.
  // 3,288 × $0.30/1M − 3,180 × 0.5 × ($0.30 − $0.03)/1M + 400 × $2.50/1M = $0.0009864 − $0.0004293 + $0.001 = $0.0015571.
  assert.equal(est('caching.ts:38:10').costPerCall!.expected, 0.0015571);
  assert.ok(est('caching.ts:38:10').assumptions.includes('3.2k-token static prefix cached (Gemini implicit caching): 50% cache hits expected'));
});

test('agent steps: each step re-sends the conversation so far; the low end is one step', () => {
  // 12 prompt tokens + 1 tool definition (150) = 162. stepCountIs(4): 1 / 3 / 4 steps.
  // Expected (3 steps, 400 out + 200 tool result per step): 162, 762, 1,362 → average 762.
  // High (4 steps, 500 out + 1,000 tool result): 162, 1,662, 3,162, 4,662 → average 2,412.
  // Expected per call: 762 × $2.50/1M + 400 × $10/1M = $0.001905 + $0.004 = $0.005905; per invocation × 3.
  assert.deepEqual(ranges('steps.ts:6:10'), {
    input: { low: 162, expected: 762, high: 2412 },
    output: { low: 100, expected: 400, high: 500 },
    calls: { low: 1, expected: 3, high: 4 },
    cost: { low: 0.001405, expected: 0.005905, high: 0.01103 },
  });
  assert.equal(est('steps.ts:6:10').exactTokens, false);
});

test('context window: the high end of the input is capped by the window', () => {
  // GPT4_NEAR: 7,500 tokens + framing 11 = 7,511; question 10 / 100 / 1,000: 7,521 / 7,611 / 8,511 → 8,192.
  // High: 8,192 × $30/1M + 300 × $60/1M = $0.24576 + $0.018 = $0.26376.
  const e = est('window.ts:7:10');
  assert.deepEqual(e.inputTokens, { low: 7521, expected: 7611, high: 8192 });
  assert.deepEqual(e.costPerCall, { low: 0.23163, expected: 0.24633, high: 0.26376 });
  assert.equal(e.contextOverflow, undefined);
  assert.ok(e.assumptions.includes("input capped at gpt-4's context window (8,192 tokens): a larger request is refused"));
});

test('context window: a prompt that cannot fit is reported for the models it overflows', () => {
  // GPT4_OVER: 9,000 + 11 framing + question at its low end 10 = 9,021 > gpt-4's 8,192; gpt-4.1 (1M) fits.
  assert.deepEqual(est('window.ts:11:10').contextOverflow, [{ model: 'gpt-4', inputTokens: 9021, contextWindow: 8192 }]);
});

test('caching: the AI SDK\'s providerOptions.anthropic.cacheControl asks for the 1-hour TTL too', () => {
  // The same system prompt and question as oneHourCache: the same figures, $0.0107238 expected.
  assert.equal(siteAt('caching.ts:46:10').options.cacheTtl, '1h');
  assert.deepEqual(est('caching.ts:46:10').costPerCall, { low: 0.0015876, expected: 0.0107238, high: 0.017901 });
});

test('n that is not known statically is counted once, and said', () => {
  // 11 in × $2.50/1M + 100 out × $10/1M = $0.0010275.
  assert.equal(siteAt('candidates.ts:22:10').options.candidates?.status, 'unknown');
  assert.equal(est('candidates.ts:22:10').costPerCall!.expected, 0.0010275);
  assert.ok(est('candidates.ts:22:10').assumptions.includes('completions per request (n / candidateCount) not known statically: counted as 1'));
});
