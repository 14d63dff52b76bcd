import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import type { DiscoveredFile } from './project/discover';
import type { DetectConfig } from './config/detect-config';
import type { CallSite, ScanWarning, UnreadCall } from './types';

// Large scans share their work with worker threads through two queues in shared memory: first the
// reading and classifying of every file (the prefilter), then the scanning of the candidates. Each
// thread takes the next item when it is free, so a worker still loading TypeScript simply joins
// later, and a fast thread takes more. The API stays synchronous: the main thread works through the
// queue itself, then blocks on shared counters until the workers that joined have reported.

/** Below this many discovered files a worker's start-up (loading TypeScript) costs more than it saves. */
export const PARALLEL_MIN_FILES = 1500;
/** Files per prefilter queue item: large enough that taking an item costs nothing, small enough to balance. */
export const PREFILTER_CHUNK = 64;
const WAIT_LIMIT_MS = 15 * 60 * 1000;

// Layout of the shared Int32Array.
const NEXT_CHUNK = 0;
const NEXT_FILE = 1;
const SLOTS_BEFORE_WORKERS = 2;
/** A worker's state in a phase: not started yet, working, left out (the queue was done before it came), done. */
export const Phase = { Idle: 0, Working: 1, LeftOut: 2, Done: 3 } as const;
type PhaseState = (typeof Phase)[keyof typeof Phase];
export const prefilterSlot = (worker: number) => SLOTS_BEFORE_WORKERS + worker * 2;
export const scanSlot = (worker: number) => SLOTS_BEFORE_WORKERS + worker * 2 + 1;

/** What a worker learnt of the files of the prefilter chunks it took. */
export interface FileFacts {
  abs: string;
  size: number;
  specifiers: string[];
  kind: 'call' | 'import' | null;
  names: string[];
  /** The AI packages no adapter reads that the file imports for their values. */
  unread: string[];
}

export interface PrefilterReport {
  type: 'prefilter';
  facts: FileFacts[];
  warnings: ScanWarning[];
}

export interface ScanReport {
  type: 'scan';
  sites: CallSite[];
  warnings: ScanWarning[];
  parsed: string[];
  /** Queue positions the worker took but could not finish (it failed): the main thread scans them. */
  unfinished: number[];
  /** The unrecognised SDK calls of the files it finished (see Scanner.unreadCalls). */
  unreadCalls: UnreadCall[];
  error?: string;
}

export interface WorkerInit {
  port: MessagePort;
  signal: SharedArrayBuffer;
  worker: number;
  root: string;
  files: DiscoveredFile[];
  /** Workers take no prefilter chunks: the main thread reads everything (tests of the scan phase). */
  chunks: number;
  /** tollgate.yml's `detect:` declarations, as plain data (null: none). */
  detect: DetectConfig | null;
}

export interface ScanJob {
  order: string[];
  importers: Array<[string, Array<[string, string]>]>;
}

export interface Pool {
  size: number;
  /** The next prefilter chunk for the main thread, or -1 when none is left. */
  takeChunk(): number;
  /** Waits for the workers that joined the prefilter and returns what they found. */
  collectPrefilter(): PrefilterReport[];
  /** Starts the scan queue: the workers join when they are free. */
  startScan(job: ScanJob): void;
  /** The next queue position for the main thread, or -1. */
  takeFile(): number;
  /** Waits for the workers that joined the scan; null for a worker that failed outright. */
  collectScan(): ScanReport[];
  dismiss(): void;
}

/**
 * Worker threads for a scan: from four cores up, one per core beyond the first, at most three. On two
 * cores a parse does not get faster in two threads (`npm run bench`, line "parse-all, 2 threads": two threads parsing half of vercel/ai
 * each took as long as one thread parsing all of it; V8's garbage collector already keeps the second
 * core busy), so a worker only adds its start-up.
 */
export function defaultWorkerCount(): number {
  const cpus = maxWorkerCount();
  return cpus >= 4 ? Math.min(cpus - 1, 3) : 0;
}

/**
 * The most worker threads a scan starts: one per processor the machine offers. More only cost memory
 * (each worker holds its own parser and ASTs: --jobs 100000 asked for 13.7 GB) and time.
 */
