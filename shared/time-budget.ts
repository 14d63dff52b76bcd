import * as vm from 'vm';

// A synchronous call that can be stopped. TypeScript's parser takes exponential time recovering
// from some malformed input, and a parse is one synchronous call: nothing on this thread gets to
// run until it returns. Node's `vm` timeout is the one stop that works in place: the call runs on
// this thread while a watchdog thread waits; when the budget is spent the watchdog terminates V8's
// execution (TerminateExecution), the call unwinds, and the thread goes on with its own objects. No
// worker to start, no tree to copy between threads, the same in the main thread, in the scan's
// worker threads and in the editor's analysis thread. Each call costs a watchdog thread (about 0.1
// ms), small next to a parse.

const SLOT = Symbol.for('tollgate.timeBudget.call');
const slot = globalThis as unknown as Record<symbol, (() => unknown) | undefined>;
const runner = new vm.Script(`globalThis[Symbol.for('tollgate.timeBudget.call')]()`, { filename: 'tollgate-time-budget.js' });

export class TimeBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`took longer than ${formatSeconds(budgetMs)} s`);
    this.name = 'TimeBudgetExceeded';
  }
}

/**
 * `fn()`, or a TimeBudgetExceeded thrown once it has run `budgetMs` milliseconds. A stopped call does
 * not finish: its `finally` blocks do not run, so state it keeps between calls may be left half
 * updated; the caller must reset whatever `fn` keeps.
 */
export function withinTimeBudget<T>(budgetMs: number, fn: () => T): T {
  const previous = slot[SLOT];
  slot[SLOT] = fn;
  try {
    return runner.runInThisContext({ timeout: Math.max(1, Math.ceil(budgetMs)), displayErrors: false }) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeBudgetExceeded(budgetMs);
    throw err;
  } finally {
    slot[SLOT] = previous;
  }
}

/** 10000 → "10", 250 → "0.25": seconds as people write them. */
export function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/**
 * A time budget in milliseconds from the environment variable `name` (seconds), `defaultS` when it
 * is unset, or an Error saying what is wrong with it.
 */
export function budgetMsFromEnv(name: string, defaultS: number, maxS: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return defaultS * 1000;
  const s = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(s >= 0.001 && s <= maxS)) throw new Error(`${name} must be a number of seconds from 0.001 to ${maxS}, got "${raw}"`);
  return Math.round(s * 1000);
}
