import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { mockGitHubForFile } from './mock-github';
import { cleanup, git, makeRepo } from './repo';
import { runAction, TOKEN } from './harness';
import { baseFiles, FAKE_KEY, golden, hostile, reply, summarize, workflowCommands } from './app';

// The committed bundle, run as GitHub's runner runs it, against a real git repository and a mock
// GitHub API. Each case asserts the comment body (golden), the requests, the outputs, the job
// summary, the annotations and the exit status.

const api = mockGitHubForFile(cleanup);

const LIST = 'GET /repos/acme/support-desk/issues/7/comments?per_page=100&page=1';
const LIST2 = 'GET /repos/acme/support-desk/issues/7/comments?per_page=100&page=2';
const calls = () => api.requests.map((r) => `${r.method} ${r.url}`);
const comments = () => api.list(7).map((c) => c.body);
const FAILED = '::error::tollgate: policy failed (fail-on: error) in .: see the findings above and the job summary';

const upRepo = (options: { shallow?: boolean; unreachableOrigin?: boolean } = {}) =>
  makeRepo(baseFiles('gpt-4o-mini'), { 'src/features/summarize.ts': summarize('gpt-4.1'), 'src/features/reply.ts': reply }, options);
const downRepo = () => makeRepo(baseFiles('gpt-4.1'), { 'src/features/summarize.ts': summarize('gpt-4o-mini') });

const UP_ANNOTATIONS = [
  '::error file=src/features/reply.ts,line=6,col=21,title=missing-attribution::LLM call without team, feature attribution: its spend cannot be assigned (no tags found)',
  '::warning file=src/features/reply.ts,line=6,col=21,title=frontier-default::claude-sonnet-4-5 is a frontier-tier model; claude-haiku-4-5 would save about $147.10/month at the estimated volume. Justify it with `// tollgate-allow frontier-default: <reason>`',
];

test('cost up and policy failing: comment, annotations on changed lines only, summary, outputs, exit 1; rerun unchanged, then updated in place', async () => {
  const repo = upRepo();
  const run = await runAction({ repo, api });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 1);
  assert.deepEqual(calls(), [LIST, 'POST /repos/acme/support-desk/issues/7/comments']);
  assert.ok(api.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
  const [body] = comments();
  golden('cost-up.comment.md', body);
  assert.equal(run.summary, body);
  // classify.ts's unbounded-output warning is in the comment but not on a changed line: not annotated.
  assert.match(body, /classify\\\.ts\\:4\\:21 `unbounded-output`/);
  assert.deepEqual(workflowCommands(run.stdout), [...UP_ANNOTATIONS, FAILED]);
  assert.match(run.stdout, /^tollgate: comment 1000 created$/m);
  const { 'report-json': reportJson, ...outputs } = run.outputs;
  assert.deepEqual(outputs, {
    'monthly-cost': '426.09',
    'monthly-cost-base': '23.92',
    'monthly-cost-change': '402.17',
    'monthly-cost-change-percent': '1681.24',
    findings: '3',
    failed: 'true',
  });
  const report = JSON.parse(fs.readFileSync(reportJson, 'utf8'));
  assert.equal(report.length, 1);
  assert.equal(report[0].path, '.');
  assert.deepEqual(report[0].report.policy, { source: 'rules from tollgate.yml', errors: 1, warnings: 2, infos: 0, suppressed: 0, failOn: 'error', failing: 1, failed: true, existing: 1, failOnExisting: false });
  // classify.ts's warning was on the base already; the added reply.ts call brought the other two.
  assert.deepEqual(report[0].report.findings.map((f: { ruleId: string; file: string; new: boolean }) => `${f.new} ${f.file} ${f.ruleId}`), ['false src/features/classify.ts unbounded-output', 'true src/features/reply.ts missing-attribution', 'true src/features/reply.ts frontier-default']);
  assert.equal(report[0].report.diff.totals.monthlyCost.change, 402.17264907);

  // The same report again: found on the second page of comments, and not re-sent.
  api.requests.length = 0;
  for (let i = 0; i < 120; i++) api.list(7).unshift({ id: 1 + i, node_id: `IC_other${i}`, body: `review comment ${i}`, user: { login: 'dana' }, minimized: false });
  const again = await runAction({ repo, api });
  assert.equal(again.status, 1);
  assert.deepEqual(calls(), [LIST, LIST2]);
  assert.match(again.stdout, /^tollgate: comment 1000 unchanged$/m);

  // An earlier report in the comment: edited in place, never a second comment.
  api.requests.length = 0;
  api.list(7).at(-1)!.body = '<!-- tollgate -->\n## tollgate: an older report\n';
  const third = await runAction({ repo, api });
  assert.equal(third.status, 1);
  assert.deepEqual(calls(), [LIST, LIST2, 'PATCH /repos/acme/support-desk/issues/comments/1000']);
  assert.equal(api.list(7).length, 121);
  assert.equal(api.list(7).at(-1)!.body, body);
});

test('cost down, policy passing: exit 0 and a comment with the saving', async () => {
  const run = await runAction({ repo: downRepo(), api });
  assert.equal(run.status, 0);
  assert.deepEqual(calls(), [LIST, 'POST /repos/acme/support-desk/issues/7/comments']);
  golden('cost-down.comment.md', comments()[0]);
  assert.equal(run.summary, comments()[0]);
  assert.deepEqual(workflowCommands(run.stdout), []);
  assert.equal(run.outputs['monthly-cost-change'], '-181.53');
  assert.equal(run.outputs['monthly-cost-change-percent'], '-88.36');
  assert.equal(run.outputs.failed, 'false');
  assert.equal(run.outputs.findings, '1');
});

