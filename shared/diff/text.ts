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
  return 'unpriced';
}

function headline(d: Diff): string {
  const m = d.totals.monthlyCost;
  const head = d.head === null ? 'working tree' : clean(d.head);
  if (m.change === null) return `tollgate diff ${clean(d.base)}…${head}: no call site has a volume, so no monthly figure (set usage in tollgate.yml)`;
  const pct = m.changePercent === null ? '' : ` (${m.changePercent > 0 ? '+' : ''}${m.changePercent}%)`;
  return `tollgate diff ${clean(d.base)}…${head}: ${signed(m.change)}/month${pct}, ${usd(m.base ?? 0)} → ${usd(m.head ?? 0)}`;
}

function line(c: DiffCallSite): string {
  const mark = c.status === 'added' ? '+' : c.status === 'removed' ? '-' : '~';
  const delta = !c.monthlyChange ? '' : `  ${signed(c.monthlyChange)}/mo`;
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
  const out = [headline(d), ''];
  const t = d.totals;
  out.push(`${t.changed} changed, ${t.added} added, ${t.removed} removed call site${t.changed + t.added + t.removed === 1 ? '' : 's'}${baseNote(d)}`);
  for (const status of ['changed', 'added', 'removed'] as const) {
    const rows = d.callSites.filter((c) => c.status === status);
    if (!rows.length) continue;
    out.push('', `${status[0].toUpperCase()}${status.slice(1)}:`);
    for (const c of rows) out.push(line(c));
  }
  const teams = t.byTeam.filter((r) => r.change);
  if (teams.length) {
    out.push('', 'By team:');
    for (const r of teams) out.push(`  ${clean(r.key)}  ${usd(r.base ?? 0)} → ${usd(r.head ?? 0)}  ${signed(r.change!)}${r.changePercent === null ? '' : ` (${r.changePercent > 0 ? '+' : ''}${r.changePercent}%)`}`);
  }
  // What the base revision could not be read or parsed for: its figures may miss those files.
  if (d.baseWarnings.length) {
    out.push('', `Base warnings (${d.baseWarnings.length}):`);
    for (const w of d.baseWarnings) out.push(`  ${clean(w.file)}${w.line ? ':' + w.line : ''}: ${clean(w.message)}`);
  }
  return inertText(out.join('\n') + '\n');
}
