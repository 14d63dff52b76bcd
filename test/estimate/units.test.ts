import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site } from '../helpers';
import { defaultPricing, PricingTable, type PriceEntry, type Prices, type UnitPrice } from '../../shared/pricing/table';
import { estimateSite } from '../../shared/estimate/estimate';
import { imageCost } from '../../shared/estimate/images';
import { toolFee, toolFees } from '../../shared/estimate/tool-fees';
import { DEFAULT_ESTIMATE_CONFIG, type EstimateConfig } from '../../shared/estimate/types';
import fees from '../../pricing/tool-fees.json';
import { priceEntry } from '../price-entry';

// Images, rerank and search tools priced by their own units (issue 13). A table of our own with the
// shipped prices copied in, so every figure below is worked by hand from the numbers written here.

function entry(provider: string, id: string, kind: PriceEntry['kind'], prices: Partial<Prices>, units: UnitPrice[] = []): PriceEntry {
  return priceEntry(id, prices, { provider, kind, units });
}
const img = (variant: string | undefined, price: number): UnitPrice => (variant ? { unit: 'image', variant, price } : { unit: 'image', price });
const req = (ctx: string, price: number): UnitPrice => ({ unit: '1K requests', variant: `search context ${ctx}`, price });

const table = new PricingTable({
  version: '2026-01-01',
  currency: 'USD',
  models: [
    entry('openai', 'gpt-image-1', 'image', { input: 5, output: 40, imageOutput: 40 }, [
      img('1024x1024/low', 0.011), img('1024x1024/medium', 0.042), img('1024x1024/high', 0.167),
      img('1024x1536/low', 0.016), img('1024x1536/medium', 0.063), img('1024x1536/high', 0.25),
      img('1536x1024/low', 0.016), img('1536x1024/medium', 0.063), img('1536x1024/high', 0.25),
    ]),
    entry('openai', 'gpt-image-1-mini', 'image', { input: 2, output: 8, imageOutput: 8 }),
    entry('openai', 'dall-e-3', 'image', {}, [
      img('1024x1024/standard', 0.04), img('1024x1792/standard', 0.08), img('1792x1024/standard', 0.08),
      img('1024x1024/hd', 0.08), img('1024x1792/hd', 0.12), img('1792x1024/hd', 0.12),
    ]),
    entry('google', 'imagen-4.0-generate-001', 'image', {}, [img(undefined, 0.04)]),
    entry('google', 'gemini-2.5-flash-image', 'image', { input: 0.3, output: 30 }, [img('1024x1024', 0.039)]),
    entry('google', 'gemini-3-pro-image-preview', 'image', { input: 2, output: 120 }),
    entry('cohere', 'rerank-v3.5', 'rerank', { input: 0, output: 0 }, [{ unit: '1K searches', price: 2 }]),
    entry('cohere', 'rerank-english-v2.0', 'rerank', { input: 0, output: 0 }),
    entry('voyage', 'rerank-2', 'rerank', { input: 0.05, output: 0 }),
    entry('openai', 'gpt-4.1', 'chat', { input: 2, output: 8 }),
    entry('anthropic', 'claude-sonnet-4-5', 'chat', { input: 3, output: 15 }),
    entry('google', 'gemini-2.0-flash', 'chat', { input: 0.1, output: 0.4 }),
    entry('perplexity', 'sonar', 'chat', { input: 1, output: 1 }, [req('low', 5), req('medium', 8), req('high', 12)]),
    entry('perplexity', 'sonar-pro', 'chat', { input: 3, output: 15 }, [req('low', 6), req('medium', 10), req('high', 14)]),
  ],
});
const config: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
const result = scanFixture('units');
const est = (at: string) => estimateSite(site(result, at), table, config);
const lookup = (provider: string, id: string) => table.lookup(provider, id)!.entry;

