import { resolvedValues } from '../resolve/resolved';
import { plainLine } from '../redact';
import { inertText } from './workflow-commands';
import type { CallSite, Resolved, ScanResult } from '../types';
import { notReadLine } from '../coverage';

const clean = plainLine;

export function modelText(m: Resolved): string {
  if (m.status === 'exact') return m.value;
  if (m.status === 'oneOf') return resolvedValues(m).join(' | ');
  return '? ' + m.reason;
}

function tagText(site: CallSite): string {
  if (!site.tags.length) return '-';
  const keys = [...new Set(site.tags.filter((t) => t.key !== '*').map((t) => t.key + (t.dynamic ? '=*' : `=${t.value}`)))];
  return keys.join(' ') || '-';
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function table(rows: string[][], widths: number[]): string {
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : truncate(c, widths[i]).padEnd(widths[i]))).join('  ').trimEnd())
    .join('\n');
}

/** A terminal table: one row per call site, then counts, callers of wrappers and warnings. */
export function renderText(result: ScanResult): string {
  const out: string[] = [];
  const sites = result.callSites;
  if (!sites.length) {
    out.push('No LLM call sites found.');
  } else {
    const header = ['LOCATION', 'PROVIDER', 'API', 'MODEL', 'TAGS'];
    const rows = sites.map((s) => [clean(`${s.file}:${s.line}:${s.column}`), clean(s.provider + (s.gateway ? ` via ${s.gateway}` : '')), clean(s.api), clean(modelText(s.model)), clean(tagText(s))]);
    const widths = header.map((h, i) => Math.min(i === 0 ? 48 : i === 3 ? 40 : 28, Math.max(h.length, ...rows.map((r) => r[i].length))));
    out.push(table([header, ...rows], widths));
    // Only wrappers whose callers change what is sent: one caller passing the same model is noise here.
    const wrappers = sites.filter((s) => new Set(s.callers.map((c) => modelText(c.values.model))).size > 1);
    if (wrappers.length) {
      out.push('', 'Wrappers and what their callers pass:');
      for (const s of wrappers) {
        out.push(`  ${clean(s.file)}:${s.line} ${clean(s.function ?? '')}()`);
        for (const c of s.callers) out.push(`    ← ${clean(c.file)}:${c.line}  model: ${clean(modelText(c.values.model))}`);
      }
    }
    const byProvider = new Map<string, number>();
    for (const s of sites) byProvider.set(s.provider, (byProvider.get(s.provider) ?? 0) + 1);
    const files = new Set(sites.map((s) => s.file)).size;
    const unresolved = sites.filter((s) => s.model.status === 'unknown').length;
    out.push('');
    out.push(`${sites.length} call site${sites.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}: ${[...byProvider].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([p, n]) => `${clean(p)} ${n}`).join(', ')}`);
    if (unresolved) out.push(`${unresolved} with a model that cannot be determined statically (see MODEL).`);
  }
  const st = result.stats;
  out.push(`Scanned ${st.filesSeen} files, parsed ${st.filesParsed}.`);
  const notRead = notReadLine(result);
  if (notRead) out.push(clean(notRead));
  if (result.warnings.length) {
    out.push('', `Warnings (${result.warnings.length}):`);
    for (const w of result.warnings) out.push(`  ${clean(w.file)}${w.line ? ':' + w.line : ''}: ${clean(w.message)}`);
  }
  return inertText(out.join('\n') + '\n');
}
