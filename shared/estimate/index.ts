import type { CallSite, ScanResult } from '../types';
import { PricingTable, pricingData, type PriceOverride } from '../pricing/table';
import type { TollgateConfig } from '../config/load';
import { estimateSite } from './estimate';
import { computeTotals } from './totals';
import { SelfHostedPricingTable, withAlternatives } from './self-hosted';
import type { SelfHostedConfig } from '../config/self-hosted-config';
import type { Estimate, EstimateConfig, Totals } from './types';

export type EstimatedCallSite = CallSite & { estimate: Estimate };

export interface EstimatedResult extends Omit<ScanResult, 'callSites'> {
  pricing: { version: string; models: number; overrides: number };
  callSites: EstimatedCallSite[];
  totals: Totals;
}

/** Adds an estimate to every call site and the totals; the scan result itself is left as it was. */
export function estimateResult(result: ScanResult, pricing: PricingTable, config: EstimateConfig, pricingInfo: { version: string; overrides: number }, selfHosted: SelfHostedConfig[] = []): EstimatedResult {
  const callSites = result.callSites.map((s) => ({ ...s, estimate: withAlternatives(s, estimateSite(s, pricing, config), pricing, selfHosted) }));
  const { tool, warnings, stats } = result;
  return {
    tool,
    pricing: { version: pricingInfo.version, models: pricing.entries().length, overrides: pricingInfo.overrides },
    callSites,
    totals: computeTotals(callSites),
    warnings,
    stats,
  };
}

export type { Estimate, EstimateConfig, Totals };

/** The shipped pricing table with the config's self-hosted models added and its overrides (discounts, private deployments) applied. */
export function pricingFor(config: TollgateConfig): PricingTable {
  const overrides: PriceOverride[] = config.priceOverrides.map((o) => ({
    ...(o.provider ? { provider: o.provider } : {}),
    model: o.model,
    ...(Object.keys(o.prices).length ? { prices: o.prices } : {}),
    ...(o.discountPercent !== null ? { discountPercent: o.discountPercent } : {}),
    ...(o.note ? { note: o.note } : {}),
  }));
  return new SelfHostedPricingTable(pricingData(), overrides, config.selfHosted);
}

/** Scan result → estimated result, with the config's settings. */
export function estimateScan(result: ScanResult, config: TollgateConfig): EstimatedResult {
  const table = pricingFor(config);
  return estimateResult(result, table, config.estimate, { version: pricingData().version, overrides: config.priceOverrides.length }, config.selfHosted);
}
