import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configError, scanFixture, site, writeConfig } from '../helpers';
import type { CallSite } from '../../shared/types';
import type { PriceEntry, Prices } from '../../shared/pricing/table';
import { loadConfig } from '../../shared/config/load';
import type { SelfHostedConfig } from '../../shared/config/self-hosted-config';
import { estimateSite } from '../../shared/estimate/estimate';
import { estimateScan } from '../../shared/estimate';
import { SelfHostedPricingTable, alternativesFor, derivePrices, selfHostedEntry } from '../../shared/estimate/self-hosted';
import { DEFAULT_ESTIMATE_CONFIG, type EstimateConfig } from '../../shared/estimate/types';
import { priceEntry } from '../price-entry';


function server(over: Partial<SelfHostedConfig>): SelfHostedConfig {
  return {
    model: 'llama-3.3-70b-instruct', provider: 'self-hosted', aliases: [], gpuHourlyUsd: 3.6, gpus: 1, tokensPerSecond: 1000,
    inputTokensPerSecond: null, utilization: 1, compareTo: [], note: null, ...over,
  };
}

function entry(id: string, prices: Partial<Prices>): PriceEntry {
  return priceEntry(id, prices);
}

const data = { version: '2026-01-01', currency: 'USD' as const, models: [entry('gpt-4o', { input: 2.5, output: 10 }), entry('gpt-4o-mini', { input: 0.15, output: 0.6 })] };
const config: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
const scanned = scanFixture('estimate');
/** The fixture's `greet()`: gpt-4o, 20 input tokens (exact), max_tokens 100, volume 1k/day = 30,417/month. */
const greet = site(scanned, 'app.ts:9:10');
const on = (provider: string, model: string): CallSite => ({ ...greet, provider, model: { status: 'exact', value: model } });

test('self-hosted: the price per 1M tokens comes from GPU cost, throughput and utilization', () => {
  // $2.50 × 2 GPUs = $5/h. Output: 1,800 tok/s × 3,600 s × 0.6 = 3,888,000 tokens/h → $5 / 3.888M × 1M = $1.286008230.
  // Input defaults to 10× output (18,000 tok/s) → $0.128600823. A dedicated month: $5 × 730 h = $3,650.
  assert.deepEqual(derivePrices(server({ gpuHourlyUsd: 2.5, gpus: 2, tokensPerSecond: 1800, utilization: 0.6 })), {
    costPerHour: 5, fixedMonthlyUsd: 3650, input: 0.128600823, output: 1.28600823,
  });
  // A measured prefill speed replaces the 10× guess: $5 / (40,000 × 3,600 × 0.5) × 1M = $0.069444444.
  assert.equal(derivePrices(server({ gpuHourlyUsd: 2.5, gpus: 2, tokensPerSecond: 1800, inputTokensPerSecond: 40000, utilization: 0.5 })).input, 0.069444444);
  const e = selfHostedEntry(server({ note: 'rack 4' }));
  assert.deepEqual([e.id, e.provider, e.kind, e.tier, e.source, e.checked, e.prices.input, e.prices.output, e.prices.batchInput, e.prices.batchOutput, e.note], [
    'llama-3.3-70b-instruct', 'self-hosted', 'chat', 'standard', 'tollgate.yml selfHosted', 'config', 0.1, 1, 0.1, 1,
    'rack 4 (1 GPU × $3.6/h, 1000 output and 10000 input tokens/s (10× output, assumed), 100% utilization)',
  ]);
});