test('units: image options are read from each SDK (size, quality, n, numberOfImages, providerOptions, imageConfig)', () => {
  const opts = (at: string) => site(result, at).options.image;
  assert.deepEqual(opts('images.ts:10'), { size: { status: 'exact', value: '1536x1024' }, quality: { status: 'exact', value: 'high' }, count: { status: 'exact', value: '2' }, aspectRatio: null });
  assert.deepEqual(opts('images.ts:34'), { size: null, quality: null, count: { status: 'exact', value: '4' }, aspectRatio: null });
  // AI SDK: quality lives in providerOptions.openai.
  assert.deepEqual(opts('images.ts:42'), { size: { status: 'exact', value: '1024x1792' }, quality: { status: 'exact', value: 'hd' }, count: { status: 'exact', value: '1' }, aspectRatio: null });
  assert.deepEqual(opts('images.ts:46'), { size: { status: 'exact', value: '4K' }, quality: null, count: null, aspectRatio: { status: 'exact', value: '16:9' } });
  assert.deepEqual(opts('images.ts:50')?.count, { status: 'unknown', reason: 'parameter `count` of sdkLow()' });
  // A chat call that asks for no image has no image options at all (the JSON stays as it was).
  assert.equal(site(result, 'search.ts:11').options.image, undefined);
});

test('units: gpt-image-1 at a fixed size and quality, two images: 2 × the listed price plus the prompt tokens', () => {
  // prompt placeholder 10 / 100 / 1,000 tokens × $5/1M = $0.00005 / $0.0005 / $0.005; 2 × $0.25 (1536x1024 high) = $0.50.
  const e = est('images.ts:10');
  assert.deepEqual(e.costPerCall, { low: 0.50005, expected: 0.5005, high: 0.505 });
  assert.deepEqual(e.outputTokens, { low: 0, expected: 0, high: 0 });
  assert.ok(e.assumptions.includes('2 images per call'));
  assert.ok(e.assumptions.includes('image at 1536x1024/high: $0.25 each'));
});

test('units: an unknown quality is a range over the listed qualities; no size or quality (auto) ranges over all nine', () => {
  // 1024x1024: low $0.011, medium $0.042, high $0.167; expected (0.011 + 0.042 + 0.167) / 3 = $0.0733333.
  // low 0.00005 + 0.011 = 0.01105; expected 0.0005 + 0.44 / 6 = 0.0738333333333333 (dollars kept at 15 significant digits); high 0.005 + 0.167 = 0.172.
  const q = est('images.ts:14');
  assert.deepEqual(q.costPerCall, { low: 0.01105, expected: 0.0738333333333333, high: 0.172 });
  assert.ok(q.assumptions.includes('image quality unknown (parameter `quality` of thumbnail()): priced over every quality gpt-image-1 has'));
  assert.ok(q.assumptions.includes('image price $0.011–$0.167 over 1024x1024/low, 1024x1024/medium, 1024x1024/high; expected their average, $0.073333'));
  // All nine: 0.011 + 0.042 + 0.167 + 2 × (0.016 + 0.063 + 0.25) = 0.878, / 9 = 0.0975556; high 0.25 + 0.005.
  const auto = est('images.ts:18');
  // Expected 0.0005 + 0.878 / 9 = 0.0980555555555556 (15 significant digits).
  assert.deepEqual(auto.costPerCall, { low: 0.01105, expected: 0.0980555555555556, high: 0.255 });
  assert.ok(auto.assumptions.includes('image size not set: gpt-image-1 picks it (`auto`), priced over every size it has'));
});

test("units: dall-e-3 takes the API's defaults (1024x1024 standard); an unknown n is capped by the model's one image per call", () => {
  const d = est('images.ts:22');
  assert.deepEqual(d.costPerCall, { low: 0.04, expected: 0.04, high: 0.04 });
  assert.deepEqual(d.assumptions.filter((a) => a.startsWith('image')), ["image at 1024x1024/standard: $0.04 each", "image quality not set: the API's default, standard", "image size not set: the API's default, 1024x1024"]);
  // 1792x1024 hd: $0.12; n is a parameter, but dall-e-3 makes at most 1 image per call.
  const wide = est('images.ts:26');
  assert.deepEqual(wide.costPerCall, { low: 0.12, expected: 0.12, high: 0.12 });
  assert.ok(wide.assumptions.includes('images per call unknown (parameter `count` of dalle3Wide()): 1 expected, up to 1 (the most dall-e-3 makes in one call)'));
  // The AI SDK's generateImage with quality in providerOptions: 1024x1792 hd, $0.12.
  assert.deepEqual(est('images.ts:42').costPerCall, { low: 0.12, expected: 0.12, high: 0.12 });
});

