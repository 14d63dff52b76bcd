import * as fs from 'fs';
import * as path from 'path';
import { ts } from 'ts-morph';
import type { ScanWarning } from '../types';
import { SCRIPT_EXTENSIONS, SOURCE_EXTENSIONS, type DiscoveredFile } from './discover';
import { exportIndex, extractSpecifiers, isRelativeSpecifier, packageName, type ExportIndex } from './imports';
import { isSdkPackage } from '../providers/registry';
import { parseJsonc } from './jsonc';
import { noteRead } from './reads';
import { ConfinedRoot, NOT_READ, refusalText, type Refusal } from './confined-fs';
import { textLines } from '../lines';
import { NESTED_TOO_DEEPLY, parseBudgetMs, parseSource, type ParseOutcome } from './parse';
import { isFrameworkFile, scriptView } from './frameworks';
import { createHash } from 'crypto';
import { setParents, walkDescendants } from './walk';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text, or a thrown error when the bytes are not UTF-8. Buffer's own decoding is the fast path;
 * it turns bad bytes into U+FFFD, so only a text that contains one is decoded again, strictly.
 */
function decodeUtf8(buf: Buffer): string {
  const text = buf.toString('utf8');
  return text.includes('\uFFFD') ? UTF8.decode(buf) : text;
}

/** Files above this size are generated or vendored in practice; reading them costs more than it finds. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Added to the warning of a text whose parse ran out of time, where the index remembers it (see parseTimeouts). */
export const PARSED_ONCE = '; not parsed again until its text changes';

const toPosix = (p: string) => p.split(path.sep).join('/');

interface TsPaths {
  dir: string;
  baseUrl: string | null;
  paths: Array<{ pattern: string; targets: string[] }>;
}

/**
 * Every file of the scan, read once, parsed only on demand. This is the one place that
 * parses: ts-morph's TypeScript builds syntax trees; binding is ours (shared/resolve), so no
 * type checker, no node_modules and no transitive program load is ever needed.
 */
export class SourceIndex {
  readonly root: string;
  readonly files: DiscoveredFile[];
  readonly warnings: ScanWarning[] = [];
  private readonly known = new Map<string, DiscoveredFile>();
  /** Each file's code: for a .vue, .svelte or .astro file, its script blocks alone (see frameworks.ts). */
  private readonly texts = new Map<string, string | null>();
  /** How the code of a .vue, .svelte or .astro file parses (the blocks' `lang`). */
  private readonly scriptKinds = new Map<string, ts.ScriptKind>();
  private readonly parsed = new Map<string, ts.SourceFile | null>();
  private readonly specifiers = new Map<string, string[]>();
  private readonly resolutions = new Map<string, string | null>();
  private readonly existsCache = new Map<string, boolean>();
  private readonly tsconfigCache = new Map<string, TsPaths | null>();
  private bySegment: Map<string, Array<[string, string]>> | null = null;
  private readonly importerCache = new Map<string, string[]>();
  private readonly targetsCache = new Map<string, Map<string, string[]>>();
  private readonly exportIndexes = new Map<string, ExportIndex | null>();
  private readonly parsedFiles = new Set<string>();
  private workspace: Map<string, string> | null = null;
  private packageEntries: Map<string, string> | null = null;
  private readonly manifests = new Map<string, PackageManifest | null>();
  /** Every read of a file of the tree goes through here: regular files inside the root only. */
  readonly fsg: ConfinedRoot;

  /** Milliseconds one file's parse may take (see parse.ts). */
  private readonly parseBudgetMs: number;

  /**
   * Texts whose parse ran out of the time budget, by content hash, with their warning: given by the
   * editor session, which keeps it through edits and config reloads and would otherwise spend another
   * full budget on the same text each time it is read again. Null: a scan parses each file once.
   */
  private readonly parseTimeouts: Map<string, string> | null;

  constructor(root: string, files: DiscoveredFile[], options: { parseBudgetMs?: number; parseTimeouts?: Map<string, string> } = {}) {
    this.root = root;
    this.files = files;
    this.fsg = new ConfinedRoot(root);
    for (const f of files) this.known.set(f.abs, f);
    this.parseBudgetMs = options.parseBudgetMs ?? parseBudgetMs();
    this.parseTimeouts = options.parseTimeouts ?? null;
  }

