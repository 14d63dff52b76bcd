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
  const signal = new SharedArrayBuffer(4);
  const worker = new Worker(path.join(ROOT, 'action', 'dist', 'scan-worker.js'), { workerData: { port: port2, signal, root: ROOT, files: [] }, transferList: [port2] });
  const reply = new Promise<unknown>((resolve) => port1.once('message', resolve));
  port1.postMessage({ shard: [], importers: [] });
  assert.deepEqual(await reply, { sites: [], warnings: [], parsed: [] });
  assert.equal(Atomics.load(new Int32Array(signal), 0), 1);
  port1.close();
  await worker.terminate();
});