test('units: an unknown n on gpt-image-1 ranges from 1 to 10 images', () => {
  // 1024x1024 low $0.011; prompt 10 / 100 / 1,000 tokens × $5/1M. low 1 × 0.011 + 0.00005; expected 0.011 + 0.0005; high 10 × 0.011 + 0.005.
  assert.deepEqual(est('images.ts:50').costPerCall, { low: 0.01105, expected: 0.0115, high: 0.115 });
});

test('units: an edit adds its source image as image input tokens', () => {
  // "Remove the background." = 4 tokens × $5/1M = $0.00002; 1024x1024 low $0.011;
  // source image 85 / 765 / 1,105 tokens × $10/1M = $0.00085 / $0.00765 / $0.01105.
  // low 0.00002 + 0.011 + 0.00085 = 0.01187; expected 0.00002 + 0.011 + 0.00765 = 0.01867; high 0.00002 + 0.011 + 0.01105 = 0.02207.
  const table3 = new PricingTable({ version: '2026-01-01', currency: 'USD', models: [entry('openai', 'gpt-image-1', 'image', { input: 5, imageInput: 10 }, [img('1024x1024/low', 0.011)])] });
  const e = estimateSite(site(result, 'images.ts:58'), table3, config);
  assert.deepEqual(e.inputTokens, { low: 4, expected: 4, high: 4 });
  assert.deepEqual(e.costPerCall, { low: 0.01187, expected: 0.01867, high: 0.02207 });
});

test('units: token-priced images: gpt-image-1-mini by its image output tokens, counted as output', () => {
  // 1024x1536 medium: 1,584 image tokens × $8/1M = $0.012672; prompt 10 / 100 / 1,000 × $2/1M = $0.00002 / $0.0002 / $0.002.
  const e = est('images.ts:30');
  assert.deepEqual(e.costPerCall, { low: 0.012692, expected: 0.012872, high: 0.014672 });
  assert.deepEqual(e.outputTokens, { low: 1584, expected: 1584, high: 1584 });
  assert.ok(e.assumptions.includes('image at 1024x1536/medium: 1,584 image output tokens × $8 per 1M = $0.012672 each'));
});

test('units: Imagen per image × numberOfImages; Gemini image models through generateContent', () => {
  // 4 × $0.04, no token price.
  assert.deepEqual(est('images.ts:34').costPerCall, { low: 0.16, expected: 0.16, high: 0.16 });
  const s = site(result, 'images.ts:38');
  const flash = imageCost(s, lookup('google', 'gemini-2.5-flash-image'), new Set());
  // One size in the price list: nothing to choose, $0.039.
  assert.deepEqual(flash, { cost: { low: 0.039, expected: 0.039, high: 0.039 }, outputTokens: null });
  // The image model's answer is its image: no text output priced at the image token price.
  assert.deepEqual(est('images.ts:38').outputTokens, { low: 0, expected: 0, high: 0 });
  // imageConfig.imageSize 4K: 2,000 tokens × $120/1M = $0.24.
  const pro = new Set<string>();
  assert.deepEqual(imageCost(site(result, 'images.ts:46'), lookup('google', 'gemini-3-pro-image-preview'), pro), { cost: { low: 0.24, expected: 0.24, high: 0.24 }, outputTokens: { low: 2000, expected: 2000, high: 2000 } });
  assert.ok(pro.has('image at 4K: 2,000 image output tokens × $120 per 1M = $0.24 each'));
});

