import * as fs from 'fs';
import * as path from 'path';

// Finding the work tree that holds a folder without asking git. Git's own discovery also accepts
// any folder laid out as a bare repository (HEAD, config, objects/, refs/), and a pull request
// can commit one: git would then read that folder's config and run the programs it names. We
// accept only what a checkout makes, a `.git` folder or a `.git` file (`gitdir: ...`, as linked
// worktrees and submodules have), and a pull request cannot commit an entry named `.git`.

export interface WorkTree {
  /** The work tree's top: a real path. */
  top: string;
  /** The repository folder git must use for it: a real path. */
  gitDir: string;
}

/** A `.git` file is one short line; anything longer is not one. */
const MAX_GITFILE_BYTES = 4096;

/** The work tree holding dir (or dir itself), or null when no folder from dir up has a `.git`. */
export function findWorkTree(dir: string): WorkTree | null {
  let at: string;
  try {
    at = fs.realpathSync(dir);
  } catch {
    return null;
  }
  for (;;) {
    const gitDir = gitDirOf(at);
    if (gitDir) return { top: at, gitDir };
    const parent = path.dirname(at);
    if (parent === at) return null;
    at = parent;
  }
}

/** The repository folder that dir's `.git` names, or null when dir has no usable `.git`. */
function gitDirOf(dir: string): string | null {
  const dotGit = path.join(dir, '.git');
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dotGit);
  } catch {
    return null;
  }
  // A symbolic link named .git is neither what git init nor a checkout makes: not followed.
  if (st.isDirectory()) return looksLikeGitDir(dotGit) ? dotGit : null;
  if (!st.isFile() || st.size > MAX_GITFILE_BYTES) return null;
  let text: string;
  try {
    text = fs.readFileSync(dotGit, 'utf8');
  } catch {
    return null;
  }
  const m = /^gitdir: (.+?)\r?\n?$/.exec(text);
  if (!m) return null;
  try {
    const target = fs.realpathSync(path.resolve(dir, m[1]));
    return fs.statSync(target).isDirectory() && looksLikeGitDir(target) ? target : null;
  } catch {
    return null;
  }
}

/** The least a repository folder has: git itself refuses one without HEAD. */
function looksLikeGitDir(dir: string): boolean {
  try {
    return fs.lstatSync(path.join(dir, 'HEAD')).isFile();
  } catch {
    return false;
  }
}
