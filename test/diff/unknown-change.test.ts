import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempDirs, tempDir, writeFiles } from '../helpers';
import { scan } from '../../shared/scan';
import { loadConfig } from '../../shared/config/load';
import { estimateScan, type EstimatedResult } from '../../shared/estimate';
import { diffEstimates } from '../../shared/diff';
import { renderDiffText } from '../../shared/diff/text';
import { renderMarkdown } from '../../shared/reporters/markdown';
import { totalsOf, outputAmount } from '../../action/totals';
import { commentWanted } from '../../action/comment';
import { composeComment } from '../../action/compose';
import type { DirectoryReport } from '../../action/analyse';

// A typo'd model is not a saving: the change of a call site with no price on a side is unknown,
// in the call site, in the totals and in the Action's outputs.

after(removeTempDirs);

const call = (model: string, team = 'support') => `import OpenAI from 'openai';
const client = new OpenAI();

export async function reply(text: string) {
  // tollgate: volume 1000/day
  return client.chat.completions.create({ model: '${model}', max_tokens: 100, metadata: { team: '${team}' }, messages: [{ role: 'user', content: 'Say hello.' }] });
}
`;

const other = `import OpenAI from 'openai';
const client = new OpenAI();

export async function tag(text: string) {
  // tollgate: volume 100/month
  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 10, metadata: { team: 'search' }, messages: [{ role: 'user', content: 'Tag.' }] });
}
`;

function estimate(files: Record<string, string>): EstimatedResult {
  const dir = tempDir('tollgate-unknown-');
  writeFiles(dir, files);
  return estimateScan(scan(dir), loadConfig(null), dir);
}

const meta = { base: 'main', baseSha: '0'.repeat(40), head: null, headSha: null, baseScan: 'scanned' as const };

function typoDiff() {
  const base = estimate({ 'src/reply.ts': call('gpt-4o-mini'), 'src/tag.ts': other });
  const head = estimate({ 'src/reply.ts': call('gpt-4o-mnii'), 'src/tag.ts': other });
  return { base, head, diff: diffEstimates(base, head, meta) };
}

test('unknown change: the base figures are hand-worked (so the unknown is all that changes)', () => {
  const { base } = typoDiff();
  const reply = base.callSites.find((s) => s.file === 'src/reply.ts')!;
  // 'Say hello.' is 3 tokens and 'user' 1, plus 3 per message and 3 for the reply = 10 input tokens;
  // output min(100 bound, 400 chat default) = 100. 10 × $0.15/1M + 100 × $0.60/1M = $0.0000015 + $0.00006 = $0.0000615.
  assert.deepEqual(reply.estimate.inputTokens, { low: 10, expected: 10, high: 10 });
  assert.equal(reply.estimate.costPerCall!.expected, 0.0000615);
  // 1000/day × 30.4167 days = 30,416.7 calls; × $0.0000615 = $1.87062705 a month.
  assert.equal(reply.estimate.callsPerMonth, 30416.7);
  assert.equal(reply.estimate.monthlyCost!.expected, 1.87062705);
});

test('unknown change: a typo in the head is not a -100% saving; the call site, rows and totals say unknown', () => {
  const { diff } = typoDiff();
  const reply = diff.callSites.find((c) => c.file === 'src/reply.ts')!;
  assert.equal(reply.status, 'changed');
  assert.equal(reply.monthlyChange, null);
  assert.equal(reply.changeUnknown, 'no price in the head for gpt-4o-mnii (did you mean gpt-4o-mini?)');
  assert.deepEqual(reply.after!.unpriced, [{ model: 'gpt-4o-mnii', nearest: ['gpt-4o-mini'] }]);
  assert.deepEqual(reply.before!.unpriced, []);
  const tag = diff.callSites.find((c) => c.file === 'src/tag.ts')!;
  assert.equal(tag.changeUnknown, null);
  assert.equal(tag.monthlyChange, 0);

  const m = diff.totals.monthlyCost;
  assert.equal(m.change, null);
  assert.equal(m.changePercent, null);
  assert.equal(m.unknownCallSites, 1);
  assert.deepEqual(diff.totals.unknownChange, { callSites: 1, reasons: ['src/reply.ts:6: no price in the head for gpt-4o-mnii (did you mean gpt-4o-mini?)'] });

  // The support team holds the unpriced side: unknown. The search team's change is known: $0.
  const team = (k: string) => diff.totals.byTeam.find((r) => r.key === k)!;
  assert.equal(team('support').change, null);
  assert.equal(team('support').unknownCallSites, 1);
  assert.equal(team('search').change, 0);
  assert.equal(team('search').unknownCallSites, 0);
  // By model: gpt-4o-mini's spend does go away (known); gpt-4o-mnii's arrives at an unknown price.
  const model = (k: string) => diff.totals.byModel.find((r) => r.key === k)!;
  assert.equal(model('gpt-4o-mnii').change, null);
  assert.equal(model('gpt-4o-mnii').unknownCallSites, 1);
  assert.equal(model('gpt-4o-mini').unknownCallSites, 0);
  assert.equal(model('gpt-4o-mini').head, null);
  assert.equal(model('gpt-4o-mini').change, -1.87062705);
});

