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
  /** Models of this call with no price (not in the table, or listed without a price for this use), each with the nearest priced names; absent when every model has one. */
  unpriced?: Array<{ model: string; nearest: string[] }>;
  /** Self-hosted deployments (tollgate.yml selfHosted, compareTo) that could serve this call instead. */
  alternatives?: SelfHostedAlternative[];
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
  overall: { callSites: number; monthlyCost: Range; withVolume: number; missingVolume: number; unknownModel: number };
  byModel: TotalRow[];
  byProvider: TotalRow[];
  byTeam: TotalRow[];
  byFeature: TotalRow[];
}
