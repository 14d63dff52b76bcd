import * as path from 'path';
import { discover, SOURCE_EXTENSIONS, type DiscoverOptions } from '../project/discover';
import { MAX_FILE_BYTES, SourceIndex } from '../project/sources';
import { selectCandidates } from '../project/prefilter';
import { ADAPTERS } from '../providers/registry';
import type { CallSite } from '../types';

// Which base files must be analysed again, and which call sites the head's analysis can stand in for.
//
// A call site's analysis reads its own file, the files that file imports (transitively), and, for
// a call inside a function, the callers of that function: the importers of its file up to three
// hops, and the importers of the callers' files for wrappers of wrappers (three levels, so nine
// hops at most), with the imports of each of those. So a base file is re-analysed when it changed,
// or when a changed file is imported (transitively) by the file itself or by any file up to nine
// importer hops above it. Both revisions' import graphs count, since an import may exist on one
// side only. Anything the graph cannot show (a prompt file read by path, a tsconfig.json that
// steers resolution) makes the whole base be analysed again.

/** Importer hops the caller search can cover: 3 levels of wrappers × 3 hops each (shared/scan.ts). */
const CALLER_HOPS = 9;

export interface BasePlan {
  /** Base files (absolute) to walk for call sites; null: analyse the whole base. */
  only: string[] | null;
  /** Head call sites that stand for the base's in the files not walked again. */
  reuse: CallSite[];
  /** Files (relative to the scanned folder) whose call sites are reused. */
  reusedFiles: string[];
}

const FULL: BasePlan = { only: null, reuse: [], reusedFiles: [] };
const isSource = (rel: string) => SOURCE_EXTENSIONS.includes(path.extname(rel));
const toPosix = (p: string) => p.split(path.sep).join('/');

interface Graph {
  dir: string;
  index: SourceIndex;
  /** Every file reached from the discovered ones through resolved imports: file → what it imports. */
  imports: Map<string, string[]>;
  /** The discovered files, relative to dir. */
  files: Set<string>;
}

function buildGraph(dir: string, options: DiscoverOptions): Graph {
  const discovery = discover(dir, options);
  const index = new SourceIndex(discovery.root, discovery.files);
  const imports = new Map<string, string[]>();
  const queue = discovery.files.map((f) => f.abs);
  while (queue.length) {
    const abs = queue.pop()!;
    if (imports.has(abs)) continue;
    const targets = isSource(abs) ? [...index.importTargets(abs).keys()].sort() : [];
    imports.set(abs, targets);
    for (const t of targets) if (!imports.has(t)) queue.push(t);
  }
  return { dir: discovery.root, index, imports, files: new Set(discovery.files.map((f) => f.rel)) };
}

/** Files whose own import closure holds a changed file, then everything up to `hops` imports below them. */
function affected(g: Graph, changedAbs: Set<string>): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [from, targets] of g.imports) for (const t of targets) importers.set(t, [...(importers.get(t) ?? []), from]);
  const tainted = new Set<string>();
  const stack = [...changedAbs];
  while (stack.length) {
    const f = stack.pop()!;
    if (tainted.has(f)) continue;
    tainted.add(f);
    for (const imp of importers.get(f) ?? []) stack.push(imp);
  }
  const out = new Set(tainted);
  let frontier = [...tainted];
  for (let hop = 0; hop < CALLER_HOPS && frontier.length; hop++) {
    const next: string[] = [];
    for (const f of frontier) for (const t of g.imports.get(f) ?? []) if (!out.has(t)) (out.add(t), next.push(t));
    frontier = next;
  }
  return out;
}

/** Equal bytes on both sides; a file either side refuses (a link out of its tree, a FIFO, too large) counts as changed. */
function sameContents(a: Graph, aAbs: string, b: Graph, bAbs: string): boolean {
  const x = a.index.fsg.read(aAbs, MAX_FILE_BYTES);
  const y = x.ok ? b.index.fsg.read(bAbs, MAX_FILE_BYTES) : x;
  return x.ok && y.ok && x.bytes.equals(y.bytes);
}

/**
 * Plans the base scan from the paths git reports as changed (relative to the scanned folder).
 * `ignore` lists changed paths no analysis reads (the settings file, applied to both sides alike).
 */
export function planBaseScan(baseDir: string, headDir: string, changedRel: string[], headSites: CallSite[], options: DiscoverOptions, ignore: string[] = []): BasePlan {
  const changed = new Set(changedRel.filter((r) => !ignore.includes(r)));
  if ([...changed].some((r) => !isSource(r))) return FULL;
  const base = buildGraph(baseDir, options);
  const head = buildGraph(headDir, options);
  const relOf = (g: Graph, abs: string) => toPosix(path.relative(g.dir, abs));
  // Git's list covers the files both sides discover. Others (discovered on one side only, or
  // reached only through an import: ignored, excluded, outside the folder) are compared here.
  for (const [g, other] of [[base, head], [head, base]] as const) {
    for (const abs of g.imports.keys()) {
      const rel = relOf(g, abs);
      if (changed.has(rel) || (g.files.has(rel) && other.files.has(rel))) continue;
      if (!other.files.has(rel) && g.files.has(rel)) changed.add(rel);
      else if (!sameContents(g, abs, other, path.join(other.dir, rel))) changed.add(rel);
    }
  }
  if ([...changed].some((r) => !isSource(r))) return FULL;
  const hit = (g: Graph) => affected(g, new Set([...changed].map((r) => path.join(g.dir, r))));
  const baseHit = hit(base);
  const headHit = hit(head);
  const headByFile = new Map<string, CallSite[]>();
  for (const s of headSites) headByFile.set(s.file, [...(headByFile.get(s.file) ?? []), s]);
  const only: string[] = [];
  const reuse: CallSite[] = [];
  const reusedFiles: string[] = [];
  for (const abs of selectCandidates(base.index, ADAPTERS)) {
    const rel = relOf(base, abs);
    if (changed.has(rel) || baseHit.has(abs) || headHit.has(path.join(head.dir, rel))) only.push(abs);
    else {
      reusedFiles.push(rel);
      reuse.push(...(headByFile.get(rel) ?? []));
    }
  }
  return { only, reuse: JSON.parse(JSON.stringify(reuse)) as CallSite[], reusedFiles };
}