test('unknown change: the text report leads with the unknown and names the nearest priced model', () => {
  const { diff } = typoDiff();
  const text = renderDiffText(diff);
  const lines = text.split('\n');
  assert.equal(lines[0], 'tollgate diff main…working tree: change unknown: 1 call site has no price');
  assert.equal(lines[1], '  src/reply.ts:6: no price in the head for gpt-4o-mnii (did you mean gpt-4o-mini?)');
  // tag.ts: 9 in × $2.50/1M + 10 out × $10/1M = $0.0001225 × 100/month = $0.01225 on both sides;
  // base = $1.87062705 + $0.01225 = $1.88287705, head = $0.01225 (the typo'd call counts in neither).
  assert.deepEqual(diff.totals.monthlyCost, { base: 1.88287705, head: 0.01225, change: null, changePercent: null, unknownCallSites: 1 });
  assert.equal(lines[2], 'Priced call sites only: $1.88 → $0.012 per month');
  assert.ok(text.includes('  ~ src/reply.ts:6  chat.completions.create  $1.87/mo → no price  change unknown\n'), text);
  assert.ok(text.includes('  support  $1.87 → none  change unknown (1 call site without a price)\n'), text);
  assert.ok(!/-100%|−100%/.test(text));
});

test('unknown change: the PR comment headline says so, never a saving', () => {
  const { head, diff } = typoDiff();
  const md = renderMarkdown({ ...head, diff });
  const lines = md.split('\n');
  assert.equal(lines[1], '## tollgate: change unknown: 1 call site has no price');
  assert.equal(lines[3], '- src/reply\\.ts\\:6\\: no price in the head for gpt\\-4o\\-mnii \\(did you mean gpt\\-4o\\-mini?\\)');
  assert.ok(md.includes('| team | support | $1.87 | — | unknown (no price) |'), md);
  assert.ok(!md.includes('−100%'));
});

test('unknown change: the Action outputs are empty and a change-only comment is still wanted', () => {
  const { head, diff } = typoDiff();
  const report = { path: '.', result: { ...head, diff, findings: [], policy: { failed: false } } } as unknown as DirectoryReport;
  const t = totalsOf([report]);
  assert.equal(t.change, null);
  assert.equal(t.changePercent, null);
  assert.equal(t.unknownChange, 1);
  assert.equal(outputAmount(t.change), '');
  const wanted = commentWanted({ commentOn: 'change', thresholdUsd: 50, thresholdPercent: null }, { callSitesChanged: 1, change: t.change, changePercent: t.changePercent, policyFailed: false, unknownChange: t.unknownChange });
  assert.deepEqual(wanted, { wanted: true, why: 'the monthly change is unknown (a call site has no price)' });
});

