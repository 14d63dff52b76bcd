import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers';
import { mockGitHubForFile } from './mock-github';
import { cleanup, makeRepo } from './repo';
import { runAction } from './harness';
import { baseFiles, CONFIG, golden, reply, summarize, workflowCommands } from './app';

// The bundle on the other events and settings: push (no comment), pull_request_target (the head
// read through git, the base checked out), several directories, and the comment modes and markers.

const api = mockGitHubForFile(cleanup);

const LIST = 'GET /repos/acme/support-desk/issues/7/comments?per_page=100&page=1';
const POST = 'POST /repos/acme/support-desk/issues/7/comments';
/** A workflow command without its message: `::error file=…,line=…`. */
const commandOnly = (l: string) => '::' + l.split('::')[1];
const calls = () => api.requests.map((r) => `${r.method} ${r.url}`);
const upHead = { 'src/features/summarize.ts': summarize('gpt-4.1'), 'src/features/reply.ts': reply };
const costUp = () => fs.readFileSync(path.join(ROOT, 'test', 'golden', 'action', 'cost-up.comment.md'), 'utf8');

test('push: scan, summary, outputs and status; every finding annotated (no base to compare); no comment', async () => {
  const repo = makeRepo(baseFiles(), upHead);
  const run = await runAction({ repo, api, event: 'push' });
  assert.equal(run.status, 1);
  assert.deepEqual(calls(), []);
  golden('push.summary.md', run.summary);
  assert.deepEqual(
    workflowCommands(run.stdout).map(commandOnly),
    [
      '::error file=src/features/reply.ts,line=6,col=21,title=missing-attribution',
      '::warning file=src/features/classify.ts,line=4,col=21,title=unbounded-output',
      '::warning file=src/features/reply.ts,line=6,col=21,title=frontier-default',
      '::error',
    ],
  );
  const { 'report-json': _, ...outputs } = run.outputs;
  assert.deepEqual(outputs, { 'monthly-cost': '426.09', 'monthly-cost-base': '', 'monthly-cost-change': '', 'monthly-cost-change-percent': '', findings: '3', failed: 'true' });
});

test('push with base-ref: the comparison against that ref, still no comment', async () => {
  const repo = makeRepo(baseFiles(), upHead);
  const run = await runAction({ repo, api, event: 'push', inputs: { 'base-ref': 'origin/main' } });
  assert.equal(run.status, 1);
  assert.deepEqual(calls(), []);
  assert.equal(run.outputs['monthly-cost-change'], '402.17');
  assert.match(run.summary, /\*\*\$23\.92 → \$426\.09 per month\*\* \(origin\/main → feature \\\([0-9a-f]{12}\\\)\)/);
});

test('pull_request_target: the base is checked out, the head is fetched and read through git, never checked out', async () => {
  const repo = makeRepo(baseFiles(), upHead, { checkoutBase: true });
  const run = await runAction({ repo, api, event: 'pull_request_target' });
  assert.equal(run.status, 1);
  assert.match(run.stdout, new RegExp(`^tollgate: fetched the head commit ${repo.headSha}$`, 'm'));
  // Same comparison as the pull_request run on a checkout of the head.
  assert.equal(api.list(7)[0].body, costUp());
  assert.ok(!fs.existsSync(path.join(repo.workspace, 'src', 'features', 'reply.ts')), 'the working tree stays on the base');
  assert.deepEqual(calls(), [LIST, POST]);
});

