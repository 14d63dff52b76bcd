import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { analysisBudgetMs } from '../../shared/analysis-budget';
import { scan } from '../../shared/scan';
import type { CallSite, ScanResult } from '../../shared/types';
import { badMerge, CALL } from './shapes';

// The last-resort time budget on one file's analysis. The step budget bounds each call site, not
// how many a file has: a file whose every call runs into the step budget takes seconds per call, and
// a 2 MB file of them hours. Such a file is stopped, warned about and dropped; the files analysed
// after it, through the same scanner, must come out exactly as if it had never been there.

const HANG_GUARD_MS = 120_000;
const BUDGET = '2';
const STOPPED = { file: 'a-slow.ts', message: 'skipped: its analysis took longer than the 2 s time budget (TOLLGATE_ANALYSIS_BUDGET); none of its call sites are reported' };

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-abudget-'));
  for (const [rel, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), content);
  return dir;
}

const SHARED = `import OpenAI from 'openai';
export const client = new OpenAI();
export const MODEL = 'gpt-4o-mini';
export function wrap(make: () => string) {
  return make();
}
export function ask(content: string) {
  return client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content }] });
}
`;

// Each call's prompt doubles a string forty times, inside \`wrap\` of the shared module: every call
// runs into the step budget afresh (a result cut short is not kept), about 2.5 s each on a busy
// machine, 100 s for the file. Stopped, it leaves \`wrap\` marked as being invoked.
function slowFile(functions: number): string {
  let out = "import { client, MODEL, wrap } from './shared';\n";
  for (let k = 0; k < functions; k++) {
    out += `export function f${k}() {\n  const content = wrap(() => {\n    const a0 = 'ab';\n`;
    for (let i = 1; i <= 40; i++) out += `    const a${i} = a${i - 1} + a${i - 1};\n`;
    out += `    return a40;\n  });\n  return client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content }] });\n}\n`;
  }
  return out;
}

// Analysed after the slow file, through the module and the functions it also used: with the
// evaluator's state left as the stopped analysis had it, \`wrap\` would be a "recursive call".
const LATER = `import { client, MODEL, ask, wrap } from './shared';
export const g = () => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: wrap(() => 'hi') }] });
export const h = () => ask('hello');
`;

function hostileTree(): string {
  return tree({ 'a-slow.ts': slowFile(40), 'b.ts': LATER, 'shared.ts': SHARED });
}

