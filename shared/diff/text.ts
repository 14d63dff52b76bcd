import { usd } from '../reporters/format';
import { plainLine as clean } from '../redact';
import { inertText } from '../reporters/workflow-commands';
import type { Diff, DiffCallSite, DiffSide } from './compare';

// The terminal report of `tollgate diff`: the monthly change first, then what moved it.

function signed(n: number): string {
  return n < 0 ? `-${usd(-n)}` : `+${usd(n)}`;
}

function monthly(s: DiffSide | null): string {
  if (!s) return '—';
  if (s.monthlyCost) return `${usd(s.monthlyCost.expected)}/mo`;
  if (s.costPerCall) return `${usd(s.costPerCall.expected)}/call, needs volume`;
  return s.unpriced.length ? 'no price' : 'model unknown';
}

const known = (n: number | null) => (n === null ? 'none' : usd(n));

function headline(d: Diff): string[] {
  const m = d.totals.monthlyCost;
  const head = d.head === null ? 'working tree' : clean(d.head);
  const u = d.totals.unknownChange;
  if (u) {
    // Never a saving made of a price the table lacks: the change is unknown, and the reasons say which call sites to fix.
    const lines = [`tollgate diff ${clean(d.base)}…${head}: change unknown: ${u.callSites} call site${u.callSites === 1 ? ' has' : 's have'} no price`];
    for (const r of u.reasons) lines.push(`  ${clean(r)}`);
    lines.push(`Priced call sites only: ${known(m.base)} → ${known(m.head)} per month`);
    return lines;
  }
  if (m.change === null) return [`tollgate diff ${clean(d.base)}…${head}: ${noFigureReason(d)}, so no monthly figure`];
  const pct = m.changePercent === null ? '' : ` (${m.changePercent > 0 ? '+' : ''}${m.changePercent}%)`;
  return [`tollgate diff ${clean(d.base)}…${head}: ${signed(m.change)}/month${pct}, ${usd(m.base ?? 0)} → ${usd(m.head ?? 0)}`];
}

/** No monthly change: no volume, or volumes only where there is no price. Two different fixes, said apart. */
export function noFigureReason(d: Diff): string {
  const sides = d.callSites.flatMap((c) => [c.before, c.after]).filter((s): s is DiffSide => s !== null);
  const volumeNoPrice = sides.some((s) => s.callsPerMonth !== null && s.costPerCall === null);
  const priceNoVolume = sides.some((s) => s.callsPerMonth === null && s.costPerCall !== null);
  if (volumeNoPrice && !priceNoVolume) return 'no call site with a volume has a price (fix the model or add it to pricing.overrides)';
  if (volumeNoPrice) return 'no call site has both a volume and a price (set usage in tollgate.yml; fix the unknown models)';
  return 'no call site has a volume (set usage in tollgate.yml)';
}

function line(c: DiffCallSite): string {
  const mark = c.status === 'added' ? '+' : c.status === 'removed' ? '-' : '~';
  const delta = c.changeUnknown ? '  change unknown' : !c.monthlyChange ? '' : `  ${signed(c.monthlyChange)}/mo`;
  const out = [`  ${mark} ${clean(c.file)}:${c.line}  ${clean(c.api)}  ${monthly(c.before)} → ${monthly(c.after)}${delta}`];
  for (const d of c.details) out.push(`      ${clean(d)}`);
  return out.join('\n');
}

function baseNote(d: Diff): string {
  const b = d.baseScan;
  if (b.mode === 'reused') return ' (no change reaches a call site: the base reuses the head\'s analysis)';
  if (b.mode === 'partial') return ` (base: ${b.analysedFiles} file${b.analysedFiles === 1 ? '' : 's'} analysed again, ${b.reusedCallSites} call site${b.reusedCallSites === 1 ? '' : 's'} reused from the head)`;
  return '';
}

export function renderDiffText(d: Diff): string {
  const out = [...headline(d), ''];
  const t = d.totals;
  out.push(`${t.changed} changed, ${t.added} added, ${t.removed} removed call site${t.changed + t.added + t.removed === 1 ? '' : 's'}${baseNote(d)}`);
  for (const status of ['changed', 'added', 'removed'] as const) {
    const rows = d.callSites.filter((c) => c.status === status);
    if (!rows.length) continue;
    out.push('', `${status[0].toUpperCase()}${status.slice(1)}:`);
    for (const c of rows) out.push(line(c));
  }
  const teams = t.byTeam.filter((r) => r.change || r.unknownCallSites);
  if (teams.length) {
    out.push('', 'By team:');
    for (const r of teams) {
      const delta = r.change === null ? `change unknown (${r.unknownCallSites} call site${r.unknownCallSites === 1 ? '' : 's'} without a price)` : `${signed(r.change)}${r.changePercent === null ? '' : ` (${r.changePercent > 0 ? '+' : ''}${r.changePercent}%)`}`;
      const money = r.change === null ? `${known(r.base)} → ${known(r.head)}` : `${usd(r.base ?? 0)} → ${usd(r.head ?? 0)}`;
      out.push(`  ${clean(r.key)}  ${money}  ${delta}`);
    }
  }
  // What the base revision could not be read or parsed for: its figures may miss those files.
  if (d.baseWarnings.length) {
    out.push('', `Base warnings (${d.baseWarnings.length}):`);
    for (const w of d.baseWarnings) out.push(`  ${clean(w.file)}${w.line ? ':' + w.line : ''}: ${clean(w.message)}`);
  }
  return inertText(out.join('\n') + '\n');
}
