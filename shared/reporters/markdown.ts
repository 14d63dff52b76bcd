import type { EstimatedCallSite, EstimatedResult } from '../estimate';
import type { TotalRow } from '../estimate/types';
import type { Diff, DiffCallSite, DiffMoney, DiffSide } from '../diff/compare';
import { noFigureReason } from '../diff/text';
import type { PolicyResult } from '../check';
import type { Finding, Rule, RuleSetting } from '../rules/types';
import { RULES } from '../rules/registry';
import { VERSION } from '../version';
import { mdCode, mdText } from './escape';
import { usd, usdRange } from './format';
import { modelText } from './text';
import { gapOf, rowFigure } from './gaps';

// The pull-request comment of `tollgate check` / `tollgate diff`. The action finds its earlier
// comment by MARKER and edits it, so the marker stays the very first line.

export const MARKER = '<!-- tollgate -->';
/** GitHub rejects comments above 65,536 characters; the margin leaves room for the cut notes. */
export const COMMENT_LIMIT = 65_536;
const BUDGET = COMMENT_LIMIT - 1_500;

export type MarkdownInput = EstimatedResult & { diff?: Diff; findings?: Finding[]; policy?: PolicyResult['policy'] };

export interface MarkdownOptions {
  /** Rule settings from tollgate.yml, so rules switched off are not listed as passed. */
  rules?: Record<string, RuleSetting>;
  /** Characters the comment may take (tests use a smaller one). */
  limit?: number;
  /** The rules that can pass; default: every registered rule. */
  registry?: Rule<never>[];
  /** false: leave out the stale-table warning (a comment of several directories says it once, above them). */
  stalePricing?: boolean;
}

/** A part of the comment that can be shortened: a fixed head and tail around a list of items. */
interface Section {
  name: string;
  head: string[];
  items: string[];
  tail: string[];
  /** How many items are shown; the rest are cut with a note. */
  shown: number;
  unit: string;
}

