// The updater's markdown change report: what a reviewer reads in the pull request body before merging.

import type { UpdateReport } from './update';

export function renderUpdateReport(r: UpdateReport): string {
  const out: string[] = [];
  out.push('## Pricing update', '');
  out.push(`Feed: \`${r.feed}\` (${r.feedModels} usable chat/embedding entries for tracked providers), prices as of ${r.feedDate}, run ${r.today}.`);
  out.push(r.write ? 'The table was written.' : 'Dry run: the table was not written (use --write).', '');
  out.push(summaryLine(r), '');
  priceSection(r, out);
  limitSection(r, out);
  addedSection(r, out);
  removedSection(r, out);
  newerSection(r, out);
  manualSection(r, out);
  malformedSection(r, out);
  aliasSection(r, out);
  notAddedSection(r, out);
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function summaryLine(r: UpdateReport): string {
  const suspicious = r.priceChanges.filter((c) => c.suspicious).length;
  const parts = [
    `${r.priceChanges.length} price ${plural(r.priceChanges.length, 'change')}${suspicious ? ` (${suspicious} suspicious)` : ''}`,
    `${r.limitChanges.length} limit ${plural(r.limitChanges.length, 'change')}`,
    `${r.added.length} added (needs review)${r.ignored ? `, ${r.ignored} ignored` : ''}`,
    `${r.removed.length} gone from the feed${r.removed.some((x) => x.pruned) ? ' (pruned)' : ''}`,
    `${r.malformed.length} malformed feed ${plural(r.malformed.length, 'entry', 'entries')} skipped`,
    `${r.manual.length} manual ${plural(r.manual.length, 'entry', 'entries')} kept`,
    ...(r.newerThanFeed.length ? [`${r.newerThanFeed.length} newer than the feed kept`] : []),
  ];
  return `**Summary:** ${parts.join(', ')}; ${r.matched} ${plural(r.matched, 'model')} matched.`;
}

function priceSection(r: UpdateReport, out: string[]) {
  if (!r.priceChanges.length) return;
  out.push('### Price changes (USD per 1M tokens)', '');
  out.push(`Changes over ${r.suspiciousPercent}% either way are flagged ⚠️ suspicious: check the provider's price page before merging.`, '');
  out.push('| provider | model | price | old → new | change |', '|---|---|---|---|---|');
  for (const c of r.priceChanges) {
    const change = c.percent === null ? (c.old === null ? 'new' : 'from 0') : signedPercent(c.percent);
    out.push(row(c.provider, c.id, c.field, `${num(c.old)} → ${num(c.new)}`, change + (c.suspicious ? ' ⚠️ suspicious' : '')));
  }
  out.push('');
}

function limitSection(r: UpdateReport, out: string[]) {
  if (!r.limitChanges.length) return;
  out.push('### Limit changes (tokens)', '');
  out.push('| provider | model | limit | old → new |', '|---|---|---|---|');
  for (const c of r.limitChanges) out.push(row(c.provider, c.id, c.field, `${num(c.old)} → ${num(c.new)}`));
  out.push('');
}

function addedSection(r: UpdateReport, out: string[]) {
  if (!r.added.length) return;
  out.push('### Added (needs review)', '');
  out.push('New in the feed for a provider the table tracks. The tier is a guess and the entry has no aliases: review both.', '');
  out.push('| provider | model | kind | tier (guessed) | input | output | feed key |', '|---|---|---|---|---|---|---|');
  for (const a of r.added) out.push(row(a.provider, a.id, a.kind, a.tier, num(a.input), num(a.output), `\`${a.key}\``));
  out.push('');
}

function removedSection(r: UpdateReport, out: string[]) {
  if (!r.removed.length) return;
  const pruned = r.removed.some((x) => x.pruned);
  out.push('### Gone from the feed', '');
  out.push(pruned ? 'Deleted from the table (--prune).' : 'Kept in the table; run with --prune to delete them.', '');
  out.push('| provider | model |', '|---|---|');
  for (const x of r.removed) out.push(row(x.provider, x.id));
  out.push('');
}

function newerSection(r: UpdateReport, out: string[]) {
  if (!r.newerThanFeed.length) return;
  out.push('### Newer than the feed (kept as they are)', '');
  out.push(`The table checked these after the feed's date (${r.feedDate}): an older feed does not revert a newer price. What the feed says differently:`, '');
  out.push('| provider | model | checked | feed says |', '|---|---|---|---|');
  for (const n of r.newerThanFeed) {
    const says = n.missing
      ? 'not listed (newer than the feed)'
      : n.differs.map((d) => `${d.field} ${num(d.table)} → ${num(d.feed)}${d.percent === null ? '' : ` (${signedPercent(d.percent)})`}`).join('; ');
    out.push(row(n.provider, n.id, n.checked, says));
  }
  out.push('');
}

function manualSection(r: UpdateReport, out: string[]) {
  if (!r.manual.length) return;
  out.push('### Manual entries (kept as they are)', '');
  out.push('| provider | model | feed says |', '|---|---|---|');
  for (const m of r.manual) out.push(row(m.provider, m.id, m.feedDiffers.length ? m.feedDiffers.join('; ') : 'no difference'));
  out.push('');
}

function malformedSection(r: UpdateReport, out: string[]) {
  if (!r.malformed.length) return;
  out.push('### Malformed feed entries (skipped)', '');
  out.push('| feed key | problem |', '|---|---|');
  for (const m of r.malformed) out.push(row(`\`${m.key}\``, m.problem));
  out.push('');
}

function aliasSection(r: UpdateReport, out: string[]) {
  if (!r.aliasCandidates.length) return;
  out.push(`<details><summary>${r.aliasCandidates.length} ${plural(r.aliasCandidates.length, 'snapshot')} of known models, not added (alias candidates)</summary>`, '');
  out.push('| provider | feed key | our model |', '|---|---|---|');
  for (const a of r.aliasCandidates) out.push(row(a.provider, `\`${a.key}\``, a.model));
  out.push('', '</details>', '');
}

function notAddedSection(r: UpdateReport, out: string[]) {
  if (!r.notAdded.length) return;
  out.push(`<details><summary>${r.notAdded.length} ${plural(r.notAdded.length, 'model')} on hosts and gateways not in the table (not added: add by hand if the code base calls them)</summary>`, '');
  out.push('| provider | feed key |', '|---|---|');
  for (const a of r.notAdded) out.push(row(a.provider, `\`${a.key}\``));
  out.push('', '</details>', '');
}

function row(...cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function num(v: number | null): string {
  return v === null ? '—' : String(v);
}

function signedPercent(p: number): string {
  const fixed = p.toFixed(1);
  return (p > 0 ? '+' : '') + (fixed === '-0.0' ? '0.0' : fixed) + '%';
}

function plural(n: number, one: string, many = one + 's'): string {
  return n === 1 ? one : many;
}
