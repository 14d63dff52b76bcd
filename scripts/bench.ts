// npm run bench -- <dir>: a full scan, against merely parsing every source file with the TypeScript
// parser. Each phase runs in its own fresh process so neither profits from the other's warm JIT.
import { spawnSync } from 'child_process';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import * as fs from 'fs';
import * as os from 'os';
import { ts } from 'ts-morph';
import { discover } from '../shared/project/discover';
import { MAX_FILE_BYTES } from '../shared/project/sources';
import * as path from 'path';
import { scan } from '../shared/scan';
import { SourceIndex } from '../shared/project/sources';
import { CandidateSelector } from '../shared/project/prefilter';
import { ADAPTERS } from '../shared/providers/registry';
import { WorkspaceSession } from '../shared/session';

const mb = (n: number) => (n / 1024 / 1024).toFixed(0);

function phaseScan(dir: string, workers?: number) {
  const t0 = performance.now();
  const result = scan(dir, workers === undefined ? {} : { workers });
  const ms = performance.now() - t0;
  // The files that hold call sites: the floor of what any scan must parse (see the parse-sites phase).
  const root = path.resolve(dir);
  const siteFiles = [...new Set(result.callSites.map((s) => path.join(root, s.file)))].sort();
  process.stdout.write(JSON.stringify({ ms, stats: result.stats, warnings: result.warnings.length, siteFiles, maxRSS: process.resourceUsage().maxRSS * 1024 }));
}

/** What every scan does before it parses anything: discovery, reading and classifying each file, selecting candidates. */
function phasePrefilter(dir: string) {
  const t0 = performance.now();
  const discovery = discover(dir);
  const index = new SourceIndex(discovery.root, discovery.files);
  const candidates = new CandidateSelector(index, ADAPTERS).select();
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, candidates: candidates.length }));
}

/** Read + ts.createSourceFile of each file, with the parser's default settings: the baseline. */
function parseFiles(files: string[]): number {
  let parsed = 0;
  for (const f of files) {
    let text: string;
    try {
      if (fs.statSync(f).size > MAX_FILE_BYTES) continue;
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    ts.createSourceFile(f, text, ts.ScriptTarget.Latest);
    parsed++;
  }
  return parsed;
}

function phaseParse(files: string[]) {
  const t0 = performance.now();
  const parsed = parseFiles(files);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, parsed, maxRSS: process.resourceUsage().maxRSS * 1024 }));
}

/**
 * The same parse split across `threads` worker threads (file i to thread i mod n), timed from the
 * moment every thread has loaded TypeScript: whether the machine parses faster in parallel at all.
 */