const signed = (n: number) => (n < 0 ? `−${usd(-n)}` : `+${usd(n)}`);
const percent = (p: number | null) => (p === null ? '' : ` (${p > 0 ? '+' : ''}${p}%)`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const at = (file: string, line: number, column?: number) => mdText(`${file}:${line}${column ? ':' + column : ''}`);

function headline(r: MarkdownInput): string[] {
  const d = r.diff;
  if (d) {
    const m = d.totals.monthlyCost;
    // The CI names the revisions with their commit hashes: those stay links to the commits.
    const range = `${mdText(d.base, undefined, { commits: true })} → ${d.head ? mdText(d.head, undefined, { commits: true }) : 'working tree'}`;
    const counts = `${d.totals.changed} changed, ${d.totals.added} added, ${d.totals.removed} removed call site${d.totals.changed + d.totals.added + d.totals.removed === 1 ? '' : 's'}`;
    const u = d.totals.unknownChange;
    if (u) {
      const known = (n: number | null) => (n === null ? 'none' : usd(n));
      return [
        `## tollgate: change unknown: ${plural(u.callSites, 'call site')} ${u.callSites === 1 ? 'has' : 'have'} no price`,
        '',
        ...u.reasons.map((x) => `- ${mdText(x, 400)}`),
        '',
        `Priced call sites only: **${known(m.base)} → ${known(m.head)} per month** (${range}) · ${counts}`,
      ];
    }
    if (m.change === null) return [`## tollgate: no monthly figure for this change`, '', `${mdText(noFigureReason(d))[0].toUpperCase()}${mdText(noFigureReason(d)).slice(1)}. ${range}: ${counts}.`];
    return [`## tollgate: ${signed(m.change)}/month${percent(m.changePercent)} estimated LLM spend`, '', `**${usd(m.base ?? 0)} → ${usd(m.head ?? 0)} per month** (${range}) · ${counts}`];
  }
  const t = r.totals.overall;
  // Never a $0 total that only means "no volume known" or "no price known": each says which.
  const gap = gapOf(t);
  const needVolume = `add \`// tollgate: volume N/day\` above a call or \`usage\` in tollgate.yml`;
  const needPrice = 'fix the model name or add a price under `pricing.overrides` (the assumptions name the nearest priced models)';
  if (gap === 'needs volume') return [`## tollgate: needs volume`, '', `${plural(t.callSites, 'call site')}, none with a volume yet: ${needVolume}.`];
  if (gap === 'no price') return [`## tollgate: no price`, '', `${plural(t.callSites, 'call site')}, none with a price: ${needPrice}.`];
  if (gap) return [`## tollgate: needs volume and prices`, '', `${plural(t.callSites, 'call site')}, none with both a volume and a price: ${plural(t.missingVolume, 'call site')} need${t.missingVolume === 1 ? 's' : ''} volume (${needVolume}), ${t.unknownModel} ha${t.unknownModel === 1 ? 's' : 've'} no price (${needPrice}).`];
  const gaps = [t.missingVolume ? `${t.missingVolume} need${t.missingVolume === 1 ? 's' : ''} volume` : '', t.unknownModel ? `${t.unknownModel} ha${t.unknownModel === 1 ? 's' : 've'} no price` : ''].filter(Boolean);
  return [`## tollgate: ${usd(t.monthlyCost.expected)}/month estimated LLM spend`, '', `**${usdRange(t.monthlyCost)} per month**, from ${t.withVolume} of ${plural(t.callSites, 'call site')}${gaps.length ? ` (${gaps.join(', ')})` : ''}`];
}

/**
 * The blind spots in one line: how many files may hold calls the figures lack, and the packages.
 * Package names come from tollgate's own catalogue, never from the scanned text.
 */
function notRead(r: MarkdownInput): string[] {
  const c = r.coverage;
  if (!c || (!c.unreadPackages.length && !c.unreadCalls.length)) return [];
  const files = r.stats.unreadFiles ?? 0;
  const parts: string[] = [];
  if (c.unreadPackages.length) parts.push(c.unreadPackages.map((p) => `${mdCode(p.package)} (${p.files.length})`).join(', '));
  if (c.unreadCalls.length) parts.push(`${plural(c.unreadCalls.length, 'SDK call')} not recognised`);
  return ['', `**Not read**: ${plural(files, 'file')} with calls tollgate cannot price: ${parts.join('; ')}. Their cost is not in these figures.`];
}

function verdict(r: MarkdownInput): string[] {
  const p = r.policy;
  if (!p) return [];
  const counts = `${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}, ${p.infos} info, ${p.suppressed} suppressed${p.existing ? `, ${p.existing} already on the base branch` : ''}`;
  return ['', `**Policy ${p.failed ? 'failed' : 'passed'}**: ${counts} (fails on: ${p.failOn}${p.existing && !p.failOnExisting && p.failOn !== 'never' ? ', new findings only' : ''}).`];
}

const viaText = (r: TotalRow) => (r.via === 'CODEOWNERS' ? ' (via CODEOWNERS)' : r.via === 'mixed' ? ' (via tags and CODEOWNERS)' : '');

function ownershipSection(r: MarkdownInput): Section {
  const d = r.diff;
  const items: string[] = [];
  let head: string[];
  if (d) {
    head = ['', '### By team and feature', '', '| | Name | Base | Head | Change |', '|---|---|--:|--:|--:|'];
    const row = (kind: string, x: Diff['totals']['byTeam'][number]) =>
      `| ${kind} | ${mdText(x.key)} | ${x.base === null ? '—' : usd(x.base)} | ${x.head === null ? '—' : usd(x.head)} | ${changeCell(x)} |`;
    for (const x of d.totals.byTeam) items.push(row('team', x));
    for (const x of d.totals.byFeature) items.push(row('feature', x));
  } else {
    head = ['', '### By team and feature', '', '| | Name | Monthly |', '|---|---|--:|'];
    const row = (kind: string, x: TotalRow) => `| ${kind} | ${mdText(x.key)}${viaText(x)} | ${rowFigure(x, usd)} |`;
    for (const x of r.totals.byTeam) items.push(row('team', x));
    for (const x of r.totals.byFeature) items.push(row('feature', x));
  }
  return { name: 'by team and feature', head, items, tail: [], shown: items.length, unit: 'row' };
}

const changeCell = (x: DiffMoney) => (x.change !== null ? signed(x.change) + percent(x.changePercent) : x.unknownCallSites ? 'unknown (no price)' : '—');

function sideText(s: DiffSide | null): string {
  if (!s) return '—';
  const model = mdText(modelText(s.model), 80);
  if (s.monthlyCost) return `${model}, ${usd(s.monthlyCost.expected)}/mo`;
  if (s.costPerCall) return `${model}, ${usd(s.costPerCall.expected)}/call`;
  return `${model}, ${s.unpriced.length ? 'no price' : 'model unknown'}`;
}

function changeOrder(a: DiffCallSite, b: DiffCallSite): number {
  return Math.abs(b.monthlyChange ?? 0) - Math.abs(a.monthlyChange ?? 0) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
}

function changesSection(d: Diff): Section {
  const rows = d.callSites.filter((c) => c.status !== 'unchanged').sort(changeOrder);
  const items = rows.map((c) => {
    const why = c.status === 'changed' ? c.details.map((x) => mdText(x)).join('; ') : c.status;
    return `| ${at(c.file, c.line)} | ${mdText(c.api, 60)} | ${sideText(c.before)} | ${sideText(c.after)} | ${c.changeUnknown ? 'unknown' : c.monthlyChange === null ? '—' : signed(c.monthlyChange)} | ${why} |`;
  });
  const head = rows.length ? ['', '### Changed call sites', '', '| Call site | API | Before | After | Monthly | Why |', '|---|---|---|---|--:|---|'] : ['', '### Changed call sites', '', 'No call site changed cost.'];
  return { name: 'changed call sites', head, items, tail: [], shown: items.length, unit: 'call site' };
}

function findingLine(f: Finding, mark = true): string {
  // In strict mode (fail-on-existing) the base's findings stay in the lists, marked.
  return `- **${f.severity}** ${at(f.file, f.line, f.column)} ${mdCode(f.ruleId)}: ${mdText(f.message, 500)}${mark && f.new === false ? ' (already on the base branch)' : ''}`;
}

function policySections(r: MarkdownInput, rules: Record<string, RuleSetting> | undefined, registry: Rule<never>[]): Section[] {
  if (!r.findings || !r.policy) return [];
  const unsuppressed = r.findings.filter((f) => !f.suppressed);
  // Findings the base already had do not fail the check (unless fail-on-existing): listed apart, collapsed.
  const apart = !r.policy.failOnExisting;
  const active = apart ? unsuppressed.filter((f) => f.new !== false) : unsuppressed;
  const existing = apart ? unsuppressed.filter((f) => f.new === false) : [];
  const out: Section[] = [];
  const list = (name: string, title: string, fs: Finding[]) => {
    if (fs.length) out.push({ name, head: ['', `#### ${title} (${fs.length})`, ''], items: fs.map((f) => findingLine(f)), tail: [], shown: fs.length, unit: 'finding' });
  };
  out.push({ name: 'policy', head: ['', `### Policy (${mdText(r.policy.source, 400)})`], items: [], tail: [], shown: 0, unit: '' });
  list('failed', r.policy.failed ? 'Failed' : 'Errors', active.filter((f) => f.severity === 'error'));
  list('warnings', 'Warnings', active.filter((f) => f.severity === 'warning'));
  list('notes', 'Notes', active.filter((f) => f.severity === 'info'));
  const flagged = new Set(unsuppressed.map((f) => f.ruleId));
  const passed = registry.filter((rule) => (rules?.[rule.meta.id]?.severity ?? rule.meta.defaultSeverity) !== 'off' && !flagged.has(rule.meta.id)).map((rule) => mdCode(rule.meta.id));
  out.push({ name: 'passed', head: ['', `#### Passed (${passed.length})`, '', passed.length ? passed.join(', ') : 'No rule passed without findings.'], items: [], tail: [], shown: 0, unit: '' });
  if (existing.length) {
    out.push({
      name: 'findings already on the base branch',
      head: ['', `<details><summary>Already on the base branch (${existing.length}): not failing this change</summary>`, ''],
      items: existing.map((f) => findingLine(f, false)),
      tail: ['', '</details>'],
      shown: existing.length,
      unit: 'finding',
    });
  }
  const suppressed = r.findings.filter((f) => f.suppressed);
  if (suppressed.length) {
    out.push({
      name: 'suppressed findings',
      head: ['', `<details><summary>Suppressed findings (${suppressed.length})</summary>`, ''],
      items: suppressed.map((f) => `${findingLine(f, false)}: suppressed${f.suppressionReason ? ': ' + mdText(f.suppressionReason) : ' without a reason'}`),
      tail: ['', '</details>'],
      shown: suppressed.length,
      unit: 'finding',
    });
  }
  return out;
}

function assumptionItems(sites: EstimatedCallSite[]): string[] {
  return sites.map((s) => [`- ${at(s.file, s.line)} ${mdText(s.api, 60)} (${mdText(modelText(s.model), 80)})`, ...s.estimate.assumptions.map((a) => `  - ${mdText(a, 400)}`)].join('\n'));
}

/** Each file the "Not read" line counts, with what it imports or calls (file paths and calls are scanned text). */
function notReadSection(r: MarkdownInput): Section[] {
  const c = r.coverage;
  if (!c || (!c.unreadPackages.length && !c.unreadCalls.length)) return [];
  const items = [
    ...c.unreadPackages.flatMap((p) => p.files.map((f) => ({ at: f, line: 0, text: `- ${mdText(f)}: imports ${mdCode(p.package)}` }))),
    ...c.unreadCalls.map((u) => ({ at: u.file, line: u.line, text: `- ${at(u.file, u.line)}: calls ${mdCode(u.sdk)} ${mdText(u.call, 120)}` })),
  ]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.line - b.line))
    .map((i) => i.text);
  return [{ name: 'not read', head: ['', `<details><summary>Not read (${plural(r.stats.unreadFiles ?? 0, 'file')}): calls tollgate cannot price</summary>`, ''], items, tail: ['', '</details>'], shown: items.length, unit: 'entry' }];
}

