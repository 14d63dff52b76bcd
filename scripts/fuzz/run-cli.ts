// Runs one tollgate command in a child process: low priority, bounded memory, killed (with its whole
// process group: git, tar, workers) when it outlives the case timeout.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CaseEnv, Command, CommandResult } from './types';

export interface RunOptions {
  /** bin/tollgate.js (tests point it at a stand-in to test the runner itself). */
  cli: string;
  timeoutMs: number;
  /** Address-space limit of the child in KiB: a runaway allocation becomes a crash, not the machine's problem. */
  memoryKiB?: number;
}

/** Kept per stream; more than this is itself noted as truncation. */
const MAX_CAPTURE = 32 * 1024 * 1024;
const DEFAULT_MEMORY_KIB = 4 * 1024 * 1024;

let niceAvailable: boolean | null = null;
function hasNice(): boolean {
  if (niceAvailable === null) niceAvailable = ['/usr/bin/nice', '/bin/nice'].some((p) => fs.existsSync(p));
  return niceAvailable;
}

/** The child's environment: nothing of ours it could leak except the canary, and HOME/TMPDIR inside the case. */
export function childEnv(env: CaseEnv): NodeJS.ProcessEnv {
  const keep = ['PATH', 'LANG', 'LC_ALL', 'SYSTEMROOT'];
  const out: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) out[k] = process.env[k];
  return { ...out, HOME: env.home, TMPDIR: env.tmp, NO_COLOR: '1', TOLLGATE_FUZZ_CANARY: env.envCanary };
}

export function runCommand(cmd: Command, env: CaseEnv, opts: RunOptions): Promise<CommandResult> {
  const memory = opts.memoryKiB ?? DEFAULT_MEMORY_KIB;
  // `ulimit -v` then exec: the limit and the niceness apply to node and everything it starts.
  const nice = hasNice() ? 'exec nice -n 19 "$@"' : 'exec "$@"';
  const argv = ['-c', `ulimit -v ${memory} 2>/dev/null; ${nice}`, 'tollgate-fuzz', process.execPath, opts.cli, ...cmd.args];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', argv, { cwd: cmd.cwd ?? env.root, env: childEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const sizes = { stdout: 0, stderr: 0 };
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].on('data', (b: Buffer) => {
        if (sizes[name] < MAX_CAPTURE) chunks[name].push(b);
        sizes[name] += b.length;
      });
    }
    let timedOut = false;
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Threads die with the process, but git or tar children may not: the group goes too.
      killGroup();
      const text = (name: 'stdout' | 'stderr') => Buffer.concat(chunks[name]).toString('utf8') + (sizes[name] > MAX_CAPTURE ? `\n[fuzz: ${name} truncated at ${MAX_CAPTURE} of ${sizes[name]} bytes]` : '');
      resolve({ args: cmd.args, code, signal, timedOut, ms: Date.now() - started, stdout: text('stdout'), stderr: text('stderr') });
    });
  });
}

/** The default CLI: bin/tollgate.js of this checkout (dist/fuzz.js and out/scripts/fuzz/ both find it). */
export function defaultCli(): string {
  for (let d = __dirname; ; d = path.dirname(d)) {
    const f = path.join(d, 'bin', 'tollgate.js');
    if (fs.existsSync(f)) return f;
    if (path.dirname(d) === d) throw new Error('bin/tollgate.js not found above ' + __dirname);
  }
}
