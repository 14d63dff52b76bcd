// The case list of a seed: attacks, shapes and mutations interleaved, then mutations without end.
// Pure: the same seed and corpus give the same list, in the same order.
import * as path from 'path';
import { attackCases } from './attacks';
import { listCorpus, treeAround, type CorpusFile } from './corpus';
import { mutate } from './mutations';
import { rng } from './rng';
import { shapeCases } from './shapes';
import type { CaseEnv, Command, Family, FuzzCase } from './types';

/** How a mutated tree is looked at: every format a runner prints. */
const MUTATION_COMMANDS: Array<(env: CaseEnv) => Command> = [
  (env) => ({ args: ['scan', env.root, '--format', 'json'] }),
  (env) => ({ args: ['scan', env.root] }),
  ...['text', 'json', 'markdown', 'sarif', 'github'].map((f) => (env: CaseEnv) => ({ args: ['check', env.root, '--format', f, '--fail-on', 'never'] })),
];

export function mutationCase(corpus: CorpusFile[], seed: number, index: number): FuzzCase {
  const r = rng(seed, 'mutation', index);
  // Three in four mutate a file that calls an LLM: the rest of an app is only skimmed by the prefilter.
  const calling = corpus.filter((f) => f.callsLlm);
  const picked = calling.length && r.chance(0.75) ? r.pick(calling) : r.pick(corpus);
  const files = treeAround(picked);
  const rel = path.relative(picked.corpusRoot, picked.file).split(path.sep).join('/');
  const { content, applied } = mutate(files[rel].toString('utf8'), r);
  files[rel] = content;
  const command = r.pick(MUTATION_COMMANDS);
  const n = String(index).padStart(4, '0');
  return {
    id: `mutation/${n}-${applied.join('+')}`,
    family: 'mutation',
    title: `${picked.label}: ${applied.join(', ')}`,
    files,
    mutated: rel,
    commands: (env) => [command(env)],
  };
}

export interface CaseListOptions {
  seed: number;
  corpus: string[];
  families?: Family[];
}

/** An endless, deterministic stream of cases. */
export function* caseStream(opts: CaseListOptions): Generator<FuzzCase> {
  const want = (f: Family) => !opts.families || opts.families.includes(f);
  const fixed = [want('attack') ? attackCases(opts.seed) : [], want('shape') ? shapeCases(opts.seed) : []];
  const corpus = want('mutation') ? listCorpus(opts.corpus) : [];
  let m = 0;
  for (let i = 0; ; i++) {
    let any = false;
    for (const list of fixed) {
      if (i < list.length) {
        any = true;
        yield list[i];
      }
    }
    if (corpus.length) yield mutationCase(corpus, opts.seed, m++);
    else if (!any) return;
  }
}

/** The first `n` cases (or every fixed case when there are no mutations). */
export function listCases(opts: CaseListOptions, n: number): FuzzCase[] {
  const out: FuzzCase[] = [];
  for (const c of caseStream(opts)) {
    if (out.length >= n) break;
    out.push(c);
  }
  return out;
}
