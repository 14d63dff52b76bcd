import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, ROOT } from '../helpers';
import { scan } from '../../shared/scan';
import { ConfigError, loadConfig, parseConfig, withPricingTable } from '../../shared/config/load';
import { estimateScan } from '../../shared/estimate';
import { checkEstimated, checkPolicy } from '../../shared/check';
import { composeComment } from '../../action/compose';
import { diffRevisions } from '../../shared/diff';
import { renderBill } from '../../shared/reporters/bill';
import { renderMarkdown } from '../../shared/reporters/markdown';
import { renderJson } from '../../shared/reporters/json';
import { PricingFileError, parsePricingText, readPricingFile } from '../../shared/pricing/table-file';
import { daysBetween, pricingStaleness, todayUtc } from '../../shared/pricing/freshness';
import { readInputs } from '../../action/inputs';
import { statusContent, statusContentAll } from '../../extension/src/status';
import { exampleView } from '../extension/setup';

const dir = fixture('pricing', 'custom');
const tableFile = path.join(dir, 'table.json');
const app = path.join(dir, 'app');
const tableText = () => fs.readFileSync(tableFile, 'utf8');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempDir(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-table-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    fs.writeFileSync(path.join(d, rel), text);
  }
  return d;
}

const STALE_BUILT_IN =
  "The built-in pricing table is 91 days old (prices as of 2026-08-21; the limit is 90 days, pricing.staleAfterDays): prices may have changed since. To update: upgrade tollgate, or price with a newer table (`--pricing FILE`, the Action's `pricing` input or `pricing.table` in tollgate.yml) made with `tollgate pricing update`.";

// ---- staleness ----

test('stale table: over the limit in whole days, on an injected day; the boundary day is not stale', () => {
  // 2026-08-21 → 2026-11-19: 10 days left of August, 30 of September, 31 of October, 19 of November = 90.
  assert.equal(daysBetween('2026-08-21', '2026-11-19'), 90);
  assert.equal(pricingStaleness('2026-08-21', 90, '2026-11-19', null), null);
  assert.deepEqual(pricingStaleness('2026-08-21', 90, '2026-11-20', null), { tableDate: '2026-08-21', ageDays: 91, limitDays: 90, message: STALE_BUILT_IN });
  // A table dated after the run's day (a pinned clock, a fresh update) is not stale.
  assert.equal(pricingStaleness('2026-08-21', 90, '2026-01-01', null), null);
  assert.equal(pricingStaleness('2026-08-21', 30, '2026-09-21', 'prices.json')!.message,
    'The pricing table prices.json is 31 days old (prices as of 2026-08-21; the limit is 30 days, pricing.staleAfterDays): prices may have changed since. To update: refresh it with `tollgate pricing update --from <LiteLLM price file> --feed-date YYYY-MM-DD --table prices.json --write`.');
});

test('stale table: the clock is TOLLGATE_TODAY when set (checked), else the UTC date', () => {
  assert.equal(todayUtc({ TOLLGATE_TODAY: '2026-11-20' }), '2026-11-20');
  assert.equal(todayUtc({}, new Date('2026-12-02T23:59:00Z')), '2026-12-02');
  assert.throws(() => todayUtc({ TOLLGATE_TODAY: '2026-02-30' }), /TOLLGATE_TODAY expects a date YYYY-MM-DD, got "2026-02-30"/);
  assert.deepEqual(cli(['scan', app], { TOLLGATE_TODAY: 'tomorrow' }), { code: 2, out: '', err: 'tollgate: TOLLGATE_TODAY expects a date YYYY-MM-DD, got "tomorrow"\nRun `tollgate --help` for usage.\n' });
});

