import type { CallSite, ScanResult } from '../types';
import { PricingTable, pricingData, type PriceOverride } from '../pricing/table';
import type { TollgateConfig } from '../config/load';
import { estimateSite } from './estimate';
import { computeTotals } from './totals';
import { SelfHostedPricingTable, withAlternatives } from './self-hosted';
import type { SelfHostedConfig } from '../config/self-hosted-config';
import type { Estimate, EstimateConfig, Totals } from './types';
import { loadCodeowners, ownerOf, type Codeowners, type Owner } from '../ownership';
import { redactDeep, redactWarning } from '../redact';
import { EMPTY_AZURE, type AzureConfig } from '../config/azure-config';
import { unmappedDeployments, withDeployments } from './azure-deployments';
import type { ScanWarning } from '../types';
import { pricingStaleness, todayUtc, type PricingStale } from '../pricing/freshness';
import { DEFAULT_STALE_AFTER_DAYS } from '../config/estimate-config';

/** `owner`: the call site's team by its `team` tag, else by the scanned root's CODEOWNERS, else null. */
export type EstimatedCallSite = CallSite & { estimate: Estimate; owner: Owner | null };

export interface EstimatedResult extends Omit<ScanResult, 'callSites'> {
  /**
   * The table that priced the run. `file`: present when it is not the shipped one (`--pricing`, `pricing.table`);
   * `stale`: present when the table is older than `pricing.staleAfterDays` (default 90) on the run's day.
   */
  pricing: { version: string; models: number; overrides: number; file?: string; stale?: PricingStale };
  callSites: EstimatedCallSite[];
  totals: Totals;
}

/**
 * Adds an estimate and an owner to every call site and the totals; the scan result itself is left as it was.
 * `root` is the scanned directory, where CODEOWNERS is looked for; without it only tags give owners.
 */
export function estimateResult(
  result: ScanResult,
  pricing: PricingTable,
  config: EstimateConfig,
  pricingInfo: PricingInfo,
  selfHosted: SelfHostedConfig[] = [],
  root?: string,
  memo?: EstimateMemo,
  azure: AzureConfig = EMPTY_AZURE,
  configWarnings: ScanWarning[] = [],
): EstimatedResult {
  const codeowners = root ? loadCodeowners(root) : null;
  // The call site is redacted already; its estimate and owner quote tollgate.yml and CODEOWNERS, which come from the scanned repository too.
  const estimateOne = (scanned: CallSite): EstimatedCallSite => {
    const s = redactDeep(withDeployments(scanned, azure));
    const estimate = withUnitOwners(s, withAlternatives(s, estimateSite(s, pricing, config), pricing, selfHosted), codeowners);
    return { ...s, estimate: redactDeep(estimate), owner: redactDeep(ownerOf(s, codeowners)) };
  };
  const callSites = result.callSites.map((s) => {
    if (!memo) return estimateOne(s);
    let e = memo.get(s);
    if (!e) memo.set(s, (e = estimateOne(s)));
    return e;
  });
  const { tool, stats } = result;
  const ours = [...configWarnings, ...unmappedDeployments(result.callSites, azure, pricing)].map(redactWarning);
  const scanned = ours.length ? sortWarnings([...result.warnings, ...ours]) : result.warnings;
  const warnings = codeowners?.warnings.length ? [...scanned, ...codeowners.warnings.map(redactWarning)] : scanned;
  const stale = pricingInfo.today ? pricingStaleness(pricingInfo.version, pricingInfo.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS, pricingInfo.today, pricingInfo.file ?? null) : null;
  return {
    tool,
    pricing: {
      version: pricingInfo.version,
      models: pricing.entries().length,
      overrides: pricingInfo.overrides,
      ...(pricingInfo.file ? { file: pricingInfo.file } : {}),
      ...(stale ? { stale } : {}),
    },
    callSites,
    totals: computeTotals(callSites),
    warnings,
    stats,
    // A result saved by an older version has no coverage: nothing was reported missing then.
    coverage: result.coverage ?? { unreadPackages: [], unreadCalls: [] },
  };
}

export type { Estimate, EstimateConfig, Totals };

/** Each unit's team as a call site's is found: its own `team` tag, else CODEOWNERS of the call site's file. */
function withUnitOwners(site: CallSite, estimate: Estimate, codeowners: Codeowners | null): Estimate {
  if (!estimate.units) return estimate;
  const units = estimate.units.map((u) => {
    const team = u.tags.team;
    return { ...u, owner: team !== undefined ? { team, via: 'tag' as const } : ownerOf({ ...site, tags: [] }, codeowners) };
  });
  return { ...estimate, units };
}

/** What the result says about the table: its version and overrides; `today` (the run's day) turns on the staleness check. */
export interface PricingInfo {
  version: string;
  overrides: number;
  file?: string | null;
  staleAfterDays?: number;
  today?: string;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each warning once, by file, line and message, as the scan sorts its own. */
function sortWarnings(list: ScanWarning[]): ScanWarning[] {
  const seen = new Set<string>();
  return list
    .filter((w) => {
      const key = `${w.file}\0${w.line ?? 0}\0${w.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => byString(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || byString(a.message, b.message));
}

/**
 * Estimates already made, by call-site object: an editor session re-estimates only the sites of the
 * files it scanned again. Valid for one config; a new config needs a new memo.
 */
export type EstimateMemo = WeakMap<CallSite, EstimatedCallSite>;

/** The shipped pricing table with the config's self-hosted models added and its overrides (discounts, private deployments) applied. */
export function pricingFor(config: TollgateConfig): PricingTable {
  const overrides: PriceOverride[] = config.priceOverrides.map((o) => ({
    ...(o.provider ? { provider: o.provider } : {}),
    model: o.model,
    ...(Object.keys(o.prices).length ? { prices: o.prices } : {}),
    ...(o.discountPercent !== null ? { discountPercent: o.discountPercent } : {}),
    ...(o.note ? { note: o.note } : {}),
  }));
  return new SelfHostedPricingTable(config.pricingTable?.data ?? pricingData(), overrides, config.selfHosted);
}

/** The table a config prices with, as the result names it; `today` defaults to the clock (TOLLGATE_TODAY pins it). */
export function pricingInfoFor(config: TollgateConfig, today: string = todayUtc()): PricingInfo {
  const table = config.pricingTable;
  return { version: (table?.data ?? pricingData()).version, overrides: config.priceOverrides.length, file: table?.file ?? null, staleAfterDays: config.staleAfterDays, today };
}

/** Scan result → estimated result, with the config's settings; `root` (the scanned directory) enables CODEOWNERS. */
export function estimateScan(result: ScanResult, config: TollgateConfig, root?: string, memo?: EstimateMemo, table: PricingTable = pricingFor(config), today: string = todayUtc()): EstimatedResult {
  return estimateResult(result, table, config.estimate, pricingInfoFor(config, today), config.selfHosted, root, memo, config.azure, config.warnings);
}
