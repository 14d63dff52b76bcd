import type { Caller, CallSite } from '../types';
import type { AttributionUnit, Estimate, EstimateConfig, VolumeChoice } from './types';
import { sumRanges } from './money';

// A wrapper called by several features is one call site, but its cost is not one feature's: each
// caller sends the call with its own tags (metadata, headers) and runs it as often as it runs. Each
// such caller is an attribution unit, estimated as the call site as that caller makes it (its model,
// its bound, its tags) at its own volume; the call site's monthly figure is the sum of its units.
//
// Volume of a unit, first found: a `// tollgate: volume` above the caller, `usage.features` or
// `usage.teams` for the unit's own tags, then `usage.kinds` and `usage.default` as for any call site.
// The call site's own volume (an annotation above the call inside the wrapper, `usage.callSites`)
// counts all its callers together: it cannot say how the calls divide, so it is used only when no
// caller has a volume of its own, and then the figure stays whole, attributed to the callers' tags
// together (`search | triage`), never to the first caller's alone.

/** The estimate of one call as a given site (a unit's view) makes it, at the given volume. */
export type EstimateCall = (site: CallSite, volume: VolumeChoice | null) => Estimate;
export type VolumeOf = (site: CallSite, config: EstimateConfig) => VolumeChoice | null;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const fmt = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

/** The first static value of a tag key, as tagValue reads a call site's (estimate.ts). */
function staticTag(tags: CallSite['tags'], key: string): string | null {
  const t = tags.find((x) => x.key === key && !x.dynamic && x.value !== null);
  return t ? t.value : null;
}

/** Where a unit is: the outermost call through wrappers of wrappers, else the caller itself. */
export function unitPlace(c: Caller): AttributionUnit['caller'] {
  return c.origin ?? { file: c.file, line: c.line, column: c.column, function: c.function };
}

const attributionKey = (tags: CallSite['tags']) => `${staticTag(tags, 'team') ?? ''}\0${staticTag(tags, 'feature') ?? ''}`;

/**
 * Whether the site's cost splits by caller: its callers disagree on team or feature, or one of them
 * says its own volume. Callers that all send the same attribution and say nothing are one unit:
 * the site, as before.
 */
export function splitsByCaller(site: CallSite): boolean {
  if (!site.callers.length) return false;
  if (site.callers.some((c) => c.volume)) return true;
  return new Set(site.callers.map((c) => attributionKey(c.tags ?? []))).size > 1;
}

/** The call site as one caller makes it: its model, its output bound, its tags, no other caller. */
export function unitView(site: CallSite, c: Caller): CallSite {
  const annotation = site.annotation ? { ...site.annotation, volumePerMonth: null, volume: null } : null;
  return {
    ...site,
    model: c.values.model,
    options: { ...site.options, maxOutputTokens: c.values.maxOutputTokens ?? null },
    tags: c.tags ?? [],
    callers: [],
    annotation,
  };
}

const withoutSiteVolume = (config: EstimateConfig): EstimateConfig => ({ ...config, usage: { ...config.usage, callSites: [] } });
const ownOnly = (config: EstimateConfig): EstimateConfig => ({ ...config, usage: { ...config.usage, callSites: [], kinds: [], default: null } });

function callerVolume(c: Caller): VolumeChoice | null {
  return c.volume ? { perMonth: c.volume.perMonth, source: `annotation ${c.volume.file}:${c.volume.line}: volume ${c.volume.text}` } : null;
}

function unitOf(c: Caller, e: Estimate): AttributionUnit {
  const tags: Record<string, string> = {};
  for (const t of [...(c.tags ?? [])].sort((a, b) => byString(a.key, b.key))) {
    const v = staticTag(c.tags ?? [], t.key);
    if (v !== null && !(t.key in tags)) tags[t.key] = v;
  }
  const place = unitPlace(c);
  return {
    caller: place,
    tags,
    costPerCall: e.costPerCall,
    callsPerMonth: e.callsPerMonth,
    volumeSource: e.volumeSource,
    monthlyCost: e.monthlyCost,
  };
}

const placeText = (u: AttributionUnit) => `${u.caller.file}:${u.caller.line}`;
const tagsText = (u: AttributionUnit) => {
  const parts = Object.entries(u.tags).map(([k, v]) => `${k} ${v}`);
  return parts.length ? ` (${parts.join(', ')})` : ' (no tags)';
};

/**
 * The site's estimate split by caller, or null when it does not split. Its tokens and per-call range
 * stay the site's own (over all its callers' models); its volume and monthly figure are its units'.
 */
export function estimateUnits(site: CallSite, config: EstimateConfig, estimateCall: EstimateCall, volumeOf: VolumeOf): Estimate | null {
  if (!splitsByCaller(site)) return null;
  const views = site.callers.map((c) => ({ c, view: unitView(site, c) }));
  const own = views.map(({ c, view }) => callerVolume(c) ?? volumeOf(view, ownOnly(config)));
  const siteVolume = volumeOf(site, { ...config, usage: { ...config.usage, features: [], teams: [], kinds: [], default: null } });
  const whole = siteVolume !== null && own.every((v) => v === null);
  const base = estimateCall(site, whole ? siteVolume : null);
  const unitEstimates = views.map(({ view }, i) => estimateCall(view, whole ? null : own[i] ?? volumeOf(view, withoutSiteVolume(config))));
  const units = views.map(({ c }, i) => unitOf(c, unitEstimates[i]));
  units.sort((a, b) => byString(a.caller.file, b.caller.file) || a.caller.line - b.caller.line || a.caller.column - b.caller.column || byString(JSON.stringify(a.tags), JSON.stringify(b.tags)));
  const assumptions = new Set(base.assumptions.filter((a) => !a.startsWith('needs volume')));
  if (whole) {
    assumptions.add(`the call site's volume counts all ${units.length} of its callers together: its cost is not split among their tags; add \`// tollgate: volume N/period\` above each caller to split it`);
    return { ...base, assumptions: [...assumptions].sort(), units, unitsMissingVolume: units.filter((u) => u.costPerCall).length, unitsUnknownModel: units.filter((u) => !u.costPerCall).length, volumeBy: 'call site' };
  }
  const priced = units.filter((u) => u.monthlyCost);
  const missing = units.filter((u) => !u.monthlyCost && u.costPerCall).length;
  if (siteVolume) assumptions.add(`the call site's own volume (${siteVolume.source}) is not used: its callers' volumes split it`);
  for (const u of units) {
    if (u.monthlyCost) assumptions.add(`caller ${placeText(u)}${tagsText(u)}: ${fmt(u.callsPerMonth!)} invocations/month (${u.volumeSource})`);
    else if (u.costPerCall) assumptions.add(`caller ${placeText(u)}${tagsText(u)}: needs volume: add \`// tollgate: volume N/day\` above that call`);
    else assumptions.add(`caller ${placeText(u)}${tagsText(u)}: no price for its model`);
  }
  return {
    ...base,
    // The sum of the callers' invocations, so the JSON says how many calls the monthly figure covers.
    callsPerMonth: priced.length ? Math.round(priced.reduce((n, u) => n + u.callsPerMonth!, 0) * 100) / 100 : null,
    monthlyCost: priced.length ? sumRanges(priced.map((u) => u.monthlyCost!)) : null,
    volumeSource: priced.length ? `callers: ${priced.length} of ${units.length} with volume` : null,
    assumptions: [...assumptions].sort(),
    units,
    unitsMissingVolume: missing,
    unitsUnknownModel: units.filter((u) => !u.costPerCall).length,
    volumeBy: 'callers',
  };
}
