import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnnotation, parseNumber } from '../../shared/estimate/annotations';

test('annotations: numbers with k and m suffixes', () => {
  assert.equal(parseNumber('50k'), 50000);
  assert.equal(parseNumber('1.5m'), 1500000);
  assert.equal(parseNumber('300'), 300);
  assert.equal(parseNumber('12x'), null);
});

test('annotations: volume per period becomes invocations per month', () => {
  assert.deepEqual(parseAnnotation('volume 50k/day', 3), { tokens: {}, line: 3, errors: [], volumePerMonth: 50000 * 30.4167, volumeText: '50k/day' });
  assert.equal(parseAnnotation('volume 100/hour', 1).volumePerMonth, 73000);
  assert.equal(parseAnnotation('volume 2m/month', 1).volumePerMonth, 2000000);
  assert.equal(parseAnnotation('volume 10/week', 1).volumePerMonth, 43.4524);
});

test('annotations: tokens and fanout, several in one comment', () => {
  assert.deepEqual(parseAnnotation('volume 1k/day tokens question=300 history=2k fanout 8', 9), {
    tokens: { question: 300, history: 2000 },
    line: 9,
    errors: [],
    volumePerMonth: 30416.7,
    volumeText: '1k/day',
    fanout: 8,
  });
});

test('annotations: mistakes are reported, the rest still counts', () => {
  assert.deepEqual(parseAnnotation('volume lots tokens q=abc fanout 3 colour blue', 4), {
    tokens: {},
    line: 4,
    errors: ['volume expects N/period (for example 50k/day), got "lots"', 'tokens q expects a number, got "abc"', 'unknown word "colour" (expected volume, tokens or fanout)', 'unknown word "blue" (expected volume, tokens or fanout)'],
    fanout: 3,
  });
});
