import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import type { DiscoveredFile } from './project/discover';
import type { CallSite, ScanWarning } from './types';

// Large scans split their candidate files across worker threads. The API stays synchronous: the
// main thread scans its own share, then blocks on a shared counter until the workers report.

/** Below this many discovered files a worker's start-up (loading TypeScript) costs more than it saves. */
export const PARALLEL_MIN_FILES = 1500;
/** Below this many candidates the workers are dismissed and the main thread scans alone. */
export const PARALLEL_MIN_CANDIDATES = 300;
const WAIT_LIMIT_MS = 15 * 60 * 1000;

export interface WorkerResult {
  sites: CallSite[];
  warnings: ScanWarning[];
  parsed: string[];
}

export interface Pool {
  size: number;
  /** Hands each worker its shard (asynchronously delivered; returns at once). */
  dispatch(shards: string[][], importers: Array<[string, Array<[string, string]>]>): void;
  /** Blocks until every worker has reported; null for a worker that failed (its shard is rescanned). */
  collect(): Array<WorkerResult | null>;
  dismiss(): void;
}

/**
 * Workers pay a cold start (loading and warming up TypeScript's parser); on two cores that ate the
 * whole gain in `npm run bench` on vercel/ai, so they are used by default only from four cores up.
 */
export function defaultWorkerCount(): number {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cpus >= 4 ? Math.min(cpus - 1, 3) : 0;
}

function workerScript(): string | null {
  const file = path.join(__dirname, 'scan-worker.js');
  return fs.existsSync(file) ? file : null;
}

/** Starts workers early so they load while the main thread discovers and prefilters. */
export function startPool(count: number, root: string, files: DiscoveredFile[]): Pool | null {
  const script = workerScript();
  if (!script || count <= 0) return null;
  const signal = new SharedArrayBuffer(4);
  const done = new Int32Array(signal);
  const workers: Array<{ worker: Worker; port: MessagePort }> = [];
  for (let i = 0; i < count; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, { workerData: { port: port2, signal, root, files }, transferList: [port2] });
    worker.unref();
    workers.push({ worker, port: port1 });
  }
  const dismiss = () => {
    for (const w of workers) {
      w.port.close();
      void w.worker.terminate();
    }
  };
  return {
    size: count,
    dispatch(shards, importers) {
      shards.forEach((shard, i) => workers[i].port.postMessage({ shard, importers }));
    },
    collect() {
      const started = Date.now();
      while (Atomics.load(done, 0) < workers.length && Date.now() - started < WAIT_LIMIT_MS) {
        Atomics.wait(done, 0, Atomics.load(done, 0), 1000);
      }
      const results = workers.map(({ port }) => {
        const msg = receiveMessageOnPort(port)?.message as (WorkerResult & { error?: string }) | undefined;
        return msg && !msg.error ? msg : null;
      });
      dismiss();
      return results;
    },
    dismiss,
  };
}

/**
 * Splits files into shards by size (largest first into the least loaded shard, relative to its
 * weight); deterministic. Weights let the warm main thread take more than a worker that starts cold.
 */
export function shardBySize(files: string[], count: number, sizeOf: (f: string) => number, weights: number[] = []): string[][] {
  const shards = Array.from({ length: count }, (_, i) => ({ files: [] as string[], bytes: 0, weight: weights[i] ?? 1 }));
  const sized = files.map((f) => ({ f, b: sizeOf(f) })).sort((a, b) => b.b - a.b || (a.f < b.f ? -1 : 1));
  for (const { f, b } of sized) {
    let min = shards[0];
    for (const s of shards) if (s.bytes / s.weight < min.bytes / min.weight) min = s;
    min.files.push(f);
    min.bytes += b;
  }
  return shards.map((s) => s.files.sort());
}

/** A worker starts cold (TypeScript's parser not yet optimised): measured at about half the main thread's pace. */
export const WORKER_WEIGHT = 0.5;