test('units: Cohere rerank per search: unknown documents 1..100, a listed three with their size', () => {
  // query 10 / 100 / 1,000 tokens; documents 1 / 20 / 100 of 100 / 300 / 500 tokens.
  // chunks per document ceil((q + d) / 500): 1, 1, 3; searches ceil(documents × chunks / 100): 1, 1, 3 → × $2/1K.
  const e = est('rerank.ts:8');
  assert.deepEqual(e.costPerCall, { low: 0.002, expected: 0.002, high: 0.006 });
  // Tokens sent: query + documents × size = 10 + 100, 100 + 6,000, 1,000 + 50,000.
  assert.deepEqual(e.inputTokens, { low: 110, expected: 6100, high: 51000 });
  assert.ok(e.assumptions.includes('documents per rerank unknown (the documents are built at run time): 1–100 (expected 20)'));
  assert.ok(!e.assumptions.some((a) => a.includes('sized by default at 3k')), 'documents are sized as rerank documents, not as a prompt document');
  // Three documents of 1,200 tokens (annotation): ceil((q + 1,200) / 500) = 3 to 5 chunks each, 9 to 15 chunks: 1 search, $0.002.
  const listed = est('rerank.ts:13');
  assert.deepEqual(listed.costPerCall, { low: 0.002, expected: 0.002, high: 0.002 });
  assert.deepEqual(listed.inputTokens, { low: 3610, expected: 3700, high: 4600 });
});

test('units: Voyage rerank per token: the query once per document plus the documents', () => {
  // query "Which of these documents answer the refund question?" = 9 tokens; documents 1 / 20 / 100 of 100 / 300 / 500.
  // billed 1 × (9 + 100) = 109, 20 × (9 + 300) = 6,180, 100 × (9 + 500) = 50,900 tokens × $0.05/1M.
  const e = est('rerank.ts:17');
  assert.deepEqual(e.inputTokens, { low: 109, expected: 6180, high: 50900 });
  assert.deepEqual(e.costPerCall, { low: 0.00000545, expected: 0.000309, high: 0.002545 });
});

test('units: a reranker with neither a per-search nor a token price is unpriced, never $0', () => {
  const e = est('rerank.ts:21');
  assert.deepEqual([e.status, e.costPerCall, e.monthlyCost], ['unpriced', null, null]);
  assert.ok(e.assumptions.includes('`rerank-english-v2.0` is in the pricing table without a price for this use'));
});

test('units: search tools are read from OpenAI, Anthropic, Gemini and Chat Completions web_search_options', () => {
  const search = (at: string) => site(result, at).options.search;
  assert.deepEqual(search('search.ts:11'), [{ tool: 'web_search_preview', maxUses: null, contextSize: null }]);
  assert.deepEqual(search('search.ts:15'), [{ tool: 'web_search_20250305', maxUses: { status: 'exact', value: '3' }, contextSize: null }]);
  assert.deepEqual(search('search.ts:24'), [{ tool: 'google_search', maxUses: null, contextSize: null }]);
  assert.deepEqual(search('search.ts:28'), [{ tool: 'web_search_options', maxUses: null, contextSize: { status: 'exact', value: 'medium' } }]);
  assert.equal(search('search.ts:32'), undefined);
  assert.deepEqual(site(result, 'rerank.ts:13').options.documents, { status: 'exact', value: '3' });
});

test('units: web search on a non-reasoning OpenAI model adds $25 per 1K calls to the tokens', () => {
  // input 167 / 257 / 1,157 tokens × $2/1M, output 100 / 400 / 500 × $8/1M, + $0.025 per call.
  // low 0.000334 + 0.0008 + 0.025 = 0.026134; expected 0.000514 + 0.0032 + 0.025 = 0.028714; high 0.002314 + 0.004 + 0.025 = 0.031314.
  const e = est('search.ts:11');
  assert.deepEqual(e.costPerCall, { low: 0.026134, expected: 0.028714, high: 0.031314 });
  assert.ok(e.assumptions.includes('web_search_preview: $25 per 1K tool calls (https://platform.openai.com/docs/pricing, not checked against a reference: verify); 1 tool call per request (the model may make more or none; no bound in the code); search content tokens are free for non-reasoning models'));
});

