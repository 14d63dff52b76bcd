// Planted keys of every vendor family, in baseURL, apiKey, prompt and arguments: no format shows one.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SECRET_FAMILIES } from '../../scripts/fuzz/secrets';
import { failuresOf } from './fuzz-harness';

let failures: string[] = [];
before(async () => {
  failures = await failuresOf('attack', ['attack/planted-secrets']);
});

for (const family of SECRET_FAMILIES) {
  test(`fuzz attack planted-secrets: no ${family.label} key in scan, check (every format) or diff output`, () => {
    assert.deepEqual(
      failures.filter((f) => f.includes(`planted ${family.label} key`)),
      [],
    );
  });
}

test('fuzz attack planted-secrets: no other leak, crash or hang', () => {
  assert.deepEqual(
    failures.filter((f) => !SECRET_FAMILIES.some((fam) => f.includes(`planted ${fam.label} key`))),
    [],
  );
});
