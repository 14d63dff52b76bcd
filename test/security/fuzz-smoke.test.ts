// The CI run of the fuzz suite: a fixed seed and a small budget of mutated real files (the attacks
// and shapes have their own tests beside this one). Any failure is a bug to fix, not to retry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { ROOT } from '../helpers';
import { runFuzz } from '../../scripts/fuzz/runner';
import { HANG_GUARD_S, SEED } from './fuzz-harness';

test('fuzz smoke: 12 mutated real files from examples/ and test/fixtures, every format, no failure', async () => {
  const run = await runFuzz({
    seed: SEED,
    timeBudgetS: 600,
    caseTimeoutS: HANG_GUARD_S,
    corpus: [path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures')],
    out: null,
    families: ['mutation'],
    maxCases: 12,
    minimise: false,
  });
  assert.equal(run.outcomes.length, 12);
  assert.deepEqual(
    run.outcomes.flatMap((o) => o.failures.map((f) => `${o.id} (${o.title}) ${f.oracle}: ${f.detail} (${f.command})`)),
    [],
  );
});
