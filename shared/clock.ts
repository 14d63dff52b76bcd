import { isValidDate } from './schema-check';

// The run's day: what rules judge by (a model's retirement) and a pricing table's age is measured
// against. Read once per check and passed down, so every rule of one run sees the same day;
// TOLLGATE_TODAY (YYYY-MM-DD) pins it for reproducible output (tests, a re-run of an old job).

export const TODAY_ENV = 'TOLLGATE_TODAY';

/** Today in UTC as YYYY-MM-DD (providers publish retirement dates as calendar days), unless TOLLGATE_TODAY pins it. */
export function todayUtc(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const pinned = env[TODAY_ENV];
  if (pinned !== undefined && pinned !== '') {
    if (!isValidDate(pinned)) throw new Error(`${TODAY_ENV} expects a date YYYY-MM-DD, got "${pinned}"`);
    return pinned;
  }
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD each); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
