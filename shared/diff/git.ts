import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GitRepository, GitSetupError, lastLine } from '../git/runner';
import { materialiseRevision, RevisionError, type RevisionNote } from '../git/revision';

// Reading revisions through git without touching the user's checkout: a commit's files written
// into a temporary folder. All git runs through shared/git/runner.ts, which runs nothing from the
// repository.

export { GitRepository } from '../git/runner';
export type { RevisionNote } from '../git/revision';

/** A revision that cannot be read; the message names the fix. The CLI exits 2 on it. */
export class DiffError extends Error {}

/** The repository whose work tree holds dir, or null when dir is in none; DiffError when git cannot run there safely. */
export function openRepository(dir: string): GitRepository | null {
  try {
    return GitRepository.open(dir);
  } catch (err) {
    if (err instanceof GitSetupError) throw new DiffError(err.message);
    throw err;
  }
}

/** The repository whose work tree holds dir. */
export function repoRoot(dir: string): GitRepository {
  const repo = openRepository(dir);
  if (!repo) throw new DiffError(`not inside a git repository: ${dir} (tollgate diff reads the base revision through git)`);
  return repo;
}

/** The full sha of the commit a revision names, or null. */
export function commitOf(repo: GitRepository, rev: string): string | null {
  return repo.quiet('rev-parse', ['--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
}

/** The commit a ref names; a missing ref or a shallow history is an error that says how to fetch it. */
export function resolveCommit(repo: GitRepository, ref: string, role: 'base' | 'head'): string {
  if (ref.startsWith('-')) throw new DiffError(`--${role} "${ref}" is not a git ref`);
  const sha = commitOf(repo, ref);
  if (sha) return sha;
  const shallow = repo.quiet('rev-parse', ['--is-shallow-repository']) === 'true';
  const remoteRef = ref.replace(/^origin\//, '');
  throw new DiffError(
    `cannot read the ${role} revision "${ref}": no such commit in this repository${shallow ? ' (this is a shallow clone)' : ''}. ` +
      `Fetch it first: \`git fetch origin ${remoteRef}\`, or in GitHub Actions check out the full history with ` +
      '`actions/checkout` and `fetch-depth: 0`.',
  );
}

export interface ExtractedCommit {
  dir: string;
  /** Tree entries not written (symbolic links, submodules, unsafe paths), by path from the repository's top. */
  notes: RevisionNote[];
  dispose: () => void;
}

/** The commit's files under a new temporary folder; call `dispose` when done (also on error). */
export function extractCommit(repo: GitRepository, sha: string): ExtractedCommit {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-rev-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const tree = path.join(dir, 'tree');
    fs.mkdirSync(tree);
    const notes = materialiseRevision(repo, sha, tree);
    return { dir: tree, notes, dispose };
  } catch (err) {
    dispose();
    if (err instanceof RevisionError) throw new DiffError(err.message);
    const detail = lastLine(err);
    // Revisions are read offline (shared/git/runner.ts): a partial clone cannot fetch the blobs it lacks.
    const fix = /promisor remote/.test(detail)
      ? 'This is a partial clone, and tollgate reads revisions without fetching: clone without `--filter` (in actions/checkout, no `filter:`).'
      : 'If the history is shallow, fetch it (`fetch-depth: 0`).';
    throw new DiffError(`cannot read revision ${sha.slice(0, 12)} through git: ${detail}. ${fix}`);
  }
}

/**
 * Paths (relative to the repository's top, / separators) whose contents differ between the base
 * commit and the head (a commit, or the working tree plus its untracked files). Renames count as
 * a removal and an addition, so both names are listed.
 */
export function changedPaths(repo: GitRepository, baseSha: string, headSha: string | null, options: { ignoredToo: boolean }): string[] {
  const split = (text: string) => text.split('\0').filter(Boolean);
  const diff = split(repo.run('diff', ['--name-only', '--no-renames', '-z', baseSha, ...(headSha ? [headSha] : []), '--']));
  if (headSha) return [...new Set(diff)].sort();
  // The scan reads ignored files too when told to (--no-gitignore): list them then.
  const untracked = split(repo.run('ls-files', ['--others', '-z', ...(options.ignoredToo ? [] : ['--exclude-standard'])]));
  return [...new Set([...diff, ...untracked])].sort();
}