/** The call sites of the same tree without the slow file, scanned with the default budget. */
function withoutSlowFile(dir: string): CallSite[] {
  const copy = tree({ 'b.ts': fs.readFileSync(path.join(dir, 'b.ts'), 'utf8'), 'shared.ts': SHARED });
  const r = scan(copy, { workers: 0 });
  assert.deepEqual(r.warnings, []);
  return r.callSites;
}

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { encoding: 'utf8', timeout: HANG_GUARD_MS, env: { ...process.env, NO_COLOR: '1', ...env } });
  assert.equal(r.error, undefined, `the CLI did not finish within ${HANG_GUARD_MS / 1000} s`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs a script against the compiled core in a child process; its stdout is JSON. */
function child(script: string, env: Record<string, string>): unknown {
  const core = path.resolve(__dirname, '..', '..', 'shared');
  const r = spawnSync(process.execPath, ['-e', `const core = ${JSON.stringify(core)};\n${script}`], { encoding: 'utf8', timeout: HANG_GUARD_MS, env: { ...process.env, ...env } });
  assert.equal(r.error, undefined, `the child did not finish within ${HANG_GUARD_MS / 1000} s`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('analysis budget: a file whose calls each exhaust the step budget is stopped and dropped; the files after it are analysed as if it were not there', () => {
  const dir = hostileTree();
  const r = cli(['scan', dir, '--format', 'json'], { TOLLGATE_ANALYSIS_BUDGET: BUDGET });
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as ScanResult;
  assert.deepEqual(result.warnings, [STOPPED]);
  const expected = JSON.parse(cli(['scan', tree({ 'b.ts': LATER, 'shared.ts': SHARED }), '--format', 'json']).out) as ScanResult;
  assert.deepEqual(expected.warnings, []);
  assert.deepEqual(
    expected.callSites.map((s) => `${s.file}:${s.line} ${s.model.status === 'exact' ? s.model.value : s.model.status} ${JSON.stringify(s.prompt)} callers=${s.callers.length}`),
    ['b.ts:2 gpt-4o-mini [{"type":"text","text":"hi","role":"user","source":{"file":"b.ts","line":2}}] callers=0', 'shared.ts:8 gpt-4o-mini [{"type":"placeholder","name":"content","expression":"content","role":"user"}] callers=1'],
  );
  assert.deepEqual(result.callSites, expected.callSites);
});

test('analysis budget: worker threads and the editor session stop the same file, and go on analysing correctly after it', () => {
  const dir = hostileTree();
  const edited = LATER.replace("wrap(() => 'hi')", "wrap(() => 'hi there')");
  const out = child(
    `
    const { scan } = require(core + '/scan');
    const { WorkspaceSession } = require(core + '/session');
    const dir = ${JSON.stringify(dir)};
    const workers = scan(dir, { workers: 1, workersOnly: true });
    const session = new WorkspaceSession(dir, { configFile: null });
    const opened = session.open().result;
    const afterEdit = session.update(dir + '/b.ts', ${JSON.stringify(edited)}).result;
    const brief = (r) => ({ sites: r.callSites, warnings: r.warnings });
    process.stdout.write(JSON.stringify({ workers: { sites: workers.callSites, warnings: workers.warnings }, opened: brief(opened), afterEdit: brief(afterEdit) }));
  `,
    { TOLLGATE_ANALYSIS_BUDGET: BUDGET },
  ) as Record<'workers' | 'opened' | 'afterEdit', { sites: Array<CallSite & { estimate?: unknown }>; warnings: unknown[] }>;
  const expected = withoutSlowFile(dir);
  assert.deepEqual(out.workers, { sites: expected, warnings: [STOPPED] });
  // The session's results carry estimates: compared by what the scan found.
  const found = (sites: CallSite[]) => sites.map((s) => ({ id: s.id, file: s.file, line: s.line, model: s.model, prompt: s.prompt, callers: s.callers }));
  assert.deepEqual({ sites: found(out.opened.sites), warnings: out.opened.warnings }, { sites: found(expected), warnings: [STOPPED] });
  const editedDir = tree({ 'b.ts': edited, 'shared.ts': SHARED });
  const expectedAfterEdit = scan(editedDir, { workers: 0 }).callSites;
  assert.equal((expectedAfterEdit[0].prompt[0] as { text: string }).text, 'hi there');
  assert.deepEqual({ sites: found(out.afterEdit.sites), warnings: out.afterEdit.warnings }, { sites: found(expectedAfterEdit), warnings: [STOPPED] });
});

test('analysis budget: TOLLGATE_ANALYSIS_BUDGET that is not a number of seconds is a usage error; --help lists it', () => {
  for (const value of ['0', 'abc', '-1', '3601', '1e3']) {
    assert.deepEqual(cli(['scan', path.join(ROOT, 'examples', 'support-desk')], { TOLLGATE_ANALYSIS_BUDGET: value }), {
      code: 2,
      out: '',
      err: `tollgate: TOLLGATE_ANALYSIS_BUDGET must be a number of seconds from 0.001 to 3600, got "${value}"\nRun \`tollgate --help\` for usage.\n`,
    });
  }
  assert.equal(analysisBudgetMs({}), 30_000);
  assert.equal(analysisBudgetMs({ TOLLGATE_ANALYSIS_BUDGET: '0.25' }), 250);
  assert.match(cli(['--help']).out, /TOLLGATE_ANALYSIS_BUDGET {2}seconds one file's analysis may take \(default: 30\)/);
});

test('parse budget in the editor session: a text whose parse ran out of time is not parsed again, through saves, other edits and config reloads', () => {
  const dir = tree({ 'a.ts': CALL, 'merge.ts': CALL + badMerge(40) });
  const broken = fs.readFileSync(path.join(dir, 'merge.ts'), 'utf8');
  const out = child(
    `
    const { tsf } = require(core + '/tsf');
    const { WorkspaceSession } = require(core + '/session');
    // Counts the parser's runs on merge.ts; every call goes through to the parser itself.
    let parses = 0;
    const parse = tsf.createSourceFile;
    tsf.createSourceFile = function (file, ...rest) {
      if (file.endsWith('merge.ts')) parses++;
      return parse.call(this, file, ...rest);
    };
    const dir = ${JSON.stringify(dir)};
    const session = new WorkspaceSession(dir, { configFile: null });
    const steps = [];
    const note = (name, snapshot) => steps.push({ name, parses, sites: snapshot.result.callSites.map((s) => s.file), warnings: snapshot.result.warnings });
    note('open', session.open());
    note('save', session.update(dir + '/merge.ts', null));
    note('same text', session.update(dir + '/merge.ts', ${JSON.stringify(broken)}));
    note('other file', session.update(dir + '/a.ts', ${JSON.stringify(CALL + '\n')}));
    note('reload', session.reloadConfig());
    note('new text', session.update(dir + '/merge.ts', ${JSON.stringify(broken + '  async more(x: string,\n')}));
    note('fixed', session.update(dir + '/merge.ts', ${JSON.stringify(CALL)}));
    process.stdout.write(JSON.stringify(steps));
  `,
    { TOLLGATE_PARSE_BUDGET: '0.5' },
  );
  const stopped = [{ file: 'merge.ts', message: 'skipped: parsing took longer than the 0.5 s time budget (TOLLGATE_PARSE_BUDGET); not parsed again until its text changes' }];
  const step = (name: string, parses: number, sites: string[], warnings: unknown[]) => ({ name, parses, sites, warnings });
  assert.deepEqual(out, [
    step('open', 1, ['a.ts'], stopped),
    step('save', 1, ['a.ts'], stopped),
    step('same text', 1, ['a.ts'], stopped),
    step('other file', 1, ['a.ts'], stopped),
    step('reload', 1, ['a.ts'], stopped),
    step('new text', 2, ['a.ts'], stopped),
    step('fixed', 3, ['a.ts', 'merge.ts'], []),
  ]);
});
