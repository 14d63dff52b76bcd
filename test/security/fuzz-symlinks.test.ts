// Links and special files in the scanned tree: nothing outside the root is read, nothing blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failuresOf } from './fuzz-harness';

const CASES = [
  'symlink-prompt-outside',
  'symlink-prompt-proc-environ',
  'symlink-prompt-dev-zero',
  'fifo-prompt-and-source',
  'symlink-raw-import-outside',
  'symlink-source-outside',
  'symlink-folder-outside',
  'symlink-to-filesystem-root',
  'symlink-dangling',
  'readfile-path-escape',
];

for (const name of CASES) {
  test(`fuzz attack ${name}: no leak, crash or hang`, async () => {
    assert.deepEqual(await failuresOf('attack', [`attack/${name}`]), []);
  });
}
