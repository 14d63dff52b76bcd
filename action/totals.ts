import type { DirectoryReport } from './analyse';
import { combineOverall } from '../shared/estimate/totals';

// Totals across the scanned directories, for the outputs and a multi-directory headline. Each
// directory's figures come from the core; this only adds them up.

export interface Totals {
  /** Expected monthly USD of the head; null when no call site anywhere has a volume. */
  head: number | null;
  /** Of the base; null without a comparison or without volumes. */
  base: number | null;
  /** null when unknown: no volume anywhere, or a call site of unknown change (no price) in any directory. */
  change: number | null;
  changePercent: number | null;
  /** Call sites whose change is unknown (no price on a side), across the directories. */
  unknownChange: number;
  callSitesChanged: number;
  /** Unsuppressed findings of every severity. */
  findings: number;
  failed: boolean;
}

/** Sums without float noise (0.1 + 0.2); the core's figures are already rounded. */
const add = (a: number, b: number) => Math.round((a + b) * 1e6) / 1e6;

function sum(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce(add, 0) : null;
}

export function totalsOf(reports: DirectoryReport[]): Totals {
  const overall = combineOverall(reports.map((r) => r.result.totals.overall));
  const diffs = reports.map((r) => r.result.diff).filter((d) => d !== undefined);
  const base = diffs.length ? sum(diffs.map((d) => d.totals.monthlyCost.base)) : null;
  // One directory's unknown change makes the sum unknown: a partial sum would read as the whole change.
  const unknownChange = diffs.reduce((n, d) => n + (d.totals.unknownChange?.callSites ?? 0), 0);
  const change = diffs.length && !unknownChange ? sum(diffs.map((d) => d.totals.monthlyCost.change)) : null;
  return {
    head: overall.withVolume === 0 && overall.callSites > 0 ? null : overall.monthlyCost.expected,
    base,
    change,
    changePercent: base && change !== null ? Math.round((change / base) * 10000) / 100 : null,
    unknownChange,
    callSitesChanged: diffs.reduce((n, d) => n + d.totals.added + d.totals.removed + d.totals.changed, 0),
    findings: reports.reduce((n, r) => n + r.result.findings.filter((f) => !f.suppressed).length, 0),
    failed: reports.some((r) => r.result.policy.failed),
  };
}

/** Dollars for an output: a plain number rounded to cents, '' when unknown. */
export function outputAmount(n: number | null): string {
  return n === null ? '' : String(Math.round(n * 100) / 100);
}
