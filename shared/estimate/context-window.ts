import type { PriceEntry } from '../pricing/table';
import type { Range } from './types';

// A request larger than the model's context window is refused by the provider: it costs nothing,
// and does nothing. So the high end of a prompt is capped by the window (a larger one cannot be
// billed), and a prompt whose smallest possible size is already over the window is a bug the
// `context-overflow` rule reports.

export interface ContextOverflow {
  model: string;
  /** The prompt at its smallest: static text plus the low end of every placeholder. */
  inputTokens: number;
  contextWindow: number;
}

/** The overflow when even the smallest prompt does not fit; null when it fits or the window is not known. */
export function overflowOf(model: string, entry: PriceEntry, input: Range): ContextOverflow | null {
  const w = entry.contextWindow;
  return w && input.low > w ? { model, inputTokens: Math.round(input.low), contextWindow: w } : null;
}

/** The input range no larger than the window. */
export function capToWindow(input: Range, entry: PriceEntry, assumptions: Set<string>): Range {
  const w = entry.contextWindow;
  if (!w || input.high <= w) return input;
  assumptions.add(`input capped at ${entry.id}'s context window (${w.toLocaleString('en-US')} tokens): a larger request is refused`);
  return { low: Math.min(input.low, w), expected: Math.min(input.expected, w), high: w };
}
