import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { configError, fixture, scanFixture } from '../helpers';
import { loadConfig } from '../../shared/config/load';
import { estimateScan, pricingFor } from '../../shared/estimate';
import { runRules } from '../../shared/rules/run';
import { daysBetween, todayUtc } from '../../shared/clock';
import { lifecycleApplies, pricingData } from '../../shared/pricing/table';
import type { RuleSetting } from '../../shared/rules/types';

// retired-model on test/fixtures/rules-retired, with the clock fixed. The table's dates:
// claude-3-7-sonnet-latest and claude-3-5-haiku-latest retired 2026-02-19, claude-3-opus-latest
// (alias claude-3-opus-20240229) 2026-01-05, gemini-2.5-flash-image retires 2026-10-02.

const config = loadConfig(null);
const root = fixture('rules-retired');
const estimated = estimateScan(scanFixture('rules-retired'), config, root);
const source = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : null);

function findings(today: string, options?: Record<string, unknown>) {
  const settings: Record<string, RuleSetting> = options ? { 'retired-model': { severity: 'error', options } } : {};
  return runRules({ result: estimated, table: pricingFor(config), estimateConfig: config.estimate, settings, source, today })
    .filter((f) => f.ruleId === 'retired-model')
    .map((f) => `${f.severity} ${f.file}:${f.line}:${f.column} ${f.message}`);
}

const RETIRED = [
  'error src/claude.ts:5:30 `claude-3-7-sonnet-latest` was retired by anthropic on 2026-02-19: calls to it fail; the provider names `claude-sonnet-4-5` as its replacement',
  // A oneOf: each model is checked, each with its own date and replacement.
  'error src/claude.ts:10:3 `claude-3-5-haiku-latest` was retired by anthropic on 2026-02-19: calls to it fail; the provider names `claude-haiku-4-5` as its replacement',
  'error src/claude.ts:10:3 `claude-3-opus-20240229` was retired by anthropic on 2026-01-05: calls to it fail; the provider names `claude-opus-4-1` as its replacement',
];

test('retired-model: past the date an error naming the replacement; within 90 days a warning (Jul 4 → Oct 2 is 27 + 31 + 30 + 2 = 90 days)', () => {
  assert.deepEqual(findings('2026-07-04'), [
    ...RETIRED,
    // No replacement on Google's page for gemini-2.5-flash-image: none named.
    'warning src/gemini.ts:6:42 `gemini-2.5-flash-image` retires on 2026-10-02 (90 days from 2026-07-04): calls to it will fail from then on',
  ]);
  // Azure OpenAI's gpt-4.5-preview (priced from OpenAI's entry, retired there 2025-07-14) and Vertex AI's
  // gemini-2.0-flash (the Gemini API's date is 2026-06-01) keep their hosts' own schedules: no finding.
  // claude-sonnet-4-5 has no date: no finding.
});

test('retired-model: one day further out than warnDays is silent; the retirement day itself is an error', () => {
  assert.deepEqual(findings('2026-07-03'), RETIRED, '91 days ahead');
  assert.deepEqual(findings('2026-07-04', { warnDays: 89 }), RETIRED);
  assert.deepEqual(findings('2026-10-01').at(-1), 'warning src/gemini.ts:6:42 `gemini-2.5-flash-image` retires on 2026-10-02 (1 day from 2026-10-01): calls to it will fail from then on');
  assert.deepEqual(findings('2026-10-02').at(-1), 'error src/gemini.ts:6:42 `gemini-2.5-flash-image` was retired by google on 2026-10-02: calls to it fail');
  assert.deepEqual(findings('2026-09-01', { warnDays: 0 }), RETIRED, 'warnDays 0: retired models only');
});

test('retired-model: before any retirement date nothing is reported; tollgate.yml sets warnDays', () => {
  assert.deepEqual(findings('2025-01-01', { warnDays: 3650 }).length, 4);
  assert.deepEqual(findings('2025-01-01'), []);
  const yml = loadConfig(null);
  assert.deepEqual(yml.rules['retired-model'], undefined);
  assert.equal(configError('rules:\n  retired-model: { warnDays: -1 }\n'), 'tollgate.yml:2:30: "rules.retired-model.warnDays" expects a number');
  assert.equal(configError('rules:\n  retired-model: { warnDays: 4000 }\n'), 'tollgate.yml:2:30: "rules.retired-model.warnDays" is over the limit of 3650 days');
});

test('clock: today in UTC, and whole days between two dates', () => {
  assert.equal(todayUtc({}, new Date('2026-12-02T23:59:59Z')), '2026-12-02');
  assert.equal(todayUtc({}, new Date('2026-12-02T23:59:59-05:00')), '2026-12-03');
  assert.equal(daysBetween('2026-07-04', '2026-10-02'), 90);
  assert.equal(daysBetween('2026-03-01', '2026-02-28'), -1);
});

test('lifecycleApplies: the vendor\'s own API and gateways yes; Azure, Bedrock and Vertex keep their own schedules', () => {
  const entry = (provider: string, id: string) => pricingData().models.find((m) => m.provider === provider && m.id === id)!;
  const gpt45 = entry('openai', 'gpt-4.5-preview');
  const gemini = entry('google', 'gemini-2.0-flash');
  assert.equal(lifecycleApplies('openai', gpt45), true);
  assert.equal(lifecycleApplies('helicone', gpt45), true, 'a gateway forwards to the vendor');
  assert.equal(lifecycleApplies('azure-openai', gpt45), false);
  assert.equal(lifecycleApplies('bedrock', entry('anthropic', 'claude-3-7-sonnet-latest')), false);
  assert.equal(lifecycleApplies('google', gemini), true);
  assert.equal(lifecycleApplies('google-vertex', gemini), false);
  assert.equal(lifecycleApplies('google', gemini, 'google-vertex'), false);
});

test('pricing table: every retirement date has its source page, and deprecation comes before retirement', () => {
  const dated = pricingData().models.filter((m) => m.retires || m.deprecated);
  assert.equal(dated.length, 22);
  for (const m of dated) {
    assert.match(m.lifecycleSource ?? '', /^https:\/\/(platform\.openai\.com|platform\.claude\.com|ai\.google\.dev)\//, m.id);
    assert.ok(m.retires, `${m.id}: a deprecation without a retirement date`);
    if (m.deprecated) assert.ok(m.deprecated < m.retires!, m.id);
  }
});
