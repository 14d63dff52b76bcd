import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { AnalysisClient } from '../../extension/src/client';
import type { WorkspaceView } from '../../extension/src/protocol';
import { EXAMPLE, tempWorkspace } from './setup';

// The host's client with the real worker thread (compiled next to this build): a full scan, then
// unsaved edits that supersede each other, questions answered by promise. Waits on events only.

const WORKER = path.join(__dirname, '..', '..', 'extension', 'src', 'worker.js');

function harness() {
  const views: WorkspaceView[] = [];
  const errors: string[] = [];
  let waiting: Array<{ when: (v: WorkspaceView) => boolean; resolve: (v: WorkspaceView) => void }> = [];
  const client = new AnalysisClient(WORKER, {
    view(v) {
      views.push(v);
      const ready = waiting.filter((w) => w.when(v));
      waiting = waiting.filter((w) => !w.when(v));
      for (const w of ready) w.resolve(v);
    },
    configProblems() {},
    error(m) {
      errors.push(m);
    },
  });
  const next = (when: (v: WorkspaceView) => boolean = () => true) => new Promise<WorkspaceView>((resolve) => waiting.push({ when, resolve }));
  return { client, views, errors, next };
}

test('worker client: scan, then the newest unsaved text of a file wins', async () => {
  const root = tempWorkspace({});
  fs.cpSync(EXAMPLE, root, { recursive: true });
  const { client, views, errors, next } = harness();
  try {
    const opened = next();
    client.start(root, {});
    const first = await opened;
    assert.equal(first.snapshot.result.callSites.length, 6);
    // The example app's total, as test/golden/support-desk.scan.json has it.
    assert.equal(first.snapshot.result.totals.overall.monthlyCost.expected, 449.598742596);

    const file = path.join(root, 'src/features/reply.ts');
    const text = fs.readFileSync(file, 'utf8');
    const edited = next((v) => v.snapshot.changedFiles.includes('src/features/reply.ts'));
    // Three edits in a row: only the last reaches the worker (debounced), and the file is busy until its view arrives.
    client.edit(file, text.replace("'claude-sonnet-4-5'", "'claude-opus-4-1'"));
    client.edit(file, text.replace("'claude-sonnet-4-5'", "'gpt-4o'"));
    client.edit(file, text.replace("'claude-sonnet-4-5'", "'claude-haiku-4-5'"));
    assert.equal(client.busy(file), true);
    const after = await edited;
    assert.equal(client.busy(file), false);
    assert.equal(views.length, 2);
    const site = after.snapshot.result.callSites.find((s) => s.file === 'src/features/reply.ts')!;
    assert.deepEqual(site.estimate.models, ['claude-haiku-4-5']);
    assert.equal(after.groups[site.id].model, 'claude-haiku-4-5');
    assert.deepEqual(after.snapshot.changedFiles, ['src/features/reply.ts']);

    const breakdown = await client.breakdown(site.id);
    assert.equal(breakdown?.prompt.length, 5);
    assert.equal(await client.breakdown('no-such-site'), null);
    const report = await client.report();
    // claude-haiku-4-5's 12 more input tokens (Claude's ×1.16) × $1/1M × 24,333 calls = +$0.29 on $250.36.
    assert.ok(report?.startsWith('<!-- tollgate -->\n## tollgate: $250.65/month estimated LLM spend'), report ?? '');
    const starter = await client.starter();
    assert.ok(starter?.includes('\nrules:\n'));
    assert.deepEqual(errors, []);
  } finally {
    await client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
