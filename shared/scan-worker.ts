// A worker thread of a large scan (see shared/parallel.ts): it takes prefilter chunks, then scan
// positions, from the queues it shares with the main thread, and reports what it found.
import { workerData } from 'worker_threads';
import { SourceIndex } from './project/sources';
import { Prefilter } from './project/prefilter';
import { Declarations } from './providers/declared';
import { scanAdapters, Scanner } from './scan';
import type { CallSite } from './types';
import { PREFILTER_CHUNK, prefilterSlot, queueOf, scanSlot, type FileFacts, type PrefilterReport, type ScanJob, type ScanReport, type WorkerInit } from './parallel';

const init = workerData as WorkerInit;
const queue = queueOf(init.signal);
const index = new SourceIndex(init.root, init.files);
const declared = new Declarations(init.detect ?? { modules: [], hosts: [] });

function prefilter(): void {
  if (!queue.join(prefilterSlot(init.worker))) return;
  const filter = new Prefilter(scanAdapters(declared));
  const facts: FileFacts[] = [];
  try {
    for (let c = queue.nextChunk(init.chunks); c >= 0; c = queue.nextChunk(init.chunks)) {
      for (const f of init.files.slice(c * PREFILTER_CHUNK, (c + 1) * PREFILTER_CHUNK)) {
        const text = index.text(f.abs);
        const specifiers = index.specifiersOf(f.abs);
        const { kind, names } = text === null ? { kind: null, names: [] } : filter.classifyWithNames(text, specifiers);
        const unread = text === null ? [] : filter.unreadImports(text, specifiers);
        facts.push({ abs: f.abs, size: text?.length ?? 0, specifiers, kind, names, unread });
      }
    }
    const report: PrefilterReport = { type: 'prefilter', facts, warnings: index.warnings.splice(0) };
    init.port.postMessage(report);
  } finally {
    queue.finish(prefilterSlot(init.worker));
  }
}

function scanShare(job: ScanJob): void {
  const slot = scanSlot(init.worker);
  if (!queue.join(slot)) return;
  const sites: CallSite[] = [];
  const taken: number[] = [];
  let done = 0;
  let scanner: Scanner | null = null;
  try {
    index.adoptImporterGraph(job.importers);
    scanner = new Scanner(index, { declared });
    for (let i = queue.nextFile(job.order.length); i >= 0; i = queue.nextFile(job.order.length)) {
      taken.push(i);
      const abs = job.order[i];
      scanner.scanFile(abs, sites);
      done++;
      if (!index.importers(abs).length) index.release(abs);
    }
    const report: ScanReport = { type: 'scan', sites, warnings: index.warnings, parsed: index.parsedFileList(), unfinished: [], unreadCalls: scanner.unreadCalls };
    init.port.postMessage(report);
  } catch (err) {
    // What this thread took and did not finish goes back to the main thread; what it did finish is kept.
    const report: ScanReport = { type: 'scan', sites, warnings: index.warnings, parsed: index.parsedFileList(), unfinished: taken.slice(done), unreadCalls: scanner?.unreadCalls ?? [], error: String((err as Error)?.stack ?? err) };
    init.port.postMessage(report);
  } finally {
    queue.finish(slot);
    init.port.close();
  }
}

prefilter();
init.port.once('message', (job: ScanJob) => scanShare(job));
