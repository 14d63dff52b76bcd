import type { CallSite } from '../types';
import { tagValue } from './estimate';
import type { Estimate, Range, TotalRow, Totals } from './types';
import { ownerOf, type Owner } from '../ownership';

import { sumRanges } from './money';

const zero = (): Range => ({ low: 0, expected: 0, high: 0 });

// `owner` absent (sites estimated without ownership): the team tag alone decides.
type Estimated = CallSite & { estimate: Estimate; owner?: Owner | null };

const ownerFor = (s: Estimated): Owner | null => (s.owner !== undefined ? s.owner : ownerOf(s, null));

/** Each team row says how its call sites got that team: 'tag', 'CODEOWNERS', or 'mixed' when both. */
function byTeam(sites: Estimated[]): TotalRow[] {
  const via = new Map<string, string>();
  for (const s of sites) {
    const o = ownerFor(s);
    if (!o) continue;
    const seen = via.get(o.team);
    via.set(o.team, seen && seen !== o.via ? 'mixed' : o.via);
  }
  return rows(sites, (s) => [ownerFor(s)?.team ?? '(no team)']).map((r) => (via.has(r.key) ? { ...r, via: via.get(r.key) } : r));
}

function rows(sites: Estimated[], keyOf: (s: Estimated) => string[]): TotalRow[] {
  const map = new Map<string, TotalRow>();
  const costs = new Map<string, Range[]>();
  for (const s of sites) {
    for (const key of keyOf(s)) {
      const row = map.get(key) ?? { key, callSites: 0, monthlyCost: zero(), missingVolume: 0, unknownModel: 0 };
      row.callSites++;
      const m = s.estimate.monthlyCost;
      if (m) costs.set(key, [...(costs.get(key) ?? []), m]);
      else if (s.estimate.costPerCall) row.missingVolume++;
      if (!s.estimate.costPerCall) row.unknownModel++;
      map.set(key, row);
    }
  }
  for (const [key, list] of costs) map.get(key)!.monthlyCost = sumRanges(list);
  return [...map.values()].sort((a, b) => b.monthlyCost.expected - a.monthlyCost.expected || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Monthly totals by model, provider, team and feature. A site whose model has no price or whose
 * volume is missing adds nothing to the dollars but is counted, so a total never hides a gap.
 */
export function computeTotals(sites: Estimated[]): Totals {
  const monthlyCosts: Range[] = [];
  let withVolume = 0;
  let missingVolume = 0;
  let unknownModel = 0;
  for (const s of sites) {
    const m = s.estimate.monthlyCost;
    if (m) {
      monthlyCosts.push(m);
      withVolume++;
    } else if (s.estimate.costPerCall) missingVolume++;
    if (!s.estimate.costPerCall) unknownModel++;
  }
  return {
    overall: { callSites: sites.length, monthlyCost: sumRanges(monthlyCosts), withVolume, missingVolume, unknownModel },
    byModel: rows(sites, (s) => (s.estimate.models.length ? [s.estimate.models.length === 1 ? s.estimate.models[0] : s.estimate.models.join(' | ')] : ['(unknown model)'])),
    byProvider: rows(sites, (s) => [s.provider]),
    byTeam: byTeam(sites),
    byFeature: rows(sites, (s) => [tagValue(s, 'feature') ?? '(no feature)']),
  };
}

/**
 * Several results' overall totals as one (the folders of an editor workspace, the directories of an
 * action run): call-site counts and dollars added bound by bound, in one order like every total.
 */
export function combineOverall(parts: Array<Totals['overall']>): Totals['overall'] {
  const out: Totals['overall'] = { callSites: 0, monthlyCost: zero(), withVolume: 0, missingVolume: 0, unknownModel: 0 };
  for (const p of parts) {
    out.callSites += p.callSites;
    out.withVolume += p.withVolume;
    out.missingVolume += p.missingVolume;
    out.unknownModel += p.unknownModel;
  }
  out.monthlyCost = sumRanges(parts.map((p) => p.monthlyCost));
  return out;
}