/** Why a call site has no price: its model unknown statically, or the unpriced models with the nearest priced names. */
function noPriceText(s: EstimatedCallSite): string {
  const gaps = s.estimate.unpriced ?? [];
  if (!gaps.length) return `model unknown (${mdText(modelText(s.model), 200)})`;
  // Scanned text, and so are the nearest names: tollgate.yml (the scanned repository's) adds models to the table.
  return gaps.map((g) => `no price for ${mdText(g.model, 120)}${g.nearest.length ? ` (did you mean ${g.nearest.map((n) => mdText(n, 120)).join(', ')}?)` : ''}`).join('; ');
}

function detailSections(r: MarkdownInput): Section[] {
  const needVolume = r.callSites.filter((s) => s.estimate.costPerCall && !s.estimate.monthlyCost);
  const out: Section[] = [...notReadSection(r)];
  if (needVolume.length) {
    out.push({
      name: 'call sites needing volume',
      head: ['', `<details><summary>Call sites needing volume (${needVolume.length}): not in the monthly figures</summary>`, ''],
      items: needVolume.map((s) => `- ${at(s.file, s.line)} ${mdText(s.api, 60)}: ${usd(s.estimate.costPerCall!.expected)} a call`),
      tail: ['', 'Set their volume with `// tollgate: volume N/day` above the call or `usage` in tollgate.yml.', '', '</details>'],
      shown: needVolume.length,
      unit: 'call site',
    });
  }
  const noPrice = r.callSites.filter((s) => !s.estimate.costPerCall);
  if (noPrice.length) {
    out.push({
      name: 'call sites with no price',
      head: ['', `<details><summary>Call sites with no price (${noPrice.length}): not in the monthly figures</summary>`, ''],
      items: noPrice.map((s) => `- ${at(s.file, s.line)} ${mdText(s.api, 60)}: ${noPriceText(s)}`),
      tail: ['', 'Fix the model name, or price it under `pricing.overrides` in tollgate.yml.', '', '</details>'],
      shown: noPrice.length,
      unit: 'call site',
    });
  }
  if (r.callSites.length) {
    out.push({
      name: 'assumptions',
      head: ['', `<details><summary>Assumptions (${plural(r.callSites.length, 'call site')}; estimates, not invoices)</summary>`, ''],
      items: assumptionItems(r.callSites),
      tail: ['', '</details>'],
      shown: r.callSites.length,
      unit: 'call site',
    });
  }
  return out;
}

