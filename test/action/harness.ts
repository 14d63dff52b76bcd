import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ROOT } from '../helpers';
import type { MockGitHub } from './mock-github';
import { tmp, type Repo } from './repo';

// Runs the committed bundle as GitHub's runner would: `node action/dist/index.js` in the workspace,
// with the runner's variables, the webhook payload on disk, INPUT_* from action.yml's defaults
// (overridden per test), and the files it appends outputs and the job summary to.

export const BUNDLE = path.join(ROOT, 'action', 'dist', 'index.js');
export const TOKEN = 'ghs_mockTokenForTheTests';

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** The inputs action.yml declares, with their defaults as the runner would pass them. */
export function defaultInputs(): Record<string, string> {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) out[name] = spec.default === '${{ github.token }}' ? TOKEN : String(spec.default ?? '');
  return out;
}

export interface RunOptions {
  repo: Repo;
  api: MockGitHub;
  event?: 'pull_request' | 'pull_request_target' | 'push' | 'workflow_dispatch';
  inputs?: Record<string, string>;
  fork?: boolean;
  /** The pull request's author login, as it appears in the payload. */
  author?: string;
}

function payload(o: RunOptions): string {
  const text = fs
    .readFileSync(path.join(ROOT, 'test', 'action', 'fixtures', 'pull_request.synchronize.json'), 'utf8')
    .replace(/__BASE_SHA__/g, o.repo.baseSha)
    .replace(/__HEAD_SHA__/g, o.repo.headSha)
    .replace(/__HEAD_OWNER__/g, o.fork ? 'mallory' : 'acme')
    .replace(/__AUTHOR__/g, o.author ?? (o.fork ? 'mallory' : 'dana'))
    .replace(/__FORK__/g, String(!!o.fork));
  return JSON.stringify(JSON.parse(text), null, 2);
}

/** key=value lines and key<<DELIM heredocs, as the runner reads GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return out;
}

export async function runAction(o: RunOptions): Promise<ActionRun> {
  const runnerDir = tmp('tollgate-runner-');
  const event = o.event ?? 'pull_request';
  const eventPath = path.join(runnerDir, 'event.json');
  fs.writeFileSync(eventPath, event.startsWith('pull_request') ? payload(o) : JSON.stringify({ ref: 'refs/heads/feature', after: o.repo.headSha }));
  const outputFile = path.join(runnerDir, 'output.txt');
  const summaryFile = path.join(runnerDir, 'summary.md');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const inputs = { ...defaultInputs(), ...o.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: runnerDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'tollgate',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/support-desk',
    GITHUB_WORKSPACE: o.repo.workspace,
    GITHUB_SHA: o.repo.headSha,
    GITHUB_REF: event.startsWith('pull_request') ? 'refs/pull/7/merge' : 'refs/heads/feature',
    GITHUB_REF_NAME: event.startsWith('pull_request') ? '7/merge' : 'feature',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: o.api.url,
    GITHUB_GRAPHQL_URL: `${o.api.url}/graphql`,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerDir,
    // The day the table's age counts from: scripts/test.js pins it, so reports do not change with the calendar.
    ...(process.env.TOLLGATE_TODAY ? { TOLLGATE_TODAY: process.env.TOLLGATE_TODAY } : {}),
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  // Asynchronous on purpose: the mock API server answers from this same process while the action runs.
  const child = spawn(process.execPath, [BUNDLE], { cwd: o.repo.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { status, stdout, stderr, outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')), summary: fs.readFileSync(summaryFile, 'utf8') };
}