test("units: Anthropic's web search per search up to max_uses; Gemini grounding per grounded prompt", () => {
  // 1 search expected at $10/1K, up to max_uses 3.
  const claude = new Set<string>();
  assert.deepEqual(toolFees(site(result, 'search.ts:15'), lookup('anthropic', 'claude-sonnet-4-5'), claude), { low: 0.01, expected: 0.01, high: 0.03 });
  assert.ok([...claude].some((a) => a.startsWith('web_search_20250305: $10 per 1K searches') && a.includes('up to 3 (max_uses)')));
  // Gemini 2.x: $35 per 1K grounded prompts, the free daily allowance ignored.
  const gemini = new Set<string>();
  assert.deepEqual(toolFees(site(result, 'search.ts:24'), lookup('google', 'gemini-2.0-flash'), gemini), { low: 0.035, expected: 0.035, high: 0.035 });
  assert.ok([...gemini].some((a) => a.includes('free allowance (1,500 grounded prompts a day) is ignored')));
});

test('units: the web search fee follows the model tier and the provider', () => {
  const price = (provider: string, model: string, tool: string) => toolFee(provider, model, tool)?.pricePer1k ?? null;
  assert.deepEqual(
    [price('openai', 'o4-mini', 'web_search_preview'), price('openai', 'gpt-5-mini', 'web_search_preview'), price('openai', 'gpt-4o', 'web_search_preview'), price('openai', 'gpt-4.1', 'web_search')],
    [10, 10, 25, 10],
  );
  assert.deepEqual([price('google', 'gemini-3-pro-preview', 'google_search'), price('google', 'gemini-2.5-pro', 'google_search'), price('azure-openai', 'gpt-4o', 'web_search')], [14, 35, null]);
});

test("units: Perplexity's request fee by search context size, the API's default low when not set", () => {
  // sonar, medium context: $8/1K. Tokens: 17 / 107 / 1,007 in + 100 / 300 / 300 out at $1/1M.
  // low 0.000017 + 0.0001 + 0.008 = 0.008117; expected 0.000107 + 0.0003 + 0.008 = 0.008407; high 0.001007 + 0.0003 + 0.008 = 0.009307.
  assert.deepEqual(est('search.ts:28').costPerCall, { low: 0.008117, expected: 0.008407, high: 0.009307 });
  // sonar-pro, no context set: low, $6/1K. low 17 × $3/1M + 100 × $15/1M + 0.006 = 0.000051 + 0.0015 + 0.006 = 0.007551.
  const pro = est('search.ts:32');
  assert.equal(pro.costPerCall!.low, 0.007551);
  assert.ok(pro.assumptions.includes("request fee per call (search context not set: the API's default, low): $6 per 1K requests"));
});

