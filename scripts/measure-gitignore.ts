// Before/after for the compiled .gitignore matcher (shared/project/gitignore.ts): a 100,000-line
// .gitignore and 1,000 paths, answered by the `ignore` package (what discover did before) and by the
// compiled matcher. Prints the times and checks that both give the same answers. Not a test: timings
// depend on the machine. Run: npm run build && node out/scripts/measure-gitignore.js [lines] [paths]
import ignore from 'ignore';
import { compileGitignore } from '../shared/project/gitignore';

const lines = Number(process.argv[2] ?? 100_000);
const paths = Number(process.argv[3] ?? 1_000);

// A generated file of the usual kinds: literal files and folders, extensions, anchored folders, negations.
const rules: string[] = [];
for (let i = 0; i < lines; i++) {
  const k = i % 5;
  rules.push(k === 0 ? `generated/file${i}.txt` : k === 1 ? `cache-${i}/` : k === 2 ? `*.ext${i}` : k === 3 ? `/out${i}/**` : `!keep${i}.txt`);
}
const text = rules.join('\n') + '\n';
const subjects = Array.from({ length: paths }, (_, i) => (i % 3 === 0 ? `generated/file${i * 5}.txt` : i % 3 === 1 ? `src/module${i}/index.ts` : `out${i * 5 + 3}/a.js`));

function time<T>(f: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const out = f();
  return [out, Number(process.hrtime.bigint() - start) / 1e6];
}

const [reference, refBuild] = time(() => ignore().add(text));
const [expected, refMs] = time(() => subjects.map((p) => reference.ignores(p)));
const [compiled, build] = time(() => compileGitignore(text));
if (!compiled.matcher) throw new Error(compiled.problem);
const matcher = compiled.matcher;
const [actual, ms] = time(() => subjects.map((p) => matcher.ignores(p)));
const same = expected.every((e, i) => e === actual[i]);
const ignored = actual.filter(Boolean).length;
process.stdout.write(
  `.gitignore of ${lines} lines, ${paths} paths (${ignored} ignored)\n` +
    `ignore package: build ${refBuild.toFixed(0)} ms, match ${refMs.toFixed(0)} ms (${(refMs / paths).toFixed(3)} ms per path)\n` +
    `compiled:       build ${build.toFixed(0)} ms, match ${ms.toFixed(0)} ms (${(ms / paths).toFixed(3)} ms per path)\n` +
    `same answers: ${same}\n`,
);
if (!same) process.exitCode = 1;
