import type { WorkspaceView } from './protocol';
import type { CurrencyDisplay } from './settings';
import { money } from './text';

// The status bar item: the workspace's monthly projection and how many findings fail the policy.

export interface StatusContent {
  text: string;
  tooltip: string;
  /** true: shown with the error colours. */
  failing: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function statusContent(view: WorkspaceView, display: CurrencyDisplay): StatusContent {
  const { result, configErrors } = view.snapshot;
  const t = result.totals.overall;
  const p = result.policy;
  const failing = p.failOn === 'never' ? 0 : result.findings.filter((f) => !f.suppressed && rank(f.severity) <= rank(p.failOn)).length;
  // Never "$0/mo" when it only means that no call site has a volume.
  const cost = t.callSites === 0 ? 'no LLM calls' : t.withVolume === 0 ? 'needs volume' : `${money(t.monthlyCost, display)}/mo`;
  const icon = failing ? '$(error)' : configErrors.length ? '$(warning)' : '$(pulse)';
  const text = `${icon} ${cost} · ${failing} failing`;
  const lines = [
    `tollgate: ${t.callSites === 0 ? 'no LLM call sites found' : `${money(t.monthlyCost, 'range')} per month from ${t.withVolume} of ${plural(t.callSites, 'call site')}`}`,
  ];
  if (t.missingVolume) lines.push(`${plural(t.missingVolume, 'call site')} need${t.missingVolume === 1 ? 's' : ''} volume`);
  if (t.unknownModel) lines.push(`${plural(t.unknownModel, 'call site')} with an unknown model`);
  lines.push(`Policy ${p.failed ? 'fails' : 'passes'} (fails on ${p.failOn}): ${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}, ${p.infos} info, ${p.suppressed} suppressed`);
  if (configErrors.length) lines.push(`${plural(configErrors.length, 'config error')}: the defaults apply meanwhile`);
  lines.push('Click for the report');
  return { text, tooltip: lines.join('\n'), failing: failing > 0 };
}

function rank(s: string): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : s === 'info' ? 2 : 3;
}