test('self-hosted: a call site on a local server is priced with the derived price', () => {
  const table = new SelfHostedPricingTable(data, [], [server({ aliases: ['llama3.3:70b'] })]);
  const e = estimateSite(on('self-hosted', 'llama-3.3-70b-instruct'), table, config);
  assert.equal(e.status, 'ok');
  assert.deepEqual(e.price, { model: 'llama-3.3-70b-instruct', provider: 'self-hosted', source: 'tollgate.yml selfHosted', checked: 'config' });
  // $0.10 in, $1.00 out per 1M: 20 × 0.1 + 100 × 1 = 102 per 1M = $0.000102; × 30,416.7 (1k/day) = $3.1025034.
  // (20 tokens: the chat counted with the closest encoding, an approximation for a self-hosted model.)
  assert.deepEqual([e.inputTokens, e.outputTokens, e.exactTokens], [{ low: 20, expected: 20, high: 20 }, { low: 100, expected: 100, high: 100 }, false]);
  assert.deepEqual(e.costPerCall, { low: 0.000102, expected: 0.000102, high: 0.000102 });
  assert.deepEqual(e.monthlyCost, { low: 3.1025034, expected: 3.1025034, high: 3.1025034 });
  // Ollama names the model its own way: an alias finds it, and a generic entry serves Ollama too.
  assert.equal(estimateSite(on('ollama', 'llama3.3:70b'), table, config).price?.model, 'llama-3.3-70b-instruct');
  assert.equal(estimateSite(on('openai', 'llama-3.3-70b-instruct'), table, config).status, 'unknown-model');
});

test('self-hosted: which provider finds which entry', () => {
  const table = new SelfHostedPricingTable(data, [], [server({ provider: 'vllm', model: 'qwen-2.5-72b' }), server({ provider: 'ollama', model: 'gemma-3-27b' })]);
  const provider = (p: string, m: string) => table.lookup(p, m)?.entry.provider ?? null;
  // The scanner reports a generic localhost server as 'self-hosted': it cannot tell vLLM from another, so it finds both.
  assert.equal(provider('self-hosted', 'qwen-2.5-72b'), 'vllm');
  assert.equal(provider('self-hosted', 'gemma-3-27b'), 'ollama');
  assert.equal(provider('vllm', 'qwen-2.5-72b'), 'vllm');
  // A known server (Ollama on :11434) is not vLLM; an API provider never gets a self-hosted price.
  assert.equal(provider('ollama', 'qwen-2.5-72b'), null);
  assert.equal(provider('groq', 'qwen-2.5-72b'), null);
  assert.equal(provider('openai', 'gpt-4o'), 'openai');
});

test('self-hosted: an API call site beside its self-hosted equivalent, with the break-even volume', () => {
  const shared = [server({ compareTo: ['GPT-4o', 'gpt-4o-mini'] })];
  const table = new SelfHostedPricingTable(data, [], shared);
  const api = estimateSite(greet, table, config);
  // gpt-4o: 20 × $2.50 + 100 × $10 per 1M = $0.00105 per call.
  assert.deepEqual(api.costPerCall, { low: 0.00105, expected: 0.00105, high: 0.00105 });
  // Same tokens on the server: 20 × 0.1 + 100 × 1 = $0.000102 per call; × 30,416.7 (the published callsPerMonth) = $3.1025034.
  // Fixed: $3.60 × 730 = $2,628. Break-even: 2,628 / 0.00105 = 2,502,857.1 → 2,502,858 calls.
  // Capacity of one server: 2,628 / 0.000102 = 25,764,705.9 → 25,764,705 calls.
  // Saving: the API's 0.00105 × 30,416.7 = $31.937535 a month, minus the one server these calls need,
  // $2,628 busy or idle = -$2,596.062465: far below the break-even volume, self-hosting costs more.
  assert.deepEqual(alternativesFor(greet, api, table, shared), [
    {
      model: 'llama-3.3-70b-instruct',
      provider: 'self-hosted',
      costPerCall: { low: 0.000102, expected: 0.000102, high: 0.000102 },
      monthlyCost: { low: 3.1025034, expected: 3.1025034, high: 3.1025034 },
      monthlySaving: -2596.062465,
      fixedMonthlyUsd: 2628,
      serversNeeded: 1,
      capacityCallsPerMonth: 25764705,
      breakEvenCallsPerMonth: 2502858,
    },
  ]);
  // A dated snapshot is priced as gpt-4o, so it is compared too.
  const dated = on('openai', 'gpt-4o-2024-08-06');
  assert.equal(alternativesFor(dated, estimateSite(dated, table, config), table, shared)[0]?.breakEvenCallsPerMonth, 2502858);
});

