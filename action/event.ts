import * as fs from 'fs';

// What the workflow run is about, from the runner's environment and the webhook payload it saved
// at GITHUB_EVENT_PATH. Only the few fields the action needs are read; a missing one is an error
// that names it.

export interface PullRequest {
  number: number;
  baseSha: string;
  baseRef: string;
  headSha: string;
  headRef: string;
  /** The head lives in another repository (a fork): its token usually cannot write. */
  fromFork: boolean;
}

export interface RunEvent {
  name: string;
  /** owner/name */
  repository: string;
  /** The commit the workflow checked out (for pull_request: the merge commit GitHub prepared). */
  sha: string | null;
  /** Set on pull_request and pull_request_target events. */
  pullRequest: PullRequest | null;
  /** pull_request_target runs with a write token on the base: the head is read through git, never checked out by us. */
  target: boolean;
}

export class EventError extends Error {}

const PR_EVENTS = ['pull_request', 'pull_request_target'];

function field(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function text(payload: unknown, path: string, file: string): string {
  const v = field(payload, path);
  if (typeof v !== 'string' || !v) throw new EventError(`the event payload ${file} has no ${path}`);
  return v;
}

export function readEvent(env: NodeJS.ProcessEnv): RunEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const base: RunEvent = { name, repository, sha: env.GITHUB_SHA || null, pullRequest: null, target: name === 'pull_request_target' };
  if (!PR_EVENTS.includes(name)) return base;
  const file = env.GITHUB_EVENT_PATH;
  if (!file) throw new EventError(`GITHUB_EVENT_PATH is not set for a ${name} event`);
  let payload: unknown;
  try {
    payload = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new EventError(`cannot read the event payload ${file}: ${(err as Error).message}`);
  }
  const number = field(payload, 'pull_request.number');
  if (typeof number !== 'number') throw new EventError(`the event payload ${file} has no pull_request.number`);
  const headRepo = field(payload, 'pull_request.head.repo.full_name');
  const baseRepo = field(payload, 'pull_request.base.repo.full_name');
  return {
    ...base,
    pullRequest: {
      number,
      baseSha: text(payload, 'pull_request.base.sha', file),
      baseRef: text(payload, 'pull_request.base.ref', file),
      headSha: text(payload, 'pull_request.head.sha', file),
      headRef: text(payload, 'pull_request.head.ref', file),
      fromFork: field(payload, 'pull_request.head.repo.fork') === true || (typeof headRepo === 'string' && typeof baseRepo === 'string' && headRepo !== baseRepo),
    },
  };
}
