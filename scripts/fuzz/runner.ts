// Runs cases under a time budget, at most two at a time, and judges each command by every oracle.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { caseStream } from './cases';
import { judgeOutput } from './oracles';
import { token } from './rng';
import { defaultCli, runCommand } from './run-cli';
import { changes, copyTree, findMarkers, makeEnv, MARKER_PREFIX, snapshot, writeFiles } from './tree';
import type { CaseEnv, Command, Failure, Family, FuzzCase } from './types';

export interface FuzzOptions {
  seed: number;
  /** The whole run: no case starts after it, and a started case runs no further command. */
  timeBudgetS: number;
  /** Per command (each is one child process). */
  caseTimeoutS: number;
  corpus: string[];
  /** Where reproducers of failing cases go; null: nowhere. */
  out: string | null;
  /** At most 2: the machine is shared. */
  parallel?: number;
  families?: Family[];
  maxCases?: number;
  /** Run only these case ids (from --list or a failure report). */
  only?: string[];
  cli?: string;
  /** Run these instead of the seed's case list (tests of the harness itself). */
  cases?: Iterable<FuzzCase>;
  /** Shrink failing mutated files (reruns of the failing command). */
  minimise?: boolean;
  log?: (line: string) => void;
}

export interface CaseOutcome {
  index: number;
  id: string;
  family: Family;
  title: string;
  commands: number;
  failures: Failure[];
  /** Commands skipped because the time budget ran out. */
  skipped: number;
  /** Set when the harness itself could not build the case (not a tollgate failure). */
  setupError?: string;
  reproducer?: string;
  ms: number;
}

export interface FuzzRun {
  seed: number;
  options: FuzzOptions;
  outcomes: CaseOutcome[];
  ms: number;
  /** Whether the case list was cut by the time budget (it is endless when there are mutations). */
  budgetReached: boolean;
}

interface Ctx {
  opts: FuzzOptions;
  cli: string;
  workDir: string;
  deadline: number;
  canary: string;
  envCanary: string;
}

/** The command as a person would type it, the case folder shown as $CASE. */
export function displayCommand(cmd: Command, env: CaseEnv): string {
  const shown = cmd.args.map((a) => {
    const s = a.split(env.dir).join('$CASE');
    return /^[\w./$=@%+,:-]+$/.test(s) ? s : JSON.stringify(s);
  });
  return (cmd.cwd && cmd.cwd !== env.root ? `(cd ${cmd.cwd.split(env.dir).join('$CASE')}) ` : '') + 'tollgate ' + shown.join(' ');
}

interface CaseRun {
  failures: Failure[];
  ran: number;
  skipped: number;
  env: CaseEnv;
}

/** Builds the case in a fresh folder and runs its commands (or just one of them). */
async function runCase(c: FuzzCase, ctx: Ctx, onlyCommand?: number): Promise<CaseRun> {
  const dir = fs.mkdtempSync(path.join(ctx.workDir, c.id.replace(/[^\w.-]+/g, '_').slice(0, 60) + '-'));
  const env = makeEnv(dir, ctx.canary, ctx.envCanary);
  if (c.files) writeFiles(env.root, c.files);
  c.setup?.(env);
  const canaries = [
    { label: 'the environment canary (TOLLGATE_FUZZ_CANARY)', value: env.envCanary },
    { label: 'content of a file outside the root', value: env.canary },
  ];
  const failures: Failure[] = [];
  const commands = c.commands(env);
  let ran = 0;
  let skipped = 0;
  let markers = new Set(findMarkers(env.dir));
  for (let i = 0; i < commands.length; i++) {
    if (onlyCommand !== undefined && i !== onlyCommand) continue;
    if (Date.now() > ctx.deadline && onlyCommand === undefined) {
      skipped++;
      continue;
    }
    const cmd = commands[i];
    const fail = (oracle: Failure['oracle'], detail: string) => failures.push({ caseId: c.id, family: c.family, oracle, command: displayCommand(cmd, env), commandIndex: i, detail });
    const before = snapshot(env);
    const r = await runCommand(cmd, env, { cli: ctx.cli, timeoutMs: ctx.opts.caseTimeoutS * 1000 });
    ran++;
    const fi = cmd.args.indexOf('--format');
    for (const j of judgeOutput(r, { format: fi >= 0 ? cmd.args[fi + 1] : null, canaries, secrets: c.secrets ?? [], expectSites: c.expectSites })) fail(j.oracle, j.detail);
    if (r.timedOut) fail('hang', `no answer within ${ctx.opts.caseTimeoutS} s (killed)`);
    const now = new Set(findMarkers(env.dir));
    const created = [...now].filter((m) => !markers.has(m));
    if (created.length) fail('command', `a command from the scanned tree ran: created ${created.join(', ')}`);
    markers = now;
    const written = changes(before, snapshot(env)).filter((p) => !path.basename(p.split(' ')[0]).startsWith(MARKER_PREFIX));
    if (written.length) fail('write', `wrote outside the root: ${written.join(', ')}`);
  }
  return { failures, ran, skipped, env };
}

