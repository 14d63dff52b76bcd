import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleHarness, rows } from './harness';

const ID = 'allowed-models';
const { estimated, run } = ruleHarness('rules-site', ID);

const policy = {
  models: ['gpt-4o*', 'gpt-4.1*', 'text-embedding-*', 'omni-moderation-*', 'claude-*'],
  paths: { 'src/legal/**': 'claude-opus-*' },
  environments: { production: 'gpt-4o-mini', staging: 'gpt-5, gpt-4o-mini' },
};

test('allowed-models: off by default; no lists, no findings', () => {
  assert.deepEqual(run(), []);
  assert.deepEqual(run({}), []);
});

test('allowed-models: every list that applies must allow the model; the refusing list is named', () => {
  assert.deepEqual(rows(run(policy)), [
    // env: staging allows gpt-5, but the global list does not.
    'src/chat.ts:13:10 gpt-5 is not allowed by `models` (allowed: gpt-4o*, gpt-4.1*, text-embedding-*, omni-moderation-*, claude-*)',
    // oneOf gpt-4.1 | gpt-4o-mini tagged stage: production: only gpt-4.1 is refused.
    'src/chat.ts:23:10 gpt-4.1 is not allowed by `environments.production` (allowed: gpt-4o-mini)',
    'src/legacy/old.ts:4:10 gpt-3.5-turbo is not allowed by `models` (allowed: gpt-4o*, gpt-4.1*, text-embedding-*, omni-moderation-*, claude-*)',
    'src/legal/review.ts:4:10 claude-sonnet-4-5 is not allowed by `paths["src/legal/**"]` (allowed: claude-opus-*)',
  ]);
  assert.ok(run(policy).every((f) => f.severity === 'warning' && !f.fix && f.callSiteId));
});

test('allowed-models: environment lists alone restrict only call sites tagged with that environment', () => {
  assert.deepEqual(rows(run({ environments: { staging: 'gpt-4o-mini' } })), ['src/chat.ts:13:10 gpt-5 is not allowed by `environments.staging` (allowed: gpt-4o-mini)']);
  // An environment the code never names, and an empty path list, which allows nothing.
  assert.deepEqual(rows(run({ environments: { dev: 'none' }, paths: { 'src/legacy/*.ts': '' } })), ['src/legacy/old.ts:4:10 gpt-3.5-turbo is not allowed by `paths["src/legacy/*.ts"]` (allowed: none)']);
});

test('allowed-models: unresolved models are left to unresolved-model', () => {
  const found = run({ models: ['nothing'] });
  assert.ok(!found.some((f) => f.line === 27 && f.file === 'src/chat.ts'));
  assert.equal(found.length, estimated.callSites.filter((s) => s.model.status !== 'unknown').length + 1); // + the second model of the oneOf
});
