import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findWorkTree } from './worktree';

// The one way tollgate runs git (the CLI, the action and the core alike). The scanned tree is a
// pull request's, so git must run nothing from it:
// - git runs only at a work tree top we found ourselves (./worktree.ts), named explicitly with
//   --git-dir and --work-tree: git never discovers a repository, so a folder the pull request
//   laid out as one (with core.fsmonitor, filters or textconv in its config) is never opened;
// - no inherited GIT_* variable (GIT_DIR, GIT_CONFIG_*, GIT_EXTERNAL_DIFF, GIT_SSH, ...) reaches
//   git, and neither system nor global config is read: earlier steps of a job may have run the
//   pull request's code, which can write ~/.gitconfig;
// - every key that can start a program is overridden on the command line (the protected scope
//   that beats the repository's own .git/config), and the commands that could run an external
//   diff, a text conversion or a filter get the flags that forbid it.
// Arguments are arrays, never shell strings, so a ref or path is data.

/** Subcommands tollgate runs, each with the flags it must always carry. */
const COMMANDS = {
  'rev-parse': [],
  'cat-file': [],
  'ls-tree': [],
  'ls-files': [],
  'merge-base': [],
  // A submodule's dirtiness would be checked by running git inside it: only its recorded commit counts.
  diff: ['--no-ext-diff', '--no-textconv', '--ignore-submodules=dirty'],
  fetch: ['--no-recurse-submodules'],
} satisfies Record<string, string[]>;

export type GitCommand = keyof typeof COMMANDS;

/** Commands that talk to a remote. Every other one works offline and may not start a transport. */
const NETWORK: ReadonlySet<GitCommand> = new Set(['fetch']);

/**
 * Overrides for every command. Keys git documents as running a program that none of our commands
 * can reach are left alone: core.editor, sequence.editor (no commit or rebase), gpg.program (no
 * signature is verified), alias.* (built-in commands win over aliases), uploadpack.packObjectsHook
 * (honoured only in system or global config, which is not read), core.alternateRefsCommand (only
 * for a fetch into a repository with alternates, set up by the checkout itself).
 */
const ALWAYS: Array<[string, string]> = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  // Git works only with the repository named by --git-dir, never with one it happens upon.
  ['safe.bareRepository', 'explicit'],
  ['core.pager', 'cat'],
  // Attributes come only from the tree; the user's own file could name a filter for every path.
  ['core.attributesFile', '/dev/null'],
  ['submodule.recurse', 'false'],
  // ext:: URLs run a command; a remote URL rewritten to one (url.<base>.insteadOf) must not.
  ['protocol.ext.allow', 'never'],
  // A fetch ends with `git maintenance run --auto` (gc, and its pre-auto-gc hook): not in our run.
  ['maintenance.auto', 'false'],
  ['gc.auto', '0'],
];

/**
 * Offline commands get no transport at all: a partial clone would otherwise fetch a missing blob
 * on demand, through the remote's URL and whatever it starts (core.sshCommand, core.gitProxy,
 * remote.<name>.uploadpack, askpass, credential helpers). A per-protocol policy in the
 * repository's config beats protocol.allow, so each one git knows is closed too. The helpers
 * are emptied as well, should a transport open anyway: an empty credential.helper clears the
 * list, and an empty askPass leaves only the terminal prompt, which GIT_TERMINAL_PROMPT=0 shuts.
 */
const OFFLINE: Array<[string, string]> = [
  ['protocol.allow', 'never'],
  ...['file', 'git', 'http', 'https', 'ssh', 'ext'].map((p): [string, string] => [`protocol.${p}.allow`, 'never']),
  ['credential.helper', ''],
  ['core.askPass', ''],
];

/** Driver sections whose keys run programs: git reads them from the repository's config only. */
const DRIVER_KEYS: Record<string, Array<[string, string]>> = {
  filter: [
    ['clean', ''],
    ['smudge', ''],
    ['process', ''],
    // A required filter that does not run is an error; one that is not required is a no-op.
    ['required', 'false'],
  ],
  diff: [
    ['textconv', ''],
    ['command', ''],
  ],
  merge: [['driver', '']],
};

/** Output larger than this is not an answer tollgate can use. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Git could not be set up to run safely for a folder; the message names the folder and the fix. */
export class GitSetupError extends Error {}

export interface RunOptions {
  /** Settings of the caller's (output format): ours come after them, so they cannot undo one. */
  config?: Array<[string, string]>;
  input?: string | Buffer;
  maxBuffer?: number;
}

/** The environment git runs with: the caller's, minus everything git reads from it, plus our own settings. */
export function gitEnvironment(from: NodeJS.ProcessEnv, top: string, offline: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(from)) if (!k.toUpperCase().startsWith('GIT_')) env[k] = v;
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_CONFIG_GLOBAL = '/dev/null';
  env.GIT_ATTR_NOSYSTEM = '1';
  env.GIT_TERMINAL_PROMPT = '0';
  // Read-only commands must not write the index (a refresh would), nor anything else.
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_PAGER = 'cat';
  env.GIT_CEILING_DIRECTORIES = path.dirname(top);
  if (offline) env.GIT_NO_LAZY_FETCH = '1';
  return env;
}

const configArgs = (pairs: Array<[string, string]>) => pairs.flatMap(([k, v]) => ['-c', `${k}=${v}`]);

/** One repository's work tree, verified; every git command for it goes through `run`. */
export class GitRepository {
  private driverOverrides: Array<[string, string]> | null = null;

