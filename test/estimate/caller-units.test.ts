import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fixture, removeTempDirs, scanFixture, site, tempDir, writeFiles } from '../helpers';
import { PricingTable, type PriceEntry, type Prices } from '../../shared/pricing/table';
import { estimateResult, type EstimatedResult } from '../../shared/estimate';
import { estimateSite } from '../../shared/estimate/estimate';
import { DEFAULT_ESTIMATE_CONFIG, type EstimateConfig } from '../../shared/estimate/types';
import { loadConfig } from '../../shared/config/load';
import { checkEstimated } from '../../shared/check';
import { diffEstimates } from '../../shared/diff/compare';
import { scan } from '../../shared/scan';
import { renderBill } from '../../shared/reporters/bill';
import { lensText, unitLensText } from '../../extension/src/lens';
import { FileIndex } from '../../extension/src/files';
import { hoverMarkdown } from '../../extension/src/hover';
import type { WorkspaceView } from '../../extension/src/protocol';
import { priceEntry } from '../price-entry';

// A wrapper called by several features is one call site with one attribution unit per caller
// (shared/estimate/caller-units.ts). Fixture test/fixtures/estimate-units, priced with a table of our own:
//   gpt-4o-mini: 11 in × $0.15/1M + 100 out × $0.60/1M = $0.00000165 + $0.00006 = $0.00006165 a call
//   gpt-4o:      11 in × $2.50/1M + 100 out × $10/1M   = $0.0000275  + $0.001   = $0.0010275 a call
// (11 input tokens: "Answer: Hello." is 4 tokens with o200k_base, + 1 for the role, + 3 per message, + 3 reply priming.)

after(removeTempDirs);

function entry(id: string, prices: Partial<Prices>): PriceEntry {
  return priceEntry(id, prices);
}

const table = new PricingTable({ version: '2026-01-01', currency: 'USD', models: [entry('gpt-4o', { input: 2.5, output: 10 }), entry('gpt-4o-mini', { input: 0.15, output: 0.6 })] });
const config: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
const scanned = scanFixture('estimate-units');
const estimated = (cfg: EstimateConfig = config, result = scanned): EstimatedResult => estimateResult(result, table, cfg, { version: '2026-01-01', overrides: 0 });
const mini = { low: 0.00006165, expected: 0.00006165, high: 0.00006165 };
const flat = (n: number) => ({ low: n, expected: n, high: n });
const COMPLETE = 'src/lib/llm.ts#complete#chat.completions.create#0';
const CLASSIFY = 'src/lib/llm.ts#classify#chat.completions.create#0';
const ASK = 'src/lib/ask.ts#ask#chat.completions.create#0';
const byId = (r: EstimatedResult, id: string) => r.callSites.find((s) => s.id === id)!;

test('units: each caller records the tags it sends and the volume annotated above it', () => {
  const s = site(scanned, 'src/lib/llm.ts:7:10');
  assert.deepEqual(
    s.callers.map((c) => [`${c.file}:${c.line}`, (c.tags ?? []).map((t) => `${t.key}=${t.value}`), c.volume ?? null]),
    [
      ['src/features/search.ts:5', ['feature=search', 'team=discovery'], { file: 'src/features/search.ts', line: 4, perMonth: 10000, text: '10k/month' }],
      ['src/features/triage.ts:5', ['feature=triage', 'team=support'], { file: 'src/features/triage.ts', line: 4, perMonth: 2000, text: '2k/month' }],
      ['src/features/triage.ts:10', ['feature=escalation', 'team=support'], null],
    ],
  );
});