function footer(r: MarkdownInput): string[] {
  return ['', `<sub>tollgate ${VERSION} · pricing table ${mdText(r.pricing.version)} · estimates, not invoices</sub>`];
}

function renderSection(s: Section): string[] {
  const cut = s.items.length - s.shown;
  const note = cut ? ['', `_${plural(cut, s.unit)} not shown (comment size limit); see \`--format json\` for all._`] : [];
  return [...s.head, ...s.items.slice(0, s.shown), ...note, ...s.tail];
}

const size = (lines: string[]) => lines.reduce((n, l) => n + l.length + 1, 0);

/**
 * Shortens the largest sections first until the comment fits: each step halves what the
 * currently longest cuttable section shows. Returns what was cut, for a note near the top.
 */
function fit(sections: Section[], fixed: number, budget: number): string[] {
  const length = () => fixed + sections.reduce((n, s) => n + size(renderSection(s)), 0);
  while (length() > budget) {
    const cuttable = sections.filter((s) => s.shown > 0);
    if (!cuttable.length) break;
    const longest = cuttable.reduce((a, b) => (size(renderSection(b)) > size(renderSection(a)) ? b : a));
    longest.shown = Math.floor(longest.shown / 2);
  }
  return sections.filter((s) => s.shown < s.items.length).map((s) => `${s.name} (${s.shown} of ${s.items.length} shown)`);
}