test('several directories: one comment with a section per directory, annotations with repository paths', async () => {
  const app = (model: string) => ({ 'tollgate.yml': CONFIG, 'src/lib/openai.ts': baseFiles()['src/lib/openai.ts'], 'src/features/summarize.ts': summarize(model) });
  const prefixed = (dir: string, files: Record<string, string | null>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));
  const repo = makeRepo({ ...prefixed('apps/web', app('gpt-4o-mini')), ...prefixed('apps/api', app('gpt-4o-mini')) }, { ...prefixed('apps/api', { 'src/features/summarize.ts': summarize('gpt-4.1'), 'src/features/reply.ts': reply }) });
  const run = await runAction({ repo, api, inputs: { path: 'apps/web\napps/api\n' } });
  assert.equal(run.status, 1);
  const [body] = api.list(7).map((c) => c.body);
  golden('monorepo.comment.md', body);
  assert.equal(run.summary, body);
  assert.deepEqual(
    workflowCommands(run.stdout).map(commandOnly),
    ['::error file=apps/api/src/features/reply.ts,line=6,col=21,title=missing-attribution', '::warning file=apps/api/src/features/reply.ts,line=6,col=21,title=frontier-default', '::error'],
  );
  assert.equal(workflowCommands(run.stdout).at(-1), '::error::tollgate: policy failed (fail-on: error) in apps/api: see the findings above and the job summary');
  const report = JSON.parse(fs.readFileSync(run.outputs['report-json'], 'utf8')) as Array<{ path: string }>;
  assert.deepEqual(report.map((r) => r.path), ['apps/web', 'apps/api']);
  assert.equal(run.outputs['monthly-cost-change'], '402.17');
});

test('hide-and-new and delete-and-new: a new comment, the earlier ones hidden or deleted; other markers untouched', async () => {
  const repo = makeRepo(baseFiles('gpt-4.1'), { 'src/features/summarize.ts': summarize('gpt-4o-mini') });
  const old = api.addComment(7, '<!-- tollgate -->\nan older report\n', 'github-actions[bot]');
  const other = api.addComment(7, '<!-- tollgate-web -->\nthe web job\'s report\n', 'github-actions[bot]');
  const hidden = await runAction({ repo, api, inputs: { comment: 'hide-and-new' } });
  assert.equal(hidden.status, 0);
  assert.deepEqual(calls(), [LIST, POST, 'POST /graphql']);
  assert.deepEqual(api.requests[2].body, {
    query: 'mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }',
    variables: { id: old.node_id },
  });
  const created = api.list(7)[2].id;
  assert.deepEqual(api.list(7).map((c) => [c.id, c.minimized]), [[old.id, true], [other.id, false], [created, false]]);

  api.requests.length = 0;
  api.list(7).at(-1)!.body = '<!-- tollgate -->\nstale\n';
  const deleted = await runAction({ repo, api, inputs: { comment: 'delete-and-new' } });
  assert.equal(deleted.status, 0);
  assert.deepEqual(calls(), [LIST, POST, `DELETE /repos/acme/support-desk/issues/comments/${old.id}`, `DELETE /repos/acme/support-desk/issues/comments/${created}`]);
  assert.deepEqual(api.list(7).map((c) => c.id), [other.id, created + 1]);
});

test('a custom comment-marker keeps its own comment beside the default one', async () => {
  const repo = makeRepo(baseFiles('gpt-4.1'), { 'src/features/summarize.ts': summarize('gpt-4o-mini') });
  const mine = api.addComment(7, '<!-- tollgate -->\nthe default job\n', 'github-actions[bot]');
  const run = await runAction({ repo, api, inputs: { 'comment-marker': 'tollgate-web' } });
  assert.equal(run.status, 0);
  assert.deepEqual(calls(), [LIST, POST]);
  assert.equal(api.list(7)[0].body, mine.body);
  assert.ok(api.list(7)[1].body.startsWith('<!-- tollgate-web -->\n## tollgate: −$181.53/month'));
});

test('bad inputs: one error annotation naming the input, exit 1, nothing scanned or posted', async () => {
  const repo = makeRepo(baseFiles(), {});
  const run = await runAction({ repo, api, inputs: { 'fail-on': 'sometimes' } });
  assert.equal(run.status, 1);
  assert.deepEqual(workflowCommands(run.stdout), ['::error::tollgate: input fail-on: "sometimes" is not one of error, warning, never']);
  assert.deepEqual(calls(), []);
});

test('a broken tollgate.yml: an error annotation on its file and line', async () => {
  const repo = makeRepo(baseFiles(), { 'tollgate.yml': 'usage:\n  default: lots\n' });
  const run = await runAction({ repo, api });
  assert.equal(run.status, 1);
  assert.deepEqual(calls(), []);
  const commands = workflowCommands(run.stdout);
  assert.equal(commands.length, 1);
  assert.match(commands[0], /^::error file=tollgate\.yml,line=2,title=tollgate config::tollgate: tollgate\.yml:2:\d+: /);
});
