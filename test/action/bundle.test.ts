import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ROOT } from '../helpers';

// The committed bundle is what GitHub runs: it must be exactly what the sources build today.

interface BuildAction {
  bundleOptions: { target: string };
  buildBundle(): Promise<Map<string, Buffer>>;
}
const build = require(path.join(ROOT, 'scripts', 'build-action.js')) as BuildAction;

test('action/dist is up to date with the sources (run `npm run build:action`)', async () => {
  const files = await build.buildBundle();
  const dist = path.join(ROOT, 'action', 'dist');
  assert.deepEqual(fs.readdirSync(dist).sort(), [...files.keys()].sort());
  for (const [name, bytes] of files) {
    assert.ok(bytes.equals(fs.readFileSync(path.join(dist, name))), `action/dist/${name} is out of date: run npm run build:action`);
  }
});

test('action.yml runs the bundle on the Node version the bundle targets', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; main: string } };
  assert.deepEqual(action.runs, { using: 'node24', main: 'action/dist/index.js' });
  assert.equal(build.bundleOptions.target, action.runs.using);
});

test('action/dist/scan-worker.js runs the bundle as the core\'s scan worker (the protocol of shared/parallel.ts)', async () => {
  const { Worker, MessageChannel } = await import('worker_threads');
  const { port1, port2 } = new MessageChannel();
  const root = path.join(ROOT, 'examples', 'support-desk');
  const abs = path.join(root, 'src', 'features', 'summarize.ts');
  // One worker: the two queue counters, then its prefilter and scan states.
  const signal = new SharedArrayBuffer(4 * 4);
  const shared = new Int32Array(signal);
  const worker = new Worker(path.join(ROOT, 'action', 'dist', 'scan-worker.js'), { workerData: { port: port2, signal, worker: 0, root, files: [{ abs, rel: 'src/features/summarize.ts' }], chunks: 1 }, transferList: [port2] });
  const messages: Array<Record<string, unknown>> = [];
  const next = () => new Promise<Record<string, unknown>>((resolve) => port1.once('message', resolve));
  // The worker posts its report, then marks its state done: wait on the state itself (no sleep).
  const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { value: Promise<string> | string } }).waitAsync;
  const done = async (slot: number) => {
    for (let now = Atomics.load(shared, slot); now !== 3; now = Atomics.load(shared, slot)) await waitAsync(shared, slot, now).value;
    return Atomics.load(shared, slot);
  };
  messages.push(await next());
  assert.equal(messages[0].type, 'prefilter');
  assert.deepEqual((messages[0].facts as Array<{ kind: string }>).map((f) => f.kind), ['call']);
  assert.equal(await done(2), 3, 'the prefilter state is done');
  port1.postMessage({ order: [abs], importers: [] });
  const scanned = await next();
  assert.equal(scanned.type, 'scan');
  assert.deepEqual((scanned.sites as Array<{ file: string; line: number; api: string }>).map((s) => `${s.file}:${s.line} ${s.api}`), ['src/features/summarize.ts:5 generateText']);
  assert.equal(await done(3), 3, 'the scan state is done');
  port1.close();
  await worker.terminate();
});
