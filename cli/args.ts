import { maxWorkerCount } from '../shared/parallel';
import { globError, globProblem } from '../shared/glob';

export class UsageError extends Error {}

/** `--jobs N`: 0 (no worker threads) up to the processors of this machine; undefined: automatic. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const max = maxWorkerCount();
  if (!/^\d+$/.test(value)) throw new UsageError(`--jobs expects a whole number from 0 to ${max}, got "${value}"`);
  const n = Number(value);
  if (n > max) throw new UsageError(`--jobs ${value} is more than the ${max} processors of this machine: use 0 to ${max}`);
  return n;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | undefined>;
  lists: Record<string, string[]>;
  flags: Set<string>;
}

interface Spec {
  options: string[];
  lists: string[];
  flags: string[];
}

/** `--include` / `--exclude` globs, refused as tollgate.yml's are (shared/glob.ts). */
export function checkGlobs(args: ParsedArgs): void {
  for (const name of ['include', 'exclude']) {
    for (const glob of args.lists[name] ?? []) {
      const problem = globProblem(glob);
      if (problem) throw new UsageError(globError(`--${name}`, glob, problem));
    }
  }
}

/** `--name value`, `--name=value`, repeatable lists, boolean flags; anything else is a usage error. */
export function parseArgs(argv: string[], spec: Spec): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: {}, lists: Object.fromEntries(spec.lists.map((l) => [l, []])), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      out.flags.add('help');
      continue;
    }
    if (a === '-v') {
      out.flags.add('version');
      continue;
    }
    if (!a.startsWith('--')) {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
      continue;
    }
    if (!spec.options.includes(name) && !spec.lists.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (spec.lists.includes(name)) out.lists[name].push(value);
    else out.options[name] = value;
  }
  return out;
}
