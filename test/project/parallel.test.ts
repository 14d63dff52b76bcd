import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../shared/scan';
import { scanOrder } from '../../shared/parallel';
import { fixture } from '../helpers';

const DIRS = ['providers/openai', 'providers/vercel-ai', 'providers/langchain', 'providers/http', '../../examples/support-desk'];

test('parallel: worker threads give the same bytes as one thread', () => {
  for (const dir of DIRS) {
    const one = JSON.stringify(scan(fixture(dir), { workers: 0 }));
    assert.equal(JSON.stringify(scan(fixture(dir), { workers: 2 })), one, dir);
  }
});

test('parallel: workers that take every prefilter chunk and every file give the same bytes', () => {
  for (const dir of DIRS) {
    const one = JSON.stringify(scan(fixture(dir), { workers: 0 }));
    assert.equal(JSON.stringify(scan(fixture(dir), { workers: 2, workersOnly: true })), one, dir);
  }
});

test('parallel: the scan queue starts with the largest files, ties by path', () => {
  const sizes: Record<string, number> = { a: 10, b: 9, c: 5, d: 9, e: 1 };
  assert.deepEqual(scanOrder(Object.keys(sizes), (f) => sizes[f]), ['a', 'b', 'd', 'c', 'e']);
  assert.deepEqual(scanOrder([], () => 0), []);
});
