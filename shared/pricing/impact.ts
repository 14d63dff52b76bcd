// `tollgate pricing impact`: what a new pricing table does to a code base's bill, call site by call site.
// The same scan is estimated twice, with the table in force and with the new one; only prices differ, so
// every change listed is the table's. A site that either table cannot price is listed as unknown, never as a
// change to or from $0 (a model the new table drops is not a 100% saving).

import type { ScanResult } from '../types';
import { withPricingTable, type TollgateConfig } from '../config/load';
import { estimateScan, type EstimatedCallSite, type EstimatedResult } from '../estimate';
import type { PricingTableFile } from './table-file';

export interface ImpactSide {
  /** USD for one model call (expected); null: this table has no price for the call */
  perCall: number | null;
  /** USD a month (expected); null: no price, or no volume */
  monthly: number | null;
}

export interface ImpactSite {
  id: string;
  file: string;
  line: number;
  column: number;
  provider: string;
  /** the priced model (the table entry's id), else the model as the code names it */
  model: string;
  current: ImpactSide;
  new: ImpactSide;
  /** new − current per call; null when either side is unknown */
  perCallChange: number | null;
  /** new − current a month; null when either side is unknown or the call has no volume */
  monthlyChange: number | null;
  /** percent of the current cost (per call, which is the monthly percent too); null when unknown or from $0 */
  changePercent: number | null;
  /** why a change is not a figure: `no price in the current table`, `no price in the new table`, `needs volume`; null when it is one */
  unknown: string | null;
}

export interface PricingImpact {
  current: { version: string; file: string | null };
  new: { version: string; file: string };
  /** call sites whose cost per call changes, or that one table prices and the other cannot; sorted by monthly change magnitude */
  callSites: ImpactSite[];
  /** call sites both tables price the same */
  unchanged: number;
  /** call sites neither table prices (an unknown model): no change can be said, the scan's own report lists them */
  unpricedByBoth: number;
  totals: {
    /** sum of the known monthly changes, with the current and new monthly totals of the same call sites */
    monthlyChange: number;
    currentMonthly: number;
    newMonthly: number;
    /** how many listed sites have no monthly change figure (no price on a side, or no volume) */
    unknown: number;
  };
}

/** A price change below a millionth of a cent per call is float noise, not a change. */
const EPSILON = 1e-12;

/**
 * `current`: the table the config prices with (its `pricing.table`, `--pricing`, else the shipped one);
 * `next`: the new table. `today` only matters for the staleness note, which the impact does not show.
 */
export function pricingImpact(scanned: ScanResult, config: TollgateConfig, next: PricingTableFile, root?: string, today?: string): PricingImpact {
  const before = estimateScan(scanned, config, root, undefined, undefined, today);
  const after = estimateScan(scanned, withPricingTable(config, next), root, undefined, undefined, today);
  const afterById = new Map(after.callSites.map((s) => [s.id, s]));
  const sites: ImpactSite[] = [];
  let unchanged = 0;
  let unpricedByBoth = 0;
  for (const b of before.callSites) {
    const a = afterById.get(b.id);
    if (!a) continue;
    const site = compare(b, a);
    if (site === 'same') unchanged++;
    else if (site === 'unpriced') unpricedByBoth++;
    else sites.push(site);
  }
  sites.sort(byImpact);
  const known = sites.filter((s) => s.monthlyChange !== null);
  return {
    current: side(before),
    new: { version: after.pricing.version, file: next.file },
    callSites: sites,
    unchanged,
    unpricedByBoth,
    totals: {
      monthlyChange: sum(known.map((s) => s.monthlyChange!)),
      currentMonthly: sum(known.map((s) => s.current.monthly!)),
      newMonthly: sum(known.map((s) => s.new.monthly!)),
      unknown: sites.length - known.length,
    },
  };
}

function side(r: EstimatedResult): { version: string; file: string | null } {
  return { version: r.pricing.version, file: r.pricing.file ?? null };
}

function compare(b: EstimatedCallSite, a: EstimatedCallSite): ImpactSite | 'same' | 'unpriced' {
  const current = costs(b);
  const next = costs(a);
  // Neither table prices it: not the table's doing, and the scan's own report already says so.
  if (current.perCall === null && next.perCall === null) return 'unpriced';
  const perCallChange = current.perCall !== null && next.perCall !== null ? next.perCall - current.perCall : null;
  if (perCallChange !== null && Math.abs(perCallChange) < EPSILON) return 'same';
  const monthlyChange = current.monthly !== null && next.monthly !== null ? next.monthly - current.monthly : null;
  const unknown =
    current.perCall === null ? 'no price in the current table' : next.perCall === null ? 'no price in the new table' : monthlyChange === null ? 'needs volume' : null;
  return {
    id: b.id,
    file: b.file,
    line: b.line,
    column: b.column,
    provider: b.provider,
    model: a.estimate.price?.model ?? b.estimate.price?.model ?? modelName(b),
    current,
    new: next,
    perCallChange,
    monthlyChange,
    changePercent: perCallChange !== null && current.perCall ? (perCallChange / current.perCall) * 100 : null,
    unknown,
  };
}

function costs(s: EstimatedCallSite): ImpactSide {
  return { perCall: s.estimate.costPerCall?.expected ?? null, monthly: s.estimate.costPerCall ? (s.estimate.monthlyCost?.expected ?? null) : null };
}

function modelName(s: EstimatedCallSite): string {
  const m = s.model;
  if (!m) return 'unknown model';
  if (m.status === 'exact') return m.value;
  if (m.status === 'oneOf') return m.values.join(' | ');
  return 'unknown model';
}

/** Largest monthly change either way first; then the sites without one, by per-call change; then by id. */
function byImpact(a: ImpactSite, b: ImpactSite): number {
  const rank = (s: ImpactSite) => (s.monthlyChange !== null ? 0 : s.perCallChange !== null ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    Math.abs(b.monthlyChange ?? 0) - Math.abs(a.monthlyChange ?? 0) ||
    Math.abs(b.perCallChange ?? 0) - Math.abs(a.perCallChange ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function sum(values: number[]): number {
  return values.reduce((t, v) => t + v, 0);
}