test('units: a wrapper whose callers pass different tags is one call site; its monthly figure is the sum of its callers\', never a missing one as $0', () => {
  const e = byId(estimated(), COMPLETE).estimate;
  assert.deepEqual(e.units, [
    // 10,000 × $0.00006165 = $0.6165
    { caller: { file: 'src/features/search.ts', line: 5, column: 24, function: 'search' }, tags: { feature: 'search', team: 'discovery' }, costPerCall: mini, callsPerMonth: 10000, volumeSource: 'annotation src/features/search.ts:4: volume 10k/month', monthlyCost: flat(0.6165), owner: { team: 'discovery', via: 'tag' } },
    // 2,000 × $0.00006165 = $0.1233
    { caller: { file: 'src/features/triage.ts', line: 5, column: 9, function: 'triage' }, tags: { feature: 'triage', team: 'support' }, costPerCall: mini, callsPerMonth: 2000, volumeSource: 'annotation src/features/triage.ts:4: volume 2k/month', monthlyCost: flat(0.1233), owner: { team: 'support', via: 'tag' } },
    // No volume anywhere for escalate(): needs volume, left out of the sum and counted.
    { caller: { file: 'src/features/triage.ts', line: 10, column: 10, function: 'escalate' }, tags: { feature: 'escalation', team: 'support' }, costPerCall: mini, callsPerMonth: null, volumeSource: null, monthlyCost: null, owner: { team: 'support', via: 'tag' } },
  ]);
  // $0.6165 + $0.1233 = $0.7398 over 10,000 + 2,000 invocations.
  assert.deepEqual([e.monthlyCost, e.callsPerMonth, e.volumeSource, e.unitsMissingVolume, e.volumeBy], [flat(0.7398), 12000, 'callers: 2 of 3 with volume', 1, 'callers']);
  assert.ok(e.assumptions.includes('caller src/features/triage.ts:10 (feature escalation, team support): needs volume: add `// tollgate: volume N/day` above that call'));
  assert.ok(!e.assumptions.some((a) => a.startsWith('needs volume')));
});

test('units: each caller\'s unit is priced at the model that caller passes', () => {
  const e = byId(estimated(), ASK).estimate;
  assert.deepEqual(
    e.units!.map((u) => [u.tags.feature, u.costPerCall?.expected, u.monthlyCost?.expected]),
    [
      ['report', 0.0010275, 1.0275], // gpt-4o: 1,000 × $0.0010275
      ['chat', 0.00006165, 0.06165], // gpt-4o-mini: 1,000 × $0.00006165
    ],
  );
  // $1.0275 + $0.06165 = $1.08915; the per-call range still spans both models.
  assert.deepEqual(e.monthlyCost, flat(1.08915));
  // Expected: their average, ($0.00006165 + $0.0010275) / 2 = $0.000544575 (to the rounding of money in the JSON).
  assert.deepEqual([e.costPerCall!.low, e.costPerCall!.high], [0.00006165, 0.0010275]);
  assert.ok(Math.abs(e.costPerCall!.expected - 0.000544575) <= 1e-8, String(e.costPerCall!.expected));
});

test('units: the call site\'s own volume counts its callers together, never split by guess, and goes to their tags together', () => {
  const r = estimated();
  const e = byId(r, CLASSIFY).estimate;
  // 3,000 × $0.00006165 = $0.18495, for search and triage together.
  assert.deepEqual([e.monthlyCost, e.callsPerMonth, e.volumeBy, e.unitsMissingVolume], [flat(0.18495), 3000, 'call site', 2]);
  assert.deepEqual(e.units!.map((u) => [u.tags.feature, u.monthlyCost]), [['search', null], ['triage', null]]);
  assert.ok(e.assumptions.includes("the call site's volume counts all 2 of its callers together: its cost is not split among their tags; add `// tollgate: volume N/period` above each caller to split it"));
  const row = r.totals.byFeature.find((x) => x.key === 'search | triage');
  assert.deepEqual(row, { key: 'search | triage', callSites: 1, monthlyCost: flat(0.18495), missingVolume: 0, unknownModel: 0 });
});

test('units: totals by team and feature sum units; by model and provider sum call sites', () => {
  const t = estimated().totals;
  // $0.7398 (complete) + $0.18495 (classify) + $1.08915 (ask) = $2.0139; escalate() is the one caller left out.
  assert.deepEqual(t.overall, { callSites: 3, monthlyCost: flat(2.0139), withVolume: 3, missingVolume: 0, unknownModel: 0, unitsMissingVolume: 1, unitsUnknownModel: 0 });
  assert.deepEqual(
    t.byFeature.map((r) => [r.key, r.callSites, r.monthlyCost.expected, r.missingVolume]),
    [
      ['report', 1, 1.0275, 0],
      ['search', 1, 0.6165, 0],
      ['search | triage', 1, 0.18495, 0],
      ['triage', 1, 0.1233, 0],
      ['chat', 1, 0.06165, 0],
      ['escalation', 1, 0, 1],
    ],
  );
  // support: triage $0.1233 + escalation (needs volume); (no team): classify $0.18495 + report $1.0275 + chat $0.06165 = $1.2741.
  assert.deepEqual(
    t.byTeam.map((r) => [r.key, r.callSites, r.monthlyCost.expected, r.missingVolume, r.via ?? null]),
    [
      ['(no team)', 3, 1.2741, 0, null],
      ['discovery', 1, 0.6165, 0, 'tag'],
      ['support', 2, 0.1233, 1, 'tag'],
    ],
  );
  assert.deepEqual(
    t.byModel.map((r) => [r.key, r.callSites, r.monthlyCost.expected]),
    [
      ['gpt-4o | gpt-4o-mini', 1, 1.08915],
      ['gpt-4o-mini', 2, 0.92475], // $0.7398 + $0.18495
    ],
  );
});

