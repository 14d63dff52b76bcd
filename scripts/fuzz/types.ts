// The vocabulary of the fuzz and abuse suite: a case is a tree to scan and the tollgate commands to run on it.

export type Family = 'mutation' | 'shape' | 'attack';
export const FAMILIES: readonly Family[] = ['mutation', 'shape', 'attack'];

/** What went wrong: see oracles.ts (output) and runner.ts (file system). */
export type Oracle = 'crash' | 'hang' | 'leak' | 'write' | 'command' | 'figure' | 'lost';
export const ORACLES: readonly Oracle[] = ['crash', 'hang', 'leak', 'write', 'command', 'figure', 'lost'];

/** The folders of one case. Only `root` is given to tollgate; everything else must stay untouched. */
export interface CaseEnv {
  /** The case's own temporary folder. */
  dir: string;
  /** The scanned tree: what a hostile pull request controls. */
  root: string;
  /** Beside the root: files links point at, and where commands would leave markers. */
  outside: string;
  /** HOME and TMPDIR of the child, so writes to start-up files and temp files stay in the case. */
  home: string;
  tmp: string;
  /** Content of the files outside the root: seeing it in any output means a read escaped. */
  canary: string;
  /** Value of TOLLGATE_FUZZ_CANARY in the child's environment. */
  envCanary: string;
}

export interface Command {
  /** Arguments after `node bin/tollgate.js`. */
  args: string[];
  /** Defaults to the root. */
  cwd?: string;
}

export interface Secret {
  /** The vendor family, named in a failure instead of the value. */
  label: string;
  value: string;
}

export interface FuzzCase {
  /** `family/name`, unique in a case list, safe as a folder name. */
  id: string;
  family: Family;
  title: string;
  /** Written under the root before setup (relative posix paths). */
  files?: Record<string, string | Buffer>;
  /** Links, FIFOs, git history: whatever `files` cannot say. */
  setup?(env: CaseEnv): void;
  commands(env: CaseEnv): Command[];
  /** The corpus file a mutation changed (relative to the root): what the minimiser shrinks. */
  mutated?: string;
  /** Files whose call site a --format json report must still list (a budget makes a value unknown, it does not drop the call). */
  expectSites?: string[];
  /** Strings planted in the tree that no output may show. */
  secrets?: Secret[];
}

export interface CommandResult {
  args: string[];
  /** null when killed by a signal. */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  ms: number;
  stdout: string;
  stderr: string;
}

export interface Failure {
  caseId: string;
  family: Family;
  oracle: Oracle;
  /** The command line, with the case folder shown as $CASE. */
  command: string;
  /** Which of the case's commands failed (the minimiser reruns only that one). */
  commandIndex: number;
  detail: string;
}
