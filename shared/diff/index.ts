import * as fs from 'fs';
import * as path from 'path';
import { scan, type ScanOptions } from '../scan';
import { estimateScan, type EstimatedResult } from '../estimate';
import { findConfig, loadConfig, withPricingTable, type TollgateConfig } from '../config/load';
import type { PricingTableFile } from '../pricing/table-file';
import type { DiscoverOptions } from '../project/discover';
import { changedPaths, DiffError, extractCommit, repoRoot, resolveCommit, type GitRepository, type RevisionNote } from './git';
import { diffEstimates, type BaseScan, type Diff } from './compare';
import { planBaseScan } from './reuse';
import { mergeCoverage } from '../coverage';
import type { ScanResult, ScanWarning } from '../types';

export { DiffError } from './git';
export { diffEstimates } from './compare';
export type { BaseScan, Diff, DiffCallSite, DiffReason, DiffSide, DiffStatus, DiffWarning } from './compare';

export interface DiffOptions extends DiscoverOptions {
  /** The folder to scan, inside a git repository (default: the current folder). */
  dir: string;
  base: string;
  /** Another revision as the head; default: the working tree. */
  head?: string | null;
  /** Settings file; default: tollgate.yml of the head's scanned folder. Used for base and head alike. */
  configFile?: string | null;
  workers?: number;
  /**
   * Reuse the head's analysis for base files no change can reach (default). false analyses the
   * whole base; the result is the same either way, only slower.
   */
  cache?: boolean;
  /** Another pricing table for both sides (`--pricing`, the Action's `pricing`): wins over the config's `pricing.table`. */
  pricingTable?: PricingTableFile | null;
  /**
   * Called while both revisions' files still exist (they are removed before diffRevisions returns):
   * `tollgate check --base` runs the rules on each side there, reading suppression comments from each.
   */
  whileOpen?: (sides: OpenSides) => void;
}

export interface OpenSides {
  base: EstimatedResult;
  /** The scanned folder inside the base revision's files. */
  baseDir: string;
  head: DiffedResult;
  /** The scanned folder of the head: the working tree, or inside the head revision's files. */
  headDir: string;
  config: TollgateConfig;
}

export type DiffedResult = EstimatedResult & { diff: Diff };

