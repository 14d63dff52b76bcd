import type { ProviderAdapter } from '../providers/types';
import { importedNamesBySpecifier, packageName, typeOnlySpecifiers, type ExportIndex } from './imports';
import type { SourceIndex } from './sources';
import { unreadPackages } from '../providers/catalogue';
import { unreadImportsOf } from '../coverage';
import { INFERENCE_VERBS } from '../providers/unread-calls';

/**
 * A call of a name that reads as an in-house request helper (`fetchWithRetry(`, `postJson(`,
 * `httpsPost(`, `makeRequest(`: a name that starts with fetch, request or post, or ends so): in a file that names a provider host, it may be a fetch-like
 * wrapper's call, which is the call site (see resolve/forwarding.ts).
 */
const WRAPPER_CALL = /\b(?:(?:fetch|request|post)[A-Z0-9_$][\w$]*|[a-z$_][\w$]*(?:Fetch|Request|Post))\s*(?:<[^()]*>\s*)?\(/;

/** A call of a fetch handed in by name (`fetcher(input, init)`, see fetchByShape in resolve/forwarding.ts): the file may hold a fetch-like wrapper over a polyfill. */
const SHAPED_FETCH_CALL = /\b(?:fetcher|fetchFn|fetchFunction|fetchImpl|fetchImplementation|customFetch)\s*\(/;
/** ...declared where it is handed in: a parameter or a destructured option (`fetcher = getUniversalFetch()`, `fetchFn: typeof fetch`), not an imported helper such as SWR's `fetcher`. */
const SHAPED_FETCH_DECL = /(?:^|[{(,])[ \t]*(?:fetcher|fetchFn|fetchFunction|fetchImpl|fetchImplementation|customFetch)[ \t]*(?:\??:|=(?![=>]))/m;
/** What a module exports by name (`export async function fetchSSE`, `export const post =`): what its importers call. */
const EXPORTED_DECL = /\bexport\s+(?:async\s+)?(?:function\s*\*?\s*|(?:const|let|var)\s+)([A-Za-z_$][\w$]*)/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A call shape as a pattern: `create`, or `completions.create` across spaces, lines and `?.`. */
const shapePattern = (shape: string) => shape.split('.').map(escape).join('\\s*\\??\\.\\s*');

/** Names (or member chains, see ProviderAdapter.prefilterCalls) of the calls that can send a request, as a cheap text test before parsing. */
function callNamePattern(names: Iterable<string>): RegExp | null {
  const list = [...new Set(names)].sort();
  // A declared fetch-like function that files call by a name of their own (see providers/declared).
  if (list.includes('*')) return /[\w$)\]]\s*\(/;
  // A call (`name(` or `name<T>(`), or an import rename that a later call uses (`name as alias`).
  return list.length ? new RegExp(`\\b(?:${list.map(shapePattern).join('|')})\\b\\s*(?:<[^()]*>\\s*)?(?:\\(|as\\s)`) : null;
}

interface Rule {
  /** Calls of this module's adapters. */
  calls: RegExp;
  /** Their names: files reached through an import of this file must call one of them. */
  names: string[];
  /** A type-only import of the module does not count (see ProviderAdapter.typeImportsInert). */
  typeImportsInert: boolean;
  /** An SDK, not a transport: a member call that looks like inference makes the file worth parsing (see unread-calls.ts). */
  probes: boolean;
}

/** A member call of an inference verb (`.create(`, `.invoke(`): what an SDK call no adapter names looks like in text. */
const INFERENCE_MEMBER_CALL = new RegExp(`\\??\\.\\s*(?:${[...INFERENCE_VERBS].sort().join('|')})\\s*(?:<[^()]*>\\s*)?\\(`);

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
  private readonly needleNames: string[];
  private readonly patterns = new Map<string, RegExp>();
  /** Calls that make a file importing any module a candidate (see ProviderAdapter.anyPackageCalls). */
  private readonly anyPackage: { calls: RegExp; names: string[]; gate: RegExp } | null;
  readonly anyCall: RegExp;
  /** Catalogued AI packages that none of these adapters reads. */
  private readonly unread: ReadonlySet<string>;

  constructor(adapters: ProviderAdapter[]) {
    const namesByModule = new Map<string, Set<string>>();
    const inert = new Map<string, boolean>();
    const sdk = new Set<string>();
    const needleNames = new Set<string>();
    const needles = new Set<string>();
    for (const a of adapters) {
      for (const m of a.modules) {
        const set = namesByModule.get(m) ?? new Set<string>();
        for (const n of a.prefilterCalls ?? a.callNames) set.add(n);
        namesByModule.set(m, set);
        inert.set(m, (inert.get(m) ?? true) && !!a.typeImportsInert);
        if (a.id !== 'http') sdk.add(m);
      }
      if (a.needles?.length) {
        for (const n of a.needles) needles.add(n);
        for (const n of a.callNames) needleNames.add(n);
      }
    }
    for (const [m, names] of namesByModule) {
      const calls = callNamePattern(names);
      if (calls) this.byModule.set(m, { calls, names: [...names].sort(), typeImportsInert: inert.get(m) ?? false, probes: sdk.has(m) });
    }
    this.needles = needles.size ? new RegExp([...needles].sort().map(escape).join('|')) : null;
    this.needleCalls = callNamePattern(needleNames);
    this.needleNames = [...needleNames].sort();
    this.anyCall = callNamePattern(adapters.flatMap((a) => a.callNames)) ?? /$^/;
    const anyNames = [...new Set(adapters.flatMap((a) => a.anyPackageCalls ?? []))].sort();
    const anyCalls = callNamePattern(anyNames);
    // The shapes' last names after a dot: a pattern with a one-character literal lead runs this over
    // every file about twice as fast as the shapes' alternation, which then runs on the few it finds.
    const verbs = [...new Set(anyNames.map((n) => n.split('.').pop()!))].sort().map(escape);
    this.anyPackage = anyCalls ? { calls: anyCalls, names: anyNames, gate: new RegExp(`\\.\\s*(?:${verbs.join('|')})\\b`) } : null;
    this.unread = new Set(unreadPackages(adapters));
  }

  /** The AI packages no adapter reads that the file imports for their values (see coverage.ts). */
  unreadImports(text: string, specifiers: string[]): string[] {
    return unreadImportsOf(text, specifiers, this.unread);
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
    return this.classifyWithNames(text, specifiers).kind;
  }

  /** The kind, and the call names that files importing this one must make to be worth parsing. */
  classifyWithNames(text: string, specifiers: string[]): { kind: 'call' | 'import' | null; names: string[] } {
    let imports = false;
    let probe = false;
    const names = new Set<string>();
    let typeOnly: Set<string> | null = null;
    for (const spec of specifiers) {
      const rule = this.ruleFor(spec);
      if (!rule) continue;
      // A type brings no client to share: a type-only import counts only where the file also
      // calls the SDK's functions (through a parameter typed with it), and never for inert modules.
      const typeOnlyHere = (typeOnly ??= typeOnlySpecifiers(text)).has(spec);
      if (typeOnlyHere && rule.typeImportsInert) continue;
      for (const n of rule.names) names.add(n);
      if (rule.calls.test(text)) return { kind: 'call', names: [...names] };
      if (!typeOnlyHere) imports = true;
      if (rule.probes) probe = true;
    }
    // A wrapper over a fetch handed in (a polyfill): its importers that call it are worth parsing.
    if (text.includes('etch') && SHAPED_FETCH_CALL.test(text) && SHAPED_FETCH_DECL.test(text)) {
      const wrappers = [...text.matchAll(EXPORTED_DECL)].map((m) => m[1]);
      if (wrappers.length) {
        for (const n of wrappers) names.add(n);
        imports = true;
      }
    }
    // An SDK imported here and an inference-looking member called: parsed, so that a call no
    // adapter reads (`client.beta.realtime.sessions.create`) is reported rather than never seen.
    if (probe && INFERENCE_MEMBER_CALL.test(text)) return { kind: 'call', names: [...names] };
    if (this.needles && this.needles.test(text)) {
      for (const n of this.needleNames) names.add(n);
      if (this.needleCalls && this.needleCalls.test(text)) return { kind: 'call', names: [...names] };
      if (WRAPPER_CALL.test(text)) return { kind: 'call', names: [...names] };
      imports = true;
    }
    // A client of any package (or of a module that imports one) called in the OpenAI shape. Never
    // 'import' alone: nearly every file imports some package.
    const any = this.anyPackage;
    if (any && specifiers.length && any.gate.test(text) && any.calls.test(text)) {
      for (const n of any.names) names.add(n);
      return { kind: 'call', names: [...names] };
    }
    return { kind: imports ? 'import' : null, names: imports ? [...names] : [] };
  }

  /** A test for calls of any of these names (cached per set of names). */
  callsOf(names: Iterable<string>): RegExp {
    const list = [...new Set(names)].sort();
    const key = list.join(',');
    let re = this.patterns.get(key);
    if (!re) this.patterns.set(key, (re = callNamePattern(list) ?? /$^/));
    return re;
  }
}

/**
 * The files worth parsing for call sites: files that call an SDK they import, and files that import
 * an SDK-touching file (two hops at most) and call any known name. Files read only for constants or
 * callers are parsed later, on demand. Kept per file so that an editor session re-selects after one
 * edit without reading every file again.
 */
/** A set of call names as one canonical string (sorted, comma-joined): the same set is the same string. */
type NameKey = string;

/** Files of the tree declared in tollgate.yml (`detect.modules` paths): seeds, like a file that imports an SDK. */
export type DeclaredFiles = (rel: string) => string[] | null;

export class CandidateSelector {
  private readonly filter: Prefilter;
  private readonly kinds = new Map<string, { kind: 'call' | 'import' | null; names: NameKey; unread: string[] }>();
  /** Per file, per name set: whether the file calls one of the names. */
  private readonly reachedCalls = new Map<string, Map<NameKey, boolean>>();
  private readonly canonical = new Map<string, NameKey>();
  private readonly unions = new Map<NameKey, Map<NameKey, NameKey>>();

  constructor(
    private readonly index: SourceIndex,
    adapters: ProviderAdapter[],
    private readonly declaredFiles: DeclaredFiles | null = null,
  ) {
    this.filter = new Prefilter(adapters);
  }

  /** The one string object standing for a set of names (cheap to hash again and again). */
  private keyOf(names: Iterable<string>): NameKey {
    const key = [...new Set(names)].sort().join(',');
    let hit = this.canonical.get(key);
    if (hit === undefined) this.canonical.set(key, (hit = key));
    return hit;
  }

  /** The union of two name sets; a handful of distinct sets exist, so unions are remembered. */
  private union(a: NameKey, b: NameKey): NameKey {
    if (a === b || !b) return a;
    if (!a) return b;
    let row = this.unions.get(a);
    if (!row) this.unions.set(a, (row = new Map()));
    let u = row.get(b);
    if (u === undefined) row.set(b, (u = this.keyOf([...a.split(','), ...b.split(',')])));
    return u;
  }

  private kindOf(abs: string): { kind: 'call' | 'import' | null; names: NameKey; unread: string[] } {
    let kind = this.kinds.get(abs);
    if (kind === undefined) {
      const text = this.index.text(abs);
      const specifiers = text === null ? [] : this.index.specifiersOf(abs);
      const found = text === null ? { kind: null, names: [] } : this.filter.classifyWithNames(text, specifiers);
      const unread = text === null ? [] : this.filter.unreadImports(text, specifiers);
      this.kinds.set(abs, (kind = { kind: found.kind, names: this.keyOf(found.names), unread }));
    }
    return this.declaredKind(abs, kind);
  }

  /** A declared module of the tree roots the walk to its importers even when it imports no SDK itself. */
  private declaredKind(abs: string, kind: { kind: 'call' | 'import' | null; names: NameKey; unread: string[] }): { kind: 'call' | 'import' | null; names: NameKey; unread: string[] } {
    const names = this.declaredFiles?.(this.index.rel(abs));
    if (!names) return kind;
    return { kind: kind.kind ?? 'import', names: this.union(kind.names, this.keyOf(names)), unread: kind.unread };
  }

  /** The AI packages no adapter reads that a file imports for their values (classified on demand). */
  unreadImportsOf(abs: string): string[] {
    return this.kindOf(abs).unread;
  }

  /** Whether a file reached through imports calls one of the names its SDK-touching imports offer. */
  private callsReachedNames(abs: string, names: NameKey): boolean {
    let row = this.reachedCalls.get(abs);
    if (!row) this.reachedCalls.set(abs, (row = new Map()));
    let hit = row.get(names);
    if (hit === undefined) row.set(names, (hit = !!names && this.filter.callsOf(names.split(',')).test(this.index.text(abs) ?? '')));
    return hit;
  }

  /** Reads and classifies one file now (a thread's share of the prefilter). */
  classify(abs: string): void {
    this.kindOf(abs);
  }

  /** What another thread found of a file: its kind, the names files importing it must call, the unread packages it imports. */
  adopt(abs: string, kind: 'call' | 'import' | null, names: string[], unread: string[] = []): void {
    this.kinds.set(abs, { kind, names: this.keyOf(names), unread });
  }

  /** Forgets what was read of a file whose text changed. */
  invalidate(abs: string): void {
    this.kinds.delete(abs);
    this.importsByFile.delete(abs);
    this.reachedCalls.delete(abs);
  }

  select(): string[] {
    // Every file that touches an SDK roots the walk: a module that only builds a client is how
    // other files reach it. A reached file remembers which roots reach it; it must call what the
    // SDKs of those roots offer. A root is its own root, so only roots received are kept.
    const seeds: string[] = [];
    const out: string[] = [];
    for (const f of this.index.files) {
      const kind = this.kindOf(f.abs).kind;
      if (!kind) continue;
      seeds.push(f.abs);
      if (kind === 'call') out.push(f.abs);
    }
    const received = new Map<string, Set<string>>();
    const rootsOf = (f: string): string[] => {
      const got = received.get(f);
      const own = this.kindOf(f).kind ? [f] : [];
      return got ? [...own, ...got] : own;
    };
    let frontier = seeds;
    for (let depth = 0; depth < 2 && frontier.length; depth++) {
      const next = new Set<string>();
      for (const f of frontier) {
        const importers = this.index.importers(f);
        if (!importers.length) continue;
        const from = rootsOf(f);
        // A module without star re-exports or CommonJS exports exports only what it writes out, and
        // what a file imports from it exists: whatever it carries, every importer gets.
        const fx = this.index.exportsOf(f);
        for (const imp of importers) {
          const passed = fx && fx.any ? this.carried(imp, f, fx, from) : from;
          if (!passed.length) continue;
          let mine = received.get(imp);
          if (!mine) received.set(imp, (mine = new Set()));
          const before = mine.size;
          for (const o of passed) if (o !== imp) mine.add(o);
          if (mine.size > before) next.add(imp);
        }
      }
      frontier = [...next].sort();
    }
    for (const [f, roots] of received) {
      if (!roots.size || this.kindOf(f).kind === 'call') continue;
      // A module that only builds a client or names a host is still a candidate when it calls what
      // another file it imports shares (its own names would have made it a 'call' file already).
      let names: NameKey = this.kindOf(f).names;
      for (const r of [...roots].sort()) names = this.union(names, this.kindOf(r).names);
      if (this.callsReachedNames(f, names)) out.push(f);
    }
    return out.sort();
  }

  private readonly importsByFile = new Map<string, Map<string, Set<string> | null>>();

  /**
   * The roots whose SDK values `imp` can get by importing `f`, a module with star re-exports or
   * CommonJS exports. Importing names from such a barrel (`export * from` many modules) carries only
   * the roots that can export one of those names; a namespace import, a bare require or a type-only
   * import carries them all.
   */
  private carried(imp: string, f: string, fx: ExportIndex, all: string[]): string[] {
    const impText = this.index.text(imp);
    if (impText === null) return all;
    const names = new Set<string>();
    let byImport = this.importsByFile.get(imp);
    if (!byImport) this.importsByFile.set(imp, (byImport = importedNamesBySpecifier(impText)));
    for (const spec of this.index.importTargets(imp).get(f) ?? []) {
      const got = byImport.get(spec);
      // A specifier the patterns did not read (it is in a comment, say): assume everything.
      if (!got) return all;
      for (const n of got) names.add(n);
    }
    if (!names.size) return all;
    const asked = [...names];
    if (asked.some((n) => fx.names.has(n))) return all;
    // Through a star re-export a name keeps its own module's export: keep the roots that can export it.
    return all.filter((r) => {
      const rx = this.index.exportsOf(r);
      return !rx || rx.any || asked.some((n) => rx.names.has(n));
    });
  }
}

export function selectCandidates(index: SourceIndex, adapters: ProviderAdapter[]): string[] {
  return new CandidateSelector(index, adapters).select();
}
