import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { removeTempDirs, ROOT, tempDir, writeFiles } from '../helpers';
import { diffRevisions, DiffError, type DiffCallSite } from '../../shared/diff';
import { renderDiffText } from '../../shared/diff/text';

// A real repository with a base commit and a head commit that changes a model, grows a prompt,
// renames a file, renames a function, removes one call site and adds another.

after(removeTempDirs);
const tmp = tempDir;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}


const client = `import OpenAI from 'openai';\nexport const client = new OpenAI();\n`;
const chat = (model: string, system: string) => `import { client } from './client';

export async function summarize(text: string) {
  return client.chat.completions.create({ model: '${model}', max_tokens: 200, messages: [{ role: 'user', content: \`Summarize: \${text}\` }] });
}

export async function classify(text: string) {
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 10,
    messages: [{ role: 'system', content: '${system}' }, { role: 'user', content: text }],
  });
}
`;
const translate = `import { client } from './client';

export async function translate(text: string) {
  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 300, messages: [{ role: 'user', content: \`Translate to French: \${text}\` }] });
}
`;
const helpers = (fn: string) => `import { client } from './client';

export async function ${fn}(text: string) {
  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: \`Three keywords for: \${text}\` }] });
}
`;
const embed = (fn: string, model: string) => `import { client } from './client';

export async function ${fn}(text: string) {
  return client.embeddings.create({ model: '${model}', input: text });
}
`;

const LONG_SYSTEM = 'Classify the support ticket as billing, bug, feature request or other. Answer with one word. If the ticket mentions money, refunds, invoices or payment methods, it is billing.';

