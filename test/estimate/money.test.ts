import { test } from 'node:test';
import assert from 'node:assert/strict';
import { difference, dollars, sumDollars, sumRanges } from '../../shared/estimate/money';
import { computeTotals } from '../../shared/estimate/totals';
import { usd } from '../../shared/reporters/format';
import type { Estimate } from '../../shared/estimate/types';
import type { CallSite } from '../../shared/types';

// JSON dollars keep their precision; only a renderer rounds. Sums are the same whatever the order.

test('money: a per-call cost of $0.000008775 stays 8.775e-6 (the old rounding to 1e-8 wrote 8.78e-6)', () => {
  assert.equal(dollars(8.775e-6), 8.775e-6);
  assert.equal(Math.round(8.775e-6 * 1e8) / 1e8, 8.78e-6, 'what the JSON used to say');
  // 10 in × $0.15/1M + 100 out × $0.60/1M: binary floating point gives 0.00006149999999999999; 15 digits give $0.0000615.
  assert.equal(10 * (0.15 / 1e6) + 100 * (0.6 / 1e6), 0.00006149999999999999);
  assert.equal(dollars(10 * (0.15 / 1e6) + 100 * (0.6 / 1e6)), 0.0000615);
  // Rendering still rounds: two significant digits below a dollar.
  assert.equal(usd(8.775e-6), '$0.0000088');
});

test('money: a difference of close figures keeps their precision, not the cancellation noise', () => {
  assert.equal(2627.99985 - 2628, -0.00014999999984866008);
  assert.equal(difference(2627.99985, 2628), -0.00015);
  // A diff's change: head $77.46525156 − base $11.79559626 = $65.6696553.
  assert.equal(difference(77.46525156, 11.79559626), 65.6696553);
  assert.equal(difference(8.775e-6, 0), 8.775e-6);
  assert.equal(difference(0, 0), 0);
});

test('money: sums do not depend on the order of their terms', () => {
  // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in floating point; at a double's 15 digits, in any order, $0.6.
  assert.equal(sumDollars([0.1, 0.2, 0.3]), 0.6);
  assert.equal(sumDollars([0.3, 0.2, 0.1]), 0.6);
  assert.deepEqual(sumRanges([{ low: 1e-9, expected: 8.775e-6, high: 1 }, { low: 2e-9, expected: 1.225e-6, high: 2 }]), { low: 3e-9, expected: 0.00001, high: 3 });
  const site = (id: string, expected: number) =>
    ({ id, provider: 'openai', tags: [], file: id, estimate: { costPerCall: { low: 0, expected: 0, high: 0 }, monthlyCost: { low: expected, expected, high: expected }, models: ['gpt-4o-mini'] } as unknown as Estimate }) as unknown as CallSite & { estimate: Estimate };
  const sites = [site('a', 0.1), site('b', 0.2), site('c', 0.3), site('d', 8.775e-6)];
  const forward = computeTotals(sites);
  const backward = computeTotals([...sites].reverse());
  // $0.1 + $0.2 + $0.3 + $0.000008775 = $0.600008775, by model and overall, in either order.
  assert.equal(forward.overall.monthlyCost.expected, 0.600008775);
  assert.deepEqual(forward.overall, backward.overall);
  assert.deepEqual(forward.byModel, backward.byModel);
  assert.equal(forward.byModel[0].monthlyCost.expected, 0.600008775);
});
