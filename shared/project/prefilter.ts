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
 * callers are parsed later, on demand. Kept per file so that an editor session re-selects after one
 * edit without reading every file again.
 */
export class CandidateSelector {
  private readonly filter: Prefilter;
  private readonly kinds = new Map<string, 'call' | 'import' | null>();
  private readonly callsAny = new Map<string, boolean>();

  constructor(private readonly index: SourceIndex, adapters: ProviderAdapter[]) {
    this.filter = new Prefilter(adapters);
  }

  private kindOf(abs: string): 'call' | 'import' | null {
    let kind = this.kinds.get(abs);
    if (kind === undefined) {
      const text = this.index.text(abs);
      kind = text === null ? null : this.filter.classify(text, this.index.specifiersOf(abs));
      this.kinds.set(abs, kind);
    }
    return kind;
  }

  private callsAnyName(abs: string): boolean {
    let hit = this.callsAny.get(abs);
    if (hit === undefined) {
      hit = this.filter.anyCall.test(this.index.text(abs) ?? '');
      this.callsAny.set(abs, hit);
    }
    return hit;
  }

  /** Forgets what was read of a file whose text changed. */
  invalidate(abs: string): void {
    this.kinds.delete(abs);
    this.callsAny.delete(abs);
  }

  select(): string[] {
    const roots: string[] = [];
    for (const f of this.index.files) if (this.kindOf(f.abs)) roots.push(f.abs);
    // Every file that touches an SDK roots the walk: a module that only builds a client is how
    // other files reach it.
    const reached = new Set(roots);
    let frontier = roots;
    for (let depth = 0; depth < 2 && frontier.length; depth++) {
      const next: string[] = [];
      for (const f of frontier) {
        for (const imp of this.index.importers(f)) {
          if (!reached.has(imp)) {
            reached.add(imp);
            next.push(imp);
          }
        }
      }
      frontier = next;
    }
    return [...reached].filter((f) => this.kindOf(f) === 'call' || (!this.kindOf(f) && this.callsAnyName(f))).sort();
  }
}

export function selectCandidates(index: SourceIndex, adapters: ProviderAdapter[]): string[] {
  return new CandidateSelector(index, adapters).select();
}