/** The pull-request comment as GitHub-flavoured markdown; every string from scanned code is escaped. */
/** The table's age, said once at the top: every figure below comes from it. */
export function stalePricingLines(message: string): string[] {
  return ['', '> [!WARNING]', `> ${mdText(message, 600)}`];
}

function stalePricing(r: MarkdownInput, options: MarkdownOptions): string[] {
  return r.pricing.stale && options.stalePricing !== false ? stalePricingLines(r.pricing.stale.message) : [];
}

export function renderMarkdown(result: MarkdownInput, options: MarkdownOptions = {}): string {
  const top = [MARKER, ...headline(result), ...verdict(result), ...notRead(result), ...stalePricing(result, options)];
  const sections = [ownershipSection(result), ...(result.diff ? [changesSection(result.diff)] : []), ...policySections(result, options.rules, options.registry ?? RULES), ...detailSections(result)];
  const end = footer(result);
  const budget = Math.min(options.limit ?? BUDGET, BUDGET);
  const cutNoteRoom = 400;
  const cut = fit(sections, size(top) + size(end) + cutNoteRoom, budget);
  const note = cut.length ? ['', `> [!NOTE]`, `> Shortened to fit GitHub's comment size limit, longest sections first: ${cut.join(', ')}.`] : [];
  return [...top, ...note, ...sections.flatMap(renderSection), ...end].join('\n') + '\n';
}