function makeRepo(): { dir: string; base: string } {
  const dir = tmp('tollgate-diff-');
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, {
    'tollgate.yml': 'usage:\n  default: 1000/day\n',
    'src/client.ts': client,
    'src/chat.ts': chat('gpt-4o-mini', 'Classify the ticket.'),
    'src/old-name.ts': translate,
    'src/helpers.ts': helpers('keywords'),
    'src/legacy.ts': embed('legacyEmbed', 'text-embedding-3-small'),
    'src/README.md': 'not code\n',
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'tag', 'v1');
  git(dir, 'mv', 'src/old-name.ts', 'src/translate.ts');
  writeFiles(dir, {
    'src/chat.ts': chat('gpt-4o', LONG_SYSTEM),
    'src/helpers.ts': helpers('tagsFor'),
    'src/legacy.ts': null,
    'src/search.ts': embed('searchEmbed', 'text-embedding-3-large'),
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'head');
  return { dir, base: git(dir, 'rev-parse', 'v1') };
}

const repo = makeRepo();

function short(c: DiffCallSite) {
  return {
    id: c.id,
    status: c.status,
    at: `${c.file}:${c.line}`,
    reasons: c.reasons,
    details: c.details,
    before: c.before && { id: c.before.id, model: c.before.model, costPerCall: c.before.costPerCall?.expected, monthly: c.before.monthlyCost?.expected },
    after: c.after && { id: c.after.id, model: c.after.model, costPerCall: c.after.costPerCall?.expected, monthly: c.after.monthlyCost?.expected },
    monthlyChange: c.monthlyChange,
  };
}

test('diff: model change, prompt growth, renamed file, moved function, added and removed call sites', () => {
  const { result, base } = diffRevisions({ dir: repo.dir, base: 'v1', head: 'main' });
  const d = result.diff;
  assert.equal(d.base, 'v1');
  assert.equal(d.baseSha, repo.base);
  assert.equal(d.headSha, git(repo.dir, 'rev-parse', 'main'));
  // Every base file holding a call site changed (the renamed one counts under both names).
  assert.equal(d.baseScan.mode, 'scanned');
  // The head's JSON is the ordinary estimated result with `diff` added.
  assert.deepEqual(result.callSites.map((s) => s.id), ['src/chat.ts#summarize#chat.completions.create#0', 'src/chat.ts#classify#chat.completions.create#0', 'src/helpers.ts#tagsFor#chat.completions.create#0', 'src/search.ts#searchEmbed#embeddings.create#0', 'src/translate.ts#translate#chat.completions.create#0']);
  const cost = (id: string, side: 'base' | 'head') => (side === 'base' ? base : result).callSites.find((s) => s.id === id)!.estimate;
  const summarize = 'src/chat.ts#summarize#chat.completions.create#0';
  const classify = 'src/chat.ts#classify#chat.completions.create#0';
  const grew = cost(classify, 'head').inputTokens.expected - cost(classify, 'base').inputTokens.expected;
  assert.ok(grew > 20, `the system prompt grew (${grew} tokens)`);
  const rows = d.callSites.map(short);
  assert.deepEqual(
    rows.map((r) => [r.id, r.status, r.at, r.reasons, r.details]),
    [
      [summarize, 'changed', 'src/chat.ts:4', ['model'], ['model gpt-4o-mini → gpt-4o']],
      [classify, 'changed', 'src/chat.ts:8', ['prompt'], [`prompt grew by ${grew} tokens`]],
      ['src/helpers.ts#tagsFor#chat.completions.create#0', 'changed', 'src/helpers.ts:4', ['moved'], ['moved from src/helpers.ts#keywords']],
      ['src/legacy.ts#legacyEmbed#embeddings.create#0', 'removed', 'src/legacy.ts:4', [], []],
      ['src/search.ts#searchEmbed#embeddings.create#0', 'added', 'src/search.ts:4', [], []],
      ['src/translate.ts#translate#chat.completions.create#0', 'changed', 'src/translate.ts:4', ['moved'], ['moved from src/old-name.ts#translate']],
    ],
  );
  // before → after: the ids, models and dollars of each side, as the estimates of base and head say.
  const moved = rows[5];
  assert.deepEqual(moved.before, { id: 'src/old-name.ts#translate#chat.completions.create#0', model: { status: 'exact', value: 'gpt-4o-mini' }, costPerCall: cost('src/old-name.ts#translate#chat.completions.create#0', 'base').costPerCall!.expected, monthly: cost('src/old-name.ts#translate#chat.completions.create#0', 'base').monthlyCost!.expected });
  assert.equal(moved.monthlyChange, 0);
  assert.deepEqual(rows[0].before!.model, { status: 'exact', value: 'gpt-4o-mini' });
  assert.deepEqual(rows[0].after!.model, { status: 'exact', value: 'gpt-4o' });
  // gpt-4o costs about 16.7× gpt-4o-mini per token: same tokens, same volume.
  const ratio = rows[0].after!.costPerCall! / rows[0].before!.costPerCall!;
  assert.ok(ratio > 16 && ratio < 17.5, `gpt-4o / gpt-4o-mini = ${ratio}`);
  assert.equal(rows[3].after, null);
  assert.equal(rows[4].before, null);
  // Totals: expected dollars, each side's own total, and the counts.
  const baseTotal = base.totals.overall.monthlyCost.expected;
  const headTotal = result.totals.overall.monthlyCost.expected;
  const change = Math.round((headTotal - baseTotal) * 1e8) / 1e8;
  assert.deepEqual(
    { monthlyCost: d.totals.monthlyCost, costPerCallChanged: d.totals.costPerCallChanged, added: d.totals.added, removed: d.totals.removed, changed: d.totals.changed },
    { monthlyCost: { base: baseTotal, head: headTotal, change, changePercent: Math.round((change / baseTotal) * 10000) / 100, unknownCallSites: 0 }, costPerCallChanged: 2, added: 1, removed: 1, changed: 4 },
  );
  assert.ok(change > 0);
  const sumOfChanges = d.callSites.reduce((s, c) => s + (c.monthlyChange ?? 0), 0);
  assert.ok(Math.abs(sumOfChanges - change) < 1e-6, 'per-site changes add up to the total');
  assert.deepEqual(d.totals.byModel.map((r) => r.key).sort(), ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-large', 'text-embedding-3-small']);
  assert.equal(d.totals.byModel.find((r) => r.key === 'gpt-4o')!.base, null);
});

test('diff: exact JSON shape of one call site and of the totals', () => {
  const dir = tmp('tollgate-diff-exact-');
  git(dir, 'init', '-q', '-b', 'main');
  const call = (max: number) => `import OpenAI from 'openai';\n// tollgate: volume 1000/month\nexport const f = () => new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', max_tokens: ${max}, messages: [{ role: 'user', content: 'Hello' }] });\n`;
  writeFiles(dir, { 'a.ts': call(100) });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  writeFiles(dir, { 'a.ts': call(1000) });
  const { result } = diffRevisions({ dir, base: 'HEAD' });
  const d = result.diff;
  const site = result.callSites[0];
  assert.equal(d.head, null);
  assert.equal(d.headSha, null);
  assert.deepEqual(d.callSites, [
    {
      id: 'a.ts#f#chat.completions.create#0',
      status: 'changed',
      file: 'a.ts',
      line: 3,
      api: 'chat.completions.create',
      reasons: ['max-output'],
      details: ['max_tokens 100 → 1000'],
      monthlyChange: d.callSites[0].monthlyChange,
      changeUnknown: null,
      before: { id: site.id, file: 'a.ts', line: 3, function: 'f', model: { status: 'exact', value: 'gpt-4o-mini' }, costPerCall: d.callSites[0].before!.costPerCall, monthlyCost: d.callSites[0].before!.monthlyCost, callsPerMonth: 1000, inputTokens: d.callSites[0].before!.inputTokens, maxOutputTokens: { status: 'exact', value: '100' }, unpriced: [] },
      after: { id: site.id, file: 'a.ts', line: 3, function: 'f', model: { status: 'exact', value: 'gpt-4o-mini' }, costPerCall: site.estimate.costPerCall, monthlyCost: site.estimate.monthlyCost, callsPerMonth: 1000, inputTokens: site.estimate.inputTokens, maxOutputTokens: { status: 'exact', value: '1000' }, unpriced: [] },
    },
  ]);
  // Same prompt, more output allowed: more expected output tokens, a higher bill.
  assert.ok(d.callSites[0].monthlyChange! > 0);
  assert.equal(d.callSites[0].before!.monthlyCost!.expected * 1, d.callSites[0].before!.costPerCall!.expected * 1000);
  assert.deepEqual(Object.keys(d.totals), ['monthlyCost', 'costPerCallChanged', 'added', 'removed', 'changed', 'byTeam', 'byFeature', 'byModel', 'unknownChange']);
  assert.equal(d.totals.unknownChange, null);
  assert.deepEqual(d.totals.byTeam, [{ key: '(no team)', ...d.totals.monthlyCost }]);
  assert.deepEqual(d.baseScan, { mode: 'scanned', analysedFiles: 1, reusedFiles: 0, reusedCallSites: 0 });
  // The user's checkout is untouched: still modified, nothing staged, no extra worktree.
  assert.equal(git(dir, 'status', '--porcelain'), 'M a.ts');
  assert.equal(git(dir, 'worktree', 'list').split('\n').length, 1);
});

test('diff: unchanged files reuse the head analysis; no volume means null dollars', () => {
  const dir = tmp('tollgate-diff-same-');
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, { 'a.ts': `import OpenAI from 'openai';\nexport const f = () => new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', messages: [] });\n`, 'notes.txt': 'x\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  // A source file that no call site's analysis reads: nothing to analyse again.
  writeFiles(dir, { 'b.ts': 'export const unrelated = 1;\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'two');
  const d = diffRevisions({ dir, base: 'HEAD~1' }).result.diff;
  assert.deepEqual(d.baseScan, { mode: 'reused', analysedFiles: 0, reusedFiles: 1, reusedCallSites: 1 });
  assert.deepEqual(d.callSites.map((c) => [c.status, c.reasons, c.monthlyChange]), [['unchanged', [], null]]);
  assert.deepEqual(d.totals.monthlyCost, { base: null, head: null, change: null, changePercent: null, unknownCallSites: 0 });
  assert.match(renderDiffText(d), /^tollgate diff HEAD~1…working tree: no call site has a volume/);
});

test('diff: a missing base ref is an error that names the fix', () => {
  assert.throws(
    () => diffRevisions({ dir: repo.dir, base: 'origin/nope' }),
    (err: Error) => err instanceof DiffError && err.message === 'cannot read the base revision "origin/nope": no such commit in this repository. Fetch it first: `git fetch origin nope`, or in GitHub Actions check out the full history with `actions/checkout` and `fetch-depth: 0`.',
  );
  assert.throws(() => diffRevisions({ dir: repo.dir, base: '--output=/tmp/x' }), /is not a git ref/);
});

test('diff: a shallow clone says so', () => {
  const clone = tmp('tollgate-diff-shallow-');
  git(clone, 'clone', '-q', '--depth', '1', `file://${repo.dir}`, 'c');
  assert.throws(() => diffRevisions({ dir: path.join(clone, 'c'), base: 'v1' }), /\(this is a shallow clone\)\. Fetch it first: `git fetch origin v1`.*`fetch-depth: 0`/);
});

test('diff: the CLI prints the report and exits 2 on an unreadable base', () => {
  // The bundle of this build: out-x/dist with TOLLGATE_OUT=out-x, else the package's dist/.
  const own = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const entry = fs.existsSync(own) ? own : path.join(ROOT, 'dist', 'cli.js');
  const boot = `require(${JSON.stringify(entry)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  const cli = (args: string[]) => spawnSync(process.execPath, ['-e', boot, '--', ...args], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const text = cli(['diff', '--base', 'v1', '--head', 'main']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^tollgate diff v1…main: \+\$[\d,.]+\/month \(\+[\d.]+%\), \$[\d,.]+ → \$[\d,.]+\n\n4 changed, 1 added, 1 removed call sites\n\nChanged:\n {2}~ src\/chat\.ts:4 {2}chat\.completions\.create {2}\$[\d.]+\/mo → \$[\d.]+\/mo {2}\+\$[\d.]+\/mo\n {6}model gpt-4o-mini → gpt-4o\n/);
  assert.match(text.stdout, /\n {6}moved from src\/old-name\.ts#translate\n/);
  const json = JSON.parse(cli(['diff', '--base', 'v1', '--head', 'main', '--format', 'json']).stdout);
  assert.equal(json.diff.totals.added, 1);
  assert.equal(json.callSites.length, 5);
  const bad = cli(['diff', '--base', 'nope']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^tollgate: cannot read the base revision "nope".*`git fetch origin nope`.*`fetch-depth: 0`\.\n$/);
  assert.equal(cli(['diff']).status, 2);
});

test('diff: the base revision’s warnings are in diff.baseWarnings and in the text report, escaped', () => {
  const dir = tmp('tollgate-diff-baselink-');
  git(dir, 'init', '-q', '-b', 'main');
  const call = `import OpenAI from 'openai';\n// tollgate: volume 1000/month\nexport const f = () => new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 10, messages: [] });\n`;
  writeFiles(dir, { 'a.ts': call });
  // A hostile base: a link to a secret, and a link whose name would be a runner command on a line of its own.
  fs.symlinkSync('/etc/passwd', path.join(dir, 'secret.ts'));
  fs.symlinkSync('a.ts', path.join(dir, 'x\n::error::pwned.ts'));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'rm', '-q', 'secret.ts', 'x\n::error::pwned.ts');
  git(dir, 'commit', '-q', '-m', 'head');
  const sha12 = base.slice(0, 12);
  const expected = [
    { file: 'secret.ts', message: `not read: a symlink in revision ${sha12}` },
    { file: 'x\n::error::pwned.ts', message: `not read: a symlink in revision ${sha12}` },
  ];
  for (const cache of [true, false]) {
    const { result } = diffRevisions({ dir, base, head: 'HEAD', cache });
    const d = result.diff;
    assert.deepEqual(Object.keys(d), ['base', 'baseSha', 'head', 'headSha', 'baseScan', 'baseWarnings', 'callSites', 'totals']);
    assert.deepEqual(d.baseWarnings, expected, `cache ${cache}`);
    // The head holds no link: its own warnings stay empty.
    assert.deepEqual(result.warnings, []);
    const text = renderDiffText(d);
    assert.ok(text.endsWith(`\n\nBase warnings (2):\n  secret.ts: not read: a symlink in revision ${sha12}\n  x ::error::pwned.ts: not read: a symlink in revision ${sha12}\n`), text);
    assert.ok(!/^::error::/m.test(text), text);
  }
  // A clean base: the block is absent and the array empty.
  const clean = diffRevisions({ dir, base: 'HEAD', head: 'HEAD' }).result.diff;
  assert.deepEqual(clean.baseWarnings, []);
  assert.ok(!renderDiffText(clean).includes('Base warnings'));
});
