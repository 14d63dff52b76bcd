import { budgetMsFromEnv, formatSeconds } from './time-budget';

// The last-resort stop for one file's analysis. The step and size budgets (resolve/budget.ts) bound
// each call site, deterministically; nothing bounds how many call sites a file has, and a hang class
// nobody has found yet would stall the whole scan. This budget is a clock, so it is set high enough
// never to stop an honest file: what it stops is already a warning.

/** The environment variable that sets the time budget of one file's analysis, in seconds. */
export const ANALYSIS_BUDGET_ENV = 'TOLLGATE_ANALYSIS_BUDGET';
/**
 * Seconds. A call site that runs into the step budget costs about 2.5 s (measured on a busy 2-core
 * machine): a file may hold a dozen of those and still be read; a whole file that takes longer is
 * one that no per-call budget is bounding.
 */
export const DEFAULT_ANALYSIS_BUDGET_S = 30;
const MAX_ANALYSIS_BUDGET_S = 3600;

/** The per-file analysis budget in milliseconds from the environment, or an Error saying what is wrong with it. */
export function analysisBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  return budgetMsFromEnv(ANALYSIS_BUDGET_ENV, DEFAULT_ANALYSIS_BUDGET_S, MAX_ANALYSIS_BUDGET_S, env);
}

/** The warning for a file whose analysis was stopped: none of its call sites are reported. */
export function analysisTimedOut(budgetMs: number): string {
  return `skipped: its analysis took longer than the ${formatSeconds(budgetMs)} s time budget (${ANALYSIS_BUDGET_ENV}); none of its call sites are reported`;
}