test('stale table: the core says it once in the result; scan text, check text, the PR comment and JSON show it once', () => {
  const config = loadConfig(null);
  const result = estimateScan(scan(app), config, app, undefined, undefined, '2026-11-20');
  assert.deepEqual(result.pricing.stale, { tableDate: '2026-08-21', ageDays: 91, limitDays: 90, message: STALE_BUILT_IN });
  const count = (text: string, needle: string) => text.split(needle).length - 1;
  assert.equal(count(renderBill(result), `Stale pricing: ${STALE_BUILT_IN}\n`), 1);
  const md = renderMarkdown(result);
  assert.equal(count(md, '> [!WARNING]\n> The built\\-in pricing table is 91 days old'), 1);
  assert.deepEqual(JSON.parse(renderJson(result)).pricing.stale.ageDays, 91);
  // check's text is the bill plus findings: the same single line.
  const checked = checkPolicy(scan(app), app, config, 'error');
  assert.equal(checked.pricing.stale, undefined, 'the test clock (scripts/test.js pins 2026-09-01) is 11 days after the table');
  // Not stale: no field, no line.
  const fresh = estimateScan(scan(app), config, app, undefined, undefined, '2026-11-19');
  assert.equal(fresh.pricing.stale, undefined);
  assert.equal(renderBill(fresh).includes('Stale pricing'), false);
  assert.equal(renderMarkdown(fresh).includes('[!WARNING]'), false);
});

test('stale table: pricing.staleAfterDays in tollgate.yml sets the limit; a bad value names the key and line', () => {
  const config = parseConfig('pricing:\n  staleAfterDays: 200\n', 'tollgate.yml');
  assert.equal(config.staleAfterDays, 200);
  assert.equal(estimateScan(scan(app), config, app, undefined, undefined, '2026-11-20').pricing.stale, undefined);
  // 2026-08-21 + 200 days = 2027-03-09; the day after is over.
  assert.equal(estimateScan(scan(app), config, app, undefined, undefined, '2027-03-10').pricing.stale!.ageDays, 201);
  assert.equal(parseConfig('', 'tollgate.yml').staleAfterDays, 90);
  assert.throws(() => parseConfig('pricing:\n  staleAfterDays: 0\n', 'tollgate.yml'), (e: unknown) => e instanceof ConfigError && e.message === 'tollgate.yml:2:19: "pricing.staleAfterDays" expects a whole number of days from 1 to 3650');
  assert.throws(() => parseConfig('pricing:\n  staleAfterDay: 30\n', 'tollgate.yml'), /unknown key "pricing.staleAfterDay" \(did you mean "staleAfterDays"\?\)/);
});

// ---- another table ----

test('another table: --pricing FILE prices every call with it (scan text and JSON name the file)', () => {
  // ask.ts: 12 input tokens (the message and its overhead) and 100 output tokens (the default, under max_tokens 100), 1,000 calls a month.
  // Built-in gpt-4o: 12 in × $2.50/1M + 100 out × $10/1M = $0.00003 + $0.001 = $0.00103 per call, $1.03 a month.
  const builtIn = JSON.parse(cli(['scan', app, '--format', 'json']).out);
  assert.equal(builtIn.callSites[0].estimate.costPerCall.expected, 0.00103);
  assert.equal(builtIn.pricing.file, undefined);
  // table.json: 12 in × $10/1M + 100 out × $20/1M = $0.00012 + $0.002 = $0.00212 per call, × 1,000 = $2.12 a month.
  const other = JSON.parse(cli(['scan', app, '--format', 'json', '--pricing', tableFile]).out);
  assert.equal(other.callSites[0].estimate.costPerCall.expected, 0.00212);
  assert.equal(other.callSites[0].estimate.monthlyCost.expected, 2.12);
  assert.deepEqual(other.pricing, { version: '2026-07-01', models: 1, overrides: 0, file: tableFile });
  const text = cli(['scan', app, '--pricing', tableFile]).out;
  assert.match(text, /TOTAL \$2\.12 per month/);
  assert.match(text, /pricing table 2026-07-01\)/);
  // check prices with it too.
  const checked = JSON.parse(cli(['check', app, '--format', 'json', '--pricing', tableFile]).out);
  assert.equal(checked.callSites[0].estimate.costPerCall.expected, 0.00212);
});

