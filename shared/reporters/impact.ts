// The pricing impact (shared/pricing/impact.ts) as text, JSON and markdown (the weekly pricing pull request's
// body). Unknown is said as unknown: a side without a price is "no price", a call without volume "needs volume".

import type { ImpactSite, PricingImpact } from '../pricing/impact';
import { plainLine } from '../redact';
import { mdText } from './escape';
import { table, usd } from './format';
import { inertJson } from './workflow-commands';

const clean = plainLine;

/**
 * Four significant digits below a dollar: a price change moves the third digit of a per-call cost, which
 * the bill's two digits would round away ($0.00212 → $0.00206 both print as $0.0021 there).
 */
function money(n: number): string {
  const a = Math.abs(n);
  if (a === 0 || a >= 1) return usd(n);
  const decimals = Math.min(12, Math.max(2, 3 - Math.floor(Math.log10(a))));
  return '$' + n.toFixed(decimals).replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1');
}

function signedUsd(n: number): string {
  return n < 0 ? `-${money(-n)}` : `+${money(n)}`;
}

function signedPercent(p: number | null): string {
  if (p === null) return '';
  const fixed = p.toFixed(1);
  return ` (${p > 0 ? '+' : ''}${fixed === '-0.0' ? '0.0' : fixed}%)`;
}

const tableName = (t: { version: string; file: string | null }) => `${t.file ?? 'built-in table'} (${t.version})`;

function perCall(s: ImpactSite): string {
  const from = s.current.perCall === null ? 'no price' : money(s.current.perCall);
  const to = s.new.perCall === null ? 'no price' : money(s.new.perCall);
  return `${from} → ${to}`;
}

function perCallChange(s: ImpactSite): string {
  return s.perCallChange === null ? 'unknown' : signedUsd(s.perCallChange) + signedPercent(s.changePercent);
}

function monthlyChange(s: ImpactSite): string {
  if (s.monthlyChange !== null) return `${money(s.current.monthly!)} → ${money(s.new.monthly!)}, ${signedUsd(s.monthlyChange)}`;
  return s.unknown === 'needs volume' ? 'needs volume' : `unknown (${s.unknown})`;
}

function summary(r: PricingImpact): string {
  const n = r.callSites.length;
  const unpriced = r.unpricedByBoth ? `; ${r.unpricedByBoth} priced by neither table (unknown model)` : '';
  if (!n) return `No call site changes cost (${r.unchanged} priced the same${unpriced}).`;
  const t = r.totals;
  const withFigure = n - t.unknown;
  const figure = withFigure
    ? `${signedUsd(t.monthlyChange)}/month${t.currentMonthly ? signedPercent((t.monthlyChange / t.currentMonthly) * 100) : ''} (${money(t.currentMonthly)} → ${money(t.newMonthly)}) across the ${withFigure} with a volume`
    : 'no monthly figure (none of them has both prices and a volume)';
  const unknown = t.unknown ? `; ${t.unknown} without a monthly figure (unknown, not $0)` : '';
  return `${n} call site${n === 1 ? '' : 's'} change cost: ${figure}${unknown}; ${r.unchanged} unchanged${unpriced}.`;
}

export function renderImpactText(r: PricingImpact): string {
  const out = [`Pricing impact: ${clean(tableName(r.current))} → ${clean(tableName(r.new))}`, summary(r)];
  if (r.callSites.length) {
    const header = ['LOCATION', 'MODEL', 'PER CALL', 'CHANGE/CALL', 'PER MONTH'];
    const rows = r.callSites.map((s) => [clean(`${s.file}:${s.line}:${s.column}`), clean(s.model), perCall(s), perCallChange(s), monthlyChange(s)]);
    const caps = [44, 32, 28, 22, 60];
    const widths = header.map((h, i) => Math.min(caps[i], Math.max(h.length, ...rows.map((row) => row[i].length))));
    out.push('', table([header, ...rows], widths));
  }
  return out.join('\n') + '\n';
}

export function renderImpactJson(r: PricingImpact): string {
  return inertJson(JSON.stringify(r, null, 2)) + '\n';
}

export function renderImpactMarkdown(r: PricingImpact): string {
  const out = ['## Pricing impact', '', `${mdText(tableName(r.current), 200)} → ${mdText(tableName(r.new), 200)}`, '', mdText(summary(r), 600)];
  if (r.callSites.length) {
    out.push('', '| call site | model | per call | change per call | per month |', '|---|---|--:|--:|--:|');
    for (const s of r.callSites) {
      out.push(`| ${mdText(`${s.file}:${s.line}`, 200)} | ${mdText(s.model, 80)} | ${mdText(perCall(s))} | ${mdText(perCallChange(s))} | ${mdText(monthlyChange(s))} |`);
    }
  }
  return out.join('\n') + '\n';
}
