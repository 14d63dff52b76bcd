import type { EstimatedCallSite } from '../../shared/estimate';
import type { AttributionUnit } from '../../shared/estimate/types';
import type { Finding } from '../../shared/rules/types';
import type { WorkspaceView } from './protocol';
import type { EditorLines } from '../../shared/lines';
import { contains, type PlainPosition } from './positions';

// A view indexed by workspace-relative file, so each editor request is a map lookup.

export class FileIndex {
  private sites = new Map<string, EstimatedCallSite[]>();
  private findings = new Map<string, Finding[]>();
  private byId = new Map<string, EstimatedCallSite>();
  private units = new Map<string, Array<{ site: EstimatedCallSite; unit: AttributionUnit }>>();

  constructor(readonly view: WorkspaceView | null) {
    if (!view) return;
    for (const s of view.snapshot.result.callSites) {
      push(this.sites, s.file, s);
      this.byId.set(s.id, s);
      for (const unit of s.estimate.units ?? []) push(this.units, unit.caller.file, { site: s, unit });
    }
    for (const list of this.units.values()) list.sort((a, b) => a.unit.caller.line - b.unit.caller.line || a.unit.caller.column - b.unit.caller.column || (a.site.id < b.site.id ? -1 : a.site.id > b.site.id ? 1 : 0));
    for (const f of view.snapshot.result.findings) push(this.findings, f.file, f);
  }

  sitesIn(rel: string): EstimatedCallSite[] {
    return this.sites.get(rel) ?? [];
  }

  /** The attribution units whose caller is in this file, in line order: a wrapper's call sites as this file's calls make them. */
  unitsIn(rel: string): Array<{ site: EstimatedCallSite; unit: AttributionUnit }> {
    return this.units.get(rel) ?? [];
  }

  findingsIn(rel: string): Finding[] {
    return this.findings.get(rel) ?? [];
  }

  files(): string[] {
    return [...new Set([...this.sites.keys(), ...this.findings.keys()])].sort();
  }

  site(id: string | null): EstimatedCallSite | null {
    return id ? (this.byId.get(id) ?? null) : null;
  }

  /** The innermost call site under an editor position (a call can sit inside another call's arguments); `lines` of the document's text. */
  siteAt(rel: string, pos: PlainPosition, lines: EditorLines): EstimatedCallSite | null {
    const at = lines.fromEditor(pos);
    let best: EstimatedCallSite | null = null;
    for (const s of this.sitesIn(rel)) {
      if (!contains(s, at)) continue;
      if (!best || s.line > best.line || (s.line === best.line && s.column > best.column)) best = s;
    }
    return best;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
