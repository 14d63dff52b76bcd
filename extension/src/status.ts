import type { WorkspaceView } from './protocol';
import type { CurrencyDisplay } from './settings';
import { money } from './text';
import { combineOverall } from '../../shared/estimate/totals';
import { notReadLine } from '../../shared/coverage';
import { gapOf } from '../../shared/reporters/gaps';

// The status bar item: the workspace's monthly projection and how many findings fail the policy.

export interface StatusContent {
  text: string;
  tooltip: string;
  /** true: shown with the error colours. */
  failing: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;


/** The monthly figure of a view; never "$0/mo" when it only means that no call site has a volume. */
export function costLabel(view: WorkspaceView, display: CurrencyDisplay): string {
  const t = view.snapshot.result.totals.overall;
  return t.callSites === 0 ? 'no LLM calls' : gapOf(t) ?? `${money(t.monthlyCost, display)}/mo`;
}

export function statusContent(view: WorkspaceView, display: CurrencyDisplay): StatusContent {
  const { result, configErrors } = view.snapshot;
  const t = result.totals.overall;
  const p = result.policy;
  const failing = view.snapshot.result.policy.failing;
  const cost = costLabel(view, display);
  const stale = result.pricing.stale;
  const icon = failing ? '$(error)' : configErrors.length || stale ? '$(warning)' : '$(pulse)';
  const text = `${icon} ${cost} · ${failing} failing`;
  const lines = [
    `tollgate: ${t.callSites === 0 ? 'no LLM call sites found' : `${money(t.monthlyCost, 'range')} per month from ${t.withVolume} of ${plural(t.callSites, 'call site')}`}`,
  ];
  if (t.missingVolume) lines.push(`${plural(t.missingVolume, 'call site')} need${t.missingVolume === 1 ? 's' : ''} volume`);
  if (t.unknownModel) lines.push(`${plural(t.unknownModel, 'call site')} with no price (unknown model)`);
  lines.push(`Policy ${p.failed ? 'fails' : 'passes'} (fails on ${p.failOn}): ${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}, ${p.infos} info, ${p.suppressed} suppressed`);
  if (configErrors.length) lines.push(`${plural(configErrors.length, 'config error')}: the defaults apply meanwhile`);
  // Blind spots: files whose calls are in no figure above (the report's warnings name them).
  const notRead = notReadLine(result);
  if (notRead) lines.push(notRead);
  if (stale) lines.push(stale.message);
  lines.push('Click for the report');
  return { text, tooltip: lines.join('\n'), failing: failing > 0 };
}


/**
 * Several workspace folders: one item for all of them. The monthly figures add up (each folder's
 * range bound by bound); the tooltip has a line per folder.
 */
export function statusContentAll(views: Array<{ name: string; view: WorkspaceView }>, display: CurrencyDisplay): StatusContent {
  if (views.length === 1) return statusContent(views[0].view, display);
  const t = combineOverall(views.map((v) => v.view.snapshot.result.totals.overall));
  const failing = views.reduce((n, v) => n + v.view.snapshot.result.policy.failing, 0);
  const cost = t.callSites === 0 ? 'no LLM calls' : gapOf(t) ?? `${money(t.monthlyCost, display)}/mo`;
  const configErrors = views.some((v) => v.view.snapshot.configErrors.length);
  // Folders priced with the same table share its warning: each message once.
  const stale = [...new Set(views.map((v) => v.view.snapshot.result.pricing.stale?.message).filter((m): m is string => !!m))];
  const icon = failing ? '$(error)' : configErrors || stale.length ? '$(warning)' : '$(pulse)';
  const notRead = (v: WorkspaceView) => (v.snapshot.result.stats.unreadFiles ? ` · ${plural(v.snapshot.result.stats.unreadFiles, 'file')} not read` : '');
  const lines = views.map((v) => `${v.name}: ${costLabel(v.view, display)} · ${v.view.snapshot.result.policy.failing} failing${notRead(v.view)}`);
  return { text: `${icon} ${cost} · ${failing} failing`, tooltip: [`tollgate: ${views.length} folders`, ...lines, ...stale, 'Click for the report'].join('\n'), failing: failing > 0 };
}
