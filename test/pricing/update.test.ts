import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture } from '../helpers';
import { FeedError, formatTable, guessTier, renderUpdateReport, updatePricing, type UpdateOptions } from '../../shared/pricing/update';
import type { TableData, TableEntry } from '../../shared/pricing/update-format';

const dir = fixture('pricing', 'update');
const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
const table = (): TableData => readJson('table.json');
const feed = () => readJson('feed.json');
const OPTS: UpdateOptions = { today: '2025-09-06', feedName: 'feed.json' };
const run = (opts: Partial<UpdateOptions> = {}) => updatePricing(table(), feed(), { ...OPTS, ...opts });
const entry = (data: TableData, provider: string, id: string): TableEntry | undefined => data.models.find((m) => m.provider === provider && m.id === id);

/** Golden files: UPDATE_GOLDEN=1 rewrites them; review the diff before committing. */
function golden(name: string, actual: string) {
  const file = path.join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

test('pricing update: changed prices, old → new with the percentage, matched by id before alias', () => {
  const { report, data } = run();
  const changes = report.priceChanges.map((c) => `${c.provider}/${c.id} ${c.field} ${c.old} → ${c.new} ${c.percent === null ? 'null' : c.percent.toFixed(1)}${c.suspicious ? ' !' : ''}`);
  assert.deepEqual(changes, [
    'anthropic/claude-sonnet-9 output 15 → 30 100.0 !',
    'anthropic/claude-sonnet-9 longContext.threshold null → 200000 null',
    'anthropic/claude-sonnet-9 longContext.input null → 6 null',
    'anthropic/claude-sonnet-9 longContext.output null → 22.5 null',
    // `us.` inference profile matched through the base id; the region-scoped `bedrock/us-east-1/...` key is ignored
    'bedrock/anthropic.claude-sonnet-9-v1:0 input 3 → 3.3 10.0',
    'bedrock/anthropic.claude-sonnet-9-v1:0 output 15 → 16.5 10.0',
    // `gpt-4o` itself, not its alias `gpt-4o-2024-08-06` (still 2.5 in the feed)
    'openai/gpt-4o input 2.5 → 3 20.0',
    'openai/gpt-4o cachedInput 1.25 → 1.5 20.0',
    'openai/gpt-4o batchInput 1.25 → 1.5 20.0',
  ]);
  assert.deepEqual(report.limitChanges, [
    { provider: 'anthropic', id: 'claude-sonnet-9', field: 'contextWindow', old: 200000, new: 1000000 },
    { provider: 'groq', id: 'llama-3.3-70b-versatile', field: 'contextWindow', old: 128000, new: 131072 },
  ]);
  const claude = entry(data, 'anthropic', 'claude-sonnet-9')!;
  assert.deepEqual(claude.prices.longContext, { threshold: 200000, input: 6, output: 22.5, cachedInput: null });
  assert.equal(claude.checked, '2025-09-06');
  assert.equal(claude.note, 'kept by the updater: fields it does not know survive a write');
  assert.deepEqual(claude.aliases, ['claude-sonnet-9-20250101']);
  assert.equal(claude.tier, 'standard');
  // Unchanged entries keep their checked date: a weekly run only touches what moved.
  assert.equal(entry(data, 'mistral', 'mistral-large-latest')!.checked, '2025-08-01');
  assert.equal(data.version, '2025-09-06');
});

test('pricing update: the preferred feed key wins (Gemini API over Vertex, namespaced deepseek over the stale bare key)', () => {
  const { report } = run();
  assert.equal(report.priceChanges.filter((c) => c.provider === 'google' || c.provider === 'deepseek').length, 0);
  // Embeddings: the feed's output price of 0 does not replace our "not priced".
  assert.equal(report.priceChanges.filter((c) => c.id === 'text-embedding-3-small').length, 0);
});

test('pricing update: a jump over 50% is flagged suspicious, either way', () => {
  const { report } = run();
  assert.deepEqual(report.priceChanges.filter((c) => c.suspicious).map((c) => `${c.id} ${c.field}`), ['claude-sonnet-9 output']);
  const halved = feed();
  halved['xai/grok-9'].output_cost_per_token = 0.000007;
  const r = updatePricing(table(), halved, OPTS).report.priceChanges.find((c) => c.id === 'grok-9')!;
  assert.equal(r.suspicious, true);
  assert.equal(r.percent!.toFixed(2), '-53.33');
});

test('pricing update: new first-party models are added with a guessed tier and flagged for review', () => {
  const { report, data } = run();
  assert.deepEqual(report.added, [
    { provider: 'openai', id: 'gpt-9', key: 'gpt-9', kind: 'chat', tier: 'frontier', input: 1.25, output: 10 },
    { provider: 'openai', id: 'gpt-9-nano', key: 'gpt-9-nano', kind: 'chat', tier: 'small', input: 0.05, output: 0.4 },
    { provider: 'openai', id: 'text-embedding-9-large', key: 'text-embedding-9-large', kind: 'embedding', tier: 'small', input: 0.13, output: null },
  ]);
  assert.deepEqual(entry(data, 'openai', 'gpt-9'), {
    id: 'gpt-9',
    provider: 'openai',
    aliases: [],
    kind: 'chat',
    tier: 'frontier',
    contextWindow: 400000,
    maxOutput: 128000,
    prices: { input: 1.25, output: 10, cachedInput: 0.125, cacheWrite5m: null, cacheWrite1h: null, batchInput: null, batchOutput: null, reasoningOutput: null, longContext: null },
    units: [],
    source: 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json',
    checked: '2025-09-06',
    manual: false,
    needsReview: true,
  });
  // Snapshots of known (or just added) models are alias candidates, not new models.
  assert.deepEqual(report.aliasCandidates, [
    { provider: 'openai', key: 'gpt-4o-2099-01-01', model: 'gpt-4o' },
    { provider: 'openai', key: 'openai/gpt-9-2026-01-01', model: 'gpt-9' },
  ]);
  // Hosts re-list other vendors' models: listed, never added. Deprecated, free and fine-tuned keys: neither.
  assert.deepEqual(report.notAdded, [{ provider: 'groq', key: 'groq/newco/new-model-70b' }]);
  for (const id of ['gpt-3-old', 'gpt-free-preview', 'ft:gpt-4o-2024-08-06']) assert.equal(entry(data, 'openai', id), undefined);
  assert.equal(data.models.some((m) => m.provider === 'together'), false, 'untracked providers are not added');
});

test('pricing update: ignore patterns keep a model out', () => {
  const { report, data } = run({ ignore: ['openai/gpt-9*'] });
  assert.deepEqual(report.added.map((a) => a.id), ['text-embedding-9-large']);
  assert.equal(report.ignored, 3);
  assert.equal(entry(data, 'openai', 'gpt-9'), undefined);
});

test('pricing update: models gone from the feed are reported, deleted only with prune, never manual or non-token ones', () => {
  assert.deepEqual(run().report.removed, [{ provider: 'openai', id: 'gpt-4-legacy', pruned: false }]);
  assert.ok(entry(run().data, 'openai', 'gpt-4-legacy'));
  const pruned = run({ prune: true });
  assert.deepEqual(pruned.report.removed, [{ provider: 'openai', id: 'gpt-4-legacy', pruned: true }]);
  assert.equal(entry(pruned.data, 'openai', 'gpt-4-legacy'), undefined);
  // dall-e-3 is priced per image: the feed's per-pixel entry neither updates nor removes it.
  assert.deepEqual(entry(pruned.data, 'openai', 'dall-e-3'), table().models.find((m) => m.id === 'dall-e-3'));
  // A manual entry missing from the feed stays too.
  const noMini = feed();
  delete noMini['gpt-4o-mini'];
  assert.ok(entry(updatePricing(table(), noMini, { ...OPTS, prune: true }).data, 'openai', 'gpt-4o-mini'));
});

test('pricing update: manual entries are kept byte for byte, and the report says where the feed differs', () => {
  const { report, data } = run({ prune: true });
  assert.deepEqual(entry(data, 'openai', 'gpt-4o-mini'), table().models.find((m) => m.id === 'gpt-4o-mini'));
  assert.deepEqual(report.manual, [{ provider: 'openai', id: 'gpt-4o-mini', feedDiffers: ['input 0.15 (ours 0.1)', 'output 0.6 (ours 0.4)'] }]);
});

test('pricing update: malformed feed entries are reported with their key and skipped, never fatal', () => {
  const { report } = run();
  assert.deepEqual(report.malformed, [
    { key: 'claude-haiku-9', problem: 'missing output_cost_per_token' },
    { key: 'mistral/mistral-negative', problem: 'input_cost_per_token is negative (-0.000001)' },
    { key: 'openai/gpt-broken', problem: 'input_cost_per_token is not a number ("0.000001")' },
    { key: 'xai/grok-broken-entry', problem: 'entry is not an object' },
    { key: 'xai/grok-nomode', problem: 'missing mode' },
  ]);
  assert.throws(() => updatePricing(table(), [1, 2], OPTS), FeedError);
});

test('pricing update: the markdown report (golden) and the written table (golden)', () => {
  const result = run({ write: true });
  golden('expected-report.md', renderUpdateReport(result.report));
  golden('expected-table.json', formatTable(result.data));
});

test('pricing update: idempotent: a second run over its own output changes nothing, byte for byte', () => {
  const first = run();
  const again = updatePricing(first.data, feed(), { ...OPTS, today: '2025-09-13' });
  assert.equal(again.changed, false);
  assert.deepEqual([again.report.priceChanges, again.report.limitChanges, again.report.added], [[], [], []]);
  assert.equal(formatTable(again.data), formatTable(first.data));
  assert.equal(run().changed, true);
});

test('pricing update: the table text is stable: same data in any order gives the same bytes', () => {
  const data = run().data;
  const shuffled = { ...data, models: [...data.models].reverse().map((m) => Object.fromEntries(Object.entries(m).reverse()) as TableEntry) };
  assert.equal(formatTable(shuffled), formatTable(data));
  assert.ok(formatTable(data).endsWith('}\n'));
});

test('pricing update: a changed price takes the feed\'s date, never the run date; an unchanged one keeps its own', () => {
  const { data, report } = run({ today: '2025-09-13', feedDate: '2025-09-06' });
  // gpt-4o moved (input 2.5 → 3): its checked date is the feed's, not the day the job ran.
  assert.equal(entry(data, 'openai', 'gpt-4o')!.checked, '2025-09-06');
  // mistral-large-latest is in the feed at the table's prices: nothing moved, so its date stays.
  assert.equal(entry(data, 'mistral', 'mistral-large-latest')!.checked, '2025-08-01');
  // Added models are as of the feed too.
  assert.deepEqual(report.added.map((a) => entry(data, a.provider, a.id)!.checked), ['2025-09-06', '2025-09-06', '2025-09-06']);
  assert.equal(data.version, '2025-09-06');
  assert.equal(report.feedDate, '2025-09-06');
});

test('pricing update: an older feed does not revert a newer price; it is reported with its move', () => {
  // Week 1: the current feed (2025-09-06) raises gpt-4o's input 2.5 → 3.
  const week1 = run({ today: '2025-09-06', feedDate: '2025-09-06' }).data;
  assert.equal(entry(week1, 'openai', 'gpt-4o')!.prices.input, 3);
  // Then someone runs the updater today with an older file (as of 2025-08-15) that still says 2.5.
  const older = feed();
  older['gpt-4o'] = { ...older['gpt-4o'], input_cost_per_token: 2.5e-6, cache_read_input_token_cost: 1.25e-6, input_cost_per_token_batches: 1.25e-6 };
  const { data, report, changed } = updatePricing(week1, older, { ...OPTS, today: '2025-09-13', feedDate: '2025-08-15' });
  const gpt4o = entry(data, 'openai', 'gpt-4o')!;
  assert.equal(gpt4o.prices.input, 3);
  assert.equal(gpt4o.checked, '2025-09-06');
  assert.deepEqual(report.priceChanges.filter((c) => c.id === 'gpt-4o'), []);
  // 3 → 2.5 is (2.5 - 3) / 3 = -16.7%; 1.5 → 1.25 the same.
  const kept = report.newerThanFeed.find((n) => n.id === 'gpt-4o')!;
  assert.deepEqual(kept.differs.map((d) => `${d.field} ${d.table} → ${d.feed} ${d.percent!.toFixed(1)}`), [
    'input 3 → 2.5 -16.7',
    'cachedInput 1.5 → 1.25 -16.7',
    'batchInput 1.5 → 1.25 -16.7',
  ]);
  assert.equal(kept.checked, '2025-09-06');
  // Models the week-1 run added (checked 2025-09-06) are "too new for the feed", never "gone".
  assert.equal(report.removed.some((r) => r.id === 'gpt-9'), false);
  assert.equal(data.version, '2025-09-06');
  const md = renderUpdateReport(report);
  assert.match(md, /\| openai \| gpt-4o \| 2025-09-06 \| input 3 → 2\.5 \(-16\.7%\); cachedInput 1\.5 → 1\.25 \(-16\.7%\); batchInput 1\.5 → 1\.25 \(-16\.7%\) \|/);
  assert.match(md, /prices as of 2025-08-15, run 2025-09-13/);
  // Nothing else moved: the table is left byte for byte.
  assert.equal(changed, false);
  assert.equal(formatTable(data), formatTable(week1));
  // --prune deletes what is gone from a feed newer than the entry (gpt-4-legacy, checked 2025-08-01), never a model newer than the feed.
  const pruned = updatePricing(week1, older, { ...OPTS, today: '2025-09-13', feedDate: '2025-08-15', prune: true });
  assert.deepEqual(pruned.report.removed, [{ provider: 'openai', id: 'gpt-4-legacy', pruned: true }]);
  assert.deepEqual(pruned.report.newerThanFeed.filter((n) => n.missing).map((n) => n.id), []);
  assert.equal(entry(pruned.data, 'openai', 'gpt-9')!.checked, '2025-09-06');
});

test('pricing update: an older feed still updates entries checked before it, dated as the feed', () => {
  // The table's entries are checked 2025-08-01; a feed as of 2025-08-15 is newer than them.
  const { data } = run({ today: '2025-09-13', feedDate: '2025-08-15' });
  assert.equal(entry(data, 'openai', 'gpt-4o')!.prices.input, 3);
  assert.equal(entry(data, 'openai', 'gpt-4o')!.checked, '2025-08-15');
  assert.equal(data.version, '2025-08-15');
});

test('pricing update: tier guesses', () => {
  assert.equal(guessTier('gemini-3-pro', 12), 'frontier');
  assert.equal(guessTier('gemini-3-flash', 2.5), 'small');
  assert.equal(guessTier('o3', 8), 'frontier');
  assert.equal(guessTier('llama-4-8b-instruct', 0.2), 'small');
  assert.equal(guessTier('some-model', 4), 'standard');
  assert.equal(guessTier('some-model', 0.5), 'small');
});

test('cli: tollgate pricing update reads files, dry-runs by default, writes with --write and --report', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-pricing-'));
  const tablePath = path.join(tmp, 'models.json');
  fs.copyFileSync(path.join(dir, 'table.json'), tablePath);
  const cli = (args: string[]) => {
    const main = path.join(__dirname, '..', '..', 'cli', 'main.js');
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(main)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`, ...args], { cwd: tmp, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const base = ['pricing', 'update', '--from', path.join(dir, 'feed.json'), '--table', tablePath, '--date', '2025-09-06', '--feed-date', '2025-09-06'];
  const dry = cli(base);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /^## Pricing update\n/);
  assert.match(dry.out, /Dry run/);
  assert.equal(fs.readFileSync(tablePath, 'utf8'), fs.readFileSync(path.join(dir, 'table.json'), 'utf8'));
  const wrote = cli([...base, '--write', '--report', 'report.md']);
  assert.equal(wrote.code, 0, wrote.err);
  assert.equal(fs.readFileSync(tablePath, 'utf8'), fs.readFileSync(path.join(dir, 'expected-table.json'), 'utf8'));
  assert.equal(fs.readFileSync(path.join(tmp, 'report.md'), 'utf8'), wrote.out);
  assert.equal(cli([...base, '--write']).out.includes('0 price changes'), true);
  assert.deepEqual(cli(['pricing', 'update']), { code: 2, out: '', err: 'tollgate: pricing update needs --from FILE_OR_URL\nRun `tollgate --help` for usage.\n' });
  assert.equal(cli(['pricing', 'update', '--from', 'nope.json', '--table', tablePath]).err, `tollgate: pricing update --from FILE needs --feed-date YYYY-MM-DD, the date the feed's prices are as of: nope.json\nRun \`tollgate --help\` for usage.\n`);
  assert.equal(cli(['pricing', 'update', '--from', 'nope.json', '--table', tablePath, '--feed-date', '2025-02-30']).err, 'tollgate: --feed-date expects YYYY-MM-DD, got "2025-02-30"\nRun `tollgate --help` for usage.\n');
  assert.equal(cli(['pricing', 'update', '--from', 'nope.json', '--table', tablePath, '--feed-date', '2025-09-06']).err, 'tollgate: feed file does not exist: nope.json\nRun `tollgate --help` for usage.\n');
  fs.writeFileSync(path.join(tmp, 'list.json'), '[]');
  assert.equal(cli([...base.slice(0, 2), '--from', 'list.json', '--table', tablePath, '--feed-date', '2025-09-06']).err, 'tollgate: the feed is not a JSON object of models keyed by name: list.json\nRun `tollgate --help` for usage.\n');
});
