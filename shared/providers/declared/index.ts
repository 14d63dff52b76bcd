import { exactString, options, str, type Arg, type SdkValue, type Step, type Value } from '../../resolve/values';
import type { DeclaredExport, DeclaredShape, DetectConfig } from '../../config/detect-config';
import { openaiAdapter } from '../openai';
import { anthropicAdapter } from '../anthropic';
import { httpAdapter } from '../http';
import { providerFromModelName, providerFromModelPrefix, providerFromURL, withFallbackHost, type DeclaredHostRule } from '../hosts';
import type { Detection, MatchContext, ProviderAdapter } from '../types';

// What tollgate.yml's `detect:` declares, made into what the scan already reads. A declared export
// is rewritten into the built-in client it is shaped like (`llm.chat.completions.create` from
// `@acme/llm` becomes `new OpenAI().chat.completions.create`) and read by that client's adapter:
// no second way of reading a request. Declared hosts go to hosts.ts, declared paths to the
// evaluator (which stops following the module there) and to the prefilter.

/** A prefilter name that stands for any call: a fetch-like function reached by no fixed name. */
export const ANY_CALL = '*';

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

interface PathModule {
  path: string;
  id: string;
  exports: Map<string, DeclaredExport>;
}

const isFetchLike = (s: DeclaredShape) => s === 'fetch' || s === 'axios';

/** Whether a file of the tree (posix, relative to the root) is the declared path: exactly, or without its extension or as its folder's index. */
function isAt(rel: string, declared: string): boolean {
  if (rel === declared) return true;
  if (SOURCE_FILE.test(declared)) return false;
  const bare = rel.replace(SOURCE_FILE, '');
  return bare === declared || bare === declared + '/index';
}

/** The built-in chain a declared export's use stands for: its construction arguments, then what follows. */
function builtin(shape: DeclaredShape, args: Arg[], rest: Step[], typed: boolean | undefined): SdkValue {
  switch (shape) {
    case 'openai':
      return { k: 'sdk', module: 'openai', steps: [{ t: 'get', name: 'OpenAI' }, { t: 'new', args, node: null }, ...rest], typed };
    case 'anthropic':
      return { k: 'sdk', module: '@anthropic-ai/sdk', steps: [{ t: 'get', name: 'Anthropic' }, { t: 'new', args, node: null }, ...rest], typed };
    case 'fetch':
      return { k: 'sdk', module: 'global', steps: [{ t: 'get', name: 'fetch' }, ...rest] };
    case 'axios':
      return { k: 'sdk', module: 'axios', steps: [{ t: 'get', name: 'post' }, ...rest] };
  }
}

const ADAPTER_OF: Record<DeclaredShape, ProviderAdapter> = { openai: openaiAdapter, anthropic: anthropicAdapter, fetch: httpAdapter, axios: httpAdapter };

/** Behind a gateway, whoever the model names bills the call (as the built-in clients say it). */
function behindGateway(model: Value | null, fallback: string): string {
  if (!model) return fallback;
  const inferred = options(model).map((o) => exactString(o)).map((s) => (s ? providerFromModelPrefix(s) ?? providerFromModelName(s) : null));
  return inferred.length && inferred.every((p) => p && p === inferred[0]) ? inferred[0]! : fallback;
}

/** The detection with what the declaration says about who serves the client. */
function asDeclared(d: Detection, e: DeclaredExport): Detection {
  if (!e.baseURL && !e.provider && !e.gateway) return d;
  let provider = d.provider;
  let gateway = d.gateway ?? null;
  let baseURL = d.baseURL ?? null;
  if (e.baseURL) {
    const info = providerFromURL(e.baseURL);
    baseURL = str(e.baseURL, 'declared in tollgate.yml');
    provider = info?.provider ?? (e.shape === 'openai' ? 'openai-compatible' : provider);
    gateway = info?.gateway ?? null;
  }
  if (e.gateway) gateway = e.gateway;
  if (e.provider) provider = e.provider;
  else if (gateway) provider = behindGateway(d.model, provider);
  const out: Detection = { ...d, provider, gateway, baseURL };
  if (e.provider) delete out.providerInferred;
  return out;
}

export class Declarations {
  /** Reads the declared modules' values; null when nothing is declared. */
  readonly adapter: ProviderAdapter | null;
  /** Makes files naming a declared host candidates, as the built-in hosts do. */
  readonly hostsAdapter: ProviderAdapter | null;
  readonly hosts: DeclaredHostRule[];
  /** Names of calls worth analysing besides the adapters' own. */
  readonly callNames: ReadonlySet<string>;
  readonly empty: boolean;
  private readonly byId = new Map<string, Map<string, DeclaredExport>>();
  private readonly packages = new Set<string>();
  private readonly paths: PathModule[] = [];
  /** Modules with a fetch-like export called by a name the file chooses (a default export, a factory's result). */
  private readonly anyCallIds = new Set<string>();

