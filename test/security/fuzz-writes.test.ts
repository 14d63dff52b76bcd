// init and usage sync write only regular files inside the root; a file name is data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failuresOf } from './fuzz-harness';

const CASES = ['config-link-usage-sync', 'config-dangling-link-usage-sync', 'config-link-init-force', 'config-dangling-link-init', 'filename-command-substitution'];

for (const name of CASES) {
  test(`fuzz attack ${name}: nothing written outside the root, nothing run`, async () => {
    assert.deepEqual(await failuresOf('attack', [`attack/${name}`]), []);
  });
}
