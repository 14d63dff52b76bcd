import * as fs from 'fs';
import * as path from 'path';
import { parentPort } from 'worker_threads';
import { Analysis } from './analysis';
import type { HostMessage } from './protocol';

// The analysis thread: the core's workspace session lives here, so parsing and estimating never block
// the extension host. Messages that arrive together are handled as one batch (see Analysis.handle).

const port = parentPort;
if (!port) throw new Error('tollgate: worker.js runs as a worker thread of the extension');

// The package ships the schema in dist/schema/; a build from source (out/extension/src/) finds the repository's.
const schemaFile = [path.join(__dirname, 'schema', 'tollgate.schema.json'), path.join(__dirname, '..', '..', '..', 'schema', 'tollgate.schema.json')].find((f) => fs.existsSync(f)) ?? null;
const analysis = new Analysis(schemaFile);
let queue: HostMessage[] = [];
let scheduled = false;

port.on('message', (m: HostMessage) => {
  queue.push(m);
  if (scheduled) return;
  scheduled = true;
  // Runs after every message already delivered: a burst of edits becomes one batch.
  setImmediate(() => {
    scheduled = false;
    const batch = queue;
    queue = [];
    for (const reply of analysis.handle(batch)) port.postMessage(reply);
  });
});