  constructor(config: DetectConfig) {
    this.hosts = config.hosts.map((h) => ({ host: h.host, provider: h.provider, gateway: h.gateway }));
    const names = new Set<string>();
    const prefilter = new Set<string>();
    for (const m of config.modules) {
      const id = m.path === null ? m.key : './' + m.path;
      const exports = new Map(m.exports.map((e) => [e.name, e]));
      this.byId.set(id, exports);
      if (m.path === null) this.packages.add(m.key);
      else this.paths.push({ path: m.path, id, exports });
      for (const e of m.exports) {
        if (!isFetchLike(e.shape)) {
          for (const n of ADAPTER_OF[e.shape].callNames) names.add(n);
          for (const n of ADAPTER_OF[e.shape].prefilterCalls ?? ADAPTER_OF[e.shape].callNames) prefilter.add(n);
        } else if (e.kind === 'client' && e.name !== 'default') {
          names.add(e.name);
          prefilter.add(e.name);
        } else {
          this.anyCallIds.add(id);
          prefilter.add(ANY_CALL);
        }
      }
    }
    this.callNames = names;
    this.empty = !config.modules.length && !config.hosts.length;
    this.adapter = this.byId.size
      ? {
          id: 'declared',
          modules: [...this.byId.keys()].sort(),
          callNames: [...names].sort(),
          prefilterCalls: [...prefilter].sort(),
          match: (callee, ctx) => this.match(callee, ctx),
        }
      : null;
    this.hostsAdapter = this.hosts.length
      ? { id: 'declared-hosts', modules: [], needles: this.hosts.map((h) => h.host.replace(/^\*\./, '.').split(':')[0]), callNames: httpAdapter.callNames, match: () => null }
      : null;
  }

  /** The adapters for values of a declared module; null when the module is not declared. */
  adaptersFor(module: string): ProviderAdapter[] | null {
    return this.adapter && this.byId.has(module) ? [this.adapter] : null;
  }

  /** A declared package: its imports are never followed into the tree's own copy of it. */
  isPackage(spec: string): boolean {
    return this.packages.has(spec);
  }

  private pathModule(rel: string): PathModule | null {
    for (const p of this.paths) if (isAt(rel, p.path)) return p;
    return null;
  }

  /** A declared export of a file of the tree, as the value its importers get; null when it is not declared. */
  exportAt(rel: string, name: string): SdkValue | null {
    if (!this.paths.length) return null;
    const p = this.pathModule(rel);
    return p && p.exports.has(name) ? { k: 'sdk', module: p.id, steps: [{ t: 'get', name }] } : null;
  }

  /** For the prefilter: a declared file of the tree and the names its importers call; null for other files. */
  namesOfFile(rel: string): string[] | null {
    if (!this.paths.length) return null;
    const p = this.pathModule(rel);
    return p ? [...(this.adapter?.prefilterCalls ?? [])] : null;
  }

  /** Names of the fetch-like functions a file of the tree declares: their own bodies are not call sites (their callers are). */
  fetchLikeIn(rel: string): string[] {
    if (!this.paths.length) return [];
    const p = this.pathModule(rel);
    return p ? [...p.exports.values()].filter((e) => isFetchLike(e.shape)).map((e) => e.name) : [];
  }

  /**
   * Whether a file imports a declared module whose fetch-like export it may call by any name; `resolve`
   * gives the file of the tree a specifier leads to (relative to the root), or null.
   */
  callsByAnyName(specifiers: string[], resolve: (spec: string) => string | null): boolean {
    if (!this.anyCallIds.size) return false;
    for (const spec of specifiers) {
      if (this.packages.has(spec) && this.anyCallIds.has(spec)) return true;
      if (!this.paths.length) continue;
      const rel = resolve(spec);
      const p = rel ? this.pathModule(rel) : null;
      if (p && this.anyCallIds.has(p.id)) return true;
    }
    return false;
  }

  private match(callee: SdkValue, ctx: MatchContext): Detection | null {
    const exports = this.byId.get(callee.module);
    const first = callee.steps[0];
    const e = exports && first?.t === 'get' ? exports.get(first.name) : undefined;
    if (!e) return null;
    let args: Arg[] = [];
    let rest: Step[];
    if (e.kind === 'client') rest = callee.steps.slice(1);
    else {
      const made = callee.steps[1];
      if (!made || made.t !== (e.kind === 'factory' ? 'call' : 'new')) return null;
      args = made.args;
      rest = callee.steps.slice(2);
    }
    const read = () => ADAPTER_OF[e.shape].match(builtin(e.shape, args, rest, callee.typed), ctx);
    // A fetch-like function said to reach a provider reaches it whatever host its URL names.
    const d = isFetchLike(e.shape) && (e.provider || e.gateway) ? withFallbackHost({ provider: e.provider ?? 'openai-compatible', gateway: e.gateway }, read) : read();
    return d ? asDeclared(d, e) : null;
  }
}

export const NO_DECLARATIONS = new Declarations({ modules: [], hosts: [] });
