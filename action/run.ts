import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '../shared/config/load';
import { PricingFileError, readPricingFile, type PricingTableFile } from '../shared/pricing/table-file';
import { DiffError } from '../shared/diff';
import { renderDiffText } from '../shared/diff/text';
import { renderBill } from '../shared/reporters/bill';
import { renderFindings } from '../shared/reporters/findings';
import { renderJson } from '../shared/reporters/json';
import { analyseDirectory, type DirectoryReport, type Revisions } from './analyse';
import { annotationsFor, ANNOTATION_CAP } from './annotations';
import { commentWanted, syncComment, type CommentResult } from './comment';
import { composeComment } from './compose';
import { EventError, readEvent, type RunEvent } from './event';
import { changedLines, ensureCommit, FetchError, mergeBase, shortSha } from './git';
import { commitOf, openRepository, type GitRepository } from '../shared/diff/git';
import { GitHubClient } from './github';
import { InputError, readInputs, type Inputs } from './inputs';
import { Runner } from './runner';
import { outputAmount, totalsOf } from './totals';

// The action from start to exit status: inputs and event → revisions → the core per directory →
// log, annotations, job summary, outputs, the pull-request comment → 0 or 1.

/** Errors that are the workflow's or the repository's to fix: reported as one annotation, never a stack trace. */
const EXPECTED = [InputError, EventError, FetchError, DiffError];

function reportError(runner: Runner, err: unknown): void {
  if (err instanceof ConfigError) runner.error(`tollgate: ${err.message}`, { file: err.file, line: err.line, title: 'tollgate config' });
  else if (EXPECTED.some((E) => err instanceof E)) runner.error(`tollgate: ${(err as Error).message}`);
  else throw err;
}

function baseFromRef(root: GitRepository, ref: string): string {
  const have = commitOf(root, ref);
  if (have) return have;
  // A branch or tag the shallow clone lacks: fetch just its tip.
  ensureCommit(root, 'FETCH_HEAD', `base-ref ${ref}`, [ref]);
  const fetched = commitOf(root, 'FETCH_HEAD');
  if (!fetched) throw new FetchError(`input base-ref: cannot resolve "${ref}" after fetching it from origin`);
  return fetched;
}

function planRevisions(event: RunEvent, inputs: Inputs, root: GitRepository, runner: Runner, env: NodeJS.ProcessEnv): Revisions {
  const pr = event.pullRequest;
  let head: string | null = null;
  let headLabel = pr ? `${pr.headRef} (${pr.headSha.slice(0, 12)})` : `${env.GITHUB_REF_NAME || 'working tree'}${event.sha ? ` (${event.sha.slice(0, 12)})` : ''}`;
  if (pr && event.target) {
    // pull_request_target checks out the base: the head is read through git, never checked out or run.
    if (ensureCommit(root, pr.headSha, 'head', [`refs/pull/${pr.number}/head`]) === 'fetched') runner.log(`tollgate: fetched the head commit ${pr.headSha}`);
    head = pr.headSha;
  }
  if (inputs.baseRef) {
    return { base: baseFromRef(root, inputs.baseRef), head, baseLabel: inputs.baseRef, headLabel };
  }
  if (!pr) return { base: null, head: null, baseLabel: '', headLabel };
  if (ensureCommit(root, pr.baseSha, 'base') === 'fetched') runner.log(`tollgate: fetched the base commit ${pr.baseSha}`);
  let base = pr.baseSha;
  if (head) {
    // The branch may be behind its base: compare with where it forked, or the base's newer commits would count as removed.
    const fork = mergeBase(root, base, head);
    if (fork) base = fork;
    else runner.notice(`tollgate: no merge base of ${pr.baseSha.slice(0, 12)} and ${pr.headSha.slice(0, 12)} in this clone (use fetch-depth: 0); comparing with the base branch's tip`);
  }
  headLabel = `${pr.headRef} (${shortSha(root, pr.headSha)})`;
  return { base, head, baseLabel: `${pr.baseRef} (${shortSha(root, base)})`, headLabel };
}

function textReport(r: DirectoryReport): string {
  return renderBill(r.result) + (r.result.diff ? '\n' + renderDiffText(r.result.diff) : '') + renderFindings(r.result, { color: false });
}

function reportJsonPath(env: NodeJS.ProcessEnv): string {
  const step = (env.GITHUB_ACTION || 'run').replace(/[^A-Za-z0-9_.-]/g, '_');
  return path.join(env.RUNNER_TEMP || os.tmpdir(), `tollgate-${step}.json`);
}

