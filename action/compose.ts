import { COMMENT_LIMIT, MARKER, renderMarkdown, stalePricingLines } from '../shared/reporters/markdown';
import { mdText } from '../shared/reporters/escape';
import { usd } from '../shared/reporters/format';
import type { DirectoryReport } from './analyse';
import { totalsOf, type Totals } from './totals';

// The comment body: the core's markdown report with this job's marker as its first line. Several
// directories make one comment: a summary table, then each directory's report under its own
// heading (the core's headings moved one level down), each given an equal share of the size limit.

/** Room for the combined header and table of a multi-directory comment. */
const HEADER_ROOM = 4_000;

function withMarker(md: string, marker: string): string {
  if (!md.startsWith(MARKER + '\n')) throw new Error('the markdown reporter no longer starts with its marker');
  return marker + md.slice(MARKER.length);
}

const signed = (n: number) => (n < 0 ? `−${usd(-n)}` : `+${usd(n)}`);
const pct = (p: number | null) => (p === null ? '' : ` (${p > 0 ? '+' : ''}${p}%)`);

function headline(t: Totals, dirs: number): string[] {
  const where = `in ${dirs} directories`;
  if (t.unknownChange) return [`## tollgate: change unknown: ${t.unknownChange} call site${t.unknownChange === 1 ? ' has' : 's have'} no price ${where}`];
  if (t.change !== null) return [`## tollgate: ${signed(t.change)}/month${pct(t.changePercent)} estimated LLM spend ${where}`, '', `**${usd(t.base ?? 0)} → ${usd(t.head ?? 0)} per month**`];
  if (t.head !== null) return [`## tollgate: ${usd(t.head)}/month estimated LLM spend ${where}`];
  return [`## tollgate: needs volume ${where}`];
}

function policyCell(r: DirectoryReport): string {
  const p = r.result.policy;
  return `${p.failed ? '**failed**' : 'passed'}: ${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}`;
}

function money(r: DirectoryReport): string {
  const d = r.result.diff?.totals.monthlyCost;
  const t = totalsOf([r]);
  if (d) return `${d.base === null ? '—' : usd(d.base)} | ${d.head === null ? '—' : usd(d.head)} | ${d.change === null ? (d.unknownCallSites ? 'unknown (no price)' : '—') : signed(d.change) + pct(d.changePercent)}`;
  return t.head === null ? 'needs volume' : usd(t.head);
}

/** One directory's report as a section: its headline names the directory instead of tollgate. */
function section(r: DirectoryReport, limit: number): string[] {
  const md = renderMarkdown(r.result, { rules: r.config.rules, limit, stalePricing: false });
  const lines = md.slice(MARKER.length + 1).trimEnd().split('\n');
  // Only the reporter's own lines start with '#': scanned text is escaped (`\#`), so this moves headings only.
  const demoted = lines.map((l) => (/^#{2,5} /.test(l) ? '#' + l : l));
  demoted[0] = demoted[0].replace(/^### tollgate: /, `### ${mdText(r.path, 200)}: `);
  return demoted;
}

export function composeComment(reports: DirectoryReport[], marker: string): string {
  if (reports.length === 1) return withMarker(renderMarkdown(reports[0].result, { rules: reports[0].config.rules }), marker);
  const t = totalsOf(reports);
  const failed = reports.filter((r) => r.result.policy.failed);
  const withDiff = reports.some((r) => r.result.diff);
  const table = withDiff
    ? ['| Directory | Base | Head | Change | Policy |', '|---|--:|--:|--:|---|', ...reports.map((r) => `| ${mdText(r.path, 200)} | ${money(r)} | ${policyCell(r)} |`)]
    : ['| Directory | Monthly | Policy |', '|---|--:|---|', ...reports.map((r) => `| ${mdText(r.path, 200)} | ${money(r)} | ${policyCell(r)} |`)];
  const verdict = failed.length ? `**Policy failed** in ${failed.map((r) => mdText(r.path, 200)).join(', ')}.` : '**Policy passed** in every directory.';
  const limit = Math.floor((COMMENT_LIMIT - HEADER_ROOM) / reports.length);
  // Directories priced with the same table share its age: each stale-table warning once, above the sections.
  const stale = [...new Set(reports.map((r) => r.result.pricing.stale?.message).filter((m): m is string => !!m))].flatMap(stalePricingLines);
  const body = [marker, ...headline(t, reports.length), '', verdict, ...stale, '', ...table, ...reports.flatMap((r) => ['', ...section(r, limit)])];
  return body.join('\n') + '\n';
}
