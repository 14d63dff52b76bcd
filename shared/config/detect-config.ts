import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { isSdkPackage } from '../providers/registry';
import { packageName } from '../project/imports';

// The `detect:` section of tollgate.yml: what the scanner cannot see for itself. An in-house module
// that exports an OpenAI-, Anthropic- or fetch-shaped client, a function that is fetch-like, a host
// and who serves it. Names only: nothing here is ever imported or run. A mistake in one entry is a
// warning naming its key; that entry is left out and the rest of the config loads.

/** The built-in client a declared export behaves like. */
export type DeclaredShape = 'openai' | 'anthropic' | 'fetch' | 'axios';
/** client: the export is a client; factory: calling it returns one; class: `new` of it makes one. */
export type DeclaredKind = 'client' | 'factory' | 'class';

export interface DeclaredExport {
  /** The export's name; `default` for a default export. */
  name: string;
  kind: DeclaredKind;
  shape: DeclaredShape;
  /** Who bills its calls; null: as the built-in client would say (from the base URL, the host, the model). */
  provider: string | null;
  gateway: string | null;
  baseURL: string | null;
}

export interface DeclaredModule {
  /** As written in tollgate.yml. */
  key: string;
  /** A path inside the repository (posix, no leading `./`), or null for a package name. */
  path: string | null;
  exports: DeclaredExport[];
}

export interface DeclaredHost {
  /** `llm.internal.acme.com`, `*.acme.com` (any subdomain) or `host:port`; lower case. */
  host: string;
  provider: string;
  gateway: string | null;
}

/** Plain JSON: it travels to worker threads as it is. */
export interface DetectConfig {
  modules: DeclaredModule[];
  hosts: DeclaredHost[];
}

export const EMPTY_DETECT: DetectConfig = { modules: [], hosts: [] };

/** A problem in the section: where it is and what is wrong, the key path first. */
export type Warn = (node: Node | null | undefined, message: string) => void;
type Suggest = (word: string, candidates: string[]) => string | null;

/** A section of thousands of declarations is a mistake; each entry costs a little in every scan. */
export const MAX_DECLARATIONS = 500;

const SECTION_KEYS = ['modules', 'functions', 'hosts'];
const MODULE_KEYS = ['shape', 'exports', 'provider', 'gateway', 'baseURL'];
const FUNCTION_KEYS = ['shape', 'provider', 'gateway'];
const HOST_KEYS = ['provider', 'gateway'];
const MODULE_SHAPES: DeclaredShape[] = ['openai', 'anthropic', 'fetch'];
const FUNCTION_SHAPES: DeclaredShape[] = ['fetch', 'axios'];
const KINDS: DeclaredKind[] = ['client', 'factory', 'class'];

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const PACKAGE = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(?:\/[a-z0-9._~-]+)*$/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const HOST = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;

function nothing(warn: Warn, node: Node | null | undefined, message: string): null {
  warn(node, message);
  return null;
}

const quoted = (k: string) => JSON.stringify(k.length > 120 ? k.slice(0, 120) + '…' : k);

