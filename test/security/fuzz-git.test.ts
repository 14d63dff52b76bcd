// Git runs nothing the pull request committed, and the base revision is read like the work tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failuresOf } from './fuzz-harness';

test('fuzz attack git-repository-folder: scan, diff --base and check --base run none of its fsmonitor, filters, textconv or hooks', async () => {
  assert.deepEqual(await failuresOf('attack', ['attack/git-repository-folder']), []);
});

test("fuzz attack git-base-symlink-outside: the base revision's links out of the root are not followed", async () => {
  assert.deepEqual(await failuresOf('attack', ['attack/git-base-symlink-outside']), []);
});
