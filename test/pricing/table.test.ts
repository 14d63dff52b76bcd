import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PricingTable, defaultPricing, nameForms, type PriceEntry, type PricingData } from '../../shared/pricing/table';
import { isValidDate, validateSchema } from '../../shared/schema-check';
import { editDistance } from '../../shared/pricing/distance';

// Read the source files (not the copies in the out dir) so the test checks what is committed.
const root = path.join(__dirname, '..', '..', '..');
const table = JSON.parse(fs.readFileSync(path.join(root, 'pricing', 'models.json'), 'utf8')) as PricingData;
const schema = JSON.parse(fs.readFileSync(path.join(root, 'pricing', 'schema.json'), 'utf8'));
const pricing = defaultPricing();

function allPrices(e: PriceEntry): number[] {
  const p = e.prices;
  const flat = Object.values(p).filter((v): v is number => typeof v === 'number');
  const lc = p.longContext ? Object.entries(p.longContext).filter(([k]) => k !== 'threshold').map(([, v]) => v).filter((v): v is number => typeof v === 'number') : [];
  return [...flat, ...lc, ...e.units.map((u) => u.price)];
}

test('pricing table: valid against pricing/schema.json', () => {
  assert.deepEqual(validateSchema(table, schema), []);
});

test('pricing table: the schema validator rejects what it should', () => {
  const bad = structuredClone(table);
  bad.models[0].tier = 'huge' as never;
  (bad.models[1].prices as unknown as Record<string, unknown>).input = -1;
  bad.models[2].checked = '2026-02-30';
  delete (bad.models[3] as unknown as Record<string, unknown>).source;
  (bad.models[4] as unknown as Record<string, unknown>).extra = 1;
  const errors = validateSchema(bad, schema);
  assert.deepEqual(errors, [
    '$.models[0].tier: "huge" is not one of ["frontier","standard","small"]',
    '$.models[1].prices.input: -1 < minimum 0',
    '$.models[2].checked: "2026-02-30" is not a valid date',
    '$.models[3]: missing "source"',
    '$.models[4]: unexpected property "extra"',
  ]);
});

test('pricing table: invariants', () => {
  const today = new Date().toISOString().slice(0, 10);
  assert.ok(table.models.length >= 150, `only ${table.models.length} models`);
  assert.ok(isValidDate(table.version) && table.version <= today);
  const ids = new Set<string>();
  const names = new Map<string, string>();
  for (const e of table.models) {
    const where = `${e.provider}/${e.id}`;
    assert.ok(!ids.has(where), `duplicate ${where}`);
    ids.add(where);
    assert.ok(['frontier', 'standard', 'small'].includes(e.tier), `${where}: tier`);
    assert.ok(isValidDate(e.checked) && e.checked <= today, `${where}: checked ${e.checked}`);
    assert.ok(e.source.startsWith('https://'), `${where}: source`);
    for (const v of allPrices(e)) assert.ok(v >= 0, `${where}: negative price`);
    const p = e.prices;
    if (p.cachedInput !== null) assert.ok(p.input !== null && p.cachedInput <= p.input, `${where}: cachedInput > input`);
    if (p.batchInput !== null) assert.ok(p.input !== null && p.batchInput <= p.input, `${where}: batchInput > input`);
    if (p.longContext) {
      assert.ok(p.longContext.input !== null && p.input !== null && p.longContext.input >= p.input, `${where}: long context cheaper`);
      if (e.contextWindow !== null) assert.ok(p.longContext.threshold < e.contextWindow, `${where}: threshold beyond the window`);
    }
    if (e.kind === 'chat') assert.ok(p.input !== null && p.output !== null, `${where}: chat model without token prices`);
    if (e.kind === 'image' || e.kind === 'rerank') assert.ok(e.units.length > 0 || p.output !== null, `${where}: nothing to price by`);
    for (const n of [e.id, ...e.aliases]) {
      const k = `${e.provider}\u0000${n.toLowerCase()}`;
      assert.ok(!names.has(k), `${where}: name ${n} also names ${names.get(k)}`);
      names.set(k, where);
    }
  }
});

test('pricing table: every id and alias resolves to its own entry', () => {
  for (const e of pricing.entries()) {
    assert.deepEqual(pick(pricing.lookup(e.provider, e.id)), { at: `${e.provider}/${e.id}`, by: 'id' });
    for (const a of e.aliases) assert.deepEqual(pick(pricing.lookup(e.provider, a)), { at: `${e.provider}/${e.id}`, by: 'alias' }, `${e.provider} ${a}`);
  }
});

