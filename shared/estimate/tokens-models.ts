// Which tokenizer a model uses. Our own table by prefix: js-tiktoken's lookup throws on any name it
// does not list, and new dated snapshots appear every month.
import type { EncodingName } from './tokens-bpe';

export interface OpenAIFamily {
  encoding: EncodingName;
  /** true when tiktoken itself maps this family to the encoding (tiktoken/model.py). */
  known: boolean;
  /** The chat format: 'chatml' (cookbook rule), 'chatml-0301' (the old gpt-3.5-turbo-0301 rule), 'harmony' (gpt-oss). */
  chat: 'chatml' | 'chatml-0301' | 'harmony';
  /** Constants of the cookbook's num_tokens_for_tools for this family. */
  tools: 'gpt-4o' | 'gpt-4';
}

interface Rule {
  test: RegExp;
  family: OpenAIFamily;
}

const o200k = (known: boolean): OpenAIFamily => ({ encoding: 'o200k_base', known, chat: 'chatml', tools: 'gpt-4o' });
const cl100k: OpenAIFamily = { encoding: 'cl100k_base', known: true, chat: 'chatml', tools: 'gpt-4' };

// First match wins: longer families (gpt-4o, gpt-4.1) before their prefixes (gpt-4).
const RULES: Rule[] = [
  { test: /^gpt-oss(-|$)/, family: { encoding: 'o200k_harmony', known: true, chat: 'harmony', tools: 'gpt-4o' } },
  { test: /^gpt-5/, family: o200k(true) },
  { test: /^gpt-4\.5(-|$)/, family: o200k(true) },
  { test: /^gpt-4\.1(-|$)/, family: o200k(true) },
  { test: /^(chatgpt-4o|gpt-4o)(-|$)/, family: o200k(true) },
  { test: /^o[134](-|$)/, family: o200k(true) },
  // Same GPT-4o-era tokenizer by lineage, but not in tiktoken's table: the encoding is our inference.
  { test: /^(gpt-image|gpt-realtime|gpt-audio|codex-|computer-use-preview)/, family: o200k(false) },
  { test: /^gpt-3\.5-turbo-0301$|^gpt-35-turbo-0301$/, family: { ...cl100k, chat: 'chatml-0301' } },
  { test: /^gpt-4(-|$)/, family: cl100k },
  { test: /^gpt-3\.5(-|$)|^gpt-35-turbo/, family: cl100k },
  // Embeddings v3 kept the cl100k tokenizer (tiktoken/model.py maps text-embedding-3-* to cl100k_base).
  { test: /^text-embedding-(ada-002|3-small|3-large)$/, family: cl100k },
  { test: /^(davinci|babbage)-002$/, family: cl100k },
];

/**
 * The bare model name as OpenAI spells it, from the forms apps pass around: 'openai/gpt-4o' (gateways),
 * 'accounts/fireworks/models/gpt-oss-120b', 'openai.gpt-oss-20b-1:0' (Bedrock), 'ft:gpt-4o-mini:org::id'.
 */
export function bareModel(model: string): string {
  let m = model.trim().toLowerCase();
  m = m.slice(m.lastIndexOf('/') + 1);
  if (m.startsWith('ft:')) m = m.slice(3).split(':')[0]!;
  if (m.startsWith('openai.')) m = m.slice('openai.'.length).replace(/-\d+:\d+$/, '');
  return m;
}

/** The OpenAI tokenizer family of a model name, or null when it is not an OpenAI model. */
export function openAIFamily(model: string): OpenAIFamily | null {
  const m = bareModel(model);
  for (const rule of RULES) if (rule.test.test(m)) return rule.family;
  return null;
}

/** Vendor of a non-OpenAI model, for the approximation factors; provider (where it runs) as fallback. */
export type Vendor =
  | 'anthropic' | 'google' | 'mistral' | 'cohere' | 'meta' | 'deepseek' | 'xai' | 'qwen' | 'amazon'
  | 'moonshot' | 'other';

const VENDOR_RULES: Array<[RegExp, Vendor]> = [
  [/claude/, 'anthropic'],
  [/gemini|gemma|palm|bison/, 'google'],
  [/mistral|mixtral|codestral|ministral|magistral|pixtral|devstral|voxtral/, 'mistral'],
  [/command|^(embed|rerank)-|c4ai|aya/, 'cohere'],
  [/llama/, 'meta'],
  [/deepseek/, 'deepseek'],
  [/grok/, 'xai'],
  [/qwen|qwq/, 'qwen'],
  [/nova|titan/, 'amazon'],
  [/kimi|moonshot/, 'moonshot'],
];

const VENDOR_OF_PROVIDER: Record<string, Vendor> = {
  anthropic: 'anthropic',
  google: 'google',
  'google-ai-studio': 'google',
  mistral: 'mistral',
  cohere: 'cohere',
  deepseek: 'deepseek',
  xai: 'xai',
  moonshot: 'moonshot',
  alibaba: 'qwen',
};

export function vendorOf(provider: string, model: string): Vendor {
  const m = model.toLowerCase();
  for (const [test, vendor] of VENDOR_RULES) if (test.test(m)) return vendor;
  return VENDOR_OF_PROVIDER[provider.toLowerCase()] ?? 'other';
}