  private constructor(
    /** The work tree's top (a real path): the cwd of every command. */
    readonly top: string,
    readonly gitDir: string,
  ) {}

  /**
   * The repository whose work tree holds dir; null when no folder from dir up has a `.git`.
   * Throws GitSetupError when git does not agree on the work tree's top.
   */
  static open(dir: string): GitRepository | null {
    const found = findWorkTree(dir);
    if (!found) return null;
    const repo = new GitRepository(found.top, found.gitDir);
    repo.verify();
    return repo;
  }

  /**
   * Asks git, letting it discover the repository from the top for this one call, whether it sees
   * the same top and repository folder: a `.git` that git reads differently (core.bare, a
   * core.worktree elsewhere, a broken gitfile) is refused rather than guessed at.
   *
   * safe.directory: discovery refuses a work tree owned by another user. In a GitHub Actions
   * container job the checkout belongs to the runner's user while the job runs as root, and
   * actions/checkout declares the folder safe in the global config, which we no longer read. We
   * found and checked this top ourselves, so we declare it on the command line, a protected scope
   * git honours for safe.directory. Every other command names --git-dir explicitly, for which git
   * makes no ownership check.
   */
  private verify(): void {
    let out: string;
    try {
      out = this.exec(['-c', `safe.directory=${this.top}`, ...configArgs([...ALWAYS, ...OFFLINE]), 'rev-parse', '--show-toplevel', '--absolute-git-dir'], true, {});
    } catch (err) {
      throw new GitSetupError(`git cannot read the repository at ${this.top}: ${lastLine(err)}`);
    }
    const [top, gitDir] = out.split('\n');
    if (!samePath(top, this.top) || !samePath(gitDir, this.gitDir)) {
      throw new GitSetupError(`git does not agree that ${this.top} is the top of a work tree with its repository in ${this.gitDir} (git says ${top || '(none)'} and ${gitDir || '(none)'}); tollgate runs git only in a work tree checked out the usual way`);
    }
  }

  /** Runs a git command for this work tree; throws (with git's stderr on the error) on failure. */
  run(command: GitCommand, args: string[], options: RunOptions = {}): string {
    return this.runRaw(command, args, options).toString('utf8');
  }

  /** The same, with the output as bytes. */
  runRaw(command: GitCommand, args: string[], options: RunOptions = {}): Buffer {
    const offline = !NETWORK.has(command);
    const overrides = [...(options.config ?? []), ...ALWAYS, ...(offline ? OFFLINE : []), ...this.drivers()];
    const full = ['--no-pager', '--literal-pathspecs', `--git-dir=${this.gitDir}`, `--work-tree=${this.top}`, ...configArgs(overrides), command, ...COMMANDS[command], ...args];
    return this.exec(full, offline, options, 'buffer');
  }

  /** Trimmed output, or null when git fails. */
  quiet(command: GitCommand, args: string[]): string | null {
    try {
      return this.run(command, args).trim();
    } catch {
      return null;
    }
  }

  /**
   * Overrides that empty every filter, diff and merge driver the repository's config defines:
   * .gitattributes (the pull request's) picks a driver by name, so each defined one is emptied.
   */
  private drivers(): Array<[string, string]> {
    if (this.driverOverrides) return this.driverOverrides;
    let names = '';
    try {
      const args = ['--no-pager', `--git-dir=${this.gitDir}`, ...configArgs([...ALWAYS, ...OFFLINE]), 'config', '--name-only', '--get-regexp', '^(filter|diff|merge)\\.'];
      names = this.exec(args, true, {});
    } catch (err) {
      // Exit status 1: no such key. Anything else leaves drivers we could not empty.
      if ((err as { status?: number }).status !== 1) throw new GitSetupError(`cannot read the git config of ${this.top}: ${lastLine(err)}`);
    }
    const out: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (const name of names.split('\n')) {
      const first = name.indexOf('.');
      const last = name.lastIndexOf('.');
      if (first < 0 || last === first) continue;
      const section = name.slice(0, first).toLowerCase();
      const driver = name.slice(first + 1, last);
      if (seen.has(section + '.' + driver)) continue;
      seen.add(section + '.' + driver);
      // `-c` splits at the first '=': a driver named with one cannot be emptied there.
      if (driver.includes('=')) throw new GitSetupError(`the git config of ${this.top} defines a ${section} driver "${driver}" whose name holds "=": tollgate cannot switch it off, so it runs no git there`);
      for (const [key, value] of DRIVER_KEYS[section] ?? []) out.push([`${section}.${driver}.${key}`, value]);
    }
    this.driverOverrides = out;
    return out;
  }

  private exec(args: string[], offline: boolean, options: RunOptions): string;
  private exec(args: string[], offline: boolean, options: RunOptions, encoding: 'buffer'): Buffer;
  private exec(args: string[], offline: boolean, options: RunOptions, encoding?: 'buffer'): string | Buffer {
    return execFileSync('git', args, {
      cwd: this.top,
      env: gitEnvironment(process.env, this.top, offline),
      input: options.input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: options.maxBuffer ?? MAX_OUTPUT_BYTES,
      ...(encoding ? {} : { encoding: 'utf8' as const }),
    });
  }
}

function samePath(a: string | undefined, b: string): boolean {
  if (!a) return false;
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

/** git's last line of complaint, or the error's message. */
export function lastLine(err: unknown): string {
  return ((err as { stderr?: Buffer | string }).stderr ?? '').toString().trim().split('\n').pop() || (err as Error).message;
}
