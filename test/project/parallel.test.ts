import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../shared/scan';
import { shardBySize } from '../../shared/parallel';
import { fixture } from '../helpers';

test('parallel: worker threads give the same bytes as one thread', () => {
  for (const dir of ['providers/openai', 'providers/vercel-ai', 'providers/langchain', '../../examples/support-desk']) {
    const one = JSON.stringify(scan(fixture(dir), { workers: 0 }));
    const two = JSON.stringify(scan(fixture(dir), { workers: 2 }));
    assert.equal(two, one, dir);
  }
});

test('parallel: shards are balanced by size and deterministic', () => {
  const sizes: Record<string, number> = { a: 10, b: 9, c: 5, d: 4, e: 1 };
  assert.deepEqual(shardBySize(Object.keys(sizes), 2, (f) => sizes[f]), [['a', 'd', 'e'], ['b', 'c']]);
  assert.deepEqual(shardBySize([], 3, () => 0), [[], [], []]);
});