test('pricing table: coverage per provider', () => {
  const count: Record<string, number> = {};
  for (const e of table.models) count[e.provider] = (count[e.provider] ?? 0) + 1;
  assert.deepEqual(count, {
    openai: 68, 'azure-openai': 16, anthropic: 18, google: 42, mistral: 24, cohere: 10, xai: 12, deepseek: 4,
    groq: 14, together: 13, fireworks: 11, cerebras: 4, perplexity: 4, openrouter: 30, bedrock: 61, voyage: 10,
  });
});

test('pricing table: sample prices as the providers publish them', () => {
  const get = (provider: string, id: string) => pricing.lookup(provider, id)!.entry;
  assert.deepEqual(rowOf(get('openai', 'gpt-4o')), { input: 2.5, output: 10, cachedInput: 1.25, batchInput: 1.25, batchOutput: 5, contextWindow: 128000, maxOutput: 16384, tier: 'standard' });
  assert.deepEqual(rowOf(get('openai', 'gpt-5')), { input: 1.25, output: 10, cachedInput: 0.125, batchInput: 0.625, batchOutput: 5, contextWindow: 272000, maxOutput: 128000, tier: 'frontier' });
  assert.deepEqual(rowOf(get('openai', 'gpt-4o-mini')), { input: 0.15, output: 0.6, cachedInput: 0.075, batchInput: 0.075, batchOutput: 0.3, contextWindow: 128000, maxOutput: 16384, tier: 'small' });
  const sonnet = get('anthropic', 'claude-sonnet-4-5');
  assert.deepEqual(
    [sonnet.prices.input, sonnet.prices.output, sonnet.prices.cachedInput, sonnet.prices.cacheWrite5m, sonnet.prices.cacheWrite1h, sonnet.prices.batchInput],
    [3, 15, 0.3, 3.75, 6, 1.5],
  );
  assert.deepEqual(sonnet.prices.longContext, { threshold: 200000, input: 6, output: 22.5, cachedInput: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12 });
  assert.deepEqual(get('google', 'gemini-2.5-pro').prices.longContext, { threshold: 200000, input: 2.5, output: 15, cachedInput: 0.25 });
  assert.deepEqual(get('openai', 'gpt-5.4').prices.longContext, { threshold: 272000, input: 5, output: 22.5, cachedInput: 0.5 });
  // Bedrock: in-region and US/EU profiles carry 10% over the global profile for Claude 4.5+.
  assert.equal(pricing.lookup('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')!.entry.prices.input, 3.3);
  assert.equal(pricing.lookup('bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0')!.entry.prices.input, 3);
  assert.deepEqual(get('openai', 'dall-e-3').units.find((u) => u.variant === '1024x1024/hd'), { unit: 'image', variant: '1024x1024/hd', price: 0.08 });
  assert.deepEqual(get('openai', 'gpt-image-1').units.find((u) => u.variant === '1024x1024/medium'), { unit: 'image', variant: '1024x1024/medium', price: 0.042 });
  assert.deepEqual(get('openai', 'whisper-1').units, [{ unit: 'minute', price: 0.006 }]);
  assert.deepEqual(get('openai', 'tts-1').units, [{ unit: '1M characters', price: 15 }]);
  assert.deepEqual([get('openai', 'omni-moderation-latest').prices.input, get('openai', 'omni-moderation-latest').prices.output], [0, 0]);
  assert.deepEqual(get('cohere', 'rerank-v3.5').units, [{ unit: '1K searches', price: 2 }]);
  assert.deepEqual(get('google', 'imagen-4.0-generate-001').units, [{ unit: 'image', price: 0.04 }]);
});