interface Tree {
  /** The scanned folder inside this revision's files. */
  dir: string;
  sha: string | null;
  /** What the revision held but was not written (symbolic links, submodules), as scan warnings of the scanned folder. */
  warnings: ScanWarning[];
  dispose: () => void;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * Scans and estimates the base revision and the head (working tree or a ref) with the same config
 * and compares them. Revisions are read into temporary folders that are removed before returning.
 */
export function diffRevisions(options: DiffOptions): { result: DiffedResult; base: EstimatedResult; config: TollgateConfig } {
  const dirAbs = path.resolve(options.dir);
  if (!fs.existsSync(dirAbs) || !fs.statSync(dirAbs).isDirectory()) throw new DiffError(`not a folder: ${options.dir}`);
  const repo = repoRoot(dirAbs);
  const prefix = path.relative(repo.top, fs.realpathSync(dirAbs));
  const baseSha = resolveCommit(repo, options.base, 'base');
  const headSha = options.head ? resolveCommit(repo, options.head, 'head') : null;
  const trees: Tree[] = [];
  try {
    const base = openCommit(repo, baseSha, prefix);
    trees.push(base);
    const head: Tree = headSha
      ? openCommit(repo, headSha, prefix)
      : { dir: dirAbs, sha: null, warnings: [], dispose: () => {} };
    if (headSha) trees.push(head);
    const configFile = options.configFile ?? findConfig(head.dir);
    // Shown as found in the working tree: relative to the current folder, as `tollgate check` shows it.
    const shownConfig = !configFile ? undefined : headSha ? path.join(prefix, path.relative(head.dir, configFile)) : options.configFile ? undefined : path.relative(process.cwd(), configFile);
    const config = withPricingTable(loadConfig(configFile ?? null, shownConfig, head.dir), options.pricingTable ?? null);
    const scanOptions = {
      include: [...config.include, ...(options.include ?? [])],
      exclude: [...config.exclude, ...(options.exclude ?? [])],
      gitignore: options.gitignore,
      workers: options.workers,
      // The head's declarations read both sides, as its config prices both: the diff shows what the code changed.
      detect: config.detect,
    };
    const headScan = scan(head.dir, scanOptions);
    const headResult = estimateScan(withWarnings(clone(headScan), head.warnings), config, head.dir);
    const toScanned = (p: string) => toPosix(path.relative(prefix, p));
    const changed = options.cache === false ? null : changedPaths(repo, baseSha, headSha, { ignoredToo: options.gitignore === false }).filter((p) => !prefix || p.startsWith(toPosix(prefix) + '/')).map(toScanned);
    const configRel = configFile ? [toPosix(path.relative(head.dir, configFile))] : [];
    const { scan: baseScanResult, baseScan } = scanBase(base.dir, head.dir, changed, headScan, scanOptions, configRel);
    const baseResult = estimateScan(withWarnings(baseScanResult, base.warnings), config, base.dir);
    const diff = diffEstimates(baseResult, headResult, { base: options.base, baseSha, head: options.head ?? null, headSha, baseScan });
    const result: DiffedResult = { ...headResult, diff };
    options.whileOpen?.({ base: baseResult, baseDir: base.dir, head: result, headDir: head.dir, config });
    return { result, base: baseResult, config };
  } finally {
    for (const t of trees) t.dispose();
  }
}

function openCommit(repo: GitRepository, sha: string, prefix: string): Tree {
  const { dir, notes, dispose } = extractCommit(repo, sha);
  // A revision without the scanned folder (or with nothing but links in it) has no files there: an empty scan.
  const scanned = path.join(dir, prefix);
  fs.mkdirSync(scanned, { recursive: true });
  return { dir: scanned, sha, warnings: notesInside(notes, toPosix(prefix)), dispose };
}

/** The notes on entries inside the scanned folder, named relative to it as the scan names files. */
function notesInside(notes: RevisionNote[], prefix: string): ScanWarning[] {
  const out: ScanWarning[] = [];
  for (const n of notes) {
    if (!prefix) out.push({ file: n.path, message: n.message });
    else if (n.path.startsWith(prefix + '/')) out.push({ file: n.path.slice(prefix.length + 1), message: n.message });
  }
  return out;
}

function withWarnings(result: ScanResult, extra: ScanWarning[]): ScanResult {
  if (!extra.length) return result;
  const warnings = [...result.warnings, ...extra].sort((a, b) => byString(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || byString(a.message, b.message));
  return { ...result, warnings };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The base's scan result: analysed in full without a list of changed paths (cache off), else
 * only where a change can reach, the head's call sites standing in for the files left alone.
 */
function scanBase(baseDir: string, headDir: string, changed: string[] | null, headScan: ScanResult, options: ScanOptions, ignore: string[]): { scan: ScanResult; baseScan: BaseScan } {
  const plan = changed ? planBaseScan(baseDir, headDir, changed, headScan.callSites, options, ignore) : null;
  if (!plan || !plan.only) {
    const full = scan(baseDir, options);
    return { scan: full, baseScan: { mode: 'scanned', analysedFiles: full.stats.filesCandidate, reusedFiles: 0, reusedCallSites: 0 } };
  }
  const baseScan: BaseScan = { mode: !plan.only.length ? 'reused' : plan.reusedFiles.length ? 'partial' : 'scanned', analysedFiles: plan.only.length, reusedFiles: plan.reusedFiles.length, reusedCallSites: plan.reuse.length };
  // Nothing to analyse: the head's result, with its call sites limited to the reused files.
  const part = plan.only.length ? scan(baseDir, { ...options, only: plan.only }) : { ...clone(headScan), callSites: [], warnings: [], coverage: { unreadPackages: [], unreadCalls: [] } };
  const reused = new Set(plan.reusedFiles);
  const callSites = [...part.callSites, ...plan.reuse].sort((a, b) => byString(a.file, b.file) || a.line - b.line || a.column - b.column);
  // Warnings: the files analysed say their own; reused files keep the head's.
  const warnings = [...part.warnings, ...headScan.warnings.filter((w) => reused.has(w.file) && !part.warnings.some((p) => p.file === w.file && p.line === w.line && p.message === w.message))].sort(
    (a, b) => byString(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || byString(a.message, b.message),
  );
  // Blind spots likewise: the analysed files' own, and the head's for the reused files.
  const gaps = mergeCoverage(part.coverage, headScan.coverage, (f) => reused.has(f));
  return { scan: { ...part, callSites, warnings, stats: { ...part.stats, callSites: callSites.length, unreadFiles: gaps.unreadFiles }, coverage: gaps.coverage }, baseScan };
}
