// A worker thread that scans its share of the candidate files of a large scan (see shared/parallel.ts).
import { workerData, type MessagePort } from 'worker_threads';
import { SourceIndex } from './project/sources';
import { Scanner } from './scan';
import type { CallSite } from './types';
import type { DiscoveredFile } from './project/discover';

interface Init {
  port: MessagePort;
  signal: SharedArrayBuffer;
  root: string;
  files: DiscoveredFile[];
}

interface Job {
  shard: string[];
  importers: Array<[string, Array<[string, string]>]>;
}

const init = workerData as Init;
const done = new Int32Array(init.signal);

init.port.once('message', (job: Job) => {
  try {
    const index = new SourceIndex(init.root, init.files);
    index.adoptImporterGraph(job.importers);
    const scanner = new Scanner(index);
    const sites: CallSite[] = [];
    for (const abs of job.shard) {
      scanner.scanFile(abs, sites);
      if (!index.importers(abs).length) index.release(abs);
    }
    init.port.postMessage({ sites, warnings: index.warnings, parsed: index.parsedFileList() });
  } catch (err) {
    init.port.postMessage({ error: String((err as Error)?.stack ?? err) });
  } finally {
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
    init.port.close();
  }
});
