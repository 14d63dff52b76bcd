import { lastLine } from '../shared/git/runner';
import type { GitRepository } from '../shared/diff/git';

// The git the action itself needs around the core's diff: making the base (and, for
// pull_request_target, the head) commit present in a shallow clone, and which lines a change
// touched. Every command goes through the core's runner, which runs nothing from the repository.

export class FetchError extends Error {}

export function hasCommit(repo: GitRepository, rev: string): boolean {
  return repo.quiet('cat-file', ['-e', '--end-of-options', `${rev}^{commit}`]) !== null;
}

/** A unique abbreviation for display. */
export function shortSha(repo: GitRepository, sha: string): string {
  return repo.quiet('rev-parse', ['--short=12', sha]) ?? sha.slice(0, 12);
}

/**
 * Makes a commit present: already there, or one fetch of just that commit from `origin` (what a
 * shallow `actions/checkout` lacks). `refs` are fallbacks that also lead to it (a pull request's
 * head ref). Returns how it was had, for the log; throws FetchError with the fix when it cannot be.
 */
export function ensureCommit(repo: GitRepository, sha: string, role: string, refs: string[] = []): 'present' | 'fetched' {
  if (hasCommit(repo, sha)) return 'present';
  // A full clone fetches the commit's missing history too, so merge bases stay computable; a shallow one just the commit.
  const depth = repo.quiet('rev-parse', ['--is-shallow-repository']) === 'true' ? ['--depth=1'] : [];
  const failures: string[] = [];
  for (const what of [sha, ...refs]) {
    try {
      // The checkout's own config stays in force here: actions/checkout keeps the token (http.<url>.extraheader) and any ssh command there.
      repo.run('fetch', ['--no-tags', ...depth, 'origin', what]);
    } catch (err) {
      failures.push(`${what}: ${lastLine(err)}`);
      continue;
    }
    if (hasCommit(repo, sha)) return 'fetched';
  }
  throw new FetchError(
    `the ${role} commit ${sha} is not in this clone and could not be fetched from origin (${failures.join('; ')}). ` +
      'Check out with `actions/checkout` and `fetch-depth: 0`, or make sure the job can reach the repository.',
  );
}

/** The merge base of two commits, or null (a shallow history without it). */
export function mergeBase(repo: GitRepository, a: string, b: string): string | null {
  return repo.quiet('merge-base', [a, b]);
}

/** Head-side line ranges a change touched, by path relative to the repository root; Infinity ends mean "the whole file". */
export type ChangedLines = Map<string, Array<[number, number]>>;

/** Lines added or modified between base and head (a commit, or the working tree with its untracked files). */
export function changedLines(repo: GitRepository, base: string, head: string | null): ChangedLines {
  const out: ChangedLines = new Map();
  const text = repo.run('diff', ['--unified=0', '--no-color', '--find-renames', base, ...(head ? [head] : []), '--'], { config: [['core.quotepath', 'off']] });
  let file: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = line.slice(4);
      file = name === '/dev/null' ? null : name.replace(/^b\//, '');
      continue;
    }
    const hunk = file && /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !file) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count === 0) continue;
    if (!out.has(file)) out.set(file, []);
    out.get(file)!.push([start, start + count - 1]);
  }
  if (!head) {
    for (const f of repo.run('ls-files', ['--others', '--exclude-standard', '-z']).split('\0').filter(Boolean)) out.set(f, [[1, Infinity]]);
  }
  return out;
}
