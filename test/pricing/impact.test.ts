import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fixture, ROOT } from '../helpers';
import { scan } from '../../shared/scan';
import { loadConfig, withPricingTable } from '../../shared/config/load';
import { pricingImpact } from '../../shared/pricing/impact';
import { readPricingFile } from '../../shared/pricing/table-file';
import { renderImpactMarkdown, renderImpactText } from '../../shared/reporters/impact';

const dir = fixture('pricing', 'impact');
const app = path.join(dir, 'app');
const table = (name: string) => readPricingFile(path.join(dir, name), name);
const impactOf = (current: string, next: string) => pricingImpact(scan(app), withPricingTable(loadConfig(null), table(current)), table(next), app);

function golden(name: string, actual: string) {
  const file = path.join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

test('pricing impact: each call site whose cost moves, per call and per month, largest monthly change first', () => {
  const r = impactOf('current.json', 'new.json');
  assert.deepEqual([r.current, r.new], [{ version: '2026-07-01', file: 'current.json' }, { version: '2026-08-01', file: 'new.json' }]);
  const [big, small, claude] = r.callSites;
  // Every call: 12 input tokens ("Say hello in French." with the message overhead), 100 output (the max_tokens bound).
  // big (gpt-4o, 1,000/month): current 12 × $10/1M + 100 × $20/1M = $0.00212; new 12 × $5/1M + 100 × $20/1M = $0.00206.
  assert.equal(big.id, 'calls.ts#big#chat.completions.create#0');
  assert.deepEqual([big.current, big.new], [{ perCall: 0.00212, monthly: 2.12 }, { perCall: 0.00206, monthly: 2.06 }]);
  // -$0.00006 a call, × 1,000 = -$0.06 a month; -0.00006 / 0.00212 = -2.83%.
  assert.equal(big.perCallChange!.toFixed(8), '-0.00006000');
  assert.equal(big.monthlyChange!.toFixed(6), '-0.060000');
  assert.equal(big.changePercent!.toFixed(2), '-2.83');
  assert.equal(big.unknown, null);
  // small (gpt-4o-mini, no volume): 12 × $1/1M + 100 × $2/1M = $0.000212 → 12 × $1/1M + 100 × $4/1M = $0.000412, +$0.0002 a call (+94.34%); the month needs volume.
  assert.equal(small.model, 'gpt-4o-mini');
  assert.deepEqual([small.current, small.new], [{ perCall: 0.000212, monthly: null }, { perCall: 0.000412, monthly: null }]);
  assert.equal(small.perCallChange!.toFixed(7), '0.0002000');
  assert.equal(small.changePercent!.toFixed(2), '94.34');
  assert.deepEqual([small.monthlyChange, small.unknown], [null, 'needs volume']);
  // claude: 12 prompt tokens × 1.16 (Claude's token factor) = 14 × $3/1M + 100 × $15/1M = $0.001542 today (× 2,000 a month = $3.084); the new table drops the model: unknown, never a -100% saving.
  assert.deepEqual([claude.model, claude.current, claude.new], ['claude-sonnet-4-20250514', { perCall: 0.001542, monthly: 3.084 }, { perCall: null, monthly: null }]);
  assert.deepEqual([claude.perCallChange, claude.monthlyChange, claude.changePercent, claude.unknown], [null, null, null, 'no price in the new table']);
  // The embedding is priced the same by both: not listed, counted.
  assert.deepEqual([r.unchanged, r.unpricedByBoth], [1, 0]);
  // Totals over the sites with both prices and a volume (big only): $2.12 → $2.06; two without a figure.
  assert.equal(r.totals.monthlyChange.toFixed(6), '-0.060000');
  assert.deepEqual([r.totals.currentMonthly, r.totals.newMonthly, r.totals.unknown], [2.12, 2.06, 2]);
});

test('pricing impact: a model only the new table prices is unknown, not a change from $0', () => {
  const r = impactOf('new.json', 'current.json');
  const claude = r.callSites.find((s) => s.model === 'claude-sonnet-4-20250514')!;
  assert.deepEqual([claude.current, claude.new, claude.unknown], [{ perCall: null, monthly: null }, { perCall: 0.001542, monthly: 3.084 }, 'no price in the current table']);
  assert.equal(r.totals.monthlyChange.toFixed(6), '0.060000');
  // Sorted: the one monthly change, then per-call only, then the unknown.
  assert.deepEqual(r.callSites.map((s) => s.unknown), [null, 'needs volume', 'no price in the current table']);
});

test('pricing impact: text and markdown (goldens), deterministic', () => {
  const r = impactOf('current.json', 'new.json');
  golden('expected-impact.txt', renderImpactText(r));
  golden('expected-impact.md', renderImpactMarkdown(r));
  assert.equal(renderImpactText(impactOf('current.json', 'new.json')), renderImpactText(r));
  assert.equal(renderImpactText(impactOf('new.json', 'new.json')), 'Pricing impact: new.json (2026-08-01) → new.json (2026-08-01)\nNo call site changes cost (3 priced the same; 1 priced by neither table (unknown model)).\n');
});

test('cli: tollgate pricing impact --table NEW [dir], text and --format json; usage errors', () => {
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const text = cli(['pricing', 'impact', '--table', 'new.json', '--pricing', 'current.json', 'app']);
  assert.equal(text.code, 0, text.err);
  assert.equal(text.out, fs.readFileSync(path.join(dir, 'expected-impact.txt'), 'utf8'));
  const json = JSON.parse(cli(['pricing', 'impact', '--table', 'new.json', '--pricing', 'current.json', 'app', '--format', 'json']).out);
  assert.deepEqual(Object.keys(json), ['current', 'new', 'callSites', 'unchanged', 'unpricedByBoth', 'totals']);
  assert.deepEqual(Object.keys(json.callSites[0]), ['id', 'file', 'line', 'column', 'provider', 'model', 'current', 'new', 'perCallChange', 'monthlyChange', 'changePercent', 'unknown']);
  assert.equal(json.callSites[0].new.perCall, 0.00206);
  // Without --pricing the built-in table is the current one: gpt-4o there is 12 × $2.50/1M + 100 × $10/1M = $0.00103.
  const builtIn = JSON.parse(cli(['pricing', 'impact', '--table', 'new.json', 'app', '--format', 'json']).out);
  assert.deepEqual(builtIn.current.file, null);
  assert.equal(builtIn.callSites.find((s: { model: string }) => s.model === 'gpt-4o').current.perCall, 0.00103);
  const err = (args: string[]) => cli(args).err.split('\n')[0];
  assert.equal(err(['pricing', 'impact', 'app']), 'tollgate: pricing impact needs --table NEW (the new pricing table)');
  assert.equal(err(['pricing', 'impact', '--table', 'nope.json', 'app']), 'tollgate: pricing table does not exist: nope.json');
  assert.equal(err(['pricing', 'impact', '--table', 'new.json', 'app', '--format', 'sarif']), 'tollgate: unknown --format "sarif" (expected text, json, markdown)');
  assert.equal(err(['pricing', 'impact', '--table', 'new.json', '--from', 'x']), 'tollgate: --from is not an option of pricing impact');
  assert.equal(err(['pricing', 'update', '--from', 'x', '--pricing', 'y']), 'tollgate: --pricing is not an option of pricing update');
});