test('lookup: how each spelling resolves', () => {
  const cases: Array<[string, string, string | null, string?]> = [
    ['openai', 'gpt-4o', 'openai/gpt-4o', 'id'],
    ['openai', 'gpt-4o-2024-08-06', 'openai/gpt-4o', 'alias'],
    ['openai', 'GPT-4o', 'openai/gpt-4o', 'normalized'],
    ['openai', 'openai/gpt-4o', 'openai/gpt-4o', 'normalized'],
    // An unknown snapshot maps to its family only when the family is exact.
    ['openai', 'gpt-4o-2099-01-01', 'openai/gpt-4o', 'normalized'],
    ['openai', 'gpt-4o-mini-2099-01-01', 'openai/gpt-4o-mini', 'normalized'],
    ['openai', 'gpt-4o-ultra', null],
    ['openai', 'gpt-5-1', 'openai/gpt-5.1', 'normalized'],
    ['openai', 'ft:gpt-4o-mini-2024-07-18:org::abc', null],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5', 'alias'],
    ['anthropic', 'claude-sonnet-4.5', 'anthropic/claude-sonnet-4-5', 'normalized'],
    ['anthropic', 'claude-3-7-sonnet', 'anthropic/claude-3-7-sonnet-latest', 'normalized'],
    ['anthropic', 'claude-3-5-sonnet-20991231', 'anthropic/claude-3-5-sonnet-latest', 'normalized'],
    // Bedrock ids, region profiles and ARNs.
    ['bedrock', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'bedrock/claude-3-5-sonnet-20241022', 'alias'],
    ['bedrock', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'bedrock/claude-3-7-sonnet-20250219', 'normalized'],
    ['bedrock', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock/claude-sonnet-4-5-20250929', 'normalized'],
    ['bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock/claude-sonnet-4-5-20250929-global', 'alias'],
    ['bedrock', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'bedrock/claude-3-7-sonnet-20250219', 'normalized'],
    ['bedrock', 'us.amazon.nova-pro-v1:0', 'bedrock/amazon.nova-pro-v1:0', 'normalized'],
    ['bedrock', 'us.meta.llama3-3-70b-instruct-v1:0', 'bedrock/meta.llama3-3-70b-instruct-v1:0', 'normalized'],
    ['anthropic-aws', 'anthropic.claude-3-haiku-20240307-v1:0', 'bedrock/claude-3-haiku-20240307', 'alias'],
    // Vertex AI: '@' versions, resource paths, the AnthropicVertex client's provider id.
    ['google', 'claude-3-5-sonnet@20240620', 'google/claude-3-5-sonnet', 'alias'],
    ['anthropic-google-cloud', 'claude-sonnet-4-5@20250929', 'google/claude-sonnet-4-5', 'alias'],
    ['google', 'claude-opus-4-7@20260416', 'google/claude-opus-4-7', 'normalized'],
    ['google', 'models/gemini-2.5-pro', 'google/gemini-2.5-pro', 'normalized'],
    ['google-vertex', 'publishers/google/models/gemini-2.0-flash-001', 'google/gemini-2.0-flash', 'normalized'],
    ['google', 'gemini-2.5-flash-preview-09-2025', 'google/gemini-2.5-flash', 'alias'],
    // Gateways: the vendor behind the name sets the price.
    ['vercel-gateway', 'openai/gpt-5', 'openai/gpt-5', 'normalized'],
    ['vercel-gateway', 'anthropic/claude-sonnet-4.5', 'anthropic/claude-sonnet-4-5', 'normalized'],
    ['litellm', 'claude-3-5-haiku', 'anthropic/claude-3-5-haiku-latest', 'normalized'],
    ['openai-compatible', 'deepseek-chat', 'deepseek/deepseek-chat', 'normalized'],
    ['openai-compatible', 'mixtral', null],
    ['openrouter', 'meta-llama/llama-3.3-70b-instruct', 'openrouter/meta-llama/llama-3.3-70b-instruct', 'id'],
    ['openrouter', 'anthropic/claude-sonnet-4', 'anthropic/claude-sonnet-4-0', 'normalized'],
    // Azure: its own entry when it has one, else OpenAI's list price; deployment names stay unknown.
    ['azure-openai', 'gpt-4o', 'azure-openai/gpt-4o', 'id'],
    ['azure-openai', 'o3-pro', 'openai/o3-pro', 'normalized'],
    ['azure-openai', 'gpt4o-prod', null],
    ['groq', 'llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile', 'id'],
    ['groq', 'gpt-4o', null],
    ['fireworks', 'accounts/fireworks/models/gpt-oss-120b', 'fireworks/accounts/fireworks/models/gpt-oss-120b', 'id'],
    ['x-ai', 'grok-4-latest', 'xai/grok-4', 'alias'],
    ['mistral', 'mistral-large-2512', 'mistral/mistral-large-latest', 'alias'],
    ['openai', '', null],
  ];
  const got = cases.map(([p, m]) => {
    const r = pick(pricing.lookup(p, m));
    return [p, m, r ? r.at : null, r ? r.by : undefined];
  });
  assert.deepEqual(got, cases.map(([p, m, at, by]) => [p, m, at, by]));
});

test('nearest: did-you-mean candidates by edit distance', () => {
  assert.deepEqual(pricing.nearest('gpt-4o-mnii'), ['gpt-4o-mini']);
  assert.deepEqual(pricing.nearest('gemni-2.5-pro'), ['gemini-2.5-pro', 'gemini-1.5-pro']);
  assert.deepEqual(pricing.nearest('claude-sonet-4-5', 1), ['claude-sonnet-4-5']);
  assert.deepEqual(pricing.nearest('lama-3.3-70b-versatile'), ['llama-3.3-70b-versatile']);
  assert.deepEqual(pricing.nearest('gpt4o', 2), ['gpt-4o', 'gpt-4']);
  assert.deepEqual(pricing.nearest('totally-unknown-model'), []);
  assert.ok(!pricing.nearest('gpt-4o').includes('gpt-4o'), 'an exact name is not its own suggestion');
  assert.equal(editDistance('mnii', 'mini'), 1);
  assert.equal(editDistance('', 'abc'), 3);
});

test('nameForms: the rewrites lookup tries, in order', () => {
  assert.deepEqual(nameForms('us.anthropic.claude-3-7-sonnet-20250219-v1:0'), [
    'anthropic.claude-3-7-sonnet-20250219-v1:0',
    'claude-3-7-sonnet-20250219',
    'us.anthropic.claude-3.7-sonnet-20250219-v1:0',
    'anthropic.claude-3.7-sonnet-20250219-v1:0',
    'claude-3.7-sonnet-20250219',
    'claude-3-7-sonnet',
    'claude-3.7-sonnet',
    'claude-3-7-sonnet-latest',
    'claude-3.7-sonnet-latest',
  ]);
  assert.deepEqual(nameForms('claude-3-5-haiku'), ['claude-3.5-haiku', 'claude-3-5-haiku-latest', 'claude-3.5-haiku-latest']);
  assert.deepEqual(nameForms('gpt-4o-2099-01-01'), ['gpt-4o', 'gpt-4o-latest']);
});

test('overrides: discounts, replaced prices, private models', () => {
  const t = new PricingTable(table, [
    { provider: 'openai', model: 'gpt-4o', discountPercent: 20, note: 'enterprise agreement' },
    { provider: 'anthropic', model: 'claude-sonnet-4-*', prices: { input: 2 }, note: 'committed use' },
    { model: 'claude-sonnet-4-5', provider: 'anthropic', discountPercent: 10 },
    { provider: 'self-hosted', model: 'llama-3.3-70b-q4', prices: { input: 0.05, output: 0.1 } },
    { provider: 'openai', model: 'dall-e-3', discountPercent: 50 },
  ]);
  const gpt4o = t.lookup('openai', 'gpt-4o-2024-08-06')!.entry;
  assert.deepEqual([gpt4o.prices.input, gpt4o.prices.output, gpt4o.prices.cachedInput, gpt4o.prices.batchInput], [2, 8, 1, 1]);
  assert.equal(gpt4o.override, 'enterprise agreement: 20% discount');
  const sonnet45 = t.lookup('anthropic', 'claude-sonnet-4-5')!.entry;
  assert.deepEqual([sonnet45.prices.input, sonnet45.prices.output, sonnet45.prices.longContext!.input, sonnet45.prices.longContext!.threshold], [1.8, 13.5, 5.4, 200000]);
  assert.equal(sonnet45.override, 'committed use: prices input; 10% discount');
  assert.equal(t.lookup('anthropic', 'claude-sonnet-4-6')!.entry.prices.input, 2);
  assert.equal(t.lookup('anthropic', 'claude-opus-4-5')!.entry.prices.input, 5, 'the glob is anchored');
  const priv = t.lookup('self-hosted', 'llama-3.3-70b-q4')!;
  assert.deepEqual([priv.matchedBy, priv.entry.prices.input, priv.entry.prices.output, priv.entry.manual, priv.entry.source, priv.entry.override], ['id', 0.05, 0.1, true, 'config', 'private model from config']);
  assert.equal(t.lookup('openai', 'dall-e-3')!.entry.units[0].price, 0.02);
  // The shared default table is untouched.
  assert.equal(pricing.lookup('openai', 'gpt-4o')!.entry.prices.input, 2.5);
  assert.equal(pricing.lookup('openai', 'gpt-4o')!.entry.override, undefined);
});

function pick(m: ReturnType<PricingTable['lookup']>): { at: string; by: string } | null {
  return m ? { at: `${m.entry.provider}/${m.entry.id}`, by: m.matchedBy } : null;
}

function rowOf(e: PriceEntry) {
  const p = e.prices;
  return { input: p.input, output: p.output, cachedInput: p.cachedInput, batchInput: p.batchInput, batchOutput: p.batchOutput, contextWindow: e.contextWindow, maxOutput: e.maxOutput, tier: e.tier };
}