async function phaseParseThreads(files: string[], threads: number) {
  const workers = Array.from({ length: threads }, (_, i) => new Worker(__filename, { workerData: files.filter((_, j) => j % threads === i) }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const t0 = performance.now();
  const counts = await Promise.all(
    workers.map((w) => {
      const done = new Promise<number>((resolve) => w.once('message', resolve));
      w.postMessage('go');
      return done;
    }),
  );
  const ms = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  process.stdout.write(JSON.stringify({ ms, parsed: counts.reduce((a, b) => a + b, 0) }));
}

function parseWorker() {
  parentPort!.postMessage('ready');
  parentPort!.once('message', () => parentPort!.postMessage(parseFiles(workerData as string[])));
}

const allFiles = (dir: string) => discover(dir).files.map((f) => f.abs);

/**
 * The editor's case: a session opened once, then one-file edits (an unsaved buffer with a line
 * added, then reverted). Edits go to files with call sites and to files picked across the tree.
 */
function phaseSession(dir: string, edits: number) {
  const t0 = performance.now();
  const session = new WorkspaceSession(dir);
  const first = session.open();
  const openMs = performance.now() - t0;
  const withSites = [...new Set(first.result.callSites.map((s) => s.file))].sort();
  const all = discover(dir).files.map((f) => f.rel);
  const pick = (list: string[], i: number) => list[(i * 7919) % list.length];
  const timings: Record<'sites' | 'any', number[]> = { sites: [], any: [] };
  for (let i = 0; i < edits; i++) {
    const kind = i % 2 === 0 && withSites.length ? 'sites' : 'any';
    const rel = pick(kind === 'sites' ? withSites : all, i);
    const abs = path.join(path.resolve(dir), rel);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch {
      continue;
    }
    timings[kind].push(session.update(abs, `${text}\nexport const __benchEdit${i} = ${i};\n`).stats.ms);
    session.update(abs, null);
  }
  process.stdout.write(JSON.stringify({ openMs, timings, maxRSS: process.resourceUsage().maxRSS * 1024 }));
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};

function child(phase: string, dir: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [__filename, '--phase', phase, dir, ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${phase} phase failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--phase') {
    if (args[1] === 'session') return phaseSession(args[2], Number(args[3]));
    if (args[1] === 'parse-threads') return void phaseParseThreads(allFiles(args[2]), Number(args[3]));
    if (args[1] === 'prefilter') return phasePrefilter(args[2]);
    if (args[1] === 'parse-list') return phaseParse(JSON.parse(fs.readFileSync(args[3], 'utf8')) as string[]);
    return args[1] === 'scan' ? phaseScan(args[2], args[3] === undefined ? undefined : Number(args[3])) : phaseParse(allFiles(args[2]));
  }
  const dir = args[0];
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  if (!dir) {
    process.stderr.write('usage: npm run bench -- <dir>   (BENCH_RUNS=n, default 3; each run is a fresh process; BENCH_EDITS=n editor-session edits, default 200, 0 skips)\n');
    process.exit(2);
  }
  // Scan and parse-all alternate, and the ratio is taken within each pair: the machine's speed drifts
  // (by up to half within a minute on a shared VM), and a pair run back to back sees the same speed.
  const scans: Array<{ ms: number; stats: { filesSeen: number; filesCandidate: number; filesParsed: number; callSites: number }; warnings: number; siteFiles: string[]; maxRSS: number }> = [];
  const parses: Array<{ ms: number; parsed: number; maxRSS: number }> = [];
  for (let i = 0; i < runs; i++) {
    scans.push(child('scan', dir));
    parses.push(child('parse', dir));
  }
  const ratios = scans.map((x, i) => x.ms / parses[i].ms);
  const scansParallel = Array.from({ length: runs }, () => child('scan', dir, ['1']));
  const s = scans[0];
  const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-')), 'site-files.json');
  fs.writeFileSync(listFile, JSON.stringify(s.siteFiles));
  const siteParses = Array.from({ length: runs }, () => child('parse-list', dir, [listFile]));
  const prefilters = Array.from({ length: runs }, () => child('prefilter', dir));
  const threadParses = Array.from({ length: runs }, () => child('parse-threads', dir, ['2']));
  fs.rmSync(path.dirname(listFile), { recursive: true, force: true });
  const scanMs = median(scans.map((x) => x.ms));
  const parMs = median(scansParallel.map((x) => x.ms));
  const parseMs = median(parses.map((x) => x.ms));
  const lines = [
    `dir:                  ${dir}`,
    `files seen:           ${s.stats.filesSeen}`,
    `candidate files:      ${s.stats.filesCandidate}`,
    `files parsed (scan):  ${s.stats.filesParsed}`,
    `call sites:           ${s.stats.callSites}`,
    `warnings:             ${s.warnings}`,
    `runs (median of):     ${runs}, each in a fresh process`,
    `scan wall time:       ${scanMs.toFixed(0)} ms (default settings: discovery, prefilter, parsing, analysis)`,
    `scan, 1 worker:       ${parMs.toFixed(0)} ms (main thread + 1 worker thread)`,
    `scan peak RSS:        ${mb(Math.max(...scans.map((x) => x.maxRSS)))} MB`,
    `parse-all wall time:  ${parseMs.toFixed(0)} ms (read + ts.createSourceFile of ${parses[0].parsed} files, nothing else)`,
    `parse-all peak RSS:   ${mb(Math.max(...parses.map((x) => x.maxRSS)))} MB`,
    `scan / parse-all:     ${median(ratios).toFixed(2)} (median of the ${runs} back-to-back pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
    `parse call-site files: ${median(siteParses.map((x) => x.ms)).toFixed(0)} ms (the same parse of only the ${siteParses[0].parsed} files holding call sites: what any scan must parse)`,
    `prefilter alone:      ${median(prefilters.map((x) => x.ms)).toFixed(0)} ms (discovery, reading and classifying every file, selecting candidates: what any scan must read)`,
    `floor / parse-all:    ${((median(prefilters.map((x) => x.ms)) + median(siteParses.map((x) => x.ms))) / parseMs).toFixed(2)} (prefilter alone + parse call-site files, before analysing a single call)`,
    `parse-all, 2 threads: ${median(threadParses.map((x) => x.ms)).toFixed(0)} ms (the parse-all files split over 2 worker threads, timed once both loaded TypeScript)`,
  ];
  const edits = Number(process.env.BENCH_EDITS ?? 200);
  if (edits > 0) {
    const session = child('session', dir, [String(edits)]);
    const both = [...session.timings.sites, ...session.timings.any];
    const row = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} edits)`;
    lines.push(
      `session open:         ${session.openMs.toFixed(0)} ms (editor session: first scan, estimates and rules)`,
      `one-file edit:        ${row(both)} (re-scan, re-estimate, rules, changed files)`,
      `  file with sites:    ${row(session.timings.sites)}`,
      `  any file:           ${row(session.timings.any)}`,
      `session peak RSS:     ${mb(session.maxRSS)} MB`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

if (isMainThread) main();
else parseWorker();
