// Runs fuzz-suite cases from tests: the real CLI in child processes, judged by every oracle.
import { runFuzz } from '../../scripts/fuzz/runner';
import type { Family } from '../../scripts/fuzz/types';

/** Generous: a healthy case answers in a few seconds; this only stops a hang. */
export const HANG_GUARD_S = 30;
export const SEED = 1;

/** Each failure of the named cases as `oracle: detail (command)`, in case order; [] when all passed. */
export async function failuresOf(family: Family, ids: string[]): Promise<string[]> {
  const run = await runFuzz({ seed: SEED, timeBudgetS: 3600, caseTimeoutS: HANG_GUARD_S, corpus: [], out: null, families: [family], only: ids, minimise: false, parallel: 1 });
  const missing = ids.filter((id) => !run.outcomes.some((o) => o.id === id));
  if (missing.length) throw new Error(`no such fuzz case: ${missing.join(', ')}`);
  return run.outcomes.flatMap((o) => (o.setupError ? [`setup error: ${o.setupError}`] : o.failures.map((f) => `${f.oracle}: ${f.detail} (${f.command})`)));
}