test('units: usage.features and usage.teams give a caller\'s unit its volume; the call site\'s own usage entry is then not used', () => {
  const cfg: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
  cfg.usage.features = [{ key: 'escalation', perMonth: 500, text: '500/month' }];
  cfg.usage.callSites = [{ key: 'src/lib/llm.ts#complete#*', perMonth: 1000, text: '1k/month' }];
  const e = byId(estimated(cfg), COMPLETE).estimate;
  // 500 × $0.00006165 = $0.030825; the site: $0.6165 + $0.1233 + $0.030825 = $0.770625 over 12,500 invocations.
  assert.deepEqual(e.units!.map((u) => [u.tags.feature, u.callsPerMonth, u.volumeSource, u.monthlyCost?.expected ?? null]), [
    ['search', 10000, 'annotation src/features/search.ts:4: volume 10k/month', 0.6165],
    ['triage', 2000, 'annotation src/features/triage.ts:4: volume 2k/month', 0.1233],
    ['escalation', 500, 'config usage.features.escalation: 500/month', 0.030825],
  ]);
  assert.deepEqual([e.monthlyCost, e.callsPerMonth, e.unitsMissingVolume], [flat(0.770625), 12500, 0]);
  assert.ok(e.assumptions.includes('the call site\'s own volume (config usage.callSites "src/lib/llm.ts#complete#*": 1k/month) is not used: its callers\' volumes split it'));
});

test('units: callers that send the same attribution and say no volume stay one call site (no units)', () => {
  const dir = tempDir('tollgate-units-');
  writeFiles(dir, {
    'llm.ts': "import OpenAI from 'openai';\nconst o = new OpenAI();\nexport function ask(q: string) {\n  return o.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, metadata: { feature: 'faq' }, messages: [{ role: 'user', content: q }] });\n}\n",
    'a.ts': "import { ask } from './llm';\nexport const a = () => ask('one');\nexport const b = () => ask('two');\n",
  });
  const e = estimateSite(scan(dir).callSites[0], table, config);
  assert.equal(e.units, undefined);
  assert.equal(e.volumeBy, undefined);
});

