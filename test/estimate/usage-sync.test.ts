import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { scanFixture } from '../helpers';
import { loadConfig } from '../../shared/config/load';
import { estimateSite } from '../../shared/estimate/estimate';
import { pricingFor } from '../../shared/estimate';
import { DEFAULT_ESTIMATE_CONFIG, type EstimateConfig } from '../../shared/estimate/types';
import { syncUsage, UsageSyncError, type SyncSite } from '../../shared/estimate/usage-sync';

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
after(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

function s(id: string, line: number, models: string[] = ['gpt-4o'], volumeSource: string | null = null): SyncSite {
  const file = id.split('#')[0];
  return { id, file, line, api: 'chat.completions.create', estimate: { volumeSource, models } };
}

const SITES = [
  s('src/b.ts#ask#chat.completions.create#0', 12),
  s('src/a.ts#<top>#chat.completions.create#0', 3, ['gpt-4o', 'gpt-4o-mini']),
  s('src/c.ts#f#chat.completions.create#0', 7, [], null),
  s('src/d.ts#g#chat.completions.create#0', 9, ['gpt-4o'], 'annotation line 8: volume 1k/day'),
  s('src/lib/llm.ts#complete#chat.completions.create#0', 20),
];

/** Lines of `after` that are not in `before`, assuming `before` is kept whole: what the edit added. */
function removeAdded(after: string, added: string[]): string {
  return after
    .split('\n')
    .filter((l) => !added.some((id) => l.trimStart().startsWith(JSON.stringify(id) + ':')))
    .join('\n');
}

function loadText(text: string) {
  const dir = tempDir('tollgate-sync-');
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), text);
  return loadConfig(path.join(dir, 'tollgate.yml'));
}

const ORIGINAL = `# tollgate settings   (odd spacing kept)
include: [ "src/**" ]   # flow style kept

usage:
  default:   1k/day
  callSites:
    # the shared helper, every caller at once
    'src/lib/llm.ts#complete#*':    4k/day   # measured in March
    "src/z.ts#x#chat.completions.create#0": 10/hour
    # "src/old.ts#gone#0": 1/day   (commented out, stays)
  features:
    translate: 500/day


# How big prompts are.
placeholders:
  names: { user: 350 }
`;

test('usage sync: stubs go under usage.callSites, sorted, with a TODO comment; every other byte stays (golden)', () => {
  const { text, added } = syncUsage(ORIGINAL, SITES);
  assert.deepEqual(added, ['src/a.ts#<top>#chat.completions.create#0', 'src/b.ts#ask#chat.completions.create#0', 'src/c.ts#f#chat.completions.create#0', 'src/lib/llm.ts#complete#chat.completions.create#0']);
  assert.equal(
    text,
    `# tollgate settings   (odd spacing kept)
include: [ "src/**" ]   # flow style kept

usage:
  default:   1k/day
  callSites:
    # the shared helper, every caller at once
    'src/lib/llm.ts#complete#*':    4k/day   # measured in March
    "src/z.ts#x#chat.completions.create#0": 10/hour
    "src/a.ts#<top>#chat.completions.create#0": 0/day # TODO: expected volume — src/a.ts:3 chat.completions.create gpt-4o|gpt-4o-mini
    "src/b.ts#ask#chat.completions.create#0": 0/day # TODO: expected volume — src/b.ts:12 chat.completions.create gpt-4o
    "src/c.ts#f#chat.completions.create#0": 0/day # TODO: expected volume — src/c.ts:7 chat.completions.create model?
    "src/lib/llm.ts#complete#chat.completions.create#0": 0/day # TODO: expected volume — src/lib/llm.ts:20 chat.completions.create gpt-4o
    # "src/old.ts#gone#0": 1/day   (commented out, stays)
  features:
    translate: 500/day


# How big prompts are.
placeholders:
  names: { user: 350 }
`,
  );
  assert.equal(removeAdded(text, added), ORIGINAL);
  // The loader reads the result: existing values unchanged, stubs as zero volumes.
  const rules = loadText(text).estimate.usage.callSites;
  assert.deepEqual(
    rules.map((r) => [r.key, r.perMonth, r.text]),
    [
      ['src/a.ts#<top>#chat.completions.create#0', 0, '0/day'],
      ['src/b.ts#ask#chat.completions.create#0', 0, '0/day'],
      ['src/c.ts#f#chat.completions.create#0', 0, '0/day'],
      ['src/lib/llm.ts#complete#*', 121666.8, '4k/day'],
      ['src/lib/llm.ts#complete#chat.completions.create#0', 0, '0/day'],
      ['src/z.ts#x#chat.completions.create#0', 7300, '10/hour'],
    ],
  );
});

