import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { golden } from '../reporters/setup';

// `tollgate check --base`: the gate judges the change, not the repository's past. One call site,
// gpt-4o at $2.50 in / $10 out per 1M tokens, 12 input tokens, max_tokens 400, 1k calls a day:
// 12 × $2.50/1M + 400 × $10/1M = $0.00403 a call; × 30,416.67 calls/month (1k × 365 / 12) = $122.58,
// 123% of the $100 total budget: the base is already over.

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const triage = (o: { volume?: string; maxTokens?: number } = {}) => `import OpenAI from 'openai';

const openai = new OpenAI();

export async function triage(ticket: string) {
  // tollgate: volume ${o.volume ?? '1k/day'}
  return openai.chat.completions.create({
    model: 'gpt-4o',
    max_tokens: ${o.maxTokens ?? 400},
    messages: [{ role: 'user', content: 'Triage this ticket.' }],
    metadata: { team: 'support', feature: 'triage' },
  });
}
`;

const UNKNOWN = `import OpenAI from 'openai';

const openai = new OpenAI();

export async function draft(ticket: string) {
  // tollgate: volume 1k/day
  return openai.chat.completions.create({
    model: 'gpt-4o-mnii',
    max_tokens: 300,
    messages: [{ role: 'user', content: 'Draft a reply.' }],
    metadata: { team: 'support', feature: 'draft' },
  });
}
`;