test('units: budgets per team and feature use units', () => {
  const dir = tempDir('tollgate-units-budget-');
  fs.cpSync(fixture('estimate-units'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'budgets:\n  teams: { support: 0.12 }\n  features: { triage: 0.1, search: 1 }\n');
  const cfg = loadConfig(path.join(dir, 'tollgate.yml'));
  const r = checkEstimated(estimateResult(scan(dir), table, cfg.estimate, { version: '2026-01-01', overrides: 0 }), dir, cfg, 'error');
  assert.deepEqual(
    r.findings.filter((f) => f.ruleId === 'budget').map((f) => `${f.severity} ${f.line}:${f.column} ${f.message}`),
    [
      // $0.1233 / $0.12 = 102.75%; escalate() has no volume and says so.
      'error 2:12 team support: $0.12/month estimated, 103% of its $0.12 budget (level 100%); 1 call site without volume is not in the figure',
      // $0.1233 / $0.10 = 123.3%; search ($0.6165 of $1) is at 62%, level 50.
      'error 3:15 feature triage: $0.12/month estimated, 123% of its $0.10 budget (level 100%)',
      'warning 3:28 feature search: $0.62/month estimated, 62% of its $1 budget (level 50%)',
    ],
  );
});

test('units: the diff of a split call site is the sum of its units\' changes', () => {
  const base = tempDir('tollgate-units-base-');
  const head = tempDir('tollgate-units-head-');
  fs.cpSync(fixture('estimate-units'), base, { recursive: true });
  fs.cpSync(fixture('estimate-units'), head, { recursive: true });
  const triage = path.join(head, 'src/features/triage.ts');
  fs.writeFileSync(triage, fs.readFileSync(triage, 'utf8').replace('  return complete(', '  // tollgate: volume 500/month\n  return complete('));
  const d = diffEstimates(estimated(config, scan(base)), estimated(config, scan(head)), { base: 'base', baseSha: '0', head: null, headSha: null, baseScan: 'scanned' });
  const c = d.callSites.find((x) => x.id === COMPLETE)!;
  // Only escalate() changed: 500 × $0.00006165 = $0.030825 = $0.770625 − $0.7398.
  assert.deepEqual([c.status, c.reasons, c.details, c.monthlyChange], ['changed', ['volume'], ['volume 12000/month → 12500/month'], 0.030825]);
  assert.deepEqual(d.totals.monthlyCost, { base: 2.0139, head: 2.044725, change: 0.030825, changePercent: 1.53, unknownCallSites: 0 });
  assert.deepEqual(d.totals.byFeature.find((r) => r.key === 'escalation'), { key: 'escalation', base: null, head: 0.030825, change: 0.030825, changePercent: null, unknownCallSites: 0 });
});

test('units: the lens at the wrapper says how many callers its figure leaves out; each caller\'s lens shows its own unit', () => {
  const r = estimated();
  const view = { snapshot: { result: { ...r, findings: [] } } } as unknown as WorkspaceView;
  const index = new FileIndex(view);
  assert.equal(lensText(byId(r, COMPLETE), 'expected'), '≈ $0.000062/call · $0.74/mo (1 of 3 callers need volume) · 3 callers · gpt-4o-mini · 11 → 100 tok');
  assert.equal(lensText(byId(r, CLASSIFY), 'expected'), '≈ $0.000062/call · $0.18/mo · 2 callers, not split · gpt-4o-mini · 11 → 100 tok');
  assert.deepEqual(
    index.unitsIn('src/features/triage.ts').map(({ site: s, unit }) => `${unit.caller.line}: ${unitLensText(s, unit, 'expected')}`),
    [
      '5: ≈ $0.000062/call · $0.12/mo · feature triage, team support · → complete() src/lib/llm.ts:7',
      "6: ≈ $0.000062/call · share of the call site's volume unknown · feature triage · → classify() src/lib/llm.ts:18",
      '10: ≈ $0.000062/call · needs volume · feature escalation, team support · → complete() src/lib/llm.ts:7',
    ],
  );
});

test('units: through a wrapper of a wrapper, the unit is the outermost call, with the volume above it', () => {
  const dir = tempDir('tollgate-units-nested-');
  writeFiles(dir, {
    'llm.ts': [
      "import OpenAI from 'openai';",
      'const o = new OpenAI();',
      'export function send(feature: string) {',
      "  return o.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, metadata: { feature }, messages: [{ role: 'user', content: 'Answer: Hello.' }] });",
      '}',
      'export function ask(feature: string) {',
      '  return send(feature);',
      '}',
      '',
    ].join('\n'),
    'app.ts': [
      "import { ask } from './llm';",
      'export async function a() {',
      '  // tollgate: volume 1k/month',
      "  await ask('alpha');",
      '}',
      'export async function b() {',
      '  // tollgate: volume 3k/month',
      "  await ask('beta');",
      '}',
      '',
    ].join('\n'),
  });
  const e = estimateSite(scan(dir).callSites[0], table, config);
  assert.deepEqual(
    e.units!.map((u) => [`${u.caller.file}:${u.caller.line}:${u.caller.column}`, u.caller.function, u.tags.feature, u.callsPerMonth, u.monthlyCost?.expected]),
    [
      ['app.ts:4:9', 'a', 'alpha', 1000, 0.06165], // 1,000 × $0.00006165
      ['app.ts:8:9', 'b', 'beta', 3000, 0.18495], // 3,000 × $0.00006165
    ],
  );
  // $0.06165 + $0.18495 = $0.2466
  assert.deepEqual(e.monthlyCost, flat(0.2466));
});

test('units: the bill says which callers its total leaves out', () => {
  const bill = renderBill(estimated());
  assert.ok(bill.includes('TOTAL $2.01 per month, estimated from 3 of 3 call sites\nNot in the total: 1 caller of a wrapper needs volume.\n'), bill);
  assert.ok(bill.includes('By feature: report $1.03 · search $0.62 · search | triage $0.18 · triage $0.12 · chat $0.062 · escalation needs volume'), bill);
});

test('units: a caller whose model has no price is unknown, never $0: left out of the figure and counted', () => {
  const dir = tempDir('tollgate-units-typo-');
  writeFiles(dir, {
    'llm.ts': "import OpenAI from 'openai';\nconst o = new OpenAI();\nexport function ask(model: string, feature: string) {\n  return o.chat.completions.create({ model, max_tokens: 100, metadata: { feature }, messages: [{ role: 'user', content: 'Answer: Hello.' }] });\n}\n",
    'app.ts': "import { ask } from './llm';\n// tollgate: volume 1k/month\nexport const a = () => ask('gpt-4o-mini', 'alpha');\n// tollgate: volume 1k/month\nexport const b = () => ask('gpt-4o-mnii', 'beta');\n",
  });
  const r = estimated(config, scan(dir));
  const e = r.callSites[0].estimate;
  assert.deepEqual(
    e.units!.map((u) => [u.tags.feature, u.costPerCall?.expected ?? null, u.callsPerMonth, u.monthlyCost?.expected ?? null]),
    [
      ['alpha', 0.00006165, 1000, 0.06165], // 1,000 × $0.00006165
      ['beta', null, 1000, null], // gpt-4o-mnii: not in the table
    ],
  );
  assert.deepEqual([e.status, e.monthlyCost?.expected, e.unitsMissingVolume, e.unitsUnknownModel], ['unknown-model', 0.06165, 0, 1]);
  assert.deepEqual(r.totals.byFeature.map((x) => [x.key, x.monthlyCost.expected, x.unknownModel]), [['alpha', 0.06165, 0], ['beta', 0, 1]]);
  assert.deepEqual([r.totals.overall.unknownModel, r.totals.overall.unitsUnknownModel], [0, 1]);
  assert.ok(renderBill(r).includes('Not in the total: 1 caller of a wrapper has no price.'));
});

test('units: a split call site with no volume at all counts once as needing volume, not once per caller too', () => {
  const dir = tempDir('tollgate-units-none-');
  writeFiles(dir, {
    'llm.ts': "import OpenAI from 'openai';\nconst o = new OpenAI();\nexport function ask(feature: string) {\n  return o.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, metadata: { feature }, messages: [{ role: 'user', content: 'Answer: Hello.' }] });\n}\n",
    'app.ts': "import { ask } from './llm';\nexport const a = () => ask('alpha');\nexport const b = () => ask('beta');\n",
  });
  const r = estimated(config, scan(dir));
  const e = r.callSites[0].estimate;
  assert.deepEqual([e.monthlyCost, e.callsPerMonth, e.volumeSource, e.volumeBy, e.unitsMissingVolume], [null, null, null, 'callers', 2]);
  assert.deepEqual(r.totals.overall, { callSites: 1, monthlyCost: flat(0), withVolume: 0, missingVolume: 1, unknownModel: 0, unitsMissingVolume: 0, unitsUnknownModel: 0 });
  assert.deepEqual(r.totals.byFeature.map((x) => [x.key, x.callSites, x.missingVolume]), [['alpha', 1, 1], ['beta', 1, 1]]);
  assert.ok(renderBill(r).includes('TOTAL needs volume: the call site has no volume yet'));
});

test('units: the hover at the wrapper lists each caller\'s unit', () => {
  const md = hoverMarkdown(byId(estimated(), COMPLETE), null, [], 'expected');
  // Scanned text is escaped for markdown (mdText): the dot of a file name cannot make a link.
  const start = md.indexOf('**By caller**');
  assert.equal(
    md.slice(start, md.indexOf('\n\n', md.indexOf('| caller', start))),
    [
      '**By caller**',
      '',
      '| caller | tags | per call | invocations/month | per month |',
      '| --- | --- | --: | --: | --: |',
      '| src/features/search\\.ts:5 | feature search, team discovery | $0.000062 | 10k | $0.62 |',
      '| src/features/triage\\.ts:5 | feature triage, team support | $0.000062 | 2k | $0.12 |',
      '| src/features/triage\\.ts:10 | feature escalation, team support | $0.000062 | — | needs volume |',
    ].join('\n'),
  );
});
