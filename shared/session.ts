import * as path from 'path';
import { anyGlob } from './glob';
import { discover, SOURCE_EXTENSIONS } from './project/discover';
import { MAX_FILE_BYTES, SourceIndex } from './project/sources';
import { CandidateSelector } from './project/prefilter';
import { trackReads } from './project/reads';
import { assignIds, declaredFiles, distinctWarnings, scanAdapters, Scanner } from './scan';
import { Declarations } from './providers/declared';
import { ConfigError, findConfig, loadConfig, parseConfig, resolvePricingTable, type TollgateConfig } from './config/load';
import { parseVolume } from './config/estimate-config';
import { estimateScan, pricingFor, type EstimateMemo } from './estimate';
import { checkEstimated, type FailOn, type PolicyResult } from './check';
import type { PricingTable } from './pricing/table';
import type { RuleMemo } from './rules/run';
import type { CallSite, ScanResult, UnreadCall } from './types';
import { coverageOf } from './coverage';
import { VERSION } from './version';
import { redactDeep } from './redact';

export interface SessionOptions {
  /** The config file; undefined: tollgate.yml (or .yaml/.json) at the root when there is one; null: none. */
  configFile?: string | null;
  failOn?: FailOn;
  /** Calls per month for call sites nothing else gives a volume ("1k/day"); the config's `usage.default` wins. */
  defaultVolume?: string | null;
  /** The config file's unsaved text in an editor, applied before it is saved; valid for the reload that passes it. */
  configText?: string | null;
}

export interface SessionConfigError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface SessionSnapshot {
  /** The whole workspace: call sites with estimates and owners, findings, totals, policy. */
  result: PolicyResult;
  config: TollgateConfig;
  /** The config file could not be used (the defaults apply meanwhile), or the default volume is not a volume. */
  configErrors: SessionConfigError[];
  /** Workspace-relative paths whose call sites or findings changed since the previous snapshot. */
  changedFiles: string[];
  stats: { ms: number; filesRescanned: number };
}

/** How far an edit reaches: wrappers' callers and shared constants are followed this many imports away. */
const REACH = 3;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A long-lived analysis of one workspace for an editor: the first scan parses what it needs; an edit
 * re-scans only the files it can change (the file, what it imports and what imports it, a few hops
 * out), re-estimates only their call sites, and re-applies the rules. Syntax trees of unchanged files
 * are kept, so one edit costs a few parses, not a scan.
 */
export class WorkspaceSession {
  readonly root: string;
  private options: SessionOptions;
  private config!: TollgateConfig;
  private table!: PricingTable;
  private configErrors: SessionConfigError[] = [];
  private index!: SourceIndex;
  private selector!: CandidateSelector;
  /** The config's `detect:` declarations, as the scan reads them. */
  private declared!: Declarations;
  private candidates = new Set<string>();
  private sitesByFile = new Map<string, CallSite[]>();
  /** Per candidate file, the unrecognised SDK calls of its last analysis (see Scanner.unreadCalls). */
  private unreadCallsByFile = new Map<string, UnreadCall[]>();
  /** Per candidate file, the files its last analysis read: what an edit must touch to change its call sites. */
  private reads = new Map<string, Set<string>>();
  private memo: EstimateMemo = new WeakMap();
  private ruleMemo: RuleMemo = new WeakMap();
  /** JSON of call sites and findings, by object: the changed-files check serialises only what is new. */
  private json = new WeakMap<object, string>();
  private filesSeen = 0;
  private admits: (rel: string) => boolean = () => true;
  private last: SessionSnapshot | null = null;
  /** Per file, what the previous snapshot showed of it: to tell the editor which files to redraw. */
  private shown = new Map<string, object[]>();

  /** Texts whose parse ran out of time (see SourceIndex): not parsed again, whichever index reads them. */
  private readonly parseTimeouts = new Map<string, string>();

  constructor(root: string, options: SessionOptions = {}) {
    this.root = path.resolve(root);
    this.options = options;
  }

  /** The first full scan. */
  open(): SessionSnapshot {
    const started = performance.now();
    this.loadConfig();
    const discovery = discover(this.root, { include: this.config.include, exclude: this.config.exclude });
    this.filesSeen = discovery.files.length;
    this.index = new SourceIndex(discovery.root, discovery.files, { parseTimeouts: this.parseTimeouts });
    this.index.warnings.push(...discovery.warnings);
    this.declared = new Declarations(this.config.detect);
    this.selector = new CandidateSelector(this.index, scanAdapters(this.declared), declaredFiles(this.declared));
    this.candidates = new Set(this.selector.select());
    this.sitesByFile.clear();
    this.unreadCallsByFile.clear();
    this.reads.clear();
    this.rescan([...this.candidates]);
    return this.finish(started, this.candidates.size);
  }

