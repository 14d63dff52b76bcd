import type { CallSite } from '../types';
import type { PriceEntry } from '../pricing/table';
import type { Range } from './types';

// Reasoning ("thinking") tokens are billed as output, and every provider counts them inside the
// output bound the code sets:
// - OpenAI reasoning models: `max_completion_tokens` (Chat Completions) and `max_output_tokens`
//   (Responses) cap "visible output tokens and reasoning tokens" (platform.openai.com/docs/guides/reasoning).
// - Anthropic: `thinking.budget_tokens` must be below `max_tokens`, which caps thinking plus the answer
//   (docs.claude.com/en/docs/build-with-claude/extended-thinking).
// - Gemini: `maxOutputTokens` includes the thinking tokens (ai.google.dev/gemini-api/docs/thinking).
// - DeepSeek: `max_tokens` of deepseek-reasoner includes the chain of thought (api-docs.deepseek.com).
// The one exception we know: the AI SDK's Anthropic provider sends `max_tokens = maxOutputTokens +
// budgetTokens` (@ai-sdk/anthropic), so there the bound is the answer alone and the budget comes on top.
// Without a bound the model's own maximum output (pricing table `maxOutput`) caps the sum.

/** Reasoning tokens by effort level when a model reasons and the call names no budget. */
export const REASONING_BY_EFFORT: Record<string, Range> = {
  none: { low: 0, expected: 0, high: 0 },
  minimal: { low: 0, expected: 200, high: 1000 },
  low: { low: 200, expected: 1000, high: 4000 },
  medium: { low: 1000, expected: 4000, high: 16000 },
  high: { low: 4000, expected: 12000, high: 32000 },
};
const REASONING_MODEL = /^(o1|o3|o4|gpt-5(?!-chat)|gpt-oss|deepseek-r1|deepseek-reasoner|grok-[34]-?(mini)?-?(reasoning)?|qwq|magistral)/i;
/**
 * Gemini models that think unless told not to: 2.5 Pro and Flash use dynamic thinking by default
 * (2.5 Flash-Lite does not think by default), and Gemini 3 and later think at a dynamic level
 * (ai.google.dev/gemini-api/docs/thinking). Image, speech and live variants do not.
 */
const GEMINI_THINKS_BY_DEFAULT = /^(gemini-2\.5-(pro|flash)(?!-lite)|gemini-([3-9]|\d\d))(?!.*(image|tts|live|audio))/i;

const bare = (model: string) => model.replace(/^.*\//, '').replace(/^models\//, '');
const fmt = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

export function thinksByDefault(model: string, entry: PriceEntry): boolean {
  return [model, entry.id].some((m) => REASONING_MODEL.test(bare(m)) || GEMINI_THINKS_BY_DEFAULT.test(bare(m)));
}

/** The reasoning tokens the call's options or its model imply, with the assumption that says so; null: none. */
function reasoningRange(site: CallSite, model: string, entry: PriceEntry): { range: Range; note: string } | null {
  const value = site.options.reasoning?.status === 'exact' ? site.options.reasoning.value : null;
  const gemini = entry.provider === 'google' && /gemini/i.test(model + entry.id);
  if (value !== null && /^-?\d+$/.test(value)) {
    const budget = Number(value);
    // Gemini: thinkingBudget 0 turns thinking off, -1 asks for dynamic thinking.
    if (budget === 0) return { range: REASONING_BY_EFFORT.none, note: 'thinking budget 0: no reasoning tokens' };
    if (budget < 0) return { range: REASONING_BY_EFFORT.medium, note: `dynamic thinking (budget ${budget}): ${fmt(REASONING_BY_EFFORT.medium.expected)} reasoning tokens expected (as medium effort)` };
    return { range: { low: 0, expected: budget / 2, high: budget }, note: `reasoning budget ${fmt(budget)} tokens billed as output (expected half)` };
  }
  if (value !== null && REASONING_BY_EFFORT[value]) {
    if (value === 'none') return { range: REASONING_BY_EFFORT.none, note: 'reasoning effort none: no reasoning tokens' };
    return { range: REASONING_BY_EFFORT[value], note: `reasoning effort ${value}: ${fmt(REASONING_BY_EFFORT[value].expected)} reasoning tokens expected` };
  }
  if (value === 'adaptive') return { range: REASONING_BY_EFFORT.medium, note: `adaptive thinking: the model sets its own budget; ${fmt(REASONING_BY_EFFORT.medium.expected)} reasoning tokens expected (as medium effort)` };
  if (site.kind !== 'chat' || !thinksByDefault(model, entry)) return null;
  if (gemini) {
    return { range: REASONING_BY_EFFORT.medium, note: `${model} thinks by default (dynamic thinking; \`thinkingConfig: { thinkingBudget: 0 }\` turns it off where the model allows): ${fmt(REASONING_BY_EFFORT.medium.expected)} reasoning tokens expected (as medium effort)` };
  }
  return { range: REASONING_BY_EFFORT.medium, note: `${model} reasons before answering: ${fmt(REASONING_BY_EFFORT.medium.expected)} reasoning tokens expected (medium effort)` };
}

/** Whether the output bound leaves the thinking budget out (the AI SDK adds it on top for Claude). */
function budgetOnTopOfBound(site: CallSite, model: string): boolean {
  return site.sdk === 'vercel-ai' && /claude/i.test(model) && site.options.reasoning?.status === 'exact' && /^\d+$/.test(site.options.reasoning.value);
}

/**
 * Visible output plus reasoning, never above what the call can produce: the bound where the code sets
 * one (it counts reasoning too), else the model's maximum output.
 * `bounds`: the values the max-output option can take (empty: no bound).
 */
export function withReasoning(site: CallSite, model: string, entry: PriceEntry, visible: Range, bounds: number[], assumptions: Set<string>): Range {
  const r = reasoningRange(site, model, entry);
  if (!r) return visible;
  assumptions.add(r.note);
  if (r.range.high === 0) return visible;
  const sum: Range = { low: visible.low + r.range.low, expected: visible.expected + r.range.expected, high: visible.high + r.range.high };
  let lowCap: number;
  let highCap: number;
  if (bounds.length && budgetOnTopOfBound(site, model)) {
    lowCap = Math.min(...bounds) + r.range.high;
    highCap = Math.max(...bounds) + r.range.high;
    assumptions.add(`the AI SDK sends max_tokens = ${site.options.maxOutputOption || 'maxOutputTokens'} + the thinking budget: output up to ${fmt(highCap)} tokens`);
  } else if (bounds.length) {
    lowCap = Math.min(...bounds);
    highCap = Math.max(...bounds);
    assumptions.add(`reasoning counts inside the ${site.options.maxOutputOption || 'max-output'} bound: output and reasoning together at most ${fmt(highCap)} tokens`);
  } else {
    lowCap = highCap = entry.maxOutput ?? visible.high;
    assumptions.add(`reasoning and output together at most the model's max output, ${fmt(highCap)} tokens`);
  }
  return { low: Math.min(sum.low, lowCap), expected: Math.min(sum.expected, highCap), high: Math.min(sum.high, highCap) };
}
