import type { Severity } from '../../shared/rules/types';
import type { FailOn } from '../../shared/check';
import type { SessionOptions } from './protocol';

// Every setting of the extension, typed in one place (contributes.configuration in package.json
// declares the same names). Pure: the glue reads raw values and passes them to readSettings.

export type InlineStyle = 'codeLens' | 'inlayHints' | 'off';
/** expected: $298.42 · range: $298.42 ($188.34–$526.91) · compact: $298 */
export type CurrencyDisplay = 'expected' | 'range' | 'compact';
export type GroupBy = 'team' | 'feature' | 'model';

export interface Settings {
  enable: boolean;
  inlineStyle: InlineStyle;
  /** tollgate.yml to use, relative to the workspace folder; empty: found at the root. */
  configPath: string;
  /** Volume for call sites without one, e.g. "1k/day"; empty: they show "needs volume". */
  defaultVolume: string;
  currencyDisplay: CurrencyDisplay;
  /** Severities shown in the Problems panel. */
  severities: Severity[];
  /** Findings at or above this severity count as failing in the status bar. */
  failOn: FailOn;
  groupBy: GroupBy;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  inlineStyle: 'codeLens',
  configPath: '',
  defaultVolume: '',
  currencyDisplay: 'expected',
  severities: ['error', 'warning', 'info'],
  failOn: 'error',
  groupBy: 'team',
};

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/** Settings from raw values (`get(name)` of the `tollgate` section); a wrong value falls back to its default. */
export function readSettings(get: (name: string) => unknown): Settings {
  const d = DEFAULT_SETTINGS;
  const severities = get('severities');
  return {
    enable: typeof get('enable') === 'boolean' ? (get('enable') as boolean) : d.enable,
    inlineStyle: oneOf(get('inlineStyle'), ['codeLens', 'inlayHints', 'off'] as const, d.inlineStyle),
    configPath: typeof get('configPath') === 'string' ? (get('configPath') as string).trim() : d.configPath,
    defaultVolume: typeof get('defaultVolume') === 'string' ? (get('defaultVolume') as string).trim() : d.defaultVolume,
    currencyDisplay: oneOf(get('currencyDisplay'), ['expected', 'range', 'compact'] as const, d.currencyDisplay),
    severities: Array.isArray(severities) ? (['error', 'warning', 'info'] as const).filter((s) => severities.includes(s)) : d.severities,
    failOn: oneOf(get('failOn'), ['error', 'warning', 'info', 'never'] as const, d.failOn),
    groupBy: oneOf(get('groupBy'), ['team', 'feature', 'model'] as const, d.groupBy),
  };
}

/** What the core session needs from the settings. */
export function sessionOptions(s: Settings): SessionOptions {
  return {
    ...(s.configPath ? { configFile: s.configPath } : {}),
    failOn: s.failOn,
    defaultVolume: s.defaultVolume || null,
  };
}