test('unknown change: added and removed unpriced call sites, and an unknown that only moved', () => {
  const base = estimate({ 'src/tag.ts': other, 'src/old.ts': call('gpt-9-preview') });
  const head = estimate({ 'src/tag.ts': other, 'src/reply.ts': call('gpt-4o-mnii') });
  const d = diffEstimates(base, head, meta);
  assert.deepEqual(
    d.callSites.map((c) => [c.file, c.status, c.changeUnknown]),
    [
      ['src/old.ts', 'removed', 'no price in the base for gpt-9-preview (did you mean gpt-4.5-preview?)'],
      ['src/reply.ts', 'added', 'no price in the head for gpt-4o-mnii (did you mean gpt-4o-mini?)'],
      ['src/tag.ts', 'unchanged', null],
    ],
  );
  assert.equal(d.totals.unknownChange!.callSites, 2);
  // The same unknown model, only renamed: its cost, whatever it is, did not change.
  const moved = diffEstimates(estimate({ 'src/a.ts': call('gpt-4o-mnii') }), estimate({ 'src/b.ts': call('gpt-4o-mnii') }), meta);
  assert.deepEqual(moved.callSites.map((c) => [c.status, c.reasons, c.changeUnknown]), [['changed', ['moved'], null]]);
  assert.equal(moved.totals.unknownChange, null);
});

test('unknown change: with no monthly figure, the report says whether volumes or prices are missing', () => {
  // The same typo'd call on both sides, with a volume: the change is known (nothing changed), the figure is not.
  const same = diffEstimates(estimate({ 'src/reply.ts': call('gpt-4o-mnii') }), estimate({ 'src/reply.ts': call('gpt-4o-mnii') }), meta);
  assert.equal(same.totals.unknownChange, null);
  assert.equal(renderDiffText(same).split('\n')[0], 'tollgate diff main…working tree: no call site with a volume has a price (fix the model or add it to pricing.overrides), so no monthly figure');
  const md = renderMarkdown({ ...estimate({ 'src/reply.ts': call('gpt-4o-mnii') }), diff: same });
  assert.equal(md.split('\n')[3], 'No call site with a volume has a price \\(fix the model or add it to pricing\\.overrides\\). main → working tree: 0 changed, 0 added, 0 removed call sites.');
});

test('unknown change: a multi-directory comment says the change is unknown, and which directory', () => {
  const typo = typoDiff();
  const same = estimate({ 'src/tag.ts': other });
  const policy = { failed: false, errors: 0, warnings: 0, infos: 0, suppressed: 0, failOn: 'error', failing: 0, source: 'defaults' };
  const report = (p: string, result: object) => ({ path: p, result: { ...result, findings: [], policy }, config: { rules: {} } }) as unknown as DirectoryReport;
  const reports = [report('web', { ...typo.head, diff: typo.diff }), report('api', { ...same, diff: diffEstimates(same, same, meta) })];
  const md = composeComment(reports, '<!-- tollgate -->');
  const lines = md.split('\n');
  assert.equal(lines[1], '## tollgate: change unknown: 1 call site has no price in 2 directories');
  // web: base $1.88287705, head $0.01225 (priced sites only), change unknown; api: $0.01225 both sides, +$0.
  assert.ok(lines.includes('| web | $1.88 | $0.012 | unknown (no price) | passed: 0 errors, 0 warnings |'), md);
  assert.ok(lines.includes('| api | $0.012 | $0.012 | +$0 (0%) | passed: 0 errors, 0 warnings |'), md);
  assert.equal(totalsOf(reports).change, null);
});

test('unknown change: one of several models without a price makes the change unknown too', () => {
  const base = estimate({ 'src/reply.ts': call('gpt-4o-mini') });
  const head = estimate({ 'src/reply.ts': call('gpt-4o-mini').replace("model: 'gpt-4o-mini'", "model: text.length > 9 ? 'gpt-4o' : 'gpt-4o-mnii'") });
  const [site] = head.callSites;
  // The head's figure covers gpt-4o only: 10 × $2.50/1M + 100 × $10/1M = $0.001025 a call; gpt-4o-mnii's share is unknown.
  assert.deepEqual([site.estimate.status, site.estimate.costPerCall!.expected], ['unknown-model', 0.001025]);
  const d = diffEstimates(base, head, meta);
  assert.equal(d.callSites[0].monthlyChange, null);
  assert.equal(d.callSites[0].changeUnknown, 'no price in the head for gpt-4o-mnii (did you mean gpt-4o-mini?)');
  assert.equal(d.totals.monthlyCost.change, null);
});
