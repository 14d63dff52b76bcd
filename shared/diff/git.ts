import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Reading revisions through git without touching the user's checkout: `git archive` of a commit
// into a temporary folder. Every git call takes an argument array, never a shell string, so a ref
// or path from the user is data and cannot run anything.

/** A revision that cannot be read; the message names the fix. The CLI exits 2 on it. */
export class DiffError extends Error {}

/** Runs git with an argument array (never a shell string); throws with git's stderr on failure. */
export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** git's trimmed output, or null when it fails. */
export function gitQuiet(cwd: string, args: string[]): string | null {
  try {
    return git(cwd, args).trim();
  } catch {
    return null;
  }
}

/** The work tree root of the repository holding dir, or null when dir is not in a git work tree. */
export function workTreeRoot(dir: string): string | null {
  return gitQuiet(dir, ['rev-parse', '--show-toplevel']);
}

/** The full sha of the commit a revision names, or null. */
export function commitOf(root: string, rev: string): string | null {
  return gitQuiet(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
}

/** The work tree root of the repository holding dir. */
export function repoRoot(dir: string): string {
  const top = workTreeRoot(dir);
  if (!top) throw new DiffError(`not inside a git repository: ${dir} (tollgate diff reads the base revision through git)`);
  return fs.realpathSync(top);
}

/** The commit a ref names; a missing ref or a shallow history is an error that says how to fetch it. */
export function resolveCommit(root: string, ref: string, role: 'base' | 'head'): string {
  if (ref.startsWith('-')) throw new DiffError(`--${role} "${ref}" is not a git ref`);
  const sha = commitOf(root, ref);
  if (sha) return sha;
  const shallow = gitQuiet(root, ['rev-parse', '--is-shallow-repository']) === 'true';
  const remoteRef = ref.replace(/^origin\//, '');
  throw new DiffError(
    `cannot read the ${role} revision "${ref}": no such commit in this repository${shallow ? ' (this is a shallow clone)' : ''}. ` +
      `Fetch it first: \`git fetch origin ${remoteRef}\`, or in GitHub Actions check out the full history with ` +
      '`actions/checkout` and `fetch-depth: 0`.',
  );
}

/** The commit's files under a new temporary folder; call `dispose` when done (also on error). */
export function extractCommit(root: string, sha: string): { dir: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-rev-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const tar = path.join(dir, '.tollgate-rev.tar');
    const tree = path.join(dir, 'tree');
    fs.mkdirSync(tree);
    git(root, ['archive', '--format=tar', '-o', tar, sha]);
    execFileSync('tar', ['-xf', tar, '-C', tree], { stdio: ['ignore', 'pipe', 'pipe'] });
    fs.rmSync(tar);
    return { dir: tree, dispose };
  } catch (err) {
    dispose();
    const detail = ((err as { stderr?: Buffer | string }).stderr ?? '').toString().trim() || (err as Error).message;
    throw new DiffError(`cannot read revision ${sha.slice(0, 12)} through git archive: ${detail}. If the history is shallow, fetch it (\`fetch-depth: 0\`).`);
  }
}

/** Blob ids of files (paths relative to root, / separators) at a commit. */
export function blobsAtCommit(root: string, sha: string, paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!paths.length) return out;
  const text = git(root, ['ls-tree', '-r', '-z', '--full-tree', sha]);
  const wanted = new Set(paths);
  for (const entry of text.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, blob] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (type === 'blob' && wanted.has(file)) out.set(file, blob);
  }
  return out;
}

/** Blob ids the working tree's files would have (git hash-object, honouring the repo's filters). */
export function blobsInWorkTree(root: string, paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!paths.length) return out;
  const ids = git(root, ['hash-object', '--stdin-paths'], paths.join('\n') + '\n').trim().split('\n');
  paths.forEach((p, i) => out.set(p, ids[i]));
  return out;
}

/**
 * Paths (relative to root, / separators) whose contents differ between the base commit and the head
 * (a commit, or the working tree plus its untracked files). Renames count as a removal and an
 * addition, so both names are listed.
 */
export function changedPaths(root: string, baseSha: string, headSha: string | null, options: { ignoredToo: boolean }): string[] {
  const split = (text: string) => text.split('\0').filter(Boolean);
  const diff = split(git(root, ['diff', '--name-only', '--no-renames', '-z', '--no-ext-diff', baseSha, ...(headSha ? [headSha] : []), '--']));
  if (headSha) return [...new Set(diff)].sort();
  // The scan reads ignored files too when told to (--no-gitignore): list them then.
  const untracked = split(git(root, ['ls-files', '--others', '-z', ...(options.ignoredToo ? [] : ['--exclude-standard'])]));
  return [...new Set([...diff, ...untracked])].sort();
}