test('self-hosted: the saving agrees with the break-even volume, and a volume beyond one server needs two', () => {
  const shared = [server({ compareTo: ['gpt-4o'] })];
  const table = new SelfHostedPricingTable(data, [], shared);
  const at = (perMonth: number) => {
    const s: CallSite = { ...greet, annotation: { ...greet.annotation!, volumePerMonth: perMonth } };
    return alternativesFor(s, estimateSite(s, table, config), table, shared)[0];
  };
  // One call below break-even: 0.00105 × 2,502,857 = $2,627.99985 - $2,628 = -$0.00015.
  assert.deepEqual([at(2502857).monthlySaving, at(2502857).serversNeeded, at(2502857).breakEvenCallsPerMonth], [-0.00015, 1, 2502858]);
  // At break-even: 0.00105 × 2,502,858 = $2,628.0009 - $2,628 = +$0.0009.
  assert.equal(at(2502858).monthlySaving, 0.0009);
  // 30M calls × $0.000102 = $3,060 of GPU time: more than one $2,628 server holds (25,764,705 calls), so 2 servers.
  // 0.00105 × 30M = $31,500 - 2 × $2,628 = $26,244.
  assert.deepEqual([at(30_000_000).serversNeeded, at(30_000_000).monthlySaving], [2, 26244]);
});

test('self-hosted: no break-even when the API costs less per call than the server does', () => {
  const shared = [server({ compareTo: ['gpt-4o-mini'] })];
  const table = new SelfHostedPricingTable(data, [], shared);
  const mini = on('openai', 'gpt-4o-mini');
  const api = estimateSite(mini, table, config);
  // gpt-4o-mini: 20 × 0.15 + 100 × 0.6 = $0.000063 per call, below the server's $0.000102: at 2,628 / 0.000063 =
  // 41.7M calls one server (25.8M) is full, and each extra server adds $2,628, so self-hosting never catches up.
  assert.deepEqual(api.costPerCall?.expected, 0.000063);
  const [alt] = alternativesFor(mini, api, table, shared);
  assert.deepEqual([alt.capacityCallsPerMonth, alt.breakEvenCallsPerMonth], [25764705, null]);
  // And the saving is negative at any volume: 0.000063 × 30,416.7 = $1.9162521 - $2,628 = -$2,626.0837479.
  assert.equal(alt.monthlySaving, -2626.0837479);
  // Not listed in compareTo, or already on the server, or unpriced: nothing to show.
  assert.deepEqual(alternativesFor(greet, estimateSite(greet, table, config), table, shared), []);
  const own = on('self-hosted', 'llama-3.3-70b-instruct');
  assert.deepEqual(alternativesFor(own, estimateSite(own, table, config), table, [server({ compareTo: ['llama-3.3-70b-instruct'] })]), []);
  const unknown = on('openai', 'gpt-4o-mini-nope');
  assert.deepEqual(alternativesFor(unknown, estimateSite(unknown, table, config), table, [server({ compareTo: ['gpt-4o-mini-nope'] })]), []);
});