  rel(abs: string): string {
    return this.known.get(abs)?.rel ?? toPosix(path.relative(this.root, abs));
  }

  isInsideRoot(abs: string): boolean {
    return abs !== this.root && this.fsg.contains(abs);
  }

  private warn(abs: string, message: string, line?: number) {
    this.warnings.push(line ? { file: this.rel(abs), line, message } : { file: this.rel(abs), message });
  }

  /** The file's text, or null (with a warning) when it is binary, not UTF-8, too large, minified or not confined to the root. */
  text(abs: string): string | null {
    noteRead(abs);
    if (this.texts.has(abs)) return this.texts.get(abs)!;
    let result: string | null = null;
    const read = this.fsg.read(abs, MAX_FILE_BYTES);
    if (!read.ok) {
      const r = read.refusal;
      if (r.kind === 'too-large') this.warn(abs, `skipped: ${(r.size / 1024 / 1024).toFixed(1)} MB is larger than the 2 MB limit for source files (generated or bundled code?)`);
      else if (r.kind === 'missing') this.warn(abs, 'cannot read: ENOENT');
      else if (r.kind === 'error') this.warn(abs, `cannot read: ${r.code}`);
      else this.warn(abs, refusalText(r));
    } else {
      const buf = read.bytes;
      if (buf.subarray(0, 8000).includes(0)) {
        this.warn(abs, 'skipped: binary file');
      } else {
        try {
          result = decodeUtf8(buf);
          if (result.charCodeAt(0) === 0xfeff) result = result.slice(1);
        } catch {
          this.warn(abs, 'skipped: not valid UTF-8 text');
        }
        if (result !== null && looksMinified(result)) {
          this.warn(abs, 'skipped: minified code (very long lines)');
          result = null;
        }
      }
    }
    if (result !== null) result = this.codeOf(abs, result);
    this.texts.set(abs, result);
    return result;
  }

  /** The code in a file's text: all of it, or a component's script blocks (offsets kept). */
  private codeOf(abs: string, text: string): string {
    if (!isFrameworkFile(abs)) return text;
    const view = scriptView(abs, text);
    this.scriptKinds.set(abs, view.kind);
    return view.code;
  }

  /**
   * A raw text file (a prompt file) inside the scanned tree; never parsed. A file refused by the
   * confinement rule (a link out of the tree, a device, a FIFO) is a warning naming it; a path that
   * leaves the tree is not warned about here, as the reader names the line that asked for it.
   */
  readTextFile(abs: string): { text: string } | { refusal: Refusal | null; reason: string } {
    noteRead(abs);
    const read = this.fsg.read(abs, MAX_FILE_BYTES);
    if (read.ok) {
      try {
        return { text: decodeUtf8(read.bytes) };
      } catch {
        return { refusal: null, reason: 'not valid UTF-8 text' };
      }
    }
    const r = read.refusal;
    const reason = r.kind === 'too-large' ? `${(r.size / 1024 / 1024).toFixed(1)} MB is larger than the 2 MB limit for files read as text` : r.kind === 'missing' ? 'no such file' : refusalText(r);
    if (r.kind !== 'leaves' && r.kind !== 'missing') this.warn(abs, r.kind === 'too-large' ? `skipped: ${reason}` : reason);
    return { refusal: r, reason };
  }

