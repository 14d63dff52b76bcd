import type { EstimatedCallSite } from '../../shared/estimate';
import type { AttributionUnit } from '../../shared/estimate/types';
import type { Resolved } from '../../shared/types';
import type { CurrencyDisplay } from './settings';
import { count, money, plain, usd } from './text';

// The one line shown above (CodeLens) or beside (inlay hint) a call site:
//   ≈ $0.0042/call · $1,260.00/mo · gpt-4o · 1.2k → 500 tok
// It says "needs volume" or "unknown model" when that is the truth, never $0.

export function modelLabel(site: EstimatedCallSite): string {
  if (site.estimate.models.length) return site.estimate.models.join(' | ');
  return unresolved(site.model);
}

function unresolved(m: Resolved): string {
  return m.status === 'unknown' ? `? ${m.reason}` : m.status === 'exact' ? m.value : m.values.join(' | ');
}

export function lensText(site: EstimatedCallSite, display: CurrencyDisplay): string {
  const e = site.estimate;
  const model = plain(modelLabel(site), 60);
  if (e.status === 'unresolved-model') return `unknown model · ${model}`;
  if (!e.costPerCall) return `${e.status === 'unpriced' ? 'no price' : 'unknown model'} · ${model}`;
  const parts = [`≈ ${usd(e.costPerCall.expected)}/call`];
  // Split by caller: the figure is the callers' sum, and says how many callers it leaves out.
  const missing = e.volumeBy === 'callers' && e.unitsMissingVolume ? ` (${e.unitsMissingVolume} of ${e.units!.length} callers need volume)` : '';
  parts.push(e.monthlyCost ? `${money(e.monthlyCost, display)}/mo${missing}` : 'needs volume');
  if (e.units) parts.push(e.volumeBy === 'callers' ? `${e.units.length} callers` : `${e.units.length} callers, not split`);
  parts.push(model);
  // Embeddings and moderation produce no output tokens: the input is the whole story.
  parts.push(e.outputTokens.high === 0 ? `${count(e.inputTokens.expected)} tok` : `${count(e.inputTokens.expected)} → ${count(e.outputTokens.expected)} tok`);
  if (e.callsPerInvocation.expected !== 1) parts.push(`×${count(e.callsPerInvocation.expected)} calls`);
  // Some of several models has no price: the figure covers the others only.
  if (e.status === 'unknown-model') parts.push('some models unknown');
  return parts.join(' · ');
}

/** The lens's tooltip: what a click shows. */
export function lensTooltip(site: EstimatedCallSite): string {
  const owner = site.owner ? `owner ${plain(site.owner.team)} (${site.owner.via})` : 'no owner';
  return `tollgate: ${plain(site.provider)} ${plain(site.api)} · ${owner} · click for the breakdown`;
}

/** The lens at a caller of a wrapper: that caller's own share of the call site it reaches. */
export function unitLensText(site: EstimatedCallSite, unit: AttributionUnit, display: CurrencyDisplay): string {
  const tags = Object.entries(unit.tags).map(([k, v]) => `${plain(k, 20)} ${plain(v, 40)}`);
  const target = `→ ${plain(site.function ?? site.api, 40)}() ${plain(site.file, 60)}:${site.line}`;
  const parts = [unit.costPerCall ? `≈ ${usd(unit.costPerCall.expected)}/call` : 'unknown model'];
  if (unit.costPerCall) {
    // The call site's volume covers all its callers: this caller's share of it is not known.
    if (unit.monthlyCost) parts.push(`${money(unit.monthlyCost, display)}/mo`);
    else parts.push(site.estimate.volumeBy === 'call site' ? 'share of the call site\'s volume unknown' : 'needs volume');
  }
  parts.push(tags.length ? tags.join(', ') : 'no tags');
  parts.push(target);
  return parts.join(' · ');
}
