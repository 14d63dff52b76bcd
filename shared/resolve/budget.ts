// The analysis of one call site is bounded: a count of evaluation steps (not a clock, so the same
// input always stops at the same place) and caps on the size of the values it builds. A hostile or
// merely unusual code base (self-referencing spreads, doubling constants, recursive classes) then
// costs a bounded amount of work and yields `unknown` with a reason instead of a hang or a crash.
//
// Results that the evaluator keeps for reuse (a constant's value, a module's export, an object's
// property, an instance member) record what they cost and which budget they hit; a later use of a
// kept result is charged the same again. A call site's step count is then the same whatever was
// computed before it, so which call site exceeds a budget does not depend on the order of the scan
// or on which worker thread scanned what.

/** Evaluation steps (node visits, member lookups, invocations) allowed for one call site. */
export const STEP_LIMIT = 2_000_000;
/** The longest string the evaluator builds or keeps (characters). */
export const TEXT_LIMIT = 1_000_000;
/** The most items an array value may hold, or parts a template may have. */
export const ITEM_LIMIT = 10_000;
/** The most alternatives a value may have (`a ? b : c`, reassignments, lookup maps). */
export const OPTION_LIMIT = 1_000;

const n = (x: number) => x.toLocaleString('en-US');

export const TOO_MANY_STEPS = `analysis budget exceeded: more than ${n(STEP_LIMIT)} evaluation steps for one call site`;
export const TOO_LONG = `too large to evaluate (over ${n(TEXT_LIMIT)} characters)`;
export const TOO_MANY_ITEMS = `too large to evaluate (over ${n(ITEM_LIMIT)} items)`;
export const TOO_MANY_OPTIONS = `too many possible values to follow (over ${n(OPTION_LIMIT)})`;

/** What a budget hit is called in the call site's warning. */
const WARNING_OF: Record<string, string> = {
  [TOO_MANY_STEPS]: `more than ${n(STEP_LIMIT)} evaluation steps`,
  [TOO_LONG]: `a value of more than ${n(TEXT_LIMIT)} characters`,
  [TOO_MANY_ITEMS]: `a value of more than ${n(ITEM_LIMIT)} items`,
  [TOO_MANY_OPTIONS]: `more than ${n(OPTION_LIMIT)} possible values`,
};

/** The warning for a call site whose analysis hit a budget (first hit wins). */
export function budgetWarning(hit: string): string {
  return `analysis budget exceeded at this call (${WARNING_OF[hit] ?? hit}); the values it needed are reported as unknown`;
}

/** What one computation cost: steps, and the first budget it hit (null: none). */
export interface Spent {
  steps: number;
  hit: string | null;
}

class Meter {
  used = 0;
  limit = Infinity;
  /** The first budget hit since the meter was started. */
  hit: string | null = null;
  /** Whether the step budget ran out: what is computed from then on is not kept. */
  exhausted = false;
}

let meter = new Meter();

/**
 * Restores the meter as it is now, for a caller whose computation may be stopped in place (see
 * time-budget.ts): a stopped `budgeted` never puts the outer meter back.
 */
export function meterRestorer(): () => void {
  const saved = meter;
  return () => {
    meter = saved;
  };
}

/** Counts `count` steps; false when the step budget is used up. */
export function step(count = 1): boolean {
  meter.used += count;
  if (meter.used <= meter.limit) return true;
  if (!meter.exhausted) {
    meter.exhausted = true;
    meter.hit ??= TOO_MANY_STEPS;
  }
  return false;
}

/** Whether the step budget is used up. */
export function exhausted(): boolean {
  return meter.exhausted;
}

/** Records that a size budget was hit (the value is replaced by an unknown with `reason`). */
export function noteHit(reason: string): void {
  meter.hit ??= reason;
}

/** Runs one call site's analysis with a fresh budget; `hit` is the first budget it ran into. */
export function budgeted<T>(fn: () => T, limit = STEP_LIMIT): { value: T; hit: string | null; steps: number } {
  const outer = meter;
  meter = new Meter();
  meter.limit = limit;
  try {
    const value = fn();
    return { value, hit: meter.hit, steps: meter.used };
  } finally {
    meter = outer;
  }
}

/**
 * Runs a computation whose result will be kept: what it cost, and whether it finished within the
 * step budget (a result cut short by the budget must not be kept, see evaluate.ts).
 */
export function measured<T>(fn: () => T): { value: T; spent: Spent; complete: boolean } {
  const m = meter;
  const before = m.used;
  const hitBefore = m.hit;
  const wasExhausted = m.exhausted;
  m.hit = null;
  try {
    const value = fn();
    const spent: Spent = { steps: m.used - before, hit: m.hit };
    return { value, spent, complete: wasExhausted === m.exhausted && !m.exhausted };
  } finally {
    m.hit = hitBefore ?? m.hit;
  }
}

/** Charges a kept result's cost again; false when that uses up the step budget. */
export function replay(spent: Spent | undefined): boolean {
  if (!spent) return !meter.exhausted;
  if (spent.hit) noteHit(spent.hit);
  return step(spent.steps);
}
