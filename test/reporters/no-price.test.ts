import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempDirs, tempDir, writeFiles } from '../helpers';
import { scan } from '../../shared/scan';
import { loadConfig } from '../../shared/config/load';
import { estimateScan, type EstimatedResult } from '../../shared/estimate';
import { renderBill } from '../../shared/reporters/bill';
import { renderMarkdown } from '../../shared/reporters/markdown';
import { gapOf } from '../../shared/reporters/gaps';

// "needs volume" and "no price" are two different fixes: a call with a volume and an unknown model
// never reads "no call site has a volume", and no row shows $0 for a model without a price.

after(removeTempDirs);

const call = (fn: string, model: string, volume: string | null, team = 'support') => `import OpenAI from 'openai';
const client = new OpenAI();

export async function ${fn}(text: string) {
  ${volume ? `// tollgate: volume ${volume}` : ''}
  return client.chat.completions.create({ model: '${model}', max_tokens: 100, metadata: { team: '${team}' }, messages: [{ role: 'user', content: 'Say hello.' }] });
}
`;

function estimate(files: Record<string, string>): EstimatedResult {
  const dir = tempDir('tollgate-noprice-');
  writeFiles(dir, files);
  return estimateScan(scan(dir), loadConfig(null), dir);
}

const lineOf = (text: string, start: string) => text.split('\n').find((l) => l.startsWith(start));

test('no price: a typo with a volume is "no price" in the bill, never "needs volume" or $0', () => {
  const r = estimate({ 'src/a.ts': call('a', 'gpt-4o-mnii', '1000/day') });
  assert.equal(gapOf(r.totals.overall), 'no price');
  const bill = renderBill(r);
  assert.equal(lineOf(bill, 'TOTAL'), 'TOTAL unknown: the call site has no price (model unknown or not in the table; the assumptions name the nearest priced models)');
  assert.equal(lineOf(bill, 'By model:'), 'By model: gpt-4o-mnii no price');
  assert.equal(lineOf(bill, 'By team:'), 'By team: support no price');
  assert.equal(lineOf(bill, 'Not in the total:'), 'Not in the total: 1 has no price (model unknown or not in the table).');
  assert.ok(!bill.includes('needs volume') && !bill.includes('has a volume') && !/ \$0\b/.test(bill), bill);
  assert.deepEqual(r.callSites[0].estimate.unpriced, [{ model: 'gpt-4o-mnii', nearest: ['gpt-4o-mini'] }]);

  const md = renderMarkdown(r);
  assert.deepEqual(md.split('\n').slice(1, 4), ['## tollgate: no price', '', '1 call site, none with a price: fix the model name or add a price under `pricing.overrides` (the assumptions name the nearest priced models).']);
  assert.ok(md.includes('| team | support | no price |'), md);
  assert.ok(md.includes('<details><summary>Call sites with no price (1): not in the monthly figures</summary>\n\n- src/a\\.ts\\:6 chat\\.completions\\.create: no price for gpt\\-4o\\-mnii (did you mean gpt\\-4o\\-mini?)\n'), md);
});

test('no price: rows with a price and gaps say both; the total counts each reason apart', () => {
  const r = estimate({
    'src/a.ts': call('a', 'gpt-4o-mnii', '1000/day'),
    'src/b.ts': call('b', 'gpt-4o-mini', '1000/day'),
    'src/c.ts': call('c', 'gpt-4o', null),
  });
  const bill = renderBill(r);
  // b.ts: 10 in × $0.15/1M + 100 out × $0.60/1M = $0.0000615 × 30,416.7 calls = $1.87062705 (rendered $1.87).
  assert.equal(r.totals.overall.monthlyCost.expected, 1.87062705);
  assert.equal(lineOf(bill, 'TOTAL'), 'TOTAL $1.87 per month, estimated from 1 of 3 call sites');
  assert.equal(lineOf(bill, 'Not in the total:'), 'Not in the total: 1 needs volume, 1 has no price (model unknown or not in the table).');
  assert.equal(lineOf(bill, 'By model:'), 'By model: gpt-4o-mini $1.87 · gpt-4o needs volume · gpt-4o-mnii no price');
  assert.equal(lineOf(bill, 'By team:'), 'By team: support $1.87 (+1 without volume, +1 without price)');
  const md = renderMarkdown(r);
  assert.equal(md.split('\n')[3], '**$1.87 per month**, from 1 of 3 call sites (1 needs volume, 1 has no price)');
});

test('no price: neither a volume on the priced call nor a price on the one with a volume', () => {
  const r = estimate({ 'src/a.ts': call('a', 'gpt-4o-mnii', '1000/day'), 'src/c.ts': call('c', 'gpt-4o', null) });
  assert.equal(gapOf(r.totals.overall), 'needs volume, no price');
  assert.equal(lineOf(renderBill(r), 'TOTAL'), 'TOTAL unknown: no call site has both a volume and a price (1 needs volume, 1 has no price)');
  assert.equal(renderMarkdown(r).split('\n')[1], '## tollgate: needs volume and prices');
  // Only volumes missing: as before.
  const v = estimate({ 'src/c.ts': call('c', 'gpt-4o', null) });
  assert.equal(lineOf(renderBill(v), 'TOTAL'), 'TOTAL needs volume: the call site has no volume yet (per-call costs above)');
});