test('units: the AI SDK\'s provider tools and raw REST bodies carry the same options', () => {
  const search = (at: string) => site(result, at).options.search;
  assert.deepEqual(search('search.ts:40'), [{ tool: 'web_search_20250305', maxUses: { status: 'exact', value: '2' }, contextSize: null }]);
  assert.deepEqual(search('search.ts:44'), [{ tool: 'web_search_preview', maxUses: null, contextSize: { status: 'exact', value: 'high' } }]);
  assert.deepEqual(search('search.ts:48'), [{ tool: 'google_search', maxUses: null, contextSize: null }]);
  // @google/generative-ai: the tools of getGenerativeModel.
  assert.deepEqual(search('search.ts:59'), [{ tool: 'google_search_retrieval', maxUses: null, contextSize: null }]);
  assert.deepEqual(site(result, 'images.ts:54').options.image, { size: { status: 'exact', value: '512x512' }, quality: null, count: { status: 'exact', value: '3' }, aspectRatio: null });
  // dall-e-2 at 512x512 is $0.018 an image, three of them: $0.054 (dall-e-2 has no token price).
  const table2 = new PricingTable({ version: '2026-01-01', currency: 'USD', models: [entry('openai', 'dall-e-2', 'image', {}, [img('256x256', 0.016), img('512x512', 0.018), img('1024x1024', 0.02)]), entry('openai', 'o4-mini', 'chat', { input: 1.1, output: 4.4 })] });
  assert.deepEqual(estimateSite(site(result, 'images.ts:54'), table2, config).costPerCall, { low: 0.054, expected: 0.054, high: 0.054 });
  // o4-mini reasons: web_search_preview at the reasoning models' $10 per 1K calls.
  assert.deepEqual(toolFees(site(result, 'search.ts:44'), table2.lookup('openai', 'o4-mini')!.entry, new Set()), { low: 0.01, expected: 0.01, high: 0.01 });
  // maxUses 2: 1 to 2 searches at $10/1K.
  assert.deepEqual(toolFees(site(result, 'search.ts:40'), lookup('anthropic', 'claude-sonnet-4-5'), new Set()), { low: 0.01, expected: 0.01, high: 0.02 });
  assert.deepEqual(toolFees(site(result, 'search.ts:48'), lookup('google', 'gemini-2.0-flash'), new Set()), { low: 0.035, expected: 0.035, high: 0.035 });
});

test('units: the shipped table prices images, rerank and request fees (sources and dates in pricing/SOURCES.md)', () => {
  const shipped = defaultPricing();
  const units = (p: string, id: string) => shipped.lookup(p, id)!.entry;
  assert.deepEqual(units('openai', 'gpt-image-1').units.find((u) => u.variant === '1536x1024/high'), { unit: 'image', variant: '1536x1024/high', price: 0.25 });
  assert.deepEqual([units('openai', 'gpt-image-1').prices.imageOutput, units('openai', 'gpt-image-1-mini').prices.imageOutput, units('openai', 'gpt-image-1.5').prices.imageOutput], [40, 8, 32]);
  assert.deepEqual(units('perplexity', 'sonar').units.map((u) => [u.variant, u.price]), [['search context low', 5], ['search context medium', 8], ['search context high', 12]]);
  assert.deepEqual(units('openai', 'gpt-4o-search-preview').units.map((u) => u.price), [30, 35, 50]);
  // Every reranker in the table has a price in its own unit: none is priced at $0 per call.
  for (const e of shipped.entries().filter((x) => x.kind === 'rerank')) {
    assert.ok(e.units.some((u) => u.unit === '1K searches') || (e.prices.input ?? 0) > 0, `${e.provider}/${e.id} has no rerank price`);
  }
  // gpt-image-1.5 by token: 1024x1024 high = 4,160 tokens × $32/1M = $0.13312 (OpenAI lists $0.133).
  const s = { ...site(result, 'images.ts:10'), options: { ...site(result, 'images.ts:10').options, image: { size: { status: 'exact' as const, value: '1024x1024' }, quality: { status: 'exact' as const, value: 'high' }, count: null, aspectRatio: null } } };
  assert.deepEqual(imageCost(s, units('openai', 'gpt-image-1.5'), new Set())?.cost, { low: 0.13312, expected: 0.13312, high: 0.13312 });
});

test('units: pricing/tool-fees.json: every fee has an https source, a date or null, and a tool the readers report', () => {
  const readerTools = new Set(['web_search', 'web_search_2025_08_26', 'web_search_preview', 'web_search_preview_2025_03_11', 'web_search_20250305', 'google_search', 'google_search_retrieval']);
  for (const f of fees.fees) {
    assert.match(f.source, /^https:\/\//);
    assert.ok(f.checked === null || /^\d{4}-\d{2}-\d{2}$/.test(f.checked), `${f.provider} ${f.tools} checked`);
    assert.ok(f.pricePer1k > 0);
    for (const t of f.tools) assert.ok(readerTools.has(t), t);
  }
});
