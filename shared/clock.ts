// The date rules judge by (a model's retirement): one clock read per check, passed down, so a test
// fixes it and every rule of one run sees the same day.

/** Today in UTC as YYYY-MM-DD: providers publish retirement dates as calendar days. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD each); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
