// npm run fuzz -- [--time-budget S] [--seed N] [--corpus DIR]... [--case-timeout S] [--out DIR]
// The fuzz and abuse suite: mutated real files, pathological shapes and attacks, each run through
// the real CLI in a child process. Offline; exit 1 when any case failed.
import * as fs from 'fs';
import * as path from 'path';
import { listCases } from './fuzz/cases';
import { listCorpus } from './fuzz/corpus';
import { exitCode, renderSummary } from './fuzz/report';
import { runFuzz, type FuzzOptions } from './fuzz/runner';
import { defaultCli } from './fuzz/run-cli';
import { FAMILIES, type Family } from './fuzz/types';

const HELP = `Usage: npm run fuzz -- [options]

  --time-budget SECONDS   the whole run (default 300); no case starts after it
  --seed N                case generation seed (default 1): the same seed gives the same cases
  --corpus DIR            real files to mutate (repeatable; default: examples/ and test/fixtures/)
  --case-timeout SECONDS  per command; longer is a hang (default 20)
  --out DIR               reproducers of failing cases (default: fuzz-out/)
  --families LIST         comma-separated: mutation, shape, attack (default: all)
  --cases N               stop after N cases
  --only ID               run only this case (repeatable; ids from --list or a report)
  --list N                print the first N case ids and titles for the seed, run nothing
  --no-minimise           keep failing mutated trees as they are
  --parallel N            1 or 2 (default 2)
`;

function number(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`--${name} expects a number, got ${JSON.stringify(v)}`);
  return n;
}

export function parseFuzzArgs(argv: string[], repoRoot: string): FuzzOptions & { list?: number } {
  const opts: FuzzOptions & { list?: number } = { seed: 1, timeBudgetS: 300, caseTimeoutS: 20, corpus: [], out: path.join(repoRoot, 'fuzz-out') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    switch (a) {
      case '--time-budget': opts.timeBudgetS = number('time-budget', value()); break;
      case '--seed': opts.seed = Math.floor(number('seed', value())); break;
      case '--corpus': opts.corpus.push(value()); break;
      case '--case-timeout': opts.caseTimeoutS = number('case-timeout', value()); break;
      case '--out': opts.out = path.resolve(value()); break;
      case '--families': {
        const fams = value().split(',').map((s) => s.trim()) as Family[];
        const bad = fams.find((f) => !FAMILIES.includes(f));
        if (bad) throw new Error(`unknown family "${bad}" (expected ${FAMILIES.join(', ')})`);
        opts.families = fams;
        break;
      }
      case '--cases': opts.maxCases = Math.floor(number('cases', value())); break;
      case '--only': (opts.only ??= []).push(value()); break;
      case '--list': opts.list = Math.floor(number('list', value())); break;
      case '--no-minimise': opts.minimise = false; break;
      case '--parallel': opts.parallel = Math.floor(number('parallel', value())); break;
      case '--help': case '-h': process.stdout.write(HELP); process.exit(0);
      default: throw new Error(`unknown option ${a}\n${HELP}`);
    }
  }
  if (!opts.corpus.length) opts.corpus = [path.join(repoRoot, 'examples'), path.join(repoRoot, 'test', 'fixtures')];
  return opts;
}

async function main() {
  const repoRoot = path.dirname(path.dirname(defaultCli()));
  let opts;
  try {
    opts = parseFuzzArgs(process.argv.slice(2), repoRoot);
  } catch (err) {
    process.stderr.write(`fuzz: ${(err as Error).message}\n`);
    process.exit(2);
  }
  for (const d of opts.corpus) if (!fs.existsSync(d)) return void (process.stderr.write(`fuzz: corpus folder does not exist: ${d}\n`), process.exit(2));
  const corpusFiles = listCorpus(opts.corpus).length;
  if (opts.list !== undefined) {
    for (const c of listCases(opts, opts.list)) process.stdout.write(`${c.id}\t${c.title}\n`);
    return;
  }
  const run = await runFuzz({ ...opts, log: (l) => process.stderr.write(l + '\n') });
  process.stdout.write(renderSummary(run, corpusFiles));
  process.exitCode = exitCode(run);
}

void main();