  /**
   * The parsed file, or null (with a warning) when it cannot be read, does not parse, takes longer
   * than the time budget to parse or nests deeper than the limit (see parse.ts). Parent
   * pointers are set by our own walk, which also hands every node to `onNode` when given: one
   * traversal instead of two for the files the scan walks anyway.
   */
  sourceFile(abs: string, onNode?: (node: ts.Node) => void): ts.SourceFile | null {
    noteRead(abs);
    if (this.parsed.has(abs)) {
      const cached = this.parsed.get(abs)!;
      if (cached && onNode) walkDescendants(cached, onNode);
      return cached;
    }
    const text = this.text(abs);
    let sf: ts.SourceFile | null = null;
    if (text !== null) {
      this.parsedFiles.add(abs);
      const hash = this.parseTimeouts ? createHash('sha256').update(text).digest('hex') : '';
      const remembered = this.parseTimeouts?.get(hash);
      const outcome: ParseOutcome = remembered !== undefined ? { skipped: remembered } : parseSource(abs, text, this.parseBudgetMs, this.scriptKinds.get(abs));
      if (!('sf' in outcome)) {
        let message = outcome.skipped;
        if (this.parseTimeouts && outcome.timedOut) this.parseTimeouts.set(hash, (message += PARSED_ONCE));
        this.warn(abs, message, outcome.line);
      } else if (setParents(outcome.sf, onNode)) {
        sf = outcome.sf;
      } else {
        this.warn(abs, NESTED_TOO_DEEPLY);
      }
    }
    this.parsed.set(abs, sf);
    return sf;
  }

