// Scanned text reaches a runner's log and a PR comment: it must not forge commands or hide text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failuresOf } from './fuzz-harness';

test('fuzz attack workflow-commands: prompts, models and file names forge no workflow command in any format', async () => {
  assert.deepEqual(await failuresOf('attack', ['attack/workflow-commands']), []);
});

test('fuzz attack markdown-comment: no bidi control, zero-width character, javascript: URL or commit hash reaches the PR comment', async () => {
  assert.deepEqual(await failuresOf('attack', ['attack/markdown-comment']), []);
});
