import type { ProviderAdapter } from '../providers/types';
import type { SourceIndex } from './sources';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex that finds an import of one of the adapters' packages, or a provider host, in raw text. */
export function prefilterPattern(adapters: ProviderAdapter[]): RegExp {
  const modules = new Set<string>();
  const needles = new Set<string>();
  for (const a of adapters) {
    for (const m of a.modules) if (m !== 'global') modules.add(m);
    for (const n of a.needles ?? []) needles.add(n);
  }
  // A module name counts when quoted as a whole specifier or as the start of a subpath.
  const mod = [...modules].sort().map(escape).join('|');
  const alts = [`['"\`](?:node:)?(?:${mod})(?:/[^'"\`]*)?['"\`]`];
  if (needles.size) alts.push([...needles].sort().map(escape).join('|'));
  return new RegExp(alts.join('|'));
}

/** Names of the calls that can send a request, as a cheap text test before parsing. */
function callNamePattern(adapters: ProviderAdapter[]): RegExp {
  const names = new Set<string>();
  for (const a of adapters) for (const n of a.callNames) names.add(n);
  return new RegExp(`\\b(?:${[...names].sort().map(escape).join('|')})\\b`);
}

/**
 * The files worth parsing for call sites: files that import an SDK or name a provider host
 * (seeds), and the files that import those (a shared client, a wrapper) up to two hops away.
 * Files read only for constants or callers are parsed later, on demand.
 */
export function selectCandidates(index: SourceIndex, adapters: ProviderAdapter[]): string[] {
  const seedPattern = prefilterPattern(adapters);
  const callPattern = callNamePattern(adapters);
  const seeds: string[] = [];
  for (const f of index.files) {
    const text = index.text(f.abs);
    if (text !== null && seedPattern.test(text)) seeds.push(f.abs);
  }
  const selected = new Set(seeds);
  let frontier = seeds;
  for (let depth = 0; depth < 2 && frontier.length; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const imp of index.importers(f)) {
        if (!selected.has(imp)) {
          selected.add(imp);
          next.push(imp);
        }
      }
    }
    frontier = next;
  }
  return [...selected].filter((f) => callPattern.test(index.text(f) ?? '')).sort();
}