test('usage sync: a second run adds nothing and leaves the text byte-identical', () => {
  const once = syncUsage(ORIGINAL, SITES).text;
  assert.deepEqual(syncUsage(once, SITES), { text: once, added: [] });
  // A stub filled in by hand is kept as written, and not stubbed again.
  const filled = once.replace('"src/b.ts#ask#chat.completions.create#0": 0/day', '"src/b.ts#ask#chat.completions.create#0": 2k/day');
  assert.deepEqual(syncUsage(filled, SITES), { text: filled, added: [] });
});

test('usage sync: existing entries are never changed, only missing ids are added', () => {
  const text = 'usage:\n  callSites:\n    src/b.ts#ask#chat.completions.create#0: 3/day\n';
  const r = syncUsage(text, [s('src/b.ts#ask#chat.completions.create#0', 12), s('src/e.ts#h#chat.completions.create#0', 4)]);
  assert.deepEqual(r.added, ['src/e.ts#h#chat.completions.create#0']);
  assert.equal(r.text, text + '    "src/e.ts#h#chat.completions.create#0": 0/day # TODO: expected volume — src/e.ts:4 chat.completions.create gpt-4o\n');
  // Nothing lacks a volume: the text comes back untouched.
  assert.deepEqual(syncUsage(text, [SITES[3]]), { text, added: [] });
});

test('usage sync: creates the file, the usage section or the callSites section when missing', () => {
  const one = [s('src/a.ts#f#embeddings.create#0', 2)];
  const stub = '"src/a.ts#f#embeddings.create#0": 0/day # TODO: expected volume — src/a.ts:2 chat.completions.create gpt-4o';
  const created = syncUsage(null, one).text;
  assert.equal(created, `# tollgate settings. Data only: tollgate never runs code from here.\n\nusage:\n  callSites:\n    ${stub}\n`);
  assert.equal(loadText(created).estimate.usage.callSites[0].perMonth, 0);
  // Other settings, no usage: a new section after them, a blank line between.
  assert.equal(syncUsage('include:\n  - "src/**"', one).text, `include:\n  - "src/**"\n\nusage:\n  callSites:\n    ${stub}\n`);
  assert.equal(syncUsage('# only a comment\n', one).text, `# only a comment\n\nusage:\n  callSites:\n    ${stub}\n`);
  assert.equal(syncUsage('', one).text, `usage:\n  callSites:\n    ${stub}\n`);
  // usage without callSites: the file's own indent step (4 here) is copied.
  assert.equal(
    syncUsage('usage:\n    features:\n        a: 1/day\n# after\nestimate:\n    cacheHitRate: 0.5\n', one).text,
    `usage:\n    features:\n        a: 1/day\n    callSites:\n        ${stub}\n# after\nestimate:\n    cacheHitRate: 0.5\n`,
  );
  assert.equal(syncUsage('usage:\n  callSites:\nplaceholders:\n  default: 10\n', one).text, `usage:\n  callSites:\n    ${stub}\nplaceholders:\n  default: 10\n`);
  // Windows line endings stay Windows line endings.
  assert.equal(syncUsage('usage:\r\n  default: 1/day\r\n', one).text, `usage:\r\n  default: 1/day\r\n  callSites:\r\n    ${stub}\r\n`);
});

test('usage sync: JSON or flow-style settings are refused rather than re-printed', () => {
  const one = [s('src/a.ts#f#x#0', 2)];
  assert.throws(() => syncUsage('{"include": ["src/**"]}', one), UsageSyncError);
  assert.throws(() => syncUsage('usage: { default: 1/day }\n', one), /"usage" is not a block-style mapping/);
  assert.throws(() => syncUsage('usage:\n  callSites: {}\n', one), /"usage.callSites" is not a block-style mapping/);
});

test('estimate: a zero on the exact id is an unfilled stub; a zero by glob or a later rule still counts', () => {
  const site = { ...scanFixture('estimate').callSites.find((c) => c.line === 9)!, annotation: null };
  const table = pricingFor(loadConfig(null));
  const withRules = (callSites: Array<[string, number]>, def: number | null = null) => {
    const config: EstimateConfig = JSON.parse(JSON.stringify(DEFAULT_ESTIMATE_CONFIG));
    config.usage.callSites = callSites.map(([key, perMonth]) => ({ key, perMonth, text: `${perMonth}/month` }));
    if (def !== null) config.usage.default = { key: 'default', perMonth: def, text: `${def}/month` };
    return estimateSite(site, table, config);
  };
  const stub = withRules([[site.id, 0]]);
  assert.deepEqual([stub.callsPerMonth, stub.monthlyCost, stub.volumeSource], [null, null, null]);
  assert.ok(stub.assumptions.includes(`needs volume (stub in tollgate.yml): fill in usage.callSites "${site.id}"`));
  assert.equal(withRules([['app.ts#**', 0]]).callsPerMonth, 0);
  assert.equal(withRules([[site.id, 0], ['app.ts#**', 100]]).volumeSource, 'config usage.callSites "app.ts#**": 100/month');
  assert.equal(withRules([[site.id, 0]], 50).volumeSource, 'config usage.default: 50/month');
});

