import type { PriceEntry, Prices } from '../shared/pricing/table';

/** A pricing-table entry of our own for tests: an OpenAI chat model with 128k context unless told otherwise, only the prices given. */
export function priceEntry(id: string, prices: Partial<Prices>, fields: Partial<Omit<PriceEntry, 'id' | 'prices'>> = {}): PriceEntry {
  return {
    id,
    provider: 'openai',
    aliases: [],
    kind: 'chat',
    tier: 'standard',
    contextWindow: 128000,
    maxOutput: 16384,
    prices: { input: null, output: null, cachedInput: null, cacheWrite5m: null, cacheWrite1h: null, batchInput: null, batchOutput: null, reasoningOutput: null, longContext: null, ...prices },
    units: [],
    source: 'https://example.test/pricing',
    checked: '2026-01-01',
    manual: true,
    ...fields,
  };
}