export function maxWorkerCount(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

function workerScript(): string | null {
  const file = path.join(__dirname, 'scan-worker.js');
  return fs.existsSync(file) ? file : null;
}

export function chunkCount(files: number): number {
  return Math.ceil(files / PREFILTER_CHUNK);
}

/**
 * Starts the workers. `workersOnly` (for tests) leaves every queue item to the workers, so that their
 * path is exercised however fast the main thread is.
 */
export function startPool(count: number, root: string, files: DiscoveredFile[], workersOnly = false, detect: DetectConfig | null = null): Pool | null {
  const script = workerScript();
  if (!script || !(count > 0)) return null;
  // The CLI refuses a larger --jobs with a message; other callers (the API, the editor) are bounded here.
  count = Math.min(Math.floor(count), maxWorkerCount());
  const signal = new SharedArrayBuffer(4 * (SLOTS_BEFORE_WORKERS + 2 * count));
  const shared = new Int32Array(signal);
  const chunks = chunkCount(files.length);
  const workers: Array<{ worker: Worker; port: MessagePort }> = [];
  for (let i = 0; i < count; i++) {
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { port: port2, signal, worker: i, root, files, chunks, detect };
    const worker = new Worker(script, { workerData: init, transferList: [port2] });
    worker.unref();
    workers.push({ worker, port: port1 });
  }
  let order: string[] = [];
  const dismiss = () => {
    for (const w of workers) {
      w.port.close();
      void w.worker.terminate();
    }
  };
  /** Leaves out the workers that have not started a phase; waits for those that have. */
  const settle = (slot: (w: number) => number, wanted: 'prefilter' | 'scan'): Array<PrefilterReport | ScanReport | null> => {
    const out: Array<PrefilterReport | ScanReport | null> = [];
    workers.forEach(({ port }, i) => {
      const s = slot(i);
      if (workersOnly) waitWhile(shared, s, [Phase.Idle]);
      if (Atomics.compareExchange(shared, s, Phase.Idle, Phase.LeftOut) === Phase.Idle) return;
      waitWhile(shared, s, [Phase.Working]);
      let msg: { message: PrefilterReport | ScanReport } | undefined;
      while ((msg = receiveMessageOnPort(port))) if (msg.message.type === wanted) return void out.push(msg.message);
      out.push(null);
    });
    return out;
  };
  return {
    size: count,
    takeChunk() {
      if (workersOnly) return -1;
      const c = Atomics.add(shared, NEXT_CHUNK, 1);
      return c < chunks ? c : -1;
    },
    collectPrefilter() {
      return settle(prefilterSlot, 'prefilter').filter((r): r is PrefilterReport => r !== null);
    },
    startScan(job) {
      order = job.order;
      for (const w of workers) w.port.postMessage(job);
    },
    takeFile() {
      if (workersOnly) return -1;
      const i = Atomics.add(shared, NEXT_FILE, 1);
      return i < order.length ? i : -1;
    },
    collectScan() {
      const reports = settle(scanSlot, 'scan') as Array<ScanReport | null>;
      dismiss();
      return reports.filter((r): r is ScanReport => r !== null);
    },
    dismiss,
  };
}

function waitWhile(shared: Int32Array, slot: number, states: PhaseState[]): void {
  const started = Date.now();
  let now: number;
  while (states.includes((now = Atomics.load(shared, slot)) as PhaseState) && Date.now() - started < WAIT_LIMIT_MS) Atomics.wait(shared, slot, now, 1000);
}

/** For workers: takes the next prefilter chunk or scan position from the shared queues. */
export function queueOf(signal: SharedArrayBuffer) {
  const shared = new Int32Array(signal);
  return {
    join(slot: number): boolean {
      return Atomics.compareExchange(shared, slot, Phase.Idle, Phase.Working) === Phase.Idle;
    },
    finish(slot: number): void {
      Atomics.store(shared, slot, Phase.Done);
      Atomics.notify(shared, slot);
    },
    nextChunk(chunks: number): number {
      const c = Atomics.add(shared, NEXT_CHUNK, 1);
      return c < chunks ? c : -1;
    },
    nextFile(total: number): number {
      const i = Atomics.add(shared, NEXT_FILE, 1);
      return i < total ? i : -1;
    },
  };
}

/** Scan order: the largest files first, so that the last items taken are small and threads finish together. */
export function scanOrder(files: string[], sizeOf: (f: string) => number): string[] {
  return files
    .map((f) => ({ f, b: sizeOf(f) }))
    .sort((a, b) => b.b - a.b || (a.f < b.f ? -1 : a.f > b.f ? 1 : 0))
    .map((x) => x.f);
}
