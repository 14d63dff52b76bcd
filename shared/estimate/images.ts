import type { CallSite, Resolved } from '../types';
import type { PriceEntry } from '../pricing/table';
import { resolvedValues } from '../resolve/resolved';
import type { Range } from './types';

// What one image call costs: images per call × the price of one image at the size and quality it
// asks for. A price per image comes from the table's `units` (DALL·E, gpt-image-1, Imagen); a model
// the table prices by image output tokens (gpt-image-1-mini, gpt-image-1.5, Gemini's image models)
// is priced as the tokens one image takes × that price. A size or quality the code does not fix is
// a range over the values the model has: low the cheapest, high the dearest, expected their average
// (the rule used for a call that may go to one of several models).

interface Variant {
  size: string | null;
  quality: string | null;
  /** USD per image. */
  price: number;
  /** Output tokens of one image, for models priced by token. */
  tokens: number | null;
}

/**
 * Output tokens of one image of OpenAI's GPT Image models by quality and size: the table in OpenAI's
 * image generation guide, "Cost and latency" (https://platform.openai.com/docs/guides/image-generation).
 * gpt-image-1's per-image prices are these × $40 per 1M (272 × $40/1M = $0.011).
 */
const GPT_IMAGE_TOKENS: Record<string, Record<string, number>> = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
};

/**
 * Output tokens of one image of Gemini's image models by `imageSize`, from the Gemini API pricing
 * page (https://ai.google.dev/gemini-api/docs/pricing): gemini-2.5-flash-image 1,290 tokens for any
 * image up to 1024×1024; gemini-3-pro-image 1,120 tokens for 1K and 2K, 2,000 for 4K.
 */
const GEMINI_IMAGE_TOKENS: Array<{ model: RegExp; tokens: Record<string, number> }> = [
  { model: /^gemini-2\.5-flash-image/, tokens: { '1K': 1290 } },
  { model: /^gemini-3-pro-image/, tokens: { '1K': 1120, '2K': 1120, '4K': 2000 } },
];

/** What the API uses when the call leaves an option out (OpenAI's images API reference; Gemini's imageConfig). */
const DEFAULTS: Array<{ model: RegExp; size?: string; quality?: string; maxCount: number }> = [
  { model: /^dall-e-2/, size: '1024x1024', maxCount: 10 },
  { model: /^dall-e-3/, size: '1024x1024', quality: 'standard', maxCount: 1 },
  // gpt-image-* default to size and quality `auto`: the model picks, so any listed value may be billed.
  { model: /^gpt-image/, maxCount: 10 },
  { model: /^imagen/, maxCount: 4 },
  { model: /^gemini-/, size: '1K', maxCount: 1 },
];
const FALLBACK_MAX_COUNT = 10;

const SIZE = /^(\d+x\d+|\dK)$/i;

/** The table's per-image prices of a model, split into size and quality ('1024x1024/hd', '256x256', 'high'). */
function unitVariants(entry: PriceEntry): Variant[] {
  return (entry.units ?? [])
    .filter((u) => u.unit === 'image')
    .map((u) => {
      const parts = (u.variant ?? '').split('/').filter(Boolean);
      const size = parts.find((p) => SIZE.test(p)) ?? null;
      const quality = parts.find((p) => !SIZE.test(p)) ?? null;
      return { size, quality, price: u.price, tokens: null };
    });
}

/** Per-image prices of a model priced by image output tokens: tokens of one image × the image output price. */
function tokenVariants(entry: PriceEntry): Variant[] {
  const price = entry.prices.imageOutput ?? entry.prices.output;
  if (price == null || price <= 0) return [];
  const out: Variant[] = [];
  if (/^gpt-image/.test(entry.id)) {
    for (const [quality, bySize] of Object.entries(GPT_IMAGE_TOKENS)) for (const [size, tokens] of Object.entries(bySize)) out.push({ size, quality, tokens, price: (tokens * price) / 1e6 });
  }
  const gemini = GEMINI_IMAGE_TOKENS.find((g) => g.model.test(entry.id));
  if (gemini) for (const [size, tokens] of Object.entries(gemini.tokens)) out.push({ size, quality: null, tokens, price: (tokens * price) / 1e6 });
  return out;
}

function variantsOf(entry: PriceEntry): Variant[] {
  const units = unitVariants(entry);
  return units.length ? units : tokenVariants(entry);
}

/** Whether the table can price an image of this model. */
export function imagePriced(entry: PriceEntry): boolean {
  return variantsOf(entry).length > 0;
}

/** Does this call make images with this model: an image API, or an image model answering a chat API? */
export function makesImages(site: CallSite, entry: PriceEntry): boolean {
  return site.kind === 'image' || entry.kind === 'image';
}

export interface ImageCost {
  /** USD per call: images × price per image. */
  cost: Range;
  /** Image output tokens per call, for models priced by token; null when priced per image. */
  outputTokens: Range | null;
}

const lower = (r: Resolved | null | undefined): string[] | null => {
  if (!r || r.status === 'unknown') return null;
  const vals = resolvedValues(r).map((v) => v.toLowerCase());
  return vals.includes('auto') ? null : vals;
};

const money = (n: number) => `$${+n.toFixed(6)}`;

