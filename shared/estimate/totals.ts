import type { CallSite } from '../types';
import { tagValue } from './estimate';
import type { Estimate, Range, TotalRow, Totals } from './types';
import { ownerOf, type Owner } from '../ownership';
import { sumRanges } from './money';

const zero = (): Range => ({ low: 0, expected: 0, high: 0 });

// `owner` absent (sites estimated without ownership): the team tag alone decides.
type Estimated = CallSite & { estimate: Estimate; owner?: Owner | null };

const ownerFor = (s: Estimated): Owner | null => (s.owner !== undefined ? s.owner : ownerOf(s, null));

/** One call site's share of a row: the whole site, or one of its attribution units (units.ts). */
interface Share {
  site: Estimated;
  key: string;
  monthlyCost: Range | null;
  /** Whether the share has a price per call (else it counts as unknown model). */
  priced: boolean;
  via?: string;
}

const whole = (s: Estimated, key: string, via?: string): Share => ({ site: s, key, monthlyCost: s.estimate.monthlyCost, priced: !!s.estimate.costPerCall, ...(via ? { via } : {}) });

/**
 * A call site's shares by team or feature: one per unit when its callers' volumes split it, one for the
 * site otherwise; a site whose volume is its own (not split) goes to its units' keys together (`a | b`).
 */
function sharesBy(s: Estimated, keyOf: (tags: Record<string, string>, owner: Owner | null | undefined) => string, siteKey: () => string, siteVia?: () => string | undefined): Share[] {
  const units = s.estimate.units;
  if (!units) return [whole(s, siteKey(), siteVia?.())];
  if (s.estimate.volumeBy === 'call site') {
    const keys = [...new Set(units.map((u) => keyOf(u.tags, u.owner)))].sort(byString);
    const vias = [...new Set(units.map((u) => u.owner?.via).filter((v): v is 'tag' | 'CODEOWNERS' => !!v))];
    return [whole(s, keys.join(' | '), vias.length > 1 ? 'mixed' : vias[0])];
  }
  return units.map((u) => ({ site: s, key: keyOf(u.tags, u.owner), monthlyCost: u.monthlyCost, priced: !!u.costPerCall, ...(u.owner ? { via: u.owner.via } : {}) }));
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const unitTeam = (tags: Record<string, string>, owner: Owner | null | undefined) => (owner !== undefined ? owner?.team : tags.team) ?? '(no team)';

const teamShares = (s: Estimated) => sharesBy(s, unitTeam, () => ownerFor(s)?.team ?? '(no team)', () => ownerFor(s)?.via);
const featureShares = (s: Estimated) => sharesBy(s, (tags) => tags.feature ?? '(no feature)', () => tagValue(s, 'feature') ?? '(no feature)');
const modelKey = (s: Estimated) => (s.estimate.models.length ? (s.estimate.models.length === 1 ? s.estimate.models[0] : s.estimate.models.join(' | ')) : '(unknown model)');

/** The rows of `byTeam`, `byFeature` and `byModel` a call site is in (a site split by caller, each of its units' rows), sorted. */
export function rowKeys(s: Estimated): { team: string[]; feature: string[]; model: string } {
  const keys = (shares: Share[]) => [...new Set(shares.map((x) => x.key))].sort(byString);
  return { team: keys(teamShares(s)), feature: keys(featureShares(s)), model: modelKey(s) };
}

/** Each team row says how its call sites got that team: 'tag', 'CODEOWNERS', or 'mixed' when both. */
function byTeam(sites: Estimated[]): TotalRow[] {
  const shares = sites.flatMap(teamShares);
  const via = new Map<string, string>();
  for (const sh of shares) {
    if (!sh.via) continue;
    const seen = via.get(sh.key);
    via.set(sh.key, seen && seen !== sh.via ? 'mixed' : sh.via);
  }
  return rows(shares).map((r) => (via.has(r.key) ? { ...r, via: via.get(r.key) } : r));
}

/**
 * Each share counts once in its row (a call site split by caller, once per unit), so that callSites
 * minus missingVolume minus unknownModel is still the number of shares in the figure; a share with a
 * price and no volume is missing volume, one without a price an unknown model.
 */
function rows(shares: Share[]): TotalRow[] {
  const map = new Map<string, TotalRow>();
  const costs = new Map<string, Range[]>();
  for (const sh of shares) {
    const row = map.get(sh.key) ?? { key: sh.key, callSites: 0, monthlyCost: zero(), missingVolume: 0, unknownModel: 0 };
    row.callSites++;
    const m = sh.monthlyCost;
    if (m) costs.set(sh.key, [...(costs.get(sh.key) ?? []), m]);
    else if (sh.priced) row.missingVolume++;
    if (!sh.priced) row.unknownModel++;
    map.set(sh.key, row);
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
  let unitsMissingVolume: number | undefined;
  let unitsUnknownModel: number | undefined;
  for (const s of sites) {
    const m = s.estimate.monthlyCost;
    if (m) {
      monthlyCosts.push(m);
      withVolume++;
    } else if (s.estimate.costPerCall) missingVolume++;
    if (!s.estimate.costPerCall) unknownModel++;
    if (s.estimate.unitsMissingVolume !== undefined && s.estimate.volumeBy === 'callers') {
      // Only callers left out of a figure the site has: a site with no figure at all is in missingVolume or unknownModel already.
      const partial = !!s.estimate.monthlyCost;
      unitsMissingVolume = (unitsMissingVolume ?? 0) + (partial ? s.estimate.unitsMissingVolume : 0);
      unitsUnknownModel = (unitsUnknownModel ?? 0) + (partial ? s.estimate.unitsUnknownModel ?? 0 : 0);
    }
  }
  const overall: Totals['overall'] = { callSites: sites.length, monthlyCost: sumRanges(monthlyCosts), withVolume, missingVolume, unknownModel };
  // Only where a call site splits by caller: callers left out of a call site's figure (it counts in withVolume).
  if (unitsMissingVolume !== undefined) overall.unitsMissingVolume = unitsMissingVolume;
  if (unitsUnknownModel !== undefined) overall.unitsUnknownModel = unitsUnknownModel;
  return {
    overall,
    byModel: rows(sites.map((s) => whole(s, modelKey(s)))),
    byProvider: rows(sites.map((s) => whole(s, s.provider))),
    byTeam: byTeam(sites),
    byFeature: rows(sites.flatMap(featureShares)),
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
    if (p.unitsMissingVolume !== undefined) out.unitsMissingVolume = (out.unitsMissingVolume ?? 0) + p.unitsMissingVolume;
    if (p.unitsUnknownModel !== undefined) out.unitsUnknownModel = (out.unitsUnknownModel ?? 0) + p.unitsUnknownModel;
  }
  out.monthlyCost = sumRanges(parts.map((p) => p.monthlyCost));
  return out;
}