test('another table: a missing or invalid --pricing file is a usage error naming the file and the key', () => {
  assert.deepEqual(cli(['scan', app, '--pricing', 'no-such.json']), { code: 2, out: '', err: 'tollgate: pricing table does not exist: no-such.json\nRun `tollgate --help` for usage.\n' });
  const bad = tempDir({ 'bad.json': tableText().replace('"input": 10', '"input": -10') });
  const file = path.join(bad, 'bad.json');
  assert.deepEqual(cli(['scan', app, '--pricing', file]), { code: 2, out: '', err: `tollgate: pricing table ${file}: models[0] (openai/gpt-4o).prices.input: -10 < minimum 0\nRun \`tollgate --help\` for usage.\n` });
  assert.equal(cli(['check', app, '--pricing', file]).code, 2);
});

test('another table: schema errors name the key, the JSON error names the file, duplicates are refused', () => {
  const err = (text: string) => {
    try {
      parsePricingText(text, 't.json');
    } catch (e) {
      assert.ok(e instanceof PricingFileError);
      return e.message;
    }
    assert.fail('no error');
  };
  assert.match(err('{'), /^pricing table t\.json: not valid JSON: Expected property name or '\}' in JSON at position 1/);
  assert.equal(err(tableText().replace('"currency": "USD"', '"currency": "EUR"')), 'pricing table t.json: currency: expected "USD"');
  assert.equal(err(tableText().replace('"kind": "chat"', '"kind": "chatt"')), 'pricing table t.json: models[0] (openai/gpt-4o).kind: "chatt" is not one of ["chat","embedding","image","audio","moderation","rerank","video"]');
  assert.equal(err(tableText().replace('"manual": true', '"manual": true, "price": 1')), 'pricing table t.json: models[0] (openai/gpt-4o): unexpected property "price"');
  const data = JSON.parse(tableText());
  data.models.push(data.models[0]);
  assert.equal(err(JSON.stringify(data)), 'pricing table t.json: models[1]: openai/gpt-4o is listed twice (first at models[0])');
  assert.equal(readPricingFile(tableFile, 'table.json').data.version, '2026-07-01');
});

test('another table: pricing.table in tollgate.yml, relative to it, read only inside the scanned folder', () => {
  const ask = fs.readFileSync(path.join(app, 'ask.ts'), 'utf8');
  const root = tempDir({ 'repo/ask.ts': ask, 'repo/prices/ours.json': tableText(), 'outside.json': tableText(), 'repo/tollgate.yml': 'pricing:\n  table: prices/ours.json\n' });
  const repo = path.join(root, 'repo');
  const config = loadConfig(path.join(repo, 'tollgate.yml'), undefined, repo);
  assert.deepEqual([config.pricingTable!.file, config.pricingTable!.data.version], ['prices/ours.json', '2026-07-01']);
  // 12 in × $10/1M + 100 out × $20/1M = $0.00212, as with --pricing.
  assert.equal(estimateScan(scan(repo), config, repo).callSites[0].estimate.costPerCall!.expected, 0.00212);
  // A pull request's tollgate.yml must not reach out of the checkout: by `..`, by an absolute path, by a link.
  const refused = (yml: string) => {
    fs.writeFileSync(path.join(repo, 'tollgate.yml'), yml);
    try {
      loadConfig(path.join(repo, 'tollgate.yml'), undefined, repo);
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.message.replace(root, '<tmp>');
    }
    assert.fail('read a table outside the root');
  };
  assert.equal(refused('pricing:\n  table: ../outside.json\n'), `${path.join('<tmp>', 'repo', 'tollgate.yml')}:2:10: "pricing.table": pricing table ../outside.json: not read: the path leaves repo (a pricing table is read only inside it)`);
  assert.match(refused(`pricing:\n  table: ${path.join(root, 'outside.json')}\n`), /"pricing\.table": pricing table .*outside\.json: not read: the path leaves repo/);
  fs.symlinkSync(path.join(root, 'outside.json'), path.join(repo, 'link.json'));
  assert.match(refused('pricing:\n  table: link.json\n'), /"pricing\.table": pricing table link\.json: not read: a symlink to a path outside the scanned folder$/);
  assert.match(refused('pricing:\n  table: missing.json\n'), /"pricing\.table": pricing table missing\.json: not read: no such file$/);
  // --pricing (the user's own choice) wins over the config's table.
  fs.writeFileSync(path.join(repo, 'tollgate.yml'), 'pricing:\n  table: prices/ours.json\n');
  const mine = readPricingFile(path.join(root, 'outside.json'), 'mine.json');
  assert.equal(withPricingTable(loadConfig(path.join(repo, 'tollgate.yml'), undefined, repo), mine).pricingTable!.file, 'mine.json');
});