test('fail-on-existing: the base\'s own warning fails a change that only saves money, under fail-on: warning', async () => {
  // classify.ts's unbounded-output warning is on the base and the head alike: not new, so only strict mode fails on it.
  const lenient = await runAction({ repo: downRepo(), api, inputs: { 'fail-on': 'warning', comment: 'off' } });
  assert.equal(lenient.status, 0);
  assert.equal(lenient.outputs.failed, 'false');
  const strict = await runAction({ repo: downRepo(), api, inputs: { 'fail-on': 'warning', 'fail-on-existing': 'true', comment: 'off' } });
  assert.equal(strict.status, 1);
  assert.equal(strict.outputs.failed, 'true');
  assert.match(strict.summary, /\*\*Policy failed\*\*: 0 errors, 1 warning, 0 info, 0 suppressed, 1 already on the base branch \(fails on: warning\)\.\n/);
  assert.match(strict.summary, /#### Warnings \(1\)\n\n- \*\*warning\*\* src\/features\/classify\\\.ts\\:4\\:21 `unbounded-output`: .* \(already on the base branch\)\n/);
});

test('no LLM change with comment-on: change: no comment, the report still in the summary and the outputs', async () => {
  const repo = makeRepo(baseFiles(), { 'README.md': '# support desk\n\nNow with docs.\n' });
  const run = await runAction({ repo, api, inputs: { 'comment-on': 'change' } });
  assert.equal(run.status, 0);
  assert.deepEqual(calls(), [LIST]);
  assert.match(run.stdout, /^tollgate: no comment: comment-on: change and no call site changed cost$/m);
  golden('no-change.summary.md', run.summary);
  assert.match(run.summary, /No call site changed cost\./);
  assert.equal(run.outputs['monthly-cost-change'], '0');
  assert.equal(run.outputs['monthly-cost-change-percent'], '0');
});

test('a fork\'s read-only token: 403 on the comment is one notice, no red check for it; the report goes to the summary', async () => {
  api.options.denyWrites = 403;
  const run = await runAction({ repo: downRepo(), api, fork: true });
  assert.equal(run.status, 0);
  assert.deepEqual(calls(), [LIST, 'POST /repos/acme/support-desk/issues/7/comments']);
  assert.deepEqual(comments(), []);
  const notice =
    '::notice::tollgate: no pull-request comment: this pull request comes from a fork, whose workflow token is read-only (POST /issues/7/comments: HTTP 403: Resource not accessible by integration). The report is in the job summary and the log.';
  assert.deepEqual(workflowCommands(run.stdout), [notice]);
  golden('fork.summary.md', run.summary);
  assert.ok(run.summary.startsWith(fs.readFileSync(require.resolve('../../../test/golden/action/cost-down.comment.md'), 'utf8')));
});

test('shallow clone without the base commit: fetched from origin, same report as a full clone', async () => {
  const repo = upRepo({ shallow: true });
  assert.equal(git(repo.workspace, 'rev-parse', '--is-shallow-repository'), 'true');
  assert.throws(() => git(repo.workspace, 'cat-file', '-e', `${repo.baseSha}^{commit}`));
  const run = await runAction({ repo, api });
  assert.equal(run.status, 1);
  assert.match(run.stdout, new RegExp(`^tollgate: fetched the base commit ${repo.baseSha}$`, 'm'));
  golden('cost-up.comment.md', comments()[0]);
  assert.deepEqual(workflowCommands(run.stdout), [...UP_ANNOTATIONS, FAILED]);
});

test('shallow clone whose base cannot be fetched: a clear error, exit 1, nothing posted', async () => {
  const repo = upRepo({ shallow: true, unreachableOrigin: true });
  const run = await runAction({ repo, api });
  assert.equal(run.status, 1);
  assert.deepEqual(calls(), []);
  const commands = workflowCommands(run.stdout);
  assert.equal(commands.length, 1);
  assert.ok(commands[0].startsWith(`::error::tollgate: the base commit ${repo.baseSha} is not in this clone and could not be fetched from origin (`), commands[0]);
  assert.ok(commands[0].endsWith('Check out with `actions/checkout` and `fetch-depth: 0`, or make sure the job can reach the repository.'), commands[0]);
  assert.deepEqual(run.outputs, {});
  assert.equal(run.summary, '');
});

test('hostile prompt, tags and model name: rendered inert in the comment, the summary and the log', async () => {
  const repo = makeRepo(baseFiles(), { 'src/features/pwn.ts': hostile });
  const run = await runAction({ repo, api });
  assert.equal(run.status, 0);
  const [body] = comments();
  golden('hostile.comment.md', body);
  const rest = body.slice('<!-- tollgate -->'.length);
  for (const bad of ['<img', '</details><', '@everyone', FAKE_KEY, 'sk-proj-', '](https', '<!--', '`boom`']) assert.ok(!rest.includes(bad), `comment leaks ${bad}`);
  assert.equal(body.split('<details>').length, body.split('</details>').length);
  assert.ok(!run.stdout.includes(FAKE_KEY), 'log leaks the key');
  // The scanned text printed to the log sits inside a stop-commands block: the only command is the annotation.
  assert.deepEqual(workflowCommands(run.stdout), [
    '::warning file=src/features/pwn.ts,line=4,col=21,title=unknown-model::`gpt-4o-mini</details><img src=x onerror=alert(1)>` is not in the pricing table: its cost cannot be estimated',
  ]);
  assert.match(run.stdout, /^::stop-commands::tollgate-[0-9a-f]{32}$/m);
});