/** Shrinks a failing mutated tree: first to the mutated file alone, then by removing runs of lines. */
async function minimise(c: FuzzCase, failure: Failure, ctx: Ctx): Promise<Record<string, string | Buffer>> {
  let files = { ...c.files! };
  const rel = c.mutated!;
  let trials = failure.oracle === 'hang' ? 4 : 20;
  const fails = async (candidate: Record<string, string | Buffer>) => {
    if (trials-- <= 0 || Date.now() > ctx.deadline) return false;
    const run = await runCase({ ...c, files: candidate }, ctx, failure.commandIndex);
    fs.rmSync(run.env.dir, { recursive: true, force: true });
    return run.failures.some((f) => f.oracle === failure.oracle);
  };
  if (Object.keys(files).length > 1 && (await fails({ [rel]: files[rel] }))) files = { [rel]: files[rel] };
  // latin1 keeps every byte (a mutation may have made invalid UTF-8); '\n' is never inside a UTF-8 sequence.
  let lines = Buffer.from(files[rel]).toString('latin1').split('\n');
  for (let chunk = Math.ceil(lines.length / 2); chunk >= 1 && trials > 0 && Date.now() < ctx.deadline; ) {
    let removed = false;
    for (let i = 0; i < lines.length && trials > 0; i += chunk) {
      const candidate = [...lines.slice(0, i), ...lines.slice(i + chunk)];
      if (!candidate.length) continue;
      if (await fails({ ...files, [rel]: Buffer.from(candidate.join('\n'), 'latin1') })) {
        lines = candidate;
        removed = true;
        i -= chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return { ...files, [rel]: Buffer.from(lines.join('\n'), 'latin1') };
}

function writeReproducer(c: FuzzCase, outcome: CaseOutcome, env: CaseEnv, ctx: Ctx, minimised: Record<string, string | Buffer> | null): string {
  const dir = path.join(ctx.opts.out!, c.id.replace(/\//g, '__').replace(/[^\w.+-]+/g, '_'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (minimised) writeFiles(path.join(dir, 'repo'), minimised);
  else copyTree(env.root, path.join(dir, 'repo'));
  const commands = c.commands(env);
  const failing = [...new Set(outcome.failures.map((f) => f.commandIndex))].map((i) => commands[i]);
  const shell = (a: string) => (a === env.root ? '"$ROOT"' : "'" + a.split(env.dir).join('$CASE').replace(/'/g, `'\\''`) + "'");
  const script = [
    '#!/bin/sh',
    `# ${c.id}: ${c.title}`,
    c.setup ? '# This case also has a setup (links, FIFOs, git history) that a copy cannot keep: rerun it with the line below.' : '# The tree is written in full below (minimised when the case was a mutation).',
    `# npm run fuzz -- --seed ${ctx.opts.seed} --only '${c.id}' --case-timeout ${ctx.opts.caseTimeoutS}`,
    'ROOT="$(cd "$(dirname "$0")/repo" && pwd)"',
    ...failing.map((cmd) => `timeout ${ctx.opts.caseTimeoutS} node ${JSON.stringify(ctx.cli)} ${cmd.args.map(shell).join(' ')}; echo "exit $?"`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'repro.sh'), script, { mode: 0o755 });
  const lines = [`${c.id}`, c.title, `seed ${ctx.opts.seed}`, minimised ? 'repo/ is minimised: the smallest tree found that fails the same way' : '', '', ...outcome.failures.map((f) => `${f.oracle}: ${f.command}\n  ${f.detail}`), ''];
  fs.writeFileSync(path.join(dir, 'case.txt'), lines.join('\n'));
  return dir;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzRun> {
  const started = Date.now();
  const ctx: Ctx = {
    opts,
    cli: opts.cli ?? defaultCli(),
    workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-fuzz-')),
    deadline: started + opts.timeBudgetS * 1000,
    canary: 'fuzzoutside' + token(opts.seed, 'outside'),
    envCanary: 'fuzzenv' + token(opts.seed, 'env'),
  };
  const log = opts.log ?? (() => {});
  const stream = opts.cases ? opts.cases[Symbol.iterator]() : caseStream({ seed: opts.seed, corpus: opts.corpus, families: opts.families });
  const only = opts.only ? new Set(opts.only) : null;
  const outcomes: CaseOutcome[] = [];
  let index = 0;
  let budgetReached = false;
  let scanned = 0;
  const next = (): { c: FuzzCase; index: number } | null => {
    for (;;) {
      if (opts.maxCases !== undefined && index >= opts.maxCases) return null;
      if (Date.now() > ctx.deadline) return ((budgetReached = true), null);
      if (only && (outcomes.length >= only.size || scanned > 100000)) return null;
      const n = stream.next();
      scanned++;
      if (n.done) return null;
      if (only && !only.has(n.value.id)) continue;
      return { c: n.value, index: index++ };
    }
  };
  const worker = async () => {
    for (let item = next(); item; item = next()) {
      const { c } = item;
      const t0 = Date.now();
      const outcome: CaseOutcome = { index: item.index, id: c.id, family: c.family, title: c.title, commands: 0, failures: [], skipped: 0, ms: 0 };
      outcomes.push(outcome);
      let run: CaseRun | null = null;
      try {
        run = await runCase(c, ctx);
        outcome.failures = run.failures;
        outcome.commands = run.ran;
        outcome.skipped = run.skipped;
      } catch (err) {
        outcome.setupError = (err as Error).message.split('\n')[0];
      }
      if (run && outcome.failures.length && opts.out) {
        const minimised = opts.minimise !== false && c.mutated && c.files ? await minimise(c, outcome.failures[0], ctx) : null;
        outcome.reproducer = writeReproducer(c, outcome, run.env, ctx, minimised);
      }
      if (run) fs.rmSync(run.env.dir, { recursive: true, force: true });
      outcome.ms = Date.now() - t0;
      const verdict = outcome.setupError ? `setup error: ${outcome.setupError}` : outcome.failures.length ? `FAIL ${[...new Set(outcome.failures.map((f) => f.oracle))].join(', ')}` : 'ok';
      log(`[${item.index + 1} ${Math.round((Date.now() - started) / 1000)}s] ${c.id} ${verdict} (${(outcome.ms / 1000).toFixed(1)} s)`);
    }
  };
  const parallel = Math.max(1, Math.min(2, opts.parallel ?? 2));
  await Promise.all(Array.from({ length: parallel }, worker));
  fs.rmSync(ctx.workDir, { recursive: true, force: true });
  outcomes.sort((a, b) => a.index - b.index);
  return { seed: opts.seed, options: opts, outcomes, ms: Date.now() - started, budgetReached };
}
