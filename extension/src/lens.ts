import type { EstimatedCallSite } from '../../shared/estimate';
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
  parts.push(e.monthlyCost ? `${money(e.monthlyCost, display)}/mo` : 'needs volume');
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