function scalarText(node: Node | null | undefined): string | null {
  if (!isScalar(node)) return null;
  const v = (node as { value: unknown }).value;
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** The pairs of a mapping, or null (and a warning) when the node is something else. */
function pairs(node: Node | null | undefined, what: string, expects: string, warn: Warn): Array<[string, Node, Node]> | null {
  if (!isMap(node)) {
    warn(node, `${what}: expects ${expects}`);
    return null;
  }
  const out: Array<[string, Node, Node]> = [];
  for (const p of (node as YAMLMap).items) {
    const k = p.key as Node;
    if (!isScalar(k)) {
      warn(k, `${what}: keys must be plain text`);
      continue;
    }
    out.push([String((k as { value: unknown }).value), k, p.value as Node]);
  }
  return out;
}

function unknownKey(keyNode: Node, what: string, key: string, allowed: string[], warn: Warn, suggest: Suggest): void {
  const hint = suggest(key, allowed);
  warn(keyNode, `${what}: unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${allowed.join(', ')}`);
}

/** A module key: a path inside the repository (`./…`, or written with its extension) or a package name. */
function moduleTarget(key: string): { path: string | null } | { problem: string } {
  const isPath = key.startsWith('./') || SOURCE_FILE.test(key);
  if (!isPath) {
    if (!PACKAGE.test(key)) return { problem: 'is neither a package name nor a path inside the repository (a path starts with ./ or ends with .ts, .js, ...)' };
    if (isSdkPackage(packageName(key))) return { problem: `is an SDK tollgate reads already (${packageName(key)})` };
    return { path: null };
  }
  const rel = key.replace(/^(?:\.\/)+/, '');
  const parts = rel.split('/');
  if (key.startsWith('/') || /^[a-z]:/i.test(key) || key.includes('\\') || parts.some((p) => p === '..' || p === '.' || p === '')) {
    return { problem: 'must be a path inside the repository, relative to its root (no .., no leading /)' };
  }
  return { path: rel };
}

function label(node: Node, what: string, warn: Warn): string | null | undefined {
  const s = scalarText(node);
  if (s === null) return void warn(node, `${what}: expects a name such as openai or litellm`);
  const lower = s.toLowerCase();
  if (!NAME.test(lower)) return void warn(node, `${what}: expects a name of letters, digits, ".", "_" or "-"`);
  return lower;
}

function shapeOf(node: Node, what: string, allowed: DeclaredShape[], warn: Warn): DeclaredShape | undefined {
  const s = scalarText(node);
  if (s === null || !allowed.includes(s as DeclaredShape)) return void warn(node, `${what}: must be one of ${allowed.join(', ')}`);
  return s as DeclaredShape;
}

interface Common {
  provider: string | null;
  gateway: string | null;
  baseURL: string | null;
}

/** provider, gateway and baseURL of an entry; false when one of them is wrong (the entry is left out). */
function readCommon(k: string, v: Node, what: string, into: Common, warn: Warn): boolean {
  if (k === 'provider' || k === 'gateway') {
    const l = label(v, `${what}.${k}`, warn);
    if (l === undefined) return false;
    into[k] = l;
    return true;
  }
  const url = scalarText(v);
  if (url === null || !/^https?:\/\/[^/?#\s]+/i.test(url)) {
    warn(v, `${what}.baseURL: expects an http(s) URL such as https://llm.internal.example.com/v1`);
    return false;
  }
  into.baseURL = url;
  return true;
}

function readModule(key: string, node: Node, warn: Warn, suggest: Suggest): DeclaredModule | null {
  const what = `detect.modules[${quoted(key)}]`;
  const target = moduleTarget(key);
  if ('problem' in target) return nothing(warn, node, `${what}: ${target.problem}`);
  const entries = pairs(node, what, 'a mapping { shape, exports, provider?, gateway?, baseURL? }', warn);
  if (!entries) return null;
  let shape: DeclaredShape | undefined;
  let exportsNode: Node | null = null;
  const common: Common = { provider: null, gateway: null, baseURL: null };
  let ok = true;
  for (const [k, keyNode, v] of entries) {
    if (!MODULE_KEYS.includes(k)) {
      unknownKey(keyNode, what, k, MODULE_KEYS, warn, suggest);
      ok = false;
    } else if (k === 'shape') {
      shape = shapeOf(v, `${what}.shape`, MODULE_SHAPES, warn);
      ok &&= !!shape;
    } else if (k === 'exports') exportsNode = v;
    else ok = readCommon(k, v, what, common, warn) && ok;
  }
  if (!entries.some(([k]) => k === 'shape')) return nothing(warn, node, `${what}: needs shape (one of ${MODULE_SHAPES.join(', ')})`);
  if (!exportsNode) return nothing(warn, node, `${what}: needs exports (each export's name: client, factory or class)`);
  if (shape === 'fetch' && common.baseURL) return nothing(warn, node, `${what}.baseURL: only for shape openai or anthropic (a fetch-like function is given its URL at each call)`);
  // The exports are checked even when the entry is wrong already: every mistake is said at once.
  const found = readExports(exportsNode, what, shape, common, warn);
  return ok && shape && found ? { key, path: target.path, exports: found } : null;
}

function readExports(exportsNode: Node, what: string, shape: DeclaredShape | undefined, common: Common, warn: Warn): DeclaredExport[] | null {
  const exported = pairs(exportsNode, `${what}.exports`, "a mapping of export names to client, factory or class (`default` for the default export)", warn);
  if (!exported) return null;
  const out: DeclaredExport[] = [];
  for (const [name, keyNode, v] of exported) {
    const at = `${what}.exports.${name}`;
    if (!IDENTIFIER.test(name)) {
      warn(keyNode, `${what}.exports: ${quoted(name)} is not an export name`);
      continue;
    }
    const kind = scalarText(v);
    if (kind === null || !KINDS.includes(kind as DeclaredKind)) {
      warn(v, `${at}: must be one of ${KINDS.join(', ')}`);
      continue;
    }
    if (kind === 'class' && shape === 'fetch') {
      warn(v, `${at}: class needs shape openai or anthropic (a fetch-like export is a client or a factory)`);
      continue;
    }
    out.push({ name, kind: kind as DeclaredKind, shape: shape ?? 'openai', ...common });
  }
  if (!out.length) return nothing(warn, exportsNode, `${what}.exports: no export declared`);
  return out;
}

/** `src/lib/http.ts#request`, `@acme/http#fetchJson`: a module and one of its exports. */
function readFunction(key: string, node: Node, warn: Warn, suggest: Suggest): { module: DeclaredModule } | null {
  const what = `detect.functions[${quoted(key)}]`;
  const hash = key.lastIndexOf('#');
  const mod = hash > 0 ? key.slice(0, hash) : '';
  const name = hash > 0 ? key.slice(hash + 1) : '';
  if (!mod || !IDENTIFIER.test(name)) return nothing(warn, node, `${what}: expects a module and an export joined by #, such as src/lib/http.ts#request or @acme/http#fetchJson`);
  const target = moduleTarget(mod);
  if ('problem' in target) return nothing(warn, node, `${what}: ${mod} ${target.problem}`);
  const common: Common = { provider: null, gateway: null, baseURL: null };
  let shape: DeclaredShape | undefined;
  if (isScalar(node)) shape = shapeOf(node, `${what}`, FUNCTION_SHAPES, warn);
  else {
    const entries = pairs(node, what, `${FUNCTION_SHAPES.join(' or ')}, or a mapping { shape, provider?, gateway? }`, warn);
    if (!entries) return null;
    let ok = true;
    for (const [k, keyNode, v] of entries) {
      if (!FUNCTION_KEYS.includes(k)) {
        unknownKey(keyNode, what, k, FUNCTION_KEYS, warn, suggest);
        ok = false;
      } else if (k === 'shape') {
        shape = shapeOf(v, `${what}.shape`, FUNCTION_SHAPES, warn);
        ok &&= !!shape;
      } else ok = readCommon(k, v, what, common, warn) && ok;
    }
    if (!entries.some(([k]) => k === 'shape')) return nothing(warn, node, `${what}: needs shape (one of ${FUNCTION_SHAPES.join(', ')})`);
    if (!ok) return null;
  }
  if (!shape) return null;
  return { module: { key: mod, path: target.path, exports: [{ name, kind: 'client', shape, ...common }] } };
}

function readHost(key: string, node: Node, warn: Warn, suggest: Suggest): DeclaredHost | null {
  const what = `detect.hosts[${quoted(key)}]`;
  const host = key.trim().toLowerCase();
  if (!HOST.test(host)) return nothing(warn, node, `${what}: expects a host name such as llm.internal.example.com, *.example.com or localhost:8080`);
  if (isScalar(node)) {
    const provider = label(node, what, warn);
    return provider ? { host, provider, gateway: null } : null;
  }
  const entries = pairs(node, what, 'a provider name, or a mapping { provider, gateway? }', warn);
  if (!entries) return null;
  const common: Common = { provider: null, gateway: null, baseURL: null };
  let ok = true;
  for (const [k, keyNode, v] of entries) {
    if (!HOST_KEYS.includes(k)) {
      unknownKey(keyNode, what, k, HOST_KEYS, warn, suggest);
      ok = false;
    } else ok = readCommon(k, v, what, common, warn) && ok;
  }
  if (!ok) return null;
  if (!common.provider) return nothing(warn, node, `${what}: needs provider`);
  return { host, provider: common.provider, gateway: common.gateway };
}

/** Adds a module's exports to the one declared under the same key; an export declared twice keeps its first declaration. */
function merge(into: DeclaredModule[], mod: DeclaredModule, node: Node, what: string, warn: Warn): void {
  const same = into.find((m) => m.key === mod.key || (m.path !== null && m.path === mod.path));
  if (!same) return void into.push(mod);
  for (const e of mod.exports) {
    if (same.exports.some((x) => x.name === e.name)) warn(node, `${what}: ${mod.key} export ${e.name} is declared already`);
    else same.exports.push(e);
  }
}

function bounded<T>(list: Array<[string, Node, Node]>, what: string, node: Node, warn: Warn): Array<[string, Node, Node]> {
  if (list.length <= MAX_DECLARATIONS) return list;
  warn(node, `${what}: ${list.length} entries; only the first ${MAX_DECLARATIONS} are read`);
  return list.slice(0, MAX_DECLARATIONS);
}

/** Reads `detect:`; every problem is a warning through `warn`, and the entry it is in is left out. */
export function readDetect(node: Node | null | undefined, warn: Warn, suggest: Suggest): DetectConfig {
  const out: DetectConfig = { modules: [], hosts: [] };
  const sections = pairs(node, 'detect', 'a mapping with modules, functions or hosts', warn);
  if (!sections) return out;
  for (const [k, keyNode, v] of sections) {
    if (!SECTION_KEYS.includes(k)) {
      unknownKey(keyNode, 'detect', k, SECTION_KEYS, warn, suggest);
      continue;
    }
    const what = `detect.${k}`;
    const expects = k === 'hosts' ? 'a mapping of host names to a provider or { provider, gateway? }' : k === 'modules' ? 'a mapping of package names or paths to { shape, exports, ... }' : 'a mapping of module#export to fetch or axios';
    const list = pairs(v, what, expects, warn);
    if (!list) continue;
    for (const [key, entryKey, entry] of bounded(list, what, v, warn)) {
      if (k === 'modules') {
        const m = readModule(key, entry ?? entryKey, warn, suggest);
        if (m) merge(out.modules, m, entryKey, what, warn);
      } else if (k === 'functions') {
        const f = readFunction(key, entry ?? entryKey, warn, suggest);
        if (f) merge(out.modules, f.module, entryKey, what, warn);
      } else {
        const h = readHost(key, entry ?? entryKey, warn, suggest);
        if (h && out.hosts.some((x) => x.host === h.host)) warn(entryKey, `${what}: ${quoted(key)} is declared twice`);
        else if (h) out.hosts.push(h);
      }
    }
  }
  return out;
}
