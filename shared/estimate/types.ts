import type { CallKind } from '../types';

export interface Range {
  low: number;
  expected: number;
  high: number;
}

/** Expected volume as written: a number of invocations per month, or `N/period` already converted. */
export interface VolumeRule {
  /** Glob over call-site ids (for `callSites`), or the tag value / kind it applies to. */
  key: string;
  perMonth: number;
  text: string;
}

/** The estimate settings of tollgate.yml, with defaults filled in. */
export interface EstimateConfig {
  usage: {
    default: VolumeRule | null;
    kinds: VolumeRule[];
    features: VolumeRule[];
    teams: VolumeRule[];
    callSites: VolumeRule[];
    /** Calls per invocation for call sites in loops, by call-site id glob. */
    fanout: Array<{ key: string; factor: number }>;
  };
  placeholders: {
    default: number | null;
    names: Record<string, number>;
    features: Record<string, Record<string, number>>;
  };
  /** Expected output as a fraction of the max-output bound; null: a default per kind. */
  outputFraction: number | null;
  /** Share of prompt-cache reads for cacheable prefixes. */
  cacheHitRate: number;
  /** Expected output tokens per kind when nothing bounds it. */
  outputDefaults: Partial<Record<CallKind, number>>;
}

export const DEFAULT_ESTIMATE_CONFIG: EstimateConfig = {
  usage: { default: null, kinds: [], features: [], teams: [], callSites: [], fanout: [] },
  placeholders: { default: null, names: {}, features: {} },
  outputFraction: null,
  cacheHitRate: 0.5,
  outputDefaults: {},
};

/** The public shape of a call site's estimate (issue 3 contract). */
export interface Estimate {
  status: 'ok' | 'unknown-model' | 'unresolved-model' | 'unpriced';
  inputTokens: Range;
  outputTokens: Range;
  callsPerInvocation: Range;
  costPerCall: Range | null;
  callsPerMonth: number | null;
  monthlyCost: Range | null;
  price: { model: string; provider: string; source: string; checked: string } | null;
  /** Every model the range covers, when the model is one of several. */
  models: string[];
  assumptions: string[];
  exactTokens: boolean;
  /** Where the volume comes from (annotation, config key) or null when it is missing. */
  volumeSource: string | null;
  /** Set when even the smallest prompt (static text, placeholders at their low end) exceeds a model's context window. */
  contextOverflow?: Array<{ model: string; inputTokens: number; contextWindow: number }>;
  /** Models of this call with no price (not in the table, or listed without a price for this use), each with the nearest priced names; absent when every model has one. */
  unpriced?: Array<{ model: string; nearest: string[] }>;
  /** Self-hosted deployments (tollgate.yml selfHosted, compareTo) that could serve this call instead. */
  alternatives?: SelfHostedAlternative[];
  /**
   * A wrapper's callers with their own tags or volume: one unit per caller (see units.ts). Absent when
   * the call site does not split (no callers, or callers that all send the same team and feature and
   * say no volume of their own).
   */
  units?: AttributionUnit[];
  /** With units: how many have a price and no volume, so are not in `monthlyCost`. */
  unitsMissingVolume?: number;
  /** With units: how many have no price (their caller's model is unknown or not in the table), so are not in `monthlyCost`. */
  unitsUnknownModel?: number;
  /** With units: 'callers' when `monthlyCost` is the sum of the units', 'call site' when only the call site's own volume is known (not split). */
  volumeBy?: 'callers' | 'call site';
}

/** Invocations per month and where the figure comes from. */
export interface VolumeChoice {
  perMonth: number;
  source: string;
}

/** One caller's share of a call site: the call as that caller makes it, at that caller's volume. */
export interface AttributionUnit {
  /** The caller (through wrappers of wrappers, the outermost call). */
  caller: { file: string; line: number; column: number; function: string | null };
  /** The caller's static tag values by key, sorted. */
  tags: Record<string, string>;
  costPerCall: Range | null;
  callsPerMonth: number | null;
  volumeSource: string | null;
  monthlyCost: Range | null;
  /** The unit's team: its own `team` tag, else the call site's file's CODEOWNERS (set with the call site's owner). */
  owner?: { team: string; via: 'tag' | 'CODEOWNERS' } | null;
}

/** The same calls on a self-hosted model: marginal cost, the server's fixed month, and where they cross. */
export interface SelfHostedAlternative {
  model: string;
  provider: string;
  /** The call's tokens at the derived self-hosted price (GPU time it takes at the stated utilization). */
  costPerCall: Range;
  /** costPerCall × calls per invocation × volume: this call site's share of the server; null without volume. */
  monthlyCost: Range | null;
  /**
   * The API's expected monthly cost minus what the servers these calls need cost (serversNeeded ×
   * fixedMonthlyUsd): negative below the break-even volume, as the break-even says; null without volume.
   */
  monthlySaving: number | null;
  /** gpuHourlyUsd × gpus × 730 h: a dedicated server costs this whether busy or idle. */
  fixedMonthlyUsd: number;
  /** Servers the call site's volume needs at the stated utilization (at least 1); null without volume. */
  serversNeeded: number | null;
  /** Invocations per month one server serves at the stated utilization (fixedMonthlyUsd / its cost per invocation). */
  capacityCallsPerMonth: number | null;
  /** Invocations per month at which the API's cost reaches fixedMonthlyUsd; null when self-hosting never catches up. */
  breakEvenCallsPerMonth: number | null;
}

export interface TotalRow {
  key: string;
  callSites: number;
  monthlyCost: Range;
  missingVolume: number;
  unknownModel: number;
  /** How call sites got this owner: by their tags or by CODEOWNERS (later). */
  via?: string;
}

export interface Totals {
  overall: {
    callSites: number;
    monthlyCost: Range;
    withVolume: number;
    missingVolume: number;
    unknownModel: number;
    /** Present when some call site splits by caller: its callers with a price and no volume, left out of `monthlyCost`. */
    unitsMissingVolume?: number;
    /** Present when some call site splits by caller: its callers without a price, left out of `monthlyCost` of a call site that has one. */
    unitsUnknownModel?: number;
  };
  byModel: TotalRow[];
  byProvider: TotalRow[];
  byTeam: TotalRow[];
  byFeature: TotalRow[];
}
