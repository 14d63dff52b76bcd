import { execFileSync } from 'child_process';
import * as path from 'path';
import { removeTempDirs, tempDir, writeFiles } from '../helpers';

// Real git repositories for the action's tests: an "origin" (a bare repository, as GitHub would
// hold it) with a base and a head commit, and a workspace cloned from it the way actions/checkout
// does (full history, or shallow with only the head). Commit dates are fixed so shas, and with them
// the golden comment bodies, are the same on every run.

export const cleanup = removeTempDirs;
export const tmp = tempDir;

const DATE = '2026-01-15T12:00:00Z';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=tollgate-test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_DATE: DATE, GIT_COMMITTER_DATE: DATE, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();
}

export type Files = Record<string, string | null>;


export interface Repo {
  /** The bare repository the workspace's `origin` points at. */
  origin: string;
  workspace: string;
  baseSha: string;
  headSha: string;
}

export interface RepoOptions {
  /** Clone only the head commit (actions/checkout's default fetch-depth: 1). */
  shallow?: boolean;
  /** Point origin at a path that does not exist after cloning: nothing can be fetched. */
  unreachableOrigin?: boolean;
  /** Check out the base branch alone, as pull_request_target does: the head commit is not in the clone. */
  checkoutBase?: boolean;
}

/** base files, then head changes (null deletes) on a `feature` branch, pushed to a bare origin and cloned. */
export function makeRepo(base: Files, head: Files, options: RepoOptions = {}): Repo {
  const src = tmp('tollgate-action-src-');
  git(src, 'init', '-q');
  writeFiles(src, base);
  git(src, 'add', '-A');
  git(src, 'commit', '-q', '-m', 'base');
  const baseSha = git(src, 'rev-parse', 'HEAD');
  git(src, 'checkout', '-q', '-b', 'feature');
  writeFiles(src, head);
  git(src, 'add', '-A');
  git(src, 'commit', '-q', '--allow-empty', '-m', 'head');
  const headSha = git(src, 'rev-parse', 'HEAD');
  const origin = path.join(tmp('tollgate-action-origin-'), 'repo.git');
  git(src, 'clone', '-q', '--bare', src, origin);
  // GitHub serves any reachable commit by its sha; a plain bare repository must be told to.
  git(origin, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
  const workspace = path.join(tmp('tollgate-action-ws-'), 'repo');
  // A file:// URL, because git ignores --depth for plain local paths.
  git(path.dirname(workspace), 'clone', '-q', '--no-tags', ...(options.shallow ? ['--depth=1'] : []), ...(options.checkoutBase ? ['--single-branch', '--branch', 'main'] : ['--branch', 'feature']), `file://${origin}`, workspace);
  if (options.unreachableOrigin) git(workspace, 'remote', 'set-url', 'origin', `file://${origin}-gone`);
  return { origin, workspace, baseSha, headSha };
}
