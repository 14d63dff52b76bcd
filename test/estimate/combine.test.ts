import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineOverall } from '../../shared/estimate/totals';

test('totals: several results combine into one overall row, dollars added bound by bound without float noise', () => {
  const a = { callSites: 6, monthlyCost: { low: 0.1, expected: 0.2, high: 0.3 }, withVolume: 6, missingVolume: 0, unknownModel: 0 };
  const b = { callSites: 3, monthlyCost: { low: 0.2, expected: 0.1, high: 0.6 }, withVolume: 1, missingVolume: 1, unknownModel: 1 };
  assert.deepEqual(combineOverall([a, b]), { callSites: 9, monthlyCost: { low: 0.3, expected: 0.3, high: 0.9 }, withVolume: 7, missingVolume: 1, unknownModel: 1 });
  assert.deepEqual(combineOverall([]), { callSites: 0, monthlyCost: { low: 0, expected: 0, high: 0 }, withVolume: 0, missingVolume: 0, unknownModel: 0 });
});
