import { resolvedValues } from '../resolve/resolved';
import type { CallSite } from '../types';
import type { Range } from './types';

// Several completions per request (OpenAI `n`, Gemini `candidateCount`): each choice is generated
// and billed as output; the prompt is sent, and billed, once.

/** Completions per request: null when the call asks for one (or says nothing). */
export function candidatesPerCall(site: CallSite, assumptions: Set<string>): Range | null {
  const c = site.options.candidates;
  if (!c) return null;
  const values = resolvedValues(c).map(Number).filter((n) => Number.isInteger(n) && n >= 1);
  if (!values.length) {
    assumptions.add(`completions per request (n / candidateCount) not known statically: counted as 1`);
    return null;
  }
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (high === 1) return null;
  const expected = values.reduce((s, v) => s + v, 0) / values.length;
  assumptions.add(low === high ? `${high} completions per request (n / candidateCount): output billed ${high} times` : `${low}–${high} completions per request (n / candidateCount): output billed that many times`);
  return { low, expected, high };
}
