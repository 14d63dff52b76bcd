import { test } from 'node:test';
import assert from 'node:assert/strict';
import ignore from 'ignore';
import { compileGitignore, MAX_RULES_PER_KEY } from '../../shared/project/gitignore';

// The compiled matcher must answer exactly as the `ignore` package does, negation order included.
// A seeded generator writes .gitignore files and paths from the same small alphabet, so that rules
// and paths collide often (literal names, suffixes, prefixes, folders, negations, dir-only rules).

function prng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

const NAMES = ['a', 'b', 'src', 'Src', 'build', 'x.log', 'X.LOG', 'a.ts', 'b.test.ts', '.env', 'node_modules', 'ß', 'k', 'K', 'tmp1', 'tmp22', 'foo.tar.gz'];
const PIECES = ['*', '?', '**', '[ab]', '[!a]', '[a-c]', '.log', '.ts', 'tmp', 'a', 'b', 'src', 'build', '.', 'x', 'K', 'ß', '\\*', '\\ ', ' '];

function ruleLine(r: (n: number) => number): string {
  const pick = <T>(xs: T[]) => xs[r(xs.length)];
  const seg = () => (r(3) === 0 ? pick(NAMES) : Array.from({ length: 1 + r(3) }, () => pick(PIECES)).join(''));
  const segs = Array.from({ length: 1 + r(3) }, seg);
  let line = segs.join('/');
  if (r(4) === 0) line = '/' + line;
  if (r(4) === 0) line += '/';
  if (r(5) === 0) line = '**/' + line;
  if (r(4) === 0) line = '!' + line;
  if (r(15) === 0) line = '#' + line;
  if (r(20) === 0) line = '\\' + line;
  return line;
}

function pathOf(r: (n: number) => number): string {
  const depth = 1 + r(4);
  const p = Array.from({ length: depth }, () => NAMES[r(NAMES.length)]).join('/');
  return r(3) === 0 ? p + '/' : p;
}

test('gitignore: the compiled matcher gives the ignore package\'s answers on a generated corpus', () => {
  let compared = 0;
  let ignoredSeen = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const r = prng(seed);
    const count = 1 + r(25);
    // Some files are mostly literal names (ignore takes its basename shortcut), some mostly paths.
    const lines = Array.from({ length: count }, () => (seed % 2 ? ruleLine(r) : NAMES[r(NAMES.length)]));
    const eol = seed % 7 === 0 ? '\r\n' : '\n';
    const text = (seed % 11 === 0 ? '\uFEFF' : '') + lines.join(eol) + (seed % 5 === 0 ? eol : '');
    const reference = ignore().add(text);
    const compiled = compileGitignore(text);
    assert.ok(compiled.matcher, text);
    for (let i = 0; i < 60; i++) {
      const p = pathOf(r);
      const expected = reference.ignores(p);
      assert.equal(compiled.matcher.ignores(p), expected, `${JSON.stringify(text)} on ${p}`);
      compared++;
      if (expected) ignoredSeen++;
    }
  }
  assert.equal(compared, 18000);
  // The corpus exercises both answers, not only "not ignored".
  assert.ok(ignoredSeen > 3000 && ignoredSeen < 15000, String(ignoredSeen));
});

test('gitignore: negations in order, un-ignoring inside an ignored folder impossible, as git', () => {
  const m = compileGitignore('*.log\n!keep.log\nbuild/\n!build/a.ts\nKEEP.LOG\n').matcher!;
  assert.equal(m.ignores('x.log'), true);
  assert.equal(m.ignores('keep.log'), true, 'the later KEEP.LOG rule ignores it again (case-insensitive)');
  assert.equal(m.ignores('build/a.ts'), true, 'inside an ignored folder');
  assert.equal(m.ignores('src/a.ts'), false);
  const n = compileGitignore('*.log\n!keep.log\n').matcher!;
  assert.equal(n.ignores('dir/keep.log'), false);
  assert.equal(n.ignores('dir/other.log'), true);
});

test('gitignore: rules that every path would test one by one, beyond the limit, are refused with the reason', () => {
  const unkeyed = Array.from({ length: MAX_RULES_PER_KEY + 1 }, (_, i) => `*${'?'.repeat(i % 5 + 1)}[a-z]`).join('\n');
  assert.deepEqual(compileGitignore(unkeyed), {
    matcher: null,
    problem: 'not applied: 257 patterns have no literal name, name ending, name start or first folder, over the limit of 256 (each would be tested against every path)',
  });
  const shared = Array.from({ length: MAX_RULES_PER_KEY + 1 }, (_, i) => `tmp${i}*.log`).join('\n');
  assert.deepEqual(compileGitignore(shared).problem, null, 'name starts spread them');
  const same = Array.from({ length: 2 * MAX_RULES_PER_KEY + 2 }, (_, i) => `*[${i % 10}]*.log`).join('\n');
  assert.deepEqual(compileGitignore(same), {
    matcher: null,
    problem: 'not applied: 514 patterns share the name ending ".LOG", over the limit of 256 (each would be tested against every such path)',
  });
  // 100,000 literal lines (the case) are keyed by name: accepted.
  const big = Array.from({ length: 100_000 }, (_, i) => `generated/file${i}.txt`).join('\n');
  const m = compileGitignore(big).matcher!;
  assert.equal(m.ignores('generated/file99999.txt'), true);
  assert.equal(m.ignores('generated/file100000.txt'), false);
});