/** One image call to one model: the images it makes and what they cost, with what was assumed. */
export function imageCost(site: CallSite, entry: PriceEntry, assumptions: Set<string>): ImageCost | null {
  const all = variantsOf(entry);
  if (!all.length) return null;
  const req = site.options.image;
  const defaults = DEFAULTS.find((d) => d.model.test(entry.id));
  const m = entry.id;

  // Size and quality: as written, else the API's default, else (unknown or `auto`) every listed value.
  const pick = (what: 'size' | 'quality', written: Resolved | null | undefined): string[] | null => {
    // A model with one size (or no sizes) in its price list has nothing to choose.
    const listed = new Set(all.map((v) => v[what]).filter((x): x is string => x !== null));
    if (listed.size <= 1) return null;
    if (written) {
      const vals = lower(written);
      if (vals) return vals;
      assumptions.add(written.status === 'unknown' ? `image ${what} unknown (${written.reason}): priced over every ${what} ${m} has` : `image ${what} \`auto\`: ${m} picks it, priced over every ${what} it has`);
      return null;
    }
    const d = defaults?.[what];
    if (d) {
      assumptions.add(`image ${what} not set: the API's default, ${d}`);
      return [d.toLowerCase()];
    }
    assumptions.add(`image ${what} not set: ${m} picks it (\`auto\`), priced over every ${what} it has`);
    return null;
  };
  const sizes = pick('size', req?.size);
  const qualities = pick('quality', req?.quality);
  const matches = (v: Variant) => (!sizes || v.size === null || sizes.includes(v.size.toLowerCase())) && (!qualities || v.quality === null || qualities.includes(v.quality.toLowerCase()));
  let chosen = all.filter(matches);
  if (!chosen.length) {
    const asked = [sizes && `size ${sizes.join(' | ')}`, qualities && `quality ${qualities.join(' | ')}`].filter(Boolean).join(', ');
    assumptions.add(`${asked} is not in ${m}'s price list: priced over every variant it has`);
    chosen = all;
  }
  const prices = chosen.map((v) => v.price);
  const per: Range = { low: Math.min(...prices), expected: prices.reduce((s, p) => s + p, 0) / prices.length, high: Math.max(...prices) };
  const count = imageCount(req?.count, defaults?.maxCount ?? FALLBACK_MAX_COUNT, m, assumptions);
  const byToken = chosen.every((v) => v.tokens !== null);
  const label = (v: Variant) => [v.size, v.quality].filter(Boolean).join('/') || 'the listed price';
  const priceText = byToken
    ? `${chosen[0].tokens!.toLocaleString('en-US')} image output tokens × $${entry.prices.imageOutput ?? entry.prices.output} per 1M = ${money(chosen[0].price)}`
    : money(chosen[0].price);
  if (chosen.length === 1) assumptions.add(`image at ${label(chosen[0])}: ${priceText} each`);
  else assumptions.add(`image price ${money(per.low)}–${money(per.high)} over ${chosen.map(label).join(', ')}; expected their average, ${money(per.expected)}${byToken ? ' (image output tokens × the image output price)' : ''}`);
  const cost: Range = { low: count.low * per.low, expected: count.expected * per.expected, high: count.high * per.high };
  addSourceImage(site, entry, cost, assumptions);
  if (!byToken) return { cost, outputTokens: null };
  const tokens = chosen.map((v) => v.tokens!);
  const perTokens: Range = { low: Math.min(...tokens), expected: tokens.reduce((s, t) => s + t, 0) / tokens.length, high: Math.max(...tokens) };
  return { cost, outputTokens: { low: count.low * perTokens.low, expected: count.expected * perTokens.expected, high: count.high * perTokens.high } };
}

/** One input image as OpenAI's vision rule counts it: 85 tokens at low detail, 765 for 1024×1024, 1,105 for 2048×768. */
const SOURCE_IMAGE_TOKENS: Range = { low: 85, expected: 765, high: 1105 };
const EDIT_API = /(^|\.)(edit|createImageEdit|editImage)$/;

/** An edit sends the image it changes: billed as image input tokens where the table has that price. */
function addSourceImage(site: CallSite, entry: PriceEntry, cost: Range, assumptions: Set<string>): void {
  if (!EDIT_API.test(site.api)) return;
  const price = entry.prices.imageInput;
  if (price == null) {
    assumptions.add(`the source image of an edit: ${entry.id} has no image input price in the table; per-image price only`);
    return;
  }
  cost.low += (SOURCE_IMAGE_TOKENS.low * price) / 1e6;
  cost.expected += (SOURCE_IMAGE_TOKENS.expected * price) / 1e6;
  cost.high += (SOURCE_IMAGE_TOKENS.high * price) / 1e6;
  assumptions.add(`the source image of an edit: one image of 85–1,105 tokens (expected 765, OpenAI's rule by detail) × $${price} per 1M image input tokens`);
}

/** Images per call: `n` / `numberOfImages` as written, 1 when not set, 1 to the API's maximum when unknown. */
function imageCount(written: Resolved | null | undefined, max: number, model: string, assumptions: Set<string>): Range {
  if (!written) return { low: 1, expected: 1, high: 1 };
  const nums = resolvedValues(written).map(Number).filter((n) => Number.isFinite(n) && n >= 0);
  if (!nums.length || written.status === 'unknown') {
    assumptions.add(`images per call unknown (${written.status === 'unknown' ? written.reason : 'not a number'}): 1 expected, up to ${max} (the most ${model} makes in one call)`);
    return { low: 1, expected: 1, high: max };
  }
  const range = { low: Math.min(...nums), expected: nums.reduce((s, n) => s + n, 0) / nums.length, high: Math.max(...nums) };
  assumptions.add(nums.length === 1 ? `${nums[0]} image${nums[0] === 1 ? '' : 's'} per call` : `${nums.join(' or ')} images per call (expected their average)`);
  return range;
}