// Through the CLI, on a copy of the example app with its volume annotations taken out.
const MAIN = path.join(__dirname, '..', '..', 'cli', 'main.js');
function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(MAIN)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function exampleCopy(): string {
  const dir = tempDir('tollgate-usage-');
  fs.cpSync(path.join(ROOT, 'examples', 'support-desk'), dir, { recursive: true });
  for (const f of ['src/features/reply.ts', 'src/features/search.ts']) {
    const p = path.join(dir, f);
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/tollgate: volume \S+/g, 'tollgate:'));
  }
  return dir;
}

test('cli: usage sync on the example app adds three stubs, keeps the rest, and the bill says "needs volume"', () => {
  const dir = exampleCopy();
  const file = path.join(dir, 'tollgate.yml');
  const before = fs.readFileSync(file, 'utf8');
  const ids = ['src/features/reply.ts#draftReply#messages.create#0', 'src/features/search.ts#embedQuery#embeddings.create#0', 'src/features/search.ts#indexArticles#embeddings.create#0'];
  const list =
    `  + ${ids[0]}  src/features/reply.ts:13 messages.create claude-sonnet-4-5\n` +
    `  + ${ids[1]}  src/features/search.ts:11 embeddings.create text-embedding-3-small\n` +
    `  + ${ids[2]}  src/features/search.ts:6 embeddings.create text-embedding-3-small\n`;

  const dry = cli(['usage', 'sync', dir, '--dry-run']);
  assert.deepEqual(dry, { code: 0, out: `${file}: would add 3 stubs under usage.callSites\n${list}(dry run: nothing written)\n`, err: '' });
  assert.equal(fs.readFileSync(file, 'utf8'), before);

  const run = cli(['usage', 'sync', dir]);
  assert.deepEqual(run, { code: 0, out: `${file}: added 3 stubs under usage.callSites\n${list}Replace each 0/day with the expected volume (N/hour, N/day, N/week or N/month).\n`, err: '' });
  const after = fs.readFileSync(file, 'utf8');
  assert.equal(removeAdded(after, ids), before);
  assert.match(after, /    "src\/lib\/llm.ts#complete#\*": 4k\/day\n    "src\/features\/reply.ts#draftReply#messages.create#0": 0\/day # TODO: expected volume — src\/features\/reply.ts:13 messages.create claude-sonnet-4-5\n/);

  assert.deepEqual(cli(['usage', 'sync', dir]), { code: 0, out: `${file}: nothing to add; every call site has a volume or a stub\n`, err: '' });
  assert.equal(fs.readFileSync(file, 'utf8'), after);

  // A stub is not a volume: no monthly figure, never $0, and the reason names the stub.
  const json = JSON.parse(cli(['scan', dir, '--format', 'json']).out);
  for (const id of ids) {
    const e = json.callSites.find((c: { id: string }) => c.id === id).estimate;
    assert.equal(e.callsPerMonth, null);
    assert.equal(e.monthlyCost, null);
    assert.equal(e.volumeSource, null);
    assert.ok(e.assumptions.includes(`needs volume (stub in tollgate.yml): fill in usage.callSites "${id}"`), e.assumptions.join('\n'));
  }
  assert.equal(json.totals.overall.missingVolume, 3);
});

test('cli: usage sync creates tollgate.yml when there is none, and reports usage errors', () => {
  const dir = exampleCopy();
  fs.rmSync(path.join(dir, 'tollgate.yml'));
  const r = cli(['usage', 'sync', dir]);
  assert.equal(r.code, 0);
  assert.match(r.out, /: added 6 stubs under usage.callSites \(new file\)\n/);
  assert.equal(loadConfig(path.join(dir, 'tollgate.yml')).estimate.usage.callSites.length, 6);
  assert.deepEqual(cli(['usage', 'frob']), { code: 2, out: '', err: 'tollgate: unknown usage command "frob" (expected sync)\nRun `tollgate --help` for usage.\n' });
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'usage: { default: 1/day }\n');
  assert.match(cli(['usage', 'sync', dir]).err, /^tollgate: cannot update .*tollgate\.yml: "usage" is not a block-style mapping/);
});
