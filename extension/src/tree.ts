import type { EstimatedCallSite } from '../../shared/estimate';
import type { TotalRow } from '../../shared/estimate/types';
import type { WorkspaceView } from './protocol';
import type { CurrencyDisplay, GroupBy } from './settings';
import { lensText, modelLabel } from './lens';
import { money, plain } from './text';

// The "LLM costs" view: call sites grouped by team, feature or model, dearest first, with the
// core's totals on the group nodes (so the view adds up exactly like the bill).

export interface SiteNode {
  kind: 'site';
  id: string;
  label: string;
  description: string;
  tooltip: string;
  file: string;
  line: number;
  column: number;
}

export interface GroupNode {
  kind: 'group';
  key: string;
  label: string;
  description: string;
  children: SiteNode[];
}

const monthlyOf = (s: EstimatedCallSite) => s.estimate.monthlyCost?.expected ?? -1;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rowsFor(view: WorkspaceView, by: GroupBy): TotalRow[] {
  const t = view.snapshot.result.totals;
  return by === 'team' ? t.byTeam : by === 'feature' ? t.byFeature : t.byModel;
}

function groupDescription(row: TotalRow | undefined, sites: number, display: CurrencyDisplay): string {
  const parts = [`${sites} call site${sites === 1 ? '' : 's'}`];
  if (row && row.callSites > row.missingVolume + row.unknownModel) parts.unshift(`${money(row.monthlyCost, display)}/mo`);
  if (row?.missingVolume) parts.push(`${row.missingVolume} need${row.missingVolume === 1 ? 's' : ''} volume`);
  if (row?.unknownModel) parts.push(`${row.unknownModel} unknown model`);
  return parts.join(' · ');
}

export function groupSites(view: WorkspaceView, by: GroupBy, display: CurrencyDisplay): GroupNode[] {
  const rows = new Map(rowsFor(view, by).map((r) => [r.key, r]));
  const groups = new Map<string, EstimatedCallSite[]>();
  for (const s of view.snapshot.result.callSites) {
    // A call site split by caller sits in each of its units' groups.
    for (const key of ([] as string[]).concat(view.groups[s.id]?.[by] ?? '(unknown)')) {
      const list = groups.get(key);
      if (list) list.push(s);
      else groups.set(key, [s]);
    }
  }
  const nodes: GroupNode[] = [...groups].map(([key, sites]) => {
    sites.sort((a, b) => monthlyOf(b) - monthlyOf(a) || byString(a.file, b.file) || a.line - b.line || a.column - b.column);
    const row = rows.get(key);
    return {
      kind: 'group',
      key,
      label: plain(key, 80),
      description: groupDescription(row, sites.length, display),
      children: sites.map((s) => ({
        kind: 'site',
        id: s.id,
        label: `${plain(s.file, 120)}:${s.line}`,
        description: lensText(s, display),
        tooltip: `${plain(s.provider)} ${plain(s.api)} · ${plain(modelLabel(s), 120)}${s.function ? ` · in ${plain(s.function, 80)}` : ''}`,
        file: s.file,
        line: s.line,
        column: s.column,
      })),
    };
  });
  const expected = (k: string) => rows.get(k)?.monthlyCost.expected ?? 0;
  return nodes.sort((a, b) => expected(b.key) - expected(a.key) || byString(a.key, b.key));
}
