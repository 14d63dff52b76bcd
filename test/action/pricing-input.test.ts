import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers';
import { mockGitHubForFile } from './mock-github';
import { cleanup, makeRepo } from './repo';
import { runAction } from './harness';
import { baseFiles, summarize, reply, workflowCommands } from './app';

// The `pricing` input: another table prices both sides; a path out of the workspace is refused.

const api = mockGitHubForFile(cleanup);
const upHead = { 'src/features/summarize.ts': summarize('gpt-4.1'), 'src/features/reply.ts': reply };

/** The shipped table with every token price doubled and its own version: the same calls cost twice as much. */
function doubled(): string {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'pricing', 'models.json'), 'utf8'));
  data.version = '2026-08-30';
  for (const m of data.models) for (const k of ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'batchInput', 'batchOutput']) if (typeof m.prices[k] === 'number') m.prices[k] *= 2;
  return JSON.stringify(data);
}

test('pricing input: the table prices the run, and the report names it', async () => {
  const repo = makeRepo(baseFiles(), upHead);
  fs.mkdirSync(path.join(repo.workspace, 'prices'));
  fs.writeFileSync(path.join(repo.workspace, 'prices', 'ours.json'), doubled());
  const plain = await runAction({ repo, api, event: 'push' });
  const priced = await runAction({ repo, api, event: 'push', inputs: { pricing: 'prices/ours.json' } });
  assert.equal(priced.status, 1, priced.stderr);
  // Token prices doubled, calls unchanged: $426.09 a month becomes twice the unrounded figure.
  assert.equal(plain.outputs['monthly-cost'], '426.09');
  assert.equal(priced.outputs['monthly-cost'], '852.19');
  const report = JSON.parse(fs.readFileSync(priced.outputs['report-json'], 'utf8'));
  assert.deepEqual({ version: report[0].report.pricing.version, file: report[0].report.pricing.file }, { version: '2026-08-30', file: 'prices/ours.json' });
});

test('pricing input: a table outside the workspace or one that fails the schema is an input error', async () => {
  const repo = makeRepo(baseFiles(), {});
  const outside = path.join(path.dirname(repo.workspace), 'outside.json');
  fs.writeFileSync(outside, doubled());
  const run = await runAction({ repo, api, event: 'push', inputs: { pricing: '../outside.json' } });
  assert.equal(run.status, 1);
  assert.deepEqual(workflowCommands(run.stdout), ['::error::tollgate: input pricing: pricing table ../outside.json: not read: the path leaves repo (a pricing table is read only inside it)']);
  fs.writeFileSync(path.join(repo.workspace, 'bad.json'), doubled().replace('"currency":"USD"', '"currency":"EUR"'));
  const bad = await runAction({ repo, api, event: 'push', inputs: { pricing: 'bad.json' } });
  assert.deepEqual(workflowCommands(bad.stdout), ['::error::tollgate: input pricing: pricing table bad.json: currency: expected "USD"']);
});