  /**
   * A file's new text: an editor's unsaved buffer, or null to read it from disk again (saved, reverted,
   * created or deleted on disk). Files the scan does not cover (outside include/exclude, not source) are ignored.
   */
  update(absFile: string, text: string | null): SessionSnapshot {
    if (!this.last) return this.open();
    const started = performance.now();
    const abs = path.resolve(absFile);
    const rel = path.relative(this.root, abs).split(path.sep).join('/');
    if (this.isConfigFile(abs)) return this.reloadConfig();
    if (!this.covers(abs, rel)) return this.finish(started, 0);
    const content = text ?? this.readOrNull(abs);
    if (content === null && !this.index.has(abs)) return this.finish(started, 0);
    // An edit that keeps the imports changes exactly the call sites whose analysis read the file.
    // One that changes them may bring new readers (a new caller, a new import): those are looked
    // for around the file, a few import hops out, before and after.
    const before = this.index.wouldChangeGraph(abs, content) ? this.reach(abs) : null;
    this.index.setText(abs, content);
    this.selector.invalidate(abs);
    const next = new Set(this.selector.select());
    const affected = new Set<string>();
    for (const [f, reads] of this.reads) if (reads.has(abs)) affected.add(f);
    if (before) for (const f of [...before, ...this.reach(abs)]) if (next.has(f) || this.candidates.has(f)) affected.add(f);
    for (const f of next) if (!this.candidates.has(f)) affected.add(f);
    for (const f of this.candidates) if (!next.has(f)) affected.add(f);
    this.candidates = next;
    for (const f of affected) {
      if (next.has(f)) continue;
      this.sitesByFile.delete(this.index.rel(f));
      this.unreadCallsByFile.delete(this.index.rel(f));
      this.reads.delete(f);
    }
    const toScan = [...affected].filter((f) => next.has(f)).sort();
    this.rescan(toScan);
    this.filesSeen = this.index.files.length;
    return this.finish(started, toScan.length);
  }

  /** Reads the config again (it changed on disk, or the editor's settings did), then estimates and checks everything again. */
  reloadConfig(options?: SessionOptions): SessionSnapshot {
    // An unsaved config text lasts until the next reload: saving it, or reverting, reads the disk again.
    this.options = { ...this.options, configText: undefined, ...(options ?? {}) };
    const include = this.config?.include;
    const exclude = this.config?.exclude;
    const detect = this.config?.detect;
    this.loadConfig();
    // Another set of files, or other declarations of what to read: scan from the start.
    const before = JSON.stringify([include, exclude, detect]);
    if (!this.last || before !== JSON.stringify([this.config.include, this.config.exclude, this.config.detect])) return this.open();
    return this.finish(performance.now(), 0);
  }

  snapshot(): SessionSnapshot {
    return this.last ?? this.open();
  }

  private loadConfig(): void {
    this.configErrors = [];
    const file = this.options.configFile === undefined ? findConfig(this.root) : this.options.configFile;
    let config: TollgateConfig;
    const shown = file ? path.relative(this.root, path.resolve(this.root, file)).split(path.sep).join('/') : undefined;
    const unsaved = this.options.configText;
    try {
      // An unsaved buffer's `pricing.table` is read from disk as a saved file's is (relative to where the buffer's file is).
      config =
        typeof unsaved === 'string'
          ? resolvePricingTable(parseConfig(unsaved, shown ?? 'tollgate.yml'), path.resolve(this.root, file ?? 'tollgate.yml'), shown ?? 'tollgate.yml', this.root)
          : loadConfig(file ? path.resolve(this.root, file) : null, shown, this.root);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.configErrors.push({ file: err.file, line: err.line, column: err.column, message: err.message.slice(`${err.file}:${err.line}:${err.column}: `.length) });
      config = loadConfig(null);
    }
    const fallback = this.options.defaultVolume?.trim();
    if (fallback && !config.estimate.usage.default) {
      const volume = parseVolume(fallback);
      if (volume) config.estimate.usage.default = { key: 'default', ...volume };
      else this.configErrors.push({ file: 'settings', message: `default volume "${fallback}" is not a volume such as 1k/day, 2m/month or a number of calls per month` });
    }
    // Config errors quote tollgate.yml, which the workspace's repository wrote.
    redactDeep(this.configErrors);
    this.config = config;
    this.table = pricingFor(config);
    this.memo = new WeakMap();
    this.ruleMemo = new WeakMap();
    const include = config.include.filter(Boolean);
    const isIncluded = include.length ? anyGlob(include, { dot: true }) : () => true;
    const isExcluded = config.exclude.length ? anyGlob(config.exclude.filter(Boolean), { dot: true }) : () => false;
    this.admits = (rel) => isIncluded(rel) && !isExcluded(rel);
  }

  private isConfigFile(abs: string): boolean {
    const file = this.options.configFile === undefined ? findConfig(this.root) : this.options.configFile;
    return file !== null && path.resolve(this.root, file) === abs;
  }

  /** Whether a file belongs to the scan: a source file of the tree that discovery would list. */
  private covers(abs: string, rel: string): boolean {
    if (this.index.has(abs)) return true;
    if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
    if (!SOURCE_EXTENSIONS.includes(path.extname(abs)) || /\.d\.[cm]?ts$/.test(abs)) return false;
    if (rel.split('/').some((seg) => seg === 'node_modules' || seg === '.git')) return false;
    return this.admits(rel);
  }