  /**
   * Replaces a file's text (an editor's unsaved buffer, or a change on disk): its tree and imports
   * are read again on demand. `null` text removes the file. Returns true when the import graph may
   * have changed (imports edited, a file added or removed), so callers know importer lists are stale.
   */
  setText(abs: string, text: string | null): boolean {
    const graphChanged = this.wouldChangeGraph(abs, text);
    const wasKnown = this.known.has(abs);
    this.parsed.delete(abs);
    this.specifiers.delete(abs);
    this.warnings.splice(0, this.warnings.length, ...this.warnings.filter((w) => w.file !== this.rel(abs)));
    if (text === null) {
      this.texts.delete(abs);
      if (wasKnown) {
        this.known.delete(abs);
        const i = this.files.findIndex((f) => f.abs === abs);
        if (i >= 0) this.files.splice(i, 1);
      }
    } else {
      this.texts.set(abs, this.codeOf(abs, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
      if (!wasKnown) {
        const file = { abs, rel: toPosix(path.relative(this.root, abs)) };
        this.known.set(abs, file);
        this.files.push(file);
        this.files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
      }
    }
    this.targetsCache.delete(abs);
    this.exportIndexes.delete(abs);
    if (graphChanged) {
      this.targetsCache.clear();
      this.bySegment = null;
      this.workspace = null;
      this.packageEntries = null;
      this.importerCache.clear();
      this.resolutions.clear();
      this.existsCache.clear();
    }
    return graphChanged;
  }

  /** Whether replacing a file's text changes the import graph: the file appears or goes, or its imports change. */
  wouldChangeGraph(abs: string, text: string | null): boolean {
    if (this.known.has(abs) !== (text !== null)) return true;
    if (text === null) return false;
    const now = this.specifiersOf(abs);
    const next = extractSpecifiers(isFrameworkFile(abs) ? scriptView(abs, text).code : text);
    return now.length !== next.length || now.some((spec, i) => spec !== next[i]);
  }

  /** What a file's text says it exports (see exportIndex), kept until its text changes. */
  exportsOf(abs: string): ExportIndex | null {
    let idx = this.exportIndexes.get(abs);
    if (idx === undefined) {
      const text = this.text(abs);
      this.exportIndexes.set(abs, (idx = text === null ? null : exportIndex(text)));
    }
    return idx;
  }

  /** Whether the file is part of the scan. */
  has(abs: string): boolean {
    return this.known.has(abs);
  }

  /** Number of distinct files parsed so far. */
  get parseCount(): number {
    return this.parsedFiles.size;
  }

  /** Forgets a file's syntax tree (it is parsed again if needed): keeps memory flat on large scans. */
  release(abs: string): void {
    if (this.parsed.get(abs)) this.parsed.delete(abs);
  }

  specifiersOf(abs: string): string[] {
    let specs = this.specifiers.get(abs);
    if (!specs) {
      const text = this.text(abs);
      specs = text === null ? [] : extractSpecifiers(text);
      this.specifiers.set(abs, specs);
    }
    return specs;
  }

  /** Import specifiers another thread extracted from a file it read. */
  adoptSpecifiers(abs: string, specifiers: string[]): void {
    if (!this.specifiers.has(abs)) this.specifiers.set(abs, specifiers);
  }

  /** The specifier index, to hand to a worker that scans part of the files. */
  importerGraph(): Array<[string, Array<[string, string]>]> {
    return [...this.segmentIndex()];
  }

  /** Adopts a specifier index built by another thread over the same files. */
  adoptImporterGraph(graph: Array<[string, Array<[string, string]>]>): void {
    this.bySegment = new Map(graph);
  }

  /** Files parsed so far, for merging the counts of several threads. */
  parsedFileList(): string[] {
    return [...this.parsedFiles];
  }

  /**
   * Every import specifier of the scan by its last path segment (`./lib/openai.js` → `openai`):
   * finding who imports a file then resolves only the specifiers that could name it, instead of
   * resolving every import of every file up front.
   */
  private segmentIndex(): Map<string, Array<[string, string]>> {
    if (!this.bySegment) {
      const index = new Map<string, Array<[string, string]>>();
      for (const f of this.files) {
        for (const spec of this.specifiersOf(f.abs)) {
          const seg = lastSegment(spec);
          const list = index.get(seg);
          if (list) list.push([f.abs, spec]);
          else index.set(seg, [[f.abs, spec]]);
        }
      }
      this.bySegment = index;
    }
    return this.bySegment;
  }

  /** The project files a file imports, each with the specifiers that name it (cached until the graph changes). */
  importTargets(abs: string): Map<string, string[]> {
    let targets = this.targetsCache.get(abs);
    if (!targets) {
      targets = new Map();
      for (const spec of this.specifiersOf(abs)) {
        const t = this.resolveModule(abs, spec);
        if (!t) continue;
        const list = targets.get(t);
        if (list) list.push(spec);
        else targets.set(t, [spec]);
      }
      this.targetsCache.set(abs, targets);
    }
    return targets;
  }

  /** Files of the scan that import `abs` (by the cheap specifier scan), sorted. */
  importers(abs: string): string[] {
    const hit = this.importerCache.get(abs);
    if (hit) return hit;
    const index = this.segmentIndex();
    const base = path.basename(abs).replace(/\.[^.]*$/, '');
    const keys = new Set([base, '<dir>']);
    if (base === 'index') keys.add(path.basename(path.dirname(abs)));
    // `import { x } from '@acme/ai'` names the package, not its entry file.
    const pkg = this.packageEntryOf(abs);
    if (pkg) keys.add(lastSegment(pkg));
    const found = new Set<string>();
    for (const key of keys) {
      for (const [file, spec] of index.get(key) ?? []) {
        if (file !== abs && !found.has(file) && this.resolveModule(file, spec) === abs) found.add(file);
      }
    }
    const list = [...found].sort();
    this.importerCache.set(abs, list);
    return list;
  }

  private exists(abs: string): boolean {
    if (this.known.has(abs)) return true;
    let e = this.existsCache.get(abs);
    if (e === undefined) {
      // Only paths inside the root resolve. A link out of it, a device or a FIFO still resolves, so
      // that the read which follows refuses it with a warning naming it rather than nothing at all.
      try {
        e = this.fsg.contains(abs) && !fs.statSync(abs).isDirectory();
      } catch {
        e = false;
      }
      this.existsCache.set(abs, e);
    }
    return e;
  }

  private probe(base: string): string | null {
    // Discovered files first: most specifiers resolve without a syscall.
    const ext = path.extname(base);
    if (!ext || !SOURCE_EXTENSIONS.includes(ext)) {
      for (const e of SCRIPT_EXTENSIONS) if (this.known.has(base + e)) return base + e;
    }
    if (ext && SOURCE_EXTENSIONS.includes(ext)) {
      if (this.exists(base)) return base;
      // TypeScript's ESM style: `./x.js` names `./x.ts`.
      const stem = base.slice(0, -ext.length);
      const swaps: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
      for (const alt of swaps[ext] ?? []) if (this.exists(stem + alt)) return stem + alt;
    }
    // A component is imported with its extension (`./Chat.vue`): only script files are probed for.
    for (const e of SCRIPT_EXTENSIONS) if (this.exists(base + e)) return base + e;
    for (const e of SCRIPT_EXTENSIONS) if (this.exists(path.join(base, 'index' + e))) return path.join(base, 'index' + e);
    if (ext && this.exists(base)) return base; // a non-source file, e.g. a `?raw` prompt import
    return null;
  }

  /** Resolves a specifier to a file of the project, or null for packages and unresolvable paths. */
  resolveModule(fromAbs: string, specRaw: string): string | null {
    const q = specRaw.indexOf('?');
    const spec = q < 0 ? specRaw : specRaw.slice(0, q);
    const key = path.dirname(fromAbs) + '\0' + spec;
    if (this.resolutions.has(key)) return this.resolutions.get(key)!;
    let result: string | null = null;
    if (isRelativeSpecifier(spec)) {
      result = this.probe(path.resolve(path.dirname(fromAbs), spec));
    } else {
      const cfg = this.tsconfigFor(path.dirname(fromAbs));
      if (cfg) {
        for (const { pattern, targets } of cfg.paths) {
          const star = pattern.indexOf('*');
          let capture: string | null = null;
          if (star < 0) capture = pattern === spec ? '' : null;
          else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) && spec.length >= pattern.length - 1)
            capture = spec.slice(star, spec.length - (pattern.length - star - 1));
          if (capture === null) continue;
          for (const t of targets) {
            const hit = this.probe(path.resolve(cfg.baseUrl ?? cfg.dir, t.replace('*', capture)));
            if (hit) {
              result = hit;
              break;
            }
          }
          if (result) break;
        }
        if (!result && cfg.baseUrl && !spec.startsWith('@')) {
          const hit = this.probe(path.resolve(cfg.baseUrl, spec));
          if (hit && this.isInsideRoot(hit)) result = hit;
        }
      }
    }
    if (!result && !isRelativeSpecifier(spec) && !path.isAbsolute(spec)) {
      const pkg = packageName(spec);
      const dir = isSdkPackage(pkg) ? undefined : this.workspacePackages().get(pkg);
      if (dir) result = this.resolveInPackage(dir, spec.slice(pkg.length).replace(/^\//, ''));
    }
    this.resolutions.set(key, result);
    return result;
  }

  /**
   * The monorepo's own packages by name (`@acme/ai` → its folder), from the package.json files in the
   * folders that hold scanned sources. No node_modules is needed to follow `import { client } from
   * '@acme/ai'` into the package that builds the client.
   */
  private workspacePackages(): Map<string, string> {
    if (this.workspace) return this.workspace;
    const dirs = new Set<string>();
    for (const f of this.files) {
      for (let d = path.dirname(f.abs); !dirs.has(d); d = path.dirname(d)) {
        dirs.add(d);
        if (!this.isInsideRoot(d)) break;
      }
    }
    const found = new Map<string, string>();
    for (const d of [...dirs].sort()) {
      const name = this.manifest(d)?.name;
      if (typeof name === 'string' && name && !found.has(name)) found.set(name, d);
    }
    this.workspace = found;
    return found;
  }

  /** The name of the monorepo package whose entry (what `import '@acme/ai'` reaches) this file is, if any. */
  private packageEntryOf(abs: string): string | null {
    if (!this.packageEntries) {
      // Kept only once complete: an analysis stopped by its time budget may stop in this loop.
      const entries = new Map<string, string>();
      for (const [name, dir] of this.workspacePackages()) {
        const entry = isSdkPackage(name) ? null : this.resolveInPackage(dir, '');
        if (entry) entries.set(entry, name);
      }
      this.packageEntries = entries;
    }
    return this.packageEntries.get(abs) ?? null;
  }

  private manifest(dir: string): PackageManifest | null {
    if (this.manifests.has(dir)) return this.manifests.get(dir)!;
    let m: PackageManifest | null = null;
    const file = path.join(dir, 'package.json');
    // existsSync first: most folders have no package.json, and a failed read throws (slow).
    const text = fs.existsSync(file) ? this.readSettingsFile(file) : null;
    if (text !== null) {
      try {
        const json: unknown = JSON.parse(text);
        if (json && typeof json === 'object' && !Array.isArray(json)) m = json as PackageManifest;
      } catch {
        // A package.json that does not parse: not a package to resolve into.
      }
    }
    this.manifests.set(dir, m);
    return m;
  }

  /** A file of a monorepo package for a subpath (`''` for the package itself), through its exports map or fields. */
  private resolveInPackage(dir: string, sub: string): string | null {
    const m = this.manifest(dir) ?? {};
    if (m.exports !== undefined && m.exports !== null) {
      for (const target of exportTargets(m.exports, sub ? './' + sub : '.')) {
        const hit = this.sourceFor(dir, target);
        if (hit) return hit;
      }
    }
    if (sub) return this.sourceFor(dir, sub);
    for (const field of ['source', 'types', 'typings', 'module', 'main'] as const) {
      const v = m[field];
      const hit = typeof v === 'string' ? this.sourceFor(dir, v) : null;
      if (hit) return hit;
    }
    return this.probe(path.join(dir, 'src', 'index')) ?? this.probe(path.join(dir, 'index'));
  }

  /**
   * The source file behind a path a manifest names: the file itself, or the source a build output
   * was made from (`./dist/index.js` → `src/index.ts`), as the build has not run when we scan.
   */
  private sourceFor(dir: string, target: string): string | null {
    const rel = target.replace(/^\.\//, '');
    const stem = (p: string) => p.replace(/\.d\.[cm]?ts$/, '').replace(/\.[cm]?jsx?$/, '');
    const segs = rel.split('/');
    const tries = [rel];
    if (BUILD_DIRS.has(segs[0])) tries.push(['src', ...segs.slice(1)].join('/'), segs.slice(1).join('/'));
    for (const t of tries) {
      const hit = t ? this.probe(path.join(dir, stem(t))) : null;
      if (hit && this.isInsideRoot(hit) && !/\.d\.[cm]?ts$/.test(hit)) return hit;
    }
    return null;
  }

  private tsconfigFor(dir: string): TsPaths | null {
    if (this.tsconfigCache.has(dir)) return this.tsconfigCache.get(dir)!;
    let found: TsPaths | null = null;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) {
        found = this.readTsconfig(file, 0);
        if (found) break;
      }
    }
    if (!found) {
      const parent = path.dirname(dir);
      const stop = dir === this.root || parent === dir || !this.isInsideRoot(parent) && parent !== this.root;
      found = stop ? null : this.tsconfigFor(parent);
    }
    this.tsconfigCache.set(dir, found);
    return found;
  }

  /**
   * A package.json or tsconfig of the tree as text, or null: missing, or refused by the confinement
   * rule (then with a warning naming it; its content is never read).
   */
  private readSettingsFile(file: string): string | null {
    const read = this.fsg.read(file, MAX_FILE_BYTES);
    if (read.ok) return read.bytes.toString('utf8');
    if (read.refusal.kind !== 'missing') this.warnings.push({ file: this.rel(file), message: refusalText(read.refusal, MAX_FILE_BYTES) });
    return null;
  }

  private readTsconfig(file: string, depth: number): TsPaths | null {
    if (depth > 5) return null;
    let json: { extends?: string | string[]; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
    const text = this.readSettingsFile(file);
    if (text === null) return null;
    try {
      const parsed = parseJsonc(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        this.warnings.push({ file: this.rel(file), message: 'tsconfig does not parse; path aliases from it are ignored' });
        return null;
      }
      json = parsed as typeof json;
    } catch {
      return null;
    }
    const dir = path.dirname(file);
    let base: TsPaths | null = null;
    const ext = Array.isArray(json.extends) ? json.extends[0] : json.extends;
    if (typeof ext === 'string' && isRelativeSpecifier(ext)) {
      const target = path.resolve(dir, ext.endsWith('.json') ? ext : ext + '.json');
      // A base config above the scanned folder is not read: the aliases it holds are not applied.
      if (!this.fsg.contains(target)) this.warnings.push({ file: this.rel(file), message: `${NOT_READ.leaves} ("extends": ${JSON.stringify(ext)})` });
      else if (fs.existsSync(target)) base = this.readTsconfig(target, depth + 1);
    }
    const co = json.compilerOptions ?? {};
    const baseUrl = typeof co.baseUrl === 'string' ? path.resolve(dir, co.baseUrl) : base?.baseUrl ?? null;
    const paths =
      co.paths && typeof co.paths === 'object'
        ? Object.keys(co.paths)
            .sort()
            .map((pattern) => ({ pattern, targets: (co.paths![pattern] ?? []).filter((t) => typeof t === 'string') }))
        : base?.paths ?? [];
    const pathsDir = co.paths ? dir : base?.dir ?? dir;
    if (!baseUrl && !paths.length) return null;
    return { dir: pathsDir, baseUrl, paths };
  }
}

const SOURCE_EXT = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;

/** The fields of a package.json that say where its code is. */
interface PackageManifest {
  name?: unknown;
  exports?: unknown;
  source?: unknown;
  types?: unknown;
  typings?: unknown;
  module?: unknown;
  main?: unknown;
}

/** Folders a package's build writes to; its sources sit in src/ or at the top. */
const BUILD_DIRS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs']);

/** Conditions in the order that finds a source file first (a `source` or `types` entry often names it). */
const CONDITION_ORDER = ['source', 'types', 'import', 'module', 'default', 'require', 'node'];

/** The paths an exports map gives for a subpath (`.` or `./x`), most source-like first; `*` patterns included. */
export function exportTargets(exports: unknown, subpath: string): string[] {
  const isMap = exports !== null && typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
  const map: Record<string, unknown> = isMap ? (exports as Record<string, unknown>) : { '.': exports };
  let value: unknown = map[subpath];
  let star: string | null = null;
  if (value === undefined) {
    for (const key of Object.keys(map).sort((a, b) => b.length - a.length)) {
      const i = key.indexOf('*');
      if (i < 0) continue;
      const head = key.slice(0, i);
      const tail = key.slice(i + 1);
      if (subpath.startsWith(head) && subpath.endsWith(tail) && subpath.length >= key.length - 1) {
        value = map[key];
        star = subpath.slice(head.length, subpath.length - tail.length);
        break;
      }
    }
  }
  const out: string[] = [];
  const rank = (k: string) => (CONDITION_ORDER.includes(k) ? CONDITION_ORDER.indexOf(k) : CONDITION_ORDER.length);
  // Depth first, in order, with a stack of our own: a package.json of the scanned tree can nest
  // conditions as deep as it likes.
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(star === null ? v : v.split('*').join(star));
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
      for (let i = keys.length - 1; i >= 0; i--) stack.push(o[keys[i]]);
    }
  }
  return [...new Set(out)];
}

