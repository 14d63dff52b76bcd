import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ts } from 'ts-morph';
import { tsf } from '../../shared/tsf';
import { ROOT } from '../helpers';
import { NESTED_TOO_DEEPLY, parseBudgetMs, parseSource } from '../../shared/project/parse';
import { MAX_NESTING, setParents, walkDescendants, walkTree } from '../../shared/project/walk';
import { SourceIndex } from '../../shared/project/sources';
import { discover } from '../../shared/project/discover';
import { scan, Scanner } from '../../shared/scan';
import type { CallSite } from '../../shared/types';
import { badMerge, CALL, CHAINS, NESTING, nestedAsyncCalls } from './shapes';

// A scanned file must not crash or hang the scan: input nested deeper than the parser's recursion,
// chains longer than any recursive walk of ours could follow, and the malformed input on which
// TypeScript's parser takes exponential time. Everything that could hang runs in a child process
// with a generous timeout, so a regression fails instead of stalling the suite.

const HANG_GUARD_MS = 60_000;
const DEPTH = 5000;

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-patho-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { encoding: 'utf8', timeout: HANG_GUARD_MS, env: { ...process.env, NO_COLOR: '1', ...env } });
  assert.equal(r.error, undefined, `the CLI did not finish within ${HANG_GUARD_MS / 1000} s`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs a script against the compiled core in a child process; its stdout is JSON. */
function child(script: string, env: Record<string, string> = {}): unknown {
  const core = path.resolve(__dirname, '..', '..', 'shared');
  const r = spawnSync(process.execPath, ['-e', `const core = ${JSON.stringify(core)};\n${script}`], { encoding: 'utf8', timeout: HANG_GUARD_MS, env: { ...process.env, ...env } });
  assert.equal(r.error, undefined, `the child did not finish within ${HANG_GUARD_MS / 1000} s`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const sitesOf = (json: string) => (JSON.parse(json).callSites as CallSite[]).map((s) => `${s.file}:${s.line}`);
const warningsOf = (json: string) => JSON.parse(json).warnings;

test(`nesting: a file nested ${DEPTH} levels deep, of every kind, is a warning naming it; chains that long are analysed; the rest of the tree is scanned`, () => {
  const files: Record<string, string> = { 'good.ts': CALL };
  for (const [kind, make] of Object.entries(NESTING)) files[`deep/${kind}.tsx`] = CALL + make(DEPTH) + '\n';
  for (const [kind, make] of Object.entries(CHAINS)) files[`chain/${kind}.ts`] = CALL + make(DEPTH) + '\n';
  // A wrapper's callers are found by a walk over the whole file, chain and all.
  files['chain/wrapper.ts'] = `import OpenAI from 'openai';\nconst c = new OpenAI();\nfunction ask(model: string) {\n  return c.chat.completions.create({ model, messages: [] });\n}\n${CHAINS.concatenation(DEPTH)}\nexport const g = () => ask('gpt-4o-mini');\n`;
  const dir = tree(files);
  const r = cli(['scan', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.deepEqual(sitesOf(r.out), ['chain/calls.ts:3', 'chain/concatenation.ts:3', 'chain/members.ts:3', 'chain/wrapper.ts:4', 'good.ts:3']);
  const wrapper = (JSON.parse(r.out).callSites as CallSite[]).find((s) => s.file === 'chain/wrapper.ts')!;
  assert.deepEqual(wrapper.callers.map((c) => `${c.file}:${c.line}`), [`chain/wrapper.ts:${DEPTH + 7}`]);
  assert.deepEqual(wrapper.model, { status: 'exact', value: 'gpt-4o-mini' });
  assert.deepEqual(
    warningsOf(r.out),
    Object.keys(NESTING)
      .sort()
      .map((kind) => ({ file: `deep/${kind}.tsx`, message: 'skipped: nested more than 256 levels deep' })),
  );
});

test('nesting: the limit is the same in the main thread, in worker threads and in the editor session, near it and far beyond it', () => {
  const files: Record<string, string> = { 'good.ts': CALL };
  // Below the limit, just over it, and where the parser itself runs out of stack in one thread but not in another.
  assert.equal(MAX_NESTING, 256);
  for (const n of [246, 257, 1000, 2500]) {
    for (const kind of ['parens', 'objects', 'ternaries', 'arrows', 'types']) files[`${kind}-${n}.tsx`] = CALL + NESTING[kind](n) + '\n';
  }
  const dir = tree(files);
  const out = child(`
    const { scan } = require(core + '/scan');
    const { WorkspaceSession } = require(core + '/session');
    const brief = (r) => ({ sites: r.callSites.map((s) => s.id), warnings: r.warnings });
    const dir = ${JSON.stringify(dir)};
    const session = new WorkspaceSession(dir, { configFile: null }).open().result;
    process.stdout.write(JSON.stringify({ main: brief(scan(dir, { workers: 0 })), workers: brief(scan(dir, { workers: 2, workersOnly: true })), session: brief(session) }));
  `) as Record<string, { sites: string[]; warnings: unknown[] }>;
  assert.deepEqual(out.workers, out.main);
  assert.deepEqual(out.session, out.main);
  // An object literal nests two levels per brace: 246 of them are over the limit.
  const fits = ['arrows-246.tsx', 'good.ts', 'parens-246.tsx', 'ternaries-246.tsx', 'types-246.tsx'];
  assert.deepEqual(out.main.sites, fits.map((f) => `${f}#f#chat.completions.create#0`));
  const tooDeep = Object.keys(files).filter((f) => !fits.includes(f)).sort();
  assert.equal(tooDeep.length, 16);
  assert.deepEqual(out.main.warnings, tooDeep.map((file) => ({ file, message: NESTED_TOO_DEEPLY })));
});

test('time budget: files that take the parser exponential time (a bad merge, and valid code) are stopped and reported; the scan goes on', () => {
  const dir = tree({ 'a.ts': CALL, 'merge.ts': CALL + badMerge(40), 'valid.ts': CALL + nestedAsyncCalls(40), 'z.ts': CALL });
  const r = cli(['scan', dir, '--format', 'json'], { TOLLGATE_PARSE_BUDGET: '1' });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(sitesOf(r.out), ['a.ts:3', 'z.ts:3']);
  const stopped = (seconds: string) => ['merge.ts', 'valid.ts'].map((file) => ({ file, message: `skipped: parsing took longer than the ${seconds} s time budget (TOLLGATE_PARSE_BUDGET)` }));
  assert.deepEqual(warningsOf(r.out), stopped('1'));
  // `check` reads the same files.
  const c = cli(['check', dir, '--format', 'json'], { TOLLGATE_PARSE_BUDGET: '0.5' });
  assert.deepEqual(warningsOf(c.out), stopped('0.5'));
});

test('time budget: worker threads and the editor session stop the same file, and an edit that keeps it broken is stopped again', () => {
  const dir = tree({ 'a.ts': CALL, 'merge.ts': CALL + badMerge(40) });
  const out = child(
    `
    const fs = require('fs');
    const { scan } = require(core + '/scan');
    const { WorkspaceSession } = require(core + '/session');
    const dir = ${JSON.stringify(dir)};
    const workers = scan(dir, { workers: 1, workersOnly: true });
    const session = new WorkspaceSession(dir, { configFile: null });
    const opened = session.open().result;
    const edited = session.update(dir + '/merge.ts', fs.readFileSync(dir + '/merge.ts', 'utf8') + '  async more(x: string,\\n').result;
    const fixed = session.update(dir + '/merge.ts', ${JSON.stringify(CALL)}).result;
    const brief = (r) => ({ sites: r.callSites.map((s) => s.file), warnings: r.warnings });
    process.stdout.write(JSON.stringify([workers, opened, edited, fixed].map(brief)));
  `,
    { TOLLGATE_PARSE_BUDGET: '0.5' },
  ) as Array<{ sites: string[]; warnings: unknown[] }>;
  const stopped = (also = '') => ({ sites: ['a.ts'], warnings: [{ file: 'merge.ts', message: `skipped: parsing took longer than the 0.5 s time budget (TOLLGATE_PARSE_BUDGET)${also}` }] });
  // The session remembers the text (see analysis-budget.test.ts) and says so.
  const session = stopped('; not parsed again until its text changes');
  assert.deepEqual(out, [stopped(), session, session, { sites: ['a.ts', 'merge.ts'], warnings: [] }]);
});

test('time budget: TOLLGATE_PARSE_BUDGET that is not a number of seconds is a usage error', () => {
  for (const value of ['ten', '0', '3601']) {
    assert.deepEqual(cli(['scan', path.join(ROOT, 'examples', 'support-desk')], { TOLLGATE_PARSE_BUDGET: value }), {
      code: 2,
      out: '',
      err: `tollgate: TOLLGATE_PARSE_BUDGET must be a number of seconds from 0.001 to 3600, got "${value}"\nRun \`tollgate --help\` for usage.\n`,
    });
  }
  assert.equal(parseBudgetMs({}), 10_000);
  assert.equal(parseBudgetMs({ TOLLGATE_PARSE_BUDGET: '2.5' }), 2500);
  assert.match(cli(['--help']).out, /TOLLGATE_PARSE_BUDGET {2}seconds one file's parse may take \(default: 10\)/);
});

test('time budget: a synchronous call is stopped where it is, and the thread goes on', () => {
  const out = child(`
    const { withinTimeBudget, TimeBudgetExceeded } = require(core + '/time-budget');
    let stopped = null;
    try { withinTimeBudget(100, () => { for (;;) {} }); } catch (err) { stopped = err instanceof TimeBudgetExceeded ? err.message : String(err); }
    const inner = withinTimeBudget(5000, () => withinTimeBudget(5000, () => 'nested'));
    let thrown = null;
    try { withinTimeBudget(5000, () => { throw new TypeError('own error'); }); } catch (err) { thrown = err.constructor.name + ': ' + err.message; }
    process.stdout.write(JSON.stringify({ stopped, inner, thrown }));
  `);
  assert.deepEqual(out, { stopped: 'took longer than 0.1 s', inner: 'nested', thrown: 'TypeError: own error' });
});

test('parse: a parse that ran out of stack or of time leaves the parser clean for the next file', () => {
  // TypeScript remembers, between two parses, where an arrow function failed to parse (`(a, b)` at
  // offset 4 below) and forgets it only when a parse completes; without the reset, the arrow
  // function at the same offset in the next file would not parse.
  const next = 'y = (a, b) => a;\n';
  const bad = 'x = (a, b);\n' + NESTING.parens(DEPTH);
  assert.deepEqual(parseSource('/bad.ts', bad, 10_000), { skipped: NESTED_TOO_DEEPLY });
  const after = parseSource('/next.ts', next, 10_000);
  assert.ok('sf' in after, JSON.stringify(after));
  const stmt = after.sf.statements[0] as ts.ExpressionStatement;
  assert.equal(tsf.SyntaxKind[(stmt.expression as ts.BinaryExpression).right.kind], 'ArrowFunction');

  const stopped = child(`
    const { parseSource } = require(core + '/project/parse');
    const { badMerge } = require(${JSON.stringify(path.join(__dirname, 'shapes'))});
    const first = parseSource('/merge.ts', 'x = (a, b);\\n' + badMerge(40), 200);
    const next = parseSource('/next.ts', ${JSON.stringify(next)}, 10000);
    process.stdout.write(JSON.stringify({ first, next: next.sf ? next.sf.statements[0].expression.right.kind : next }));
  `) as { first: unknown; next: unknown };
  assert.deepEqual(stopped, { first: { skipped: 'skipped: parsing took longer than the 0.2 s time budget (TOLLGATE_PARSE_BUDGET)', timedOut: true }, next: tsf.SyntaxKind.ArrowFunction });
});

test('walks: iterative walks visit nodes in the recursive order, skip children on request, and follow chains of any length', () => {
  const text = fs.readFileSync(path.join(ROOT, 'shared', 'scan.ts'), 'utf8');
  const sf = tsf.createSourceFile('/scan.ts', text, tsf.ScriptTarget.Latest, false, tsf.ScriptKind.TS);
  const recursive: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    recursive.push(n);
    tsf.forEachChild(n, visit);
  };
  tsf.forEachChild(sf, visit);
  const iterative: ts.Node[] = [];
  walkDescendants(sf, (n) => void iterative.push(n));
  assert.equal(iterative.length, recursive.length);
  assert.ok(iterative.every((n, i) => n === recursive[i]));
  const fromParents: ts.Node[] = [];
  assert.equal(setParents(sf, (n) => fromParents.push(n)), true);
  assert.ok(fromParents.every((n, i) => n === recursive[i]));
  const reference = tsf.createSourceFile('/scan.ts', text, tsf.ScriptTarget.Latest, true, tsf.ScriptKind.TS);
  const refNodes: ts.Node[] = [];
  walkDescendants(reference, (n) => void refNodes.push(n));
  assert.ok(fromParents.every((n, i) => n.parent.pos === refNodes[i].parent.pos && n.parent.kind === refNodes[i].parent.kind));
  // Skipping: no node inside a function body is visited.
  const outside: ts.Node[] = [];
  walkTree(sf, (n) => (outside.push(n), !tsf.isFunctionLike(n)));
  assert.ok(outside.every((n) => !n.parent || !tsf.isFunctionLike(n.parent) || n === sf));
  assert.ok(outside.length < recursive.length);
  // A 20,000-term concatenation: a recursive walk runs out of stack on it; it is one level deep as the parser counts.
  const chain = tsf.createSourceFile('/chain.ts', CHAINS.concatenation(20_000), tsf.ScriptTarget.Latest, false, tsf.ScriptKind.TS);
  let count = 0;
  walkDescendants(chain, () => void count++);
  // Statement, declaration list, declaration, name; per term an operator, a literal and the expression; the first literal; end of file.
  assert.equal(count, 4 + 3 * 20_000 + 1 + 1);
  assert.equal(setParents(chain), true);
});

test('analysis: a file whose analysis fails outright is a warning naming it, and its partial call sites are dropped', () => {
  const dir = tree({ 'a.ts': CALL, 'b.ts': CALL });
  const d = discover(dir);
  class Failing extends SourceIndex {
    override sourceFile(abs: string, onNode?: (node: ts.Node) => void): ts.SourceFile | null {
      if (abs.endsWith('b.ts')) throw new RangeError('Maximum call stack size exceeded');
      return super.sourceFile(abs, onNode);
    }
  }
  const index = new Failing(d.root, d.files);
  const scanner = new Scanner(index);
  const sites: CallSite[] = [];
  for (const f of d.files) scanner.scanFile(f.abs, sites);
  assert.deepEqual(sites.map((s) => s.file), ['a.ts']);
  assert.deepEqual(index.warnings, [{ file: 'b.ts', message: 'skipped: its analysis ran out of stack (recursion too deep)' }]);
});

test('nesting: a package.json whose exports nest 100,000 conditions deep resolves like any other', () => {
  let exportsMap = '"./index.ts"';
  for (let i = 0; i < 100_000; i++) exportsMap = `{"import":${exportsMap}}`;
  const dir = tree({
    'packages/ai/package.json': `{"name":"@acme/ai","exports":${exportsMap}}`,
    'packages/ai/index.ts': `import OpenAI from 'openai';\nexport const client = new OpenAI();\n`,
    'app/use.ts': `import { client } from '@acme/ai';\nexport const g = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n`,
  });
  const result = scan(dir);
  assert.deepEqual(result.callSites.map((s) => `${s.file}:${s.line} ${s.model.status === 'exact' ? s.model.value : '?'}`), ['app/use.ts:2 gpt-4o']);
  assert.deepEqual(result.warnings, []);
});

test('prefilter: floods of keywords whose clause never closes (import {, export {, const {, import(\') are read in linear time; the call beside them is found', () => {
  // 75,000 `import {` lines with no quote (a mutated real file) took 40 s in the import extraction alone:
  // each pattern restarted its scan at every keyword. Each flood here is about 1.5 MB, under the 2 MB
  // source limit; scanned quadratically it would run for minutes.
  const flood = (unit: string) => unit.repeat(Math.floor(1_500_000 / unit.length));
  const dir = tree({
    'good.ts': CALL,
    'flood/imports.ts': flood('import {\n'),
    'flood/exports.ts': flood('export {\n'),
    'flood/bindings.ts': flood('const {\n'),
    'flood/calls.ts': flood("import('x\n"),
    'flood/variables.ts': flood('export const a\n'),
  });
  const r = cli(['scan', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(sitesOf(r.out), ['good.ts:3']);
});