  /** The files whose call sites an edit of `abs` can change: its importers and its imports, a few hops out. */
  private reach(abs: string): Set<string> {
    const out = new Set<string>([abs]);
    if (!this.index.has(abs)) return out;
    let up = [abs];
    let down = [abs];
    for (let hop = 0; hop < REACH; hop++) {
      const nextUp: string[] = [];
      for (const f of up) for (const imp of this.index.importers(f)) if (!out.has(imp)) (out.add(imp), nextUp.push(imp));
      const nextDown: string[] = [];
      for (const f of down) {
        for (const target of this.index.importTargets(f).keys()) if (this.index.has(target) && !out.has(target)) (out.add(target), nextDown.push(target));
      }
      up = nextUp;
      down = nextDown;
    }
    return out;
  }

  private rescan(files: string[]): void {
    // A fresh evaluator: its caches describe the old texts. Syntax trees of unchanged files stay.
    const scanner = new Scanner(this.index, { declared: this.declared });
    for (const abs of files) {
      const sites: CallSite[] = [];
      this.reads.set(abs, trackReads(() => scanner.scanFile(abs, sites)).reads);
      sites.sort((a, b) => a.line - b.line || a.column - b.column);
      const unique = sites.filter((s, i) => i === 0 || !(s.line === sites[i - 1].line && s.column === sites[i - 1].column));
      assignIds(unique);
      const rel = this.index.rel(abs);
      if (unique.length) this.sitesByFile.set(rel, unique);
      else this.sitesByFile.delete(rel);
      const unread = scanner.unreadCalls.splice(0);
      if (unread.length) this.unreadCallsByFile.set(rel, unread);
      else this.unreadCallsByFile.delete(rel);
    }
  }

  private scanResult(): ScanResult {
    const files = [...this.sitesByFile.keys()].sort(byString);
    const callSites = files.flatMap((f) => this.sitesByFile.get(f)!);
    // Read from the prefilter's per-file facts, which an edit renews for the file it changes.
    const gaps = coverageOf(
      this.index.files.map((f) => ({ file: f.rel, packages: this.selector.unreadImportsOf(f.abs) })),
      (file) => this.sitesByFile.has(file),
      [...this.unreadCallsByFile.values()].flat(),
    );
    const warnings = distinctWarnings([...this.index.warnings, ...gaps.warnings]);
    return {
      tool: { name: 'tollgate', version: VERSION },
      callSites,
      warnings,
      stats: { filesSeen: this.filesSeen, filesCandidate: this.candidates.size, filesParsed: this.index.parseCount, callSites: callSites.length, unreadFiles: gaps.unreadFiles },
      coverage: gaps.coverage,
    };
  }

  private finish(started: number, rescanned: number): SessionSnapshot {
    const estimated = estimateScan(this.scanResult(), this.config, this.root, this.memo, this.table);
    const source = (rel: string) => this.index.text(path.join(this.root, rel)) ?? this.readOrNull(path.join(this.root, rel));
    const result = checkEstimated(estimated, this.root, this.config, this.options.failOn ?? 'error', { source, table: this.table, memo: this.ruleMemo });
    const snapshot: SessionSnapshot = {
      result,
      config: this.config,
      configErrors: this.configErrors,
      changedFiles: this.changedSince(result),
      stats: { ms: Math.round((performance.now() - started) * 10) / 10, filesRescanned: rescanned },
    };
    this.last = snapshot;
    return snapshot;
  }

  private changedSince(result: PolicyResult): string[] {
    const now = new Map<string, object[]>();
    const add = (file: string, item: object) => {
      const list = now.get(file);
      if (list) list.push(item);
      else now.set(file, [item]);
    };
    for (const s of result.callSites) add(s.file, s);
    for (const f of result.findings) add(f.file, f);
    // Unchanged files keep their objects (memoised); only new objects are compared by content.
    const same = (a: object, b: object) => a === b || this.jsonOf(a) === this.jsonOf(b);
    const changed = new Set<string>();
    for (const [file, items] of now) {
      const before = this.shown.get(file);
      if (!before || before.length !== items.length || items.some((item, i) => !same(item, before[i]))) changed.add(file);
    }
    for (const file of this.shown.keys()) if (!now.has(file)) changed.add(file);
    this.shown = now;
    return [...changed].sort(byString);
  }

  /**
   * A file of the tree from disk, under the scan's rule (regular files inside the root only). The tree
   * may have changed since the last read (a folder swapped for a link): known folders are resolved again.
   */
  private readOrNull(abs: string): string | null {
    this.index.fsg.forget();
    const read = this.index.fsg.read(abs, MAX_FILE_BYTES);
    return read.ok ? read.bytes.toString('utf8') : null;
  }

  private jsonOf(item: object): string {
    let text = this.json.get(item);
    if (text === undefined) this.json.set(item, (text = JSON.stringify(item)));
    return text;
  }
}


