import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../scan';
import { estimateScan, type EstimatedResult } from '../estimate';
import { findConfig, loadConfig, type TollgateConfig } from '../config/load';
import { discover, type DiscoverOptions } from '../project/discover';
import { blobsAtCommit, blobsInWorkTree, DiffError, extractCommit, repoRoot, resolveCommit } from './git';
import { diffEstimates, type Diff } from './compare';

export { DiffError } from './git';
export { diffEstimates } from './compare';
export type { Diff, DiffCallSite, DiffReason, DiffSide, DiffStatus } from './compare';

export interface DiffOptions extends DiscoverOptions {
  /** The folder to scan, inside a git repository (default: the current folder). */
  dir: string;
  base: string;
  /** Another revision as the head; default: the working tree. */
  head?: string | null;
  /** Settings file; default: tollgate.yml of the head's scanned folder. Used for base and head alike. */
  configFile?: string | null;
  workers?: number;
}

export type DiffedResult = EstimatedResult & { diff: Diff };

interface Tree {
  /** The scanned folder inside this revision's files. */
  dir: string;
  sha: string | null;
  blobs: (rel: string[]) => Map<string, string>;
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
  const root = repoRoot(dirAbs);
  const prefix = path.relative(root, fs.realpathSync(dirAbs));
  const baseSha = resolveCommit(root, options.base, 'base');
  const headSha = options.head ? resolveCommit(root, options.head, 'head') : null;
  const trees: Tree[] = [];
  try {
    const base = openCommit(root, baseSha, prefix);
    trees.push(base);
    const head: Tree = headSha
      ? openCommit(root, headSha, prefix)
      : { dir: dirAbs, sha: null, blobs: (rel) => blobsInWorkTree(root, rel), dispose: () => {} };
    if (headSha) trees.push(head);
    const configFile = options.configFile ?? findConfig(head.dir);
    const config = loadConfig(configFile ?? null, configFile && headSha ? path.join(prefix, path.relative(head.dir, configFile)) : undefined);
    const scanOptions = {
      include: [...config.include, ...(options.include ?? [])],
      exclude: [...config.exclude, ...(options.exclude ?? [])],
      gitignore: options.gitignore,
      workers: options.workers,
    };
    const headResult = estimateScan(scan(head.dir, scanOptions), config, head.dir);
    const same = sameFiles(base, head, prefix, scanOptions);
    const baseResult = same ? (JSON.parse(JSON.stringify(headResult)) as EstimatedResult) : estimateScan(scan(base.dir, scanOptions), config, base.dir);
    const diff = diffEstimates(baseResult, headResult, { base: options.base, baseSha, head: options.head ?? null, headSha, baseScan: same ? 'reused' : 'scanned' });
    return { result: { ...headResult, diff }, base: baseResult, config };
  } finally {
    for (const t of trees) t.dispose();
  }
}

function openCommit(root: string, sha: string, prefix: string): Tree {
  const { dir, dispose } = extractCommit(root, sha);
  return { dir: path.join(dir, prefix), sha, blobs: (rel) => blobsAtCommit(root, sha, rel), dispose };
}

/**
 * True when both sides would scan the very same files with the very same contents (git blob ids),
 * so the head's analysis serves the base too. Project settings that steer resolution count as well.
 */
function sameFiles(base: Tree, head: Tree, prefix: string, options: DiscoverOptions): boolean {
  const list = (t: Tree) => {
    const files = discover(t.dir, options).files.map((f) => f.rel);
    for (const extra of ['package.json', 'tsconfig.json', 'jsconfig.json']) if (fs.existsSync(path.join(t.dir, extra))) files.push(extra);
    return files.sort();
  };
  const baseFiles = list(base);
  const headFiles = list(head);
  if (baseFiles.join('\0') !== headFiles.join('\0')) return false;
  const inRepo = baseFiles.map((f) => toPosix(path.join(prefix, f)));
  const b = base.blobs(inRepo);
  const h = head.blobs(inRepo);
  return inRepo.every((f) => b.has(f) && b.get(f) === h.get(f));
}
