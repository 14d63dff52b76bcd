import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleHarness, rows } from './harness';

const ID = 'per-call-ceiling';
const { estimated, run } = ruleHarness('rules-site', ID);

test('per-call-ceiling: a warning by default that checks nothing until maxUsd is set', () => {
  assert.deepEqual(run(), []);
  assert.deepEqual(run({ level: 'high' }), []);
});

test('per-call-ceiling: the expected cost per call against maxUsd', () => {
  assert.deepEqual(rows(run({ maxUsd: 0.03 })), [
    'src/chat.ts:13:10 expected cost per call $0.04 at gpt-5 prices is above the $0.03 ceiling',
    'src/chat.ts:31:10 expected cost per call $0.032 at claude-opus-4-1 prices is above the $0.03 ceiling',
  ]);
  // A ceiling equal to the cost passes.
  const gpt5 = estimated.callSites.find((s) => s.file === 'src/chat.ts' && s.line === 13)!;
  // 112 in × $1.25/1M + 4,000 out × $10/1M = $0.04014: gpt-5 reasons (4k expected) inside its
  // max_completion_tokens of 4,000, so the 400 visible + 4,000 reasoning tokens are capped at 4,000.
  assert.equal(gpt5.estimate.costPerCall!.expected, 0.04014);
  assert.deepEqual(rows(run({ maxUsd: 0.04014 })), []);
});

test('per-call-ceiling: level high compares the high end and names the dearest model', () => {
  // gpt-5's high end is its bound: 1,012 in × $1.25/1M + 4,000 out × $10/1M = $0.041265, below $0.10
  // (reasoning counts inside max_completion_tokens; it was $0.20 when 16k reasoning tokens came on top).
  assert.equal(estimated.callSites.find((s) => s.file === 'src/chat.ts' && s.line === 13)!.estimate.costPerCall!.high, 0.041265);
  assert.deepEqual(rows(run({ maxUsd: 0.1, level: 'high' })), [
    'src/chat.ts:31:10 high-end cost per call $2.42 at claude-opus-4-1 prices is above the $0.10 ceiling',
  ]);
  // oneOf gpt-4.1 | gpt-4o-mini: expected is their average, the high end is gpt-4.1's.
  assert.deepEqual(rows(run({ maxUsd: 0.001 })).filter((r) => r.startsWith('src/chat.ts:23:')), ['src/chat.ts:23:10 expected cost per call $0.0014 at gpt-4.1 / gpt-4o-mini prices is above the $0.001 ceiling']);
  assert.deepEqual(rows(run({ maxUsd: 0.004, level: 'high' })).filter((r) => r.startsWith('src/chat.ts:23:')), ['src/chat.ts:23:10 high-end cost per call $0.0044 at gpt-4.1 prices is above the $0.004 ceiling']);
});

test('per-call-ceiling: an unknown level is reported once instead of ignored', () => {
  assert.deepEqual(rows(run({ maxUsd: 0.1, level: 'max' })), ['tollgate.yml:1:1 `per-call-ceiling` level must be one of expected, high, not "max"']);
});