const BUDGET = 'budgets:\n  total: 100\n';
// The high end: the full output bound (the expected output is 400 tokens, capped by the bound, whatever a higher bound).
const CEILING = 'rules:\n  per-call-ceiling:\n    severity: error\n    maxUsd: 0.003\n    level: high\n';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A repository whose base commit holds `files`; the working tree (the head) then gets `changes`. */
function repo(files: Record<string, string>, changes: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-check-new-')));
  made.push(dir);
  const write = (all: Record<string, string>) => {
    for (const [rel, text] of Object.entries(all)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
  };
  write(files);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  write(changes);
  return dir;
}

function tollgate(cwd: string, ...args: string[]) {
  // The bundle of this build: out-x/dist with TOLLGATE_OUT=out-x, else the package's dist/.
  const own = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const entry = fs.existsSync(own) ? own : path.join(ROOT, 'dist', 'cli.js');
  const boot = `require(${JSON.stringify(entry)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  const run = spawnSync(process.execPath, ['-e', boot, '--', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  new?: boolean;
}

function checkJson(cwd: string, ...args: string[]) {
  const run = tollgate(cwd, 'check', '--format', 'json', ...args);
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; policy: Record<string, unknown> };
  return { status: run.status, findings: report.findings.map((f) => `${f.new} ${f.severity} ${f.ruleId}: ${f.message}`), policy: report.policy };
}

const BASE = { 'src/triage.ts': triage(), 'tollgate.yml': BUDGET, 'README.md': '# support\n' };

test('check --base: a docs-only change to a repository already over budget passes; the finding is listed as not new', () => {
  const dir = repo(BASE, { 'README.md': '# support\n\nHow to triage.\n' });
  const r = checkJson(dir, '--base', 'HEAD');
  assert.equal(r.status, 0);
  assert.deepEqual(r.findings, ['false error budget: total: $122.58/month estimated, 123% of its $100 budget (level 100%)']);
  assert.deepEqual(r.policy, { source: 'rules from tollgate.yml', errors: 1, warnings: 0, infos: 0, suppressed: 0, failOn: 'error', failing: 0, failed: false, existing: 1, failOnExisting: false });
  // The text report: nothing new, then the base's finding under its own heading.
  const text = tollgate(dir, 'check', '--base', 'HEAD');
  assert.equal(text.status, 0);
  golden('gate.docs-only.check-base.txt', text.stdout.slice(text.stdout.indexOf('Policy (')));
  // The pull-request comment: the base's finding collapsed in <details>.
  const md = tollgate(dir, 'check', '--base', 'HEAD', '--format', 'markdown');
  golden('gate.docs-only.check-base.md', md.stdout.slice(md.stdout.indexOf('**Policy'), md.stdout.indexOf('<details><summary>Assumptions')));
});

test('check --base --fail-on-existing: strict mode, the base finding fails the check too', () => {
  const dir = repo(BASE, { 'README.md': '# support\n\nHow to triage.\n' });
  const r = checkJson(dir, '--base', 'HEAD', '--fail-on-existing');
  assert.equal(r.status, 1);
  assert.deepEqual(r.findings, ['false error budget: total: $122.58/month estimated, 123% of its $100 budget (level 100%)']);
  assert.equal(r.policy.failing, 1);
  assert.equal(r.policy.failOnExisting, true);
  const text = tollgate(dir, 'check', '--base', 'HEAD', '--fail-on-existing');
  assert.equal(text.status, 1);
  assert.ok(text.stdout.includes('\nAlready on the base branch (1, failing: --fail-on-existing):\n  error   tollgate.yml:2:3  budget  total: $122.58/month'), text.stdout);
  assert.ok(text.stdout.endsWith('FAILED: 1 error, 0 warnings, 0 info, 0 suppressed, 1 already on the base (fails on: error).\n'), text.stdout);
  // Strict mode lists the base's finding with the failing ones, marked.
  const md = tollgate(dir, 'check', '--base', 'HEAD', '--fail-on-existing', '--format', 'markdown').stdout;
  assert.ok(md.includes('#### Failed (1)\n\n- **error** tollgate\\.yml\\:2\\:3 `budget`: total\\: \\$122\\.58/month estimated, 123% of its \\$100 budget \\(level 100%\\) (already on the base branch)\n'), md);
  assert.ok(!md.includes('<details><summary>Already on the base branch'));
});

test('check --base: a budget this change overspends further is new (the overage grew)', () => {
  // 1.2k calls a day: $0.00403 × 36,500 calls/month = $147.095, up from $122.58.
  const dir = repo(BASE, { 'src/triage.ts': triage({ volume: '1.2k/day' }) });
  const r = checkJson(dir, '--base', 'HEAD');
  assert.equal(r.status, 1);
  assert.deepEqual(r.findings, ['true error budget: total: $147.10/month estimated, 147% of its $100 budget (level 100%)']);
  assert.equal(r.policy.failing, 1);
  assert.equal(r.policy.existing, 0);
});

test('check --base: a budget still over but less so is not new', () => {
  // max_tokens 350: 12 × $2.50/1M + 350 × $10/1M = $0.00353 a call × 30,416.67 = $107.37: still over $100, less than $122.58.
  const dir = repo(BASE, { 'src/triage.ts': triage({ maxTokens: 350 }) });
  const r = checkJson(dir, '--base', 'HEAD');
  assert.equal(r.status, 0);
  assert.deepEqual(r.findings, ['false error budget: total: $107.37/month estimated, 107% of its $100 budget (level 100%)']);
});

test('check --base: a new call site with an unknown model is new; the budget it leaves unchanged is not', () => {
  const dir = repo(BASE, { 'src/draft.ts': UNKNOWN });
  const r = checkJson(dir, '--base', 'HEAD');
  // unknown-model is a warning: under the default --fail-on error the check passes.
  assert.equal(r.status, 0);
  assert.equal(r.policy.existing, 1);
  // The budget message changed (the unpriced site is named), its figure did not: $122.58 on both sides.
  assert.deepEqual(r.findings, [
    'true warning unknown-model: `gpt-4o-mnii` is not in the pricing table (did you mean gpt-4o-mini?): its cost cannot be estimated',
    'false error budget: total: $122.58/month estimated, 123% of its $100 budget (level 100%); 1 without a price is not in the figure',
  ]);
  assert.equal(checkJson(dir, '--base', 'HEAD', '--fail-on', 'warning').status, 1);
});

test('check --base: per-call-ceiling on the same call site is new only when one call costs more than on the base', () => {
  const files = { 'src/triage.ts': triage(), 'tollgate.yml': CEILING };
  // max_tokens 500: 12 × $2.50/1M + 500 × $10/1M = $0.00503 at the high end, up from $0.00403 (both over the $0.003 ceiling).
  const worse = checkJson(repo(files, { 'src/triage.ts': triage({ maxTokens: 500 }) }), '--base', 'HEAD');
  assert.equal(worse.status, 1);
  assert.deepEqual(worse.findings, ['true error per-call-ceiling: high-end cost per call $0.005 at gpt-4o prices is above the $0.003 ceiling']);
  // max_tokens 350: 12 × $2.50/1M + 350 × $10/1M = $0.00353, down from $0.00403, still over.
  const better = checkJson(repo(files, { 'src/triage.ts': triage({ maxTokens: 350 }) }), '--base', 'HEAD');
  assert.equal(better.status, 0);
  assert.deepEqual(better.findings, ['false error per-call-ceiling: high-end cost per call $0.0035 at gpt-4o prices is above the $0.003 ceiling']);
  // The same cost on both sides is not worse: a docs-only change passes.
  const same = checkJson(repo(files, { 'README.md': '# support\n' }), '--base', 'HEAD');
  assert.equal(same.status, 0);
  assert.deepEqual(same.findings, ['false error per-call-ceiling: high-end cost per call $0.004 at gpt-4o prices is above the $0.003 ceiling']);
});

test('check without --base: findings carry no `new` (nothing was compared), and --fail-on-existing is refused', () => {
  const dir = repo(BASE, {});
  const r = checkJson(dir);
  assert.equal(r.status, 1);
  assert.deepEqual(r.findings, ['undefined error budget: total: $122.58/month estimated, 123% of its $100 budget (level 100%)']);
  assert.equal('existing' in r.policy, false);
  assert.equal('failOnExisting' in r.policy, false);
  const refused = tollgate(dir, 'check', '--fail-on-existing');
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr, 'tollgate: --fail-on-existing needs --base REF: without a base every finding counts already\nRun `tollgate --help` for usage.\n');
});

test('check --base --format sarif: baselineState is "unchanged" for the base\'s findings, "new" for the change\'s', () => {
  const dir = repo(BASE, { 'src/draft.ts': UNKNOWN });
  const sarif = JSON.parse(tollgate(dir, 'check', '--base', 'HEAD', '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ ruleId: string; baselineState?: string }> }> };
  assert.deepEqual(sarif.runs[0].results.map((x) => `${x.ruleId} ${x.baselineState}`), ['unknown-model new', 'budget unchanged']);
  const plain = JSON.parse(tollgate(repo(BASE, {}), 'check', '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ baselineState?: string }> }> };
  assert.equal('baselineState' in plain.runs[0].results[0], false);
});

const SUMMARY = (model: string) => `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export const summarise = () => anthropic.messages.create({ model: '${model}', max_tokens: 400, messages: [{ role: 'user', content: 'Summarise.' }], metadata: { user_id: 'support' } });
`;

test('check --base: a model retired on the base too is not new; a new call to a retired model is', () => {
  // claude-3-7-sonnet-latest and claude-3-5-haiku-latest were retired on 2026-02-19: past on any day this runs.
  const files = { 'src/summary.ts': SUMMARY('claude-3-7-sonnet-latest'), 'tollgate.yml': 'rules:\n  missing-attribution: off\n' };
  const docs = checkJson(repo(files, { 'README.md': '# summaries\n' }), '--base', 'HEAD');
  assert.equal(docs.status, 0);
  assert.deepEqual(docs.findings, ['false error retired-model: `claude-3-7-sonnet-latest` was retired by anthropic on 2026-02-19: calls to it fail; the provider names `claude-sonnet-4-5` as its replacement']);
  const added = checkJson(repo(files, { 'src/digest.ts': SUMMARY('claude-3-5-haiku-latest') }), '--base', 'HEAD');
  assert.equal(added.status, 1);
  assert.deepEqual(added.findings, [
    'true error retired-model: `claude-3-5-haiku-latest` was retired by anthropic on 2026-02-19: calls to it fail; the provider names `claude-haiku-4-5` as its replacement',
    'false error retired-model: `claude-3-7-sonnet-latest` was retired by anthropic on 2026-02-19: calls to it fail; the provider names `claude-sonnet-4-5` as its replacement',
  ]);
});