async function postComment(event: RunEvent, inputs: Inputs, body: string, reports: DirectoryReport[], env: NodeJS.ProcessEnv, runner: Runner): Promise<string | null> {
  const pr = event.pullRequest;
  if (!pr || inputs.comment === 'off') return null;
  const noComment = (why: string) => {
    const text = `tollgate: no pull-request comment: ${why}. The report is in the job summary and the log.`;
    runner.notice(text);
    return text;
  };
  if (!inputs.token) return noComment('no github-token was given');
  const apiUrl = env.GITHUB_API_URL || 'https://api.github.com';
  const client = new GitHubClient(apiUrl, env.GITHUB_GRAPHQL_URL || `${apiUrl.replace(/\/+$/, '')}/graphql`, inputs.token, event.repository);
  const totals = totalsOf(reports);
  const wanted = commentWanted(inputs, { callSitesChanged: totals.callSitesChanged, change: totals.change, changePercent: totals.changePercent, policyFailed: totals.failed, unknownChange: totals.unknownChange });
  let result: CommentResult;
  try {
    result = await syncComment(client, pr.number, body, inputs.comment, inputs.marker, wanted);
  } catch (err) {
    // GitHub being down must not turn the check red: the verdict is the policy's.
    runner.warning(`tollgate: could not update the pull-request comment: ${(err as Error).message}`);
    return null;
  }
  if (result.kind === 'denied') {
    const fork = pr.fromFork ? 'this pull request comes from a fork, whose workflow token is read-only' : 'the token cannot write to this pull request (needs permissions: pull-requests: write)';
    return noComment(`${fork} (${result.why})`);
  }
  if (result.kind === 'skipped') runner.log(`tollgate: no comment: ${result.why}`);
  else runner.log(`tollgate: comment ${result.id} ${result.kind}${result.kind === 'created' && result.removed ? ` (${result.removed} earlier ${inputs.comment === 'hide-and-new' ? 'hidden' : 'deleted'})` : ''}`);
  return null;
}

/** The `pricing` input: a table inside the workspace only (the workflow of a pull request names it; a path out of the checkout is refused). */
function readPricingInput(file: string | null, workspace: string): PricingTableFile | null {
  if (!file) return null;
  try {
    return readPricingFile(file, file, workspace);
  } catch (err) {
    if (err instanceof PricingFileError) throw new InputError(`input pricing: ${err.message}`);
    throw err;
  }
}

/** Runs the action with a runner's environment; resolves to the exit status. */
export async function runAction(env: NodeJS.ProcessEnv, write?: (text: string) => void): Promise<number> {
  const runner = new Runner(env, write);
  let inputs: Inputs;
  let event: RunEvent;
  let reports: DirectoryReport[];
  let revisions: Revisions;
  let root: GitRepository;
  try {
    inputs = readInputs(env);
    event = readEvent(env);
    const workDir = path.resolve(env.GITHUB_WORKSPACE || process.cwd(), inputs.workingDirectory);
    if (!fs.existsSync(workDir)) throw new InputError(`input working-directory: ${inputs.workingDirectory} does not exist`);
    // Relative paths from here on, so reports name files the way the workflow does.
    process.chdir(workDir);
    const repo = openRepository(workDir);
    if (!repo) throw new DiffError(`${workDir} is not inside a git repository: check out the repository first (actions/checkout)`);
    root = repo;
    if (inputs.config && !fs.existsSync(inputs.config)) throw new InputError(`input config: ${inputs.config} does not exist (relative to ${inputs.workingDirectory})`);
    const pricingTable = readPricingInput(inputs.pricing, path.resolve(env.GITHUB_WORKSPACE || workDir));
    revisions = planRevisions(event, inputs, root, runner, env);
    reports = [];
    for (const p of inputs.paths) {
      reports.push(analyseDirectory({ dir: p, display: p, repo: root, revisions, configFile: inputs.config, failOn: inputs.failOn, failOnExisting: inputs.failOnExisting, pricingTable }));
    }
  } catch (err) {
    reportError(runner, err);
    return 1;
  }

  for (const r of reports) runner.untrustedGroup(`tollgate report: ${r.path}`, textReport(r));

  const changed = revisions.base ? changedLines(root, revisions.base, revisions.head) : null;
  const notes = annotationsFor(reports, changed);
  if (notes.text) runner.log(notes.text.trimEnd());
  if (notes.omitted) runner.notice(`tollgate: ${notes.omitted} more finding${notes.omitted === 1 ? '' : 's'} ${changed ? 'on changed lines ' : ''}not annotated (GitHub shows ${ANNOTATION_CAP} errors and ${ANNOTATION_CAP} warnings per step); the job summary lists every finding`);

  const body = composeComment(reports, inputs.marker);
  const totals = totalsOf(reports);
  const jsonFile = reportJsonPath(env);
  fs.writeFileSync(jsonFile, JSON.stringify(reports.map((r) => ({ path: r.path, report: JSON.parse(renderJson(r.result)) })), null, 2) + '\n');
  runner.setOutput('monthly-cost', outputAmount(totals.head));
  runner.setOutput('monthly-cost-base', outputAmount(totals.base));
  runner.setOutput('monthly-cost-change', outputAmount(totals.change));
  runner.setOutput('monthly-cost-change-percent', totals.changePercent === null ? '' : String(totals.changePercent));
  runner.setOutput('findings', String(totals.findings));
  runner.setOutput('failed', String(totals.failed));
  runner.setOutput('report-json', jsonFile);

  const why = await postComment(event, inputs, body, reports, env, runner);
  runner.appendSummary(why ? `${body}\n> [!NOTE]\n> ${why}\n` : body);

  if (!totals.failed) return 0;
  const failedIn = reports.filter((r) => r.result.policy.failed).map((r) => r.path);
  runner.error(`tollgate: policy failed (fail-on: ${inputs.failOn}) in ${failedIn.join(', ')}: see the findings above and the job summary`);
  return 1;
}
