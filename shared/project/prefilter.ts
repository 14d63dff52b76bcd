import type { ProviderAdapter } from '../providers/types';
import { packageName } from './imports';
import type { SourceIndex } from './sources';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names of the calls that can send a request, as a cheap text test before parsing. */
function callNamePattern(names: Iterable<string>): RegExp | null {
  const list = [...new Set(names)].sort();
  // A call (`name(` or `name<T>(`), or an import rename that a later call uses (`name as alias`).
  return list.length ? new RegExp(`\\b(?:${list.map(escape).join('|')})\\b\\s*(?:<[^()]*>\\s*)?(?:\\(|as\\s)`) : null;
}

interface Rule {
  /** Calls of this adapter (or of any adapter, for files reached through imports). */
  calls: RegExp;
}

/**
 * Decides cheaply, per file, whether it is worth parsing. A file is a seed when it imports a
 * package an adapter reads (an import, not a string that merely names it) and calls one of that
 * adapter's functions, or when it names a provider host and makes an HTTP-style call. Files that
 * import a seed (a shared client, a wrapper) up to two hops away join when they call any of the names.
 */
export class Prefilter {
  private readonly byModule = new Map<string, Rule>();
  private readonly needles: RegExp | null;
  private readonly needleCalls: RegExp | null;
  readonly anyCall: RegExp;

  constructor(adapters: ProviderAdapter[]) {
    const namesByModule = new Map<string, Set<string>>();
    const needleNames = new Set<string>();
    const needles = new Set<string>();
    for (const a of adapters) {
      for (const m of a.modules) {
        const set = namesByModule.get(m) ?? new Set<string>();
        for (const n of a.callNames) set.add(n);
        namesByModule.set(m, set);
      }
      if (a.needles?.length) {
        for (const n of a.needles) needles.add(n);
        for (const n of a.callNames) needleNames.add(n);
      }
    }
    for (const [m, names] of namesByModule) {
      const calls = callNamePattern(names);
      if (calls) this.byModule.set(m, { calls });
    }
    this.needles = needles.size ? new RegExp([...needles].sort().map(escape).join('|')) : null;
    this.needleCalls = callNamePattern(needleNames);
    this.anyCall = callNamePattern(adapters.flatMap((a) => a.callNames)) ?? /$^/;
  }

  private ruleFor(spec: string): Rule | undefined {
    const clean = spec.replace(/^node:/, '');
    return this.byModule.get(clean) ?? this.byModule.get(packageName(clean));
  }

  /**
   * 'call': imports an adapter's package (or names a provider host) and calls one of its functions;
   * 'import': imports such a package without such a call (a module that builds a shared client);
   * null: neither.
   */
  classify(text: string, specifiers: string[]): 'call' | 'import' | null {
    let imports = false;
    for (const spec of specifiers) {
      const rule = this.ruleFor(spec);
      if (!rule) continue;
      if (rule.calls.test(text)) return 'call';
      imports = true;
    }
    if (this.needles && this.needles.test(text)) {
      if (this.needleCalls && this.needleCalls.test(text)) return 'call';
      imports = true;
    }
    return imports ? 'import' : null;
  }
}

/**
 * The files worth parsing for call sites: files that call an SDK they import, and files that import
 * an SDK-touching file (two hops at most) and call any known name. Files read only for constants or
 * callers are parsed later, on demand.
 */
export function selectCandidates(index: SourceIndex, adapters: ProviderAdapter[]): string[] {
  const filter = new Prefilter(adapters);
  const roots: string[] = [];
  const calling = new Set<string>();
  for (const f of index.files) {
    const text = index.text(f.abs);
    const kind = text === null ? null : filter.classify(text, index.specifiersOf(f.abs));
    if (kind) roots.push(f.abs);
    if (kind === 'call') calling.add(f.abs);
  }
  // Every file that touches an SDK roots the walk: a module that only builds a client is how
  // other files reach it.
  const reached = new Set(roots);
  let frontier = roots;
  for (let depth = 0; depth < 2 && frontier.length; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const imp of index.importers(f)) {
        if (!reached.has(imp)) {
          reached.add(imp);
          next.push(imp);
        }
      }
    }
    frontier = next;
  }
  const rootSet = new Set(roots);
  return [...reached].filter((f) => calling.has(f) || (!rootSet.has(f) && filter.anyCall.test(index.text(f) ?? ''))).sort();
}
