import { resolvedValues } from '../resolve/resolved';
import type { CallSite } from '../types';
import type { Range } from './types';

// An agent loop (maxSteps, stopWhen: stepCountIs(n), a tool runner) calls the model once per step,
// and each step after the first re-sends the whole conversation so far: step k sends the prompt
// plus the outputs of steps 1..k-1 and the tool results they asked for. The input of a call grows
// with its step; we price the average call of the loop, so that costPerCall × callsPerInvocation
// is still the cost of one invocation. The low end is one step (the model answers at once).

/** Tokens of the tool result each step adds to the conversation: an assumption, said in the estimate. */
export const TOOL_RESULT_TOKENS: Range = { low: 0, expected: 200, high: 1000 };
/** Steps expected when the code bounds the loop with n: the model usually stops well before the bound. */
const EXPECTED_STEPS_CAP = 3;
/** An unbounded loop: the provider's or framework's usual default bound is 10 (AI SDK agents, runTools). */
const UNBOUNDED_STEPS: Range = { low: 1, expected: 3, high: 10 };

const fmt = (n: number) => (n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

/** Model calls per invocation of an agent loop; null when the call is not one. */
export function agentSteps(site: CallSite, assumptions: Set<string>): Range | null {
  const steps = site.options.maxSteps;
  if (!steps) return null;
  const values = resolvedValues(steps).map(Number).filter((n) => Number.isFinite(n) && n >= 0);
  if (values.length) {
    const n = Math.max(1, ...values);
    const expected = Math.min(n, EXPECTED_STEPS_CAP);
    assumptions.add(`agent loop of at most ${n} steps: ${expected} model calls expected per invocation`);
    return { low: 1, expected, high: n };
  }
  if (steps.status === 'unknown') {
    assumptions.add(`agent loop with no static bound (${steps.reason}): ${UNBOUNDED_STEPS.expected} calls expected, ${UNBOUNDED_STEPS.high} at the high end`);
    return UNBOUNDED_STEPS;
  }
  return null;
}

/**
 * The input of the average call in a loop of `steps` calls, each end on its own: step k (1-based)
 * sends input + (k-1) × (output + tool result), never more than the context window.
 */
export function averageStepInput(input: Range, output: Range, steps: Range, contextWindow: number | null, assumptions: Set<string>): Range {
  const end = (k: 'low' | 'expected' | 'high') => {
    const n = Math.max(1, Math.round(steps[k]));
    let sum = 0;
    for (let step = 1; step <= n; step++) {
      const sent = input[k] + (step - 1) * (output[k] + TOOL_RESULT_TOKENS[k]);
      sum += contextWindow ? Math.min(sent, contextWindow) : sent;
    }
    return sum / n;
  };
  if (steps.high <= 1) return input;
  assumptions.add(
    `agent steps re-send the conversation: step k adds the outputs of the k-1 steps before it and a tool result of about ${fmt(TOOL_RESULT_TOKENS.expected)} tokens each (${fmt(TOOL_RESULT_TOKENS.high)} at the high end); input and cost per call are the average step's`,
  );
  return { low: end('low'), expected: end('expected'), high: end('high') };
}
