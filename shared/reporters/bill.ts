import type { EstimatedCallSite, EstimatedResult } from '../estimate';
import type { TotalRow } from '../estimate/types';
import { plainLine } from '../redact';
import { inertText } from './workflow-commands';
import { count, table, usd, usdRange } from './format';
import { modelText } from './text';
import { notReadLine } from '../coverage';
import { gapOf, rowFigure } from './gaps';

const clean = plainLine;

function monthlyText(s: EstimatedCallSite): string {
  const e = s.estimate;
  if (e.status === 'unresolved-model') return 'model unknown';
  if (!e.costPerCall) return 'unknown model';
  if (!e.monthlyCost) return 'needs volume';
  return usdRange(e.monthlyCost);
}

function order(a: EstimatedCallSite, b: EstimatedCallSite): number {
  const rank = (s: EstimatedCallSite) => (s.estimate.monthlyCost ? 0 : s.estimate.costPerCall ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (b.estimate.monthlyCost?.expected ?? 0) - (a.estimate.monthlyCost?.expected ?? 0) ||
    (b.estimate.costPerCall?.expected ?? 0) - (a.estimate.costPerCall?.expected ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

// Only team rows carry `via`; a team found by tags needs no note, one found through CODEOWNERS does.
const viaText = (r: TotalRow) => (r.via === 'CODEOWNERS' ? ' (via CODEOWNERS)' : r.via === 'mixed' ? ' (via tags and CODEOWNERS)' : '');

function totalLine(label: string, rows: TotalRow[]): string {
  const parts = rows.map((r) => `${clean(r.key)}${viaText(r)} ${rowFigure(r, usd)}`);
  return `${label}: ${parts.join(' · ')}`;
}

/** The estimate as a bill: one row per call site by monthly cost, totals below, then every assumption. */
export function renderBill(result: EstimatedResult): string {
  const out: string[] = [];
  const sites = [...result.callSites].sort(order);
  if (!sites.length) out.push('No LLM call sites found.');
  else {
    const header = ['LOCATION', 'PROVIDER', 'MODEL', 'PER CALL', 'CALLS/MONTH', 'MONTHLY (EXPECTED, RANGE)'];
    const rows = sites.map((s) => [
      clean(`${s.file}:${s.line}:${s.column}`),
      clean(s.provider + (s.gateway ? ` via ${s.gateway}` : '')),
      clean(modelText(s.model)),
      s.estimate.costPerCall ? usd(s.estimate.costPerCall.expected) : '—',
      // Model calls, not invocations: a fan-out or an agent loop multiplies them.
      s.estimate.callsPerMonth !== null ? count(s.estimate.callsPerMonth * s.estimate.callsPerInvocation.expected) : '—',
      monthlyText(s),
    ]);
    const caps = [44, 24, 32, 12, 11, 40];
    const widths = header.map((h, i) => Math.min(caps[i], Math.max(h.length, ...rows.map((r) => r[i].length))));
    out.push(table([header, ...rows], widths));
    const t = result.totals.overall;
    out.push('');
    // A total with no volume behind it is not $0: say what is missing instead.
    const gap = gapOf(t);
    if (gap === 'needs volume') out.push(`TOTAL needs volume: ${t.callSites === 1 ? 'the call site has no volume' : `none of the ${t.callSites} call sites has a volume`} yet (per-call costs above)`);
    else if (gap === 'no price') out.push(`TOTAL unknown: ${t.callSites === 1 ? 'the call site has no price' : `none of the ${t.callSites} call sites has a price`} (model unknown or not in the table; the assumptions name the nearest priced models)`);
    else if (gap) out.push(`TOTAL unknown: no call site has both a volume and a price (${t.missingVolume} need${t.missingVolume === 1 ? 's' : ''} volume, ${t.unknownModel} ha${t.unknownModel === 1 ? 's' : 've'} no price)`);
    else out.push(`TOTAL ${usdRange(t.monthlyCost)} per month, estimated from ${t.withVolume} of ${t.callSites} call site${t.callSites === 1 ? '' : 's'}`);
    const gaps: string[] = [];
    if (t.missingVolume) gaps.push(`${t.missingVolume} need${t.missingVolume === 1 ? 's' : ''} volume`);
    if (t.unknownModel) gaps.push(`${t.unknownModel} ha${t.unknownModel === 1 ? 's' : 've'} no price (model unknown or not in the table)`);
    if (t.unitsMissingVolume) gaps.push(`${t.unitsMissingVolume} caller${t.unitsMissingVolume === 1 ? '' : 's'} of a wrapper need${t.unitsMissingVolume === 1 ? 's' : ''} volume`);
    if (t.unitsUnknownModel) gaps.push(`${t.unitsUnknownModel} caller${t.unitsUnknownModel === 1 ? '' : 's'} of a wrapper ha${t.unitsUnknownModel === 1 ? 's' : 've'} no price`);
    if (gaps.length) out.push(`Not in the total: ${gaps.join(', ')}.`);
    out.push(totalLine('By team', result.totals.byTeam));
    out.push(totalLine('By feature', result.totals.byFeature));
    out.push(totalLine('By model', result.totals.byModel));
    out.push('', `Assumptions (estimates, not invoices; pricing table ${result.pricing.version}):`);
    for (const s of sites) {
      out.push(`  ${clean(`${s.file}:${s.line}`)} ${clean(s.api)}`);
      for (const a of s.estimate.assumptions) out.push(`    - ${clean(a)}`);
    }
  }
  // Once per report, whatever the number of call sites: the table's age is the run's, not a site's.
  if (result.pricing.stale) out.push('', `Stale pricing: ${clean(result.pricing.stale.message)}`);
  out.push('', `Scanned ${result.stats.filesSeen} files, parsed ${result.stats.filesParsed}.`);
  const notRead = notReadLine(result);
  if (notRead) out.push(clean(notRead));
  if (result.warnings.length) {
    out.push('', `Warnings (${result.warnings.length}):`);
    for (const w of result.warnings) out.push(`  ${clean(w.file)}${w.line ? ':' + w.line : ''}: ${clean(w.message)}`);
  }
  return inertText(out.join('\n') + '\n');
}