/** The last path segment of a specifier, without a source extension; `<dir>` for `.`, `..` and `x/`. */
function lastSegment(specRaw: string): string {
  const spec = specRaw.replace(/\?.*$/, '');
  if (spec === '.' || spec === '..' || spec.endsWith('/')) return '<dir>';
  const seg = spec.slice(spec.lastIndexOf('/') + 1);
  return seg.replace(SOURCE_EXT, '');
}

/**
 * Minified code: few very long lines, or mostly long lines. One long line alone (an inlined image
 * or SVG path in a component) does not make a file minified.
 */
function looksMinified(text: string): boolean {
  if (text.length < 20000) return false;
  // Minified: the median non-empty line is longer than 200 characters, i.e. most lines are.
  let lines = 0;
  let long = 0;
  for (let start = 0; start < text.length; ) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    if (nl > start) {
      lines++;
      if (nl - start > 200) long++;
    }
    start = nl + 1;
  }
  if (!(lines < 20 || long > (lines - 1) / 2)) return false;
  // Counting '\n' alone is the fast path; a CR-only (or U+2028) file would look like one long line.
  if (!/[\r\u2028\u2029]/.test(text)) return true;
  const all = textLines(text).filter((l) => l.length > 0);
  return all.length < 20 || all.filter((l) => l.length > 200).length > (all.length - 1) / 2;
}