test('self-hosted: tollgate.yml selfHosted is read with its defaults and reaches the scan estimate', () => {
  const c = loadConfig(
    writeConfig(`selfHosted:
  - model: llama-3.3-70b-instruct
    gpuHourlyUsd: 2.5
    gpus: 2
    tokensPerSecond: 1800
    utilization: 0.6
    compareTo: [gpt-4o]
  - model: qwen-2.5-72b
    provider: vLLM
    gpuHourlyUsd: 1.2
    tokensPerSecond: 900
    inputTokensPerSecond: 12000
    aliases: ["Qwen/Qwen2.5-72B-Instruct"]
    note: spot instances
`),
    'tollgate.yml',
  );
  assert.deepEqual(c.selfHosted, [
    { model: 'llama-3.3-70b-instruct', provider: 'self-hosted', aliases: [], gpuHourlyUsd: 2.5, gpus: 2, tokensPerSecond: 1800, inputTokensPerSecond: null, utilization: 0.6, compareTo: ['gpt-4o'], note: null },
    { model: 'qwen-2.5-72b', provider: 'vllm', aliases: ['Qwen/Qwen2.5-72B-Instruct'], gpuHourlyUsd: 1.2, gpus: 1, tokensPerSecond: 900, inputTokensPerSecond: 12000, utilization: 0.5, compareTo: [], note: 'spot instances' },
  ]);
  const result = estimateScan(scanned, c);
  const estimated = result.callSites.find((s) => s.line === 9)!.estimate;
  // 20 × 0.128600823 + 100 × 1.28600823 = 131.17283946 per 1M → $0.00013117283946 (full precision); fixed $5 × 730 = $3,650.
  const [alt] = estimated.alternatives!;
  assert.deepEqual([alt.model, alt.provider, alt.costPerCall.expected, alt.fixedMonthlyUsd], ['llama-3.3-70b-instruct', 'self-hosted', 0.00013117283946, 3650]);
  assert.equal(alt.breakEvenCallsPerMonth, Math.ceil(3650 / estimated.costPerCall!.expected));
  // Sites on models nobody compares keep the estimate as it was, without the field.
  assert.equal('alternatives' in result.callSites.find((s) => s.line === 38)!.estimate, false);
  assert.equal(result.pricing.models, estimateScan(scanned, loadConfig(null)).pricing.models + 2);
});

test('self-hosted: config mistakes name the line and column', () => {
  const entryAt = (body: string) => configError(`selfHosted:\n  - model: llama-3.3-70b-instruct\n${body}`);
  assert.equal(configError('selfHosted:\n  model: x\n'), 'tollgate.yml:2:3: "selfHosted" expects a list of { model, gpuHourlyUsd, gpus?, tokensPerSecond, inputTokensPerSecond?, utilization?, provider?, aliases?, compareTo?, note? }');
  assert.equal(entryAt('    gpuHourlyUsd: 2\n    tokensPerSecond: 100\n    utilization: 1.5\n'), 'tollgate.yml:5:18: "selfHosted[0].utilization" expects a number above 0 and at most 1 (the share of hours the GPUs are busy)');
  assert.equal(entryAt('    gpuHourlyUsd: 2\n    tokensPerSecond: 100\n    utilization: 0\n'), 'tollgate.yml:5:18: "selfHosted[0].utilization" expects a number above 0 and at most 1 (the share of hours the GPUs are busy)');
  assert.equal(entryAt('    gpuHourlyUsd: 2\n'), 'tollgate.yml:2:5: "selfHosted[0]" needs tokensPerSecond');
  assert.equal(entryAt('    gpuHourlyUsd: 2\n    tokenPerSecond: 100\n'), 'tollgate.yml:4:5: unknown key "selfHosted[0].tokenPerSecond" (did you mean "tokensPerSecond"?); known keys: model, provider, aliases, gpuHourlyUsd, gpus, tokensPerSecond, inputTokensPerSecond, utilization, compareTo, note');
  assert.equal(entryAt('    gpuHourlyUsd: "2 dollars"\n    tokensPerSecond: 100\n'), 'tollgate.yml:3:19: "selfHosted[0].gpuHourlyUsd" expects a number above 0 (USD per GPU per hour)');
  assert.equal(entryAt('    gpuHourlyUsd: 2\n    gpus: 1.5\n    tokensPerSecond: 100\n'), 'tollgate.yml:4:11: "selfHosted[0].gpus" expects a whole number of GPUs, 1 or more');
  assert.equal(entryAt('    gpuHourlyUsd: 2\n    tokensPerSecond: 100\n    compareTo: gpt-4o\n'), 'tollgate.yml:5:16: "selfHosted[0].compareTo" expects a list of model names');
  assert.equal(
    configError('selfHosted:\n  - { model: m, gpuHourlyUsd: 1, tokensPerSecond: 10 }\n  - { model: M, provider: Self-Hosted, gpuHourlyUsd: 2, tokensPerSecond: 10 }\n'),
    'tollgate.yml:3:5: "selfHosted[1]" repeats model "M" on provider "self-hosted"',
  );
  assert.match(configError('selfHost: []\n'), /^tollgate\.yml:1:1: unknown key "selfHost" \(did you mean "selfHosted"\?\)/);
});