test('another table: the Action reads its pricing input; a path out of the workspace is refused', () => {
  assert.equal(readInputs({ INPUT_PRICING: ' prices/ours.json ' }).pricing, 'prices/ours.json');
  assert.equal(readInputs({}).pricing, null);
  const ws = tempDir({ 'prices.json': tableText() });
  assert.equal(readPricingFile(path.join(ws, 'prices.json'), 'prices.json', ws).file, 'prices.json');
  assert.throws(() => readPricingFile(tableFile, 'x.json', ws), /pricing table x\.json: not read: the path leaves/);
});

test('stale table: the editor status bar says it once (a warning icon, a tooltip line), for one folder or several', () => {
  const view = exampleView();
  view.snapshot.result.pricing.stale = pricingStaleness('2026-08-21', 90, '2026-11-20', null)!;
  const one = statusContent(view, 'expected');
  assert.equal(one.text, '$(warning) $449.60/mo · 0 failing');
  assert.deepEqual(one.tooltip.split('\n'), [
    'tollgate: $449.60 ($265.41–$1,126.93) per month from 6 of 6 call sites',
    'Policy passes (fails on error): 0 errors, 5 warnings, 0 info, 0 suppressed',
    STALE_BUILT_IN,
    'Click for the report',
  ]);
  // Two folders priced with the same table: the sentence once.
  const both = statusContentAll([{ name: 'a', view }, { name: 'b', view }], 'expected');
  assert.equal(both.tooltip.split('\n').filter((l) => l === STALE_BUILT_IN).length, 1);
  // Twice the unrounded $449.598742596 is $899.20 once rounded.
  assert.equal(both.text, '$(warning) $899.20/mo · 0 failing');
});

test('stale table: a PR comment of several directories says it once, above the sections', () => {
  const config = loadConfig(null);
  const result = checkEstimated(estimateScan(scan(app), config, app, undefined, undefined, '2026-11-20'), app, config, 'error');
  const reports = ['web', 'api'].map((p) => ({ path: p, prefix: p, result, config }));
  const body = composeComment(reports, '<!-- tollgate -->');
  assert.equal(body.split('The built\\-in pricing table is 91 days old').length - 1, 1);
  // One directory: the single-report comment has it once too.
  assert.equal(composeComment(reports.slice(0, 1), '<!-- tollgate -->').split('The built\\-in pricing table is 91 days old').length - 1, 1);
});

test('another table: a diff prices the base and the head with it (check --base, the Action)', () => {
  const repo = tempDir({ 'ask.ts': fs.readFileSync(path.join(app, 'ask.ts'), 'utf8') });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  fs.writeFileSync(path.join(repo, 'ask.ts'), fs.readFileSync(path.join(app, 'ask.ts'), 'utf8').replace('volume 1000/month', 'volume 2000/month'));
  // Both sides at table.json's $0.00212 a call: 1,000 calls = $2.12 on the base, 2,000 = $4.24 on the head, +$2.12.
  const { result } = diffRevisions({ dir: repo, base: 'HEAD', pricingTable: readPricingFile(tableFile, 'table.json') });
  const t = result.diff.totals.monthlyCost;
  assert.deepEqual([t.base, t.head, Number(t.change!.toFixed(6))], [2.12, 4.24, 2.12]);
  assert.equal(result.pricing.file, 'table.json');
  // The built-in table for comparison: $0.00103 a call, $1.03 → $2.06.
  const builtIn = diffRevisions({ dir: repo, base: 'HEAD' }).result.diff.totals.monthlyCost;
  assert.deepEqual([builtIn.base, builtIn.head], [1.03, 2.06]);
});
