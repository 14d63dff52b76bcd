import type { CallSite, PromptPart } from '../types';
import type { PriceEntry } from '../pricing/table';
import { resolvedValues } from '../resolve/resolved';
import { countText } from './tokens';
import { sizePlaceholder } from './placeholders';
import { imageCost, imagePriced, makesImages } from './images';
import { toolFees } from './tool-fees';
import type { EstimateConfig, Range } from './types';

// Units that are not tokens: rerank searches and rerank tokens, images (images.ts), audio minutes
// and characters, and provider-run tools (tool-fees.ts). estimate.ts asks here once for a call's
// input when the model is a reranker, and once for what the call costs beyond its tokens.

const point = (n: number): Range => ({ low: n, expected: n, high: n });
const add = (a: Range, b: Range): Range => ({ low: a.low + b.low, expected: a.expected + b.expected, high: a.high + b.high });
const mul = (a: Range, b: Range): Range => ({ low: a.low * b.low, expected: a.expected * b.expected, high: a.high * b.high });
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(+n.toFixed(2)));
/** As estimate.ts writes token counts: 1.5k, 16k. */
const short = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(Math.round(n)));
const span = (r: Range) => (r.low === r.high ? fmt(r.low) : `${fmt(r.low)}–${fmt(r.high)} (expected ${fmt(r.expected)})`);

/** Documents of a rerank whose count the code does not give: a retrieve-then-rerank list, up to Cohere's 100 per search. */
const RERANK_DOCUMENTS: Range = { low: 1, expected: 20, high: 100 };
/** One document of such a list when nothing sizes it: a retrieved chunk, up to the 500 tokens one Cohere search unit holds. */
const RERANK_DOCUMENT_TOKENS: Range = { low: 100, expected: 300, high: 500 };
/**
 * Cohere (https://cohere.com/pricing, FAQ): one search is one query with up to 100 documents; a
 * document longer than 500 tokens, query included, is split into chunks that each count as one.
 * Bedrock's rerank models bill per query of up to 100 documents the same way (no chunking rule).
 */
const DOCUMENTS_PER_SEARCH = 100;
const CHUNK_TOKENS = 500;

export interface RerankUnits {
  /** Tokens the provider bills (Voyage: query × documents + documents) or, for per-search pricing, tokens sent. */
  input: Range;
  /** Searches per call for per-search pricing; null when priced per token. */
  searches: Range | null;
}

/** A reranker is priced when the table has a per-search price or a token price above zero. */
export function rerankPriced(entry: PriceEntry): boolean {
  return searchPrice(entry) !== null || (entry.prices.input ?? 0) > 0;
}

function searchPrice(entry: PriceEntry): number | null {
  return entry.units?.find((u) => u.unit === '1K searches')?.price ?? null;
}

