// Pathological shapes (deep nesting, doubling constants, ReDoS, odd line breaks, huge or absurd
// config, huge .gitignore, hostile CODEOWNERS, --jobs): each scan finishes, without a crash or an absurd figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shapeCases } from '../../scripts/fuzz/shapes';
import { failuresOf, SEED } from './fuzz-harness';

for (const c of shapeCases(SEED)) {
  test(`fuzz ${c.id}: ${c.title}`, async () => {
    assert.deepEqual(await failuresOf('shape', [c.id]), []);
  });
}