/** A rerank call's query, its documents and what the provider bills for them. */
export function rerankUnits(site: CallSite, entry: PriceEntry, model: string, config: EstimateConfig, assumptions: Set<string>): RerankUnits {
  const provider = entry.provider;
  const isQuery = (p: PromptPart) => p.role === 'user';
  const annotation = site.annotation?.tokens ?? {};
  const feature = site.tags.find((t) => t.key === 'feature' && !t.dynamic)?.value ?? null;
  const sized = (parts: PromptPart[], perDocument: boolean): { tokens: Range } => {
    const text = parts.filter((p): p is Extract<PromptPart, { type: 'text' }> => p.type === 'text').map((p) => p.text).join('\n');
    let tokens = point(text ? countText(text, provider, model).tokens : 0);
    for (const p of parts) {
      if (p.type !== 'placeholder') continue;
      const size = sizePlaceholder(p, annotation, feature, config);
      if (perDocument && size.source === 'default') {
        tokens = add(tokens, RERANK_DOCUMENT_TOKENS);
        assumptions.add(`each document \`${p.name}\` ${span(RERANK_DOCUMENT_TOKENS)} tokens; set it with \`// tollgate: tokens ${p.name}=N\` (tokens per document)`);
        continue;
      }
      tokens = add(tokens, size.tokens);
      if (size.source === 'default') assumptions.add(`placeholder \`${p.name}\` (${p.hint ?? 'value'}) sized by default at ${short(size.tokens.expected)} tokens (${short(size.tokens.low)}–${short(size.tokens.high)}); set it with \`// tollgate: tokens ${p.name}=N\``);
    }
    return { tokens };
  };
  const query = sized(site.prompt.filter(isQuery), false).tokens;
  const docParts = site.prompt.filter((p) => !isQuery(p));
  const count = documentRange(site, assumptions);
  // Placeholders stand for one document each; static document text is all the documents together.
  const placeholders = sized(docParts.filter((p) => p.type === 'placeholder'), true).tokens;
  const staticDocs = sized(docParts.filter((p) => p.type === 'text'), true).tokens;
  const perDoc: Range = add(placeholders, { low: staticDocs.low / count.low, expected: staticDocs.expected / count.expected, high: staticDocs.high / count.high });
  const sent = add(query, mul(count, perDoc));
  const perSearch = searchPrice(entry);
  if (perSearch === null) {
    // Voyage (https://docs.voyageai.com/docs/pricing): the query is billed once per document, plus every document.
    const billed = mul(count, add(query, perDoc));
    assumptions.add(`rerank billed per token: query tokens × ${span(count)} documents + the documents' tokens`);
    return { input: billed, searches: null };
  }
  const chunked = provider === 'cohere';
  const chunks = (q: number, d: number) => (chunked ? Math.max(1, Math.ceil((q + d) / CHUNK_TOKENS)) : 1);
  const searches: Range = {
    low: Math.ceil((count.low * chunks(query.low, perDoc.low)) / DOCUMENTS_PER_SEARCH),
    expected: Math.ceil((count.expected * chunks(query.expected, perDoc.expected)) / DOCUMENTS_PER_SEARCH),
    high: Math.ceil((count.high * chunks(query.high, perDoc.high)) / DOCUMENTS_PER_SEARCH),
  };
  assumptions.add(`rerank billed per search ($${perSearch} per 1K): one search per ${DOCUMENTS_PER_SEARCH} documents${chunked ? `, a document over ${CHUNK_TOKENS} tokens (query included) counting once per ${CHUNK_TOKENS}-token chunk` : ''}: ${span(searches)} search${searches.high === 1 ? '' : 'es'} per call`);
  return { input: sent, searches };
}

/** Documents per call: the length of the list in the code, else a range. */
function documentRange(site: CallSite, assumptions: Set<string>): Range {
  const written = site.options.documents;
  const nums = written ? resolvedValues(written).map(Number).filter((n) => Number.isFinite(n) && n > 0) : [];
  if (written && written.status !== 'unknown' && nums.length) {
    return { low: Math.min(...nums), expected: nums.reduce((s, n) => s + n, 0) / nums.length, high: Math.max(...nums) };
  }
  const why = written?.status === 'unknown' ? written.reason : 'not in the code';
  assumptions.add(`documents per rerank unknown (${why}): ${span(RERANK_DOCUMENTS)}`);
  return RERANK_DOCUMENTS;
}

/** Whether the table can price this use of the entry: images need an image price, rerankers a search or token price. */
export function unitPriced(site: CallSite, entry: PriceEntry): boolean | null {
  if (makesImages(site, entry)) return imagePriced(entry);
  if (entry.kind === 'rerank') return rerankPriced(entry);
  return null;
}

export interface UnitCharges {
  cost: Range;
  /** Image output tokens to add to the call's output, for models priced by image token. */
  outputTokens: Range | null;
}

/** What one call costs beyond its tokens. `input` is the call's input tokens; `rerank` what rerankUnits found. */
export function unitCharges(site: CallSite, entry: PriceEntry, input: Range, rerank: RerankUnits | null, assumptions: Set<string>): UnitCharges {
  let cost = toolFees(site, entry, assumptions);
  let outputTokens: Range | null = null;
  if (makesImages(site, entry)) {
    const images = imageCost(site, entry, assumptions);
    if (images) {
      cost = add(cost, images.cost);
      outputTokens = images.outputTokens;
    }
  } else if (rerank?.searches) {
    const each = searchPrice(entry)! / 1000;
    cost = add(cost, { low: rerank.searches.low * each, expected: rerank.searches.expected * each, high: rerank.searches.high * each });
  } else if (site.kind === 'audio') {
    const perMinute = entry.units?.find((u) => u.unit === 'minute');
    const perChars = entry.units?.find((u) => u.unit === '1M characters');
    if (perMinute) {
      cost = add(cost, point(perMinute.price));
      assumptions.add(`audio priced per minute ($${perMinute.price}); one minute per call assumed`);
    } else if (perChars) {
      const chars = input.expected * 4;
      cost = add(cost, point((chars / 1e6) * perChars.price));
      assumptions.add(`speech priced per character ($${perChars.price} per 1M); about 4 characters per input token`);
    }
  }
  return { cost, outputTokens };
}
