import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { scan } from '../../shared/scan';
import { discover } from '../../shared/project/discover';
import { ConfinedRoot, NOT_READ } from '../../shared/project/confined-fs';
import { loadCodeowners } from '../../shared/ownership';
import { ConfigError, loadConfig } from '../../shared/config/load';
import { WorkspaceSession } from '../../shared/session';

// Attacks of a fork's pull request on what tollgate reads: every one is built here, in a temporary
// folder, and run through the real code paths (scan(), the CLI). Rule under test: only regular files
// whose real path lies inside the scanned root are read, never more than a bound, never blocking.

const temps: string[] = [];
after(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** A random string that exists only in files outside the scanned root (and in the CLI's environment). */
const CANARY = `CANARY${crypto.randomBytes(8).toString('hex')}`;

const CALL = `import OpenAI from 'openai';\nconst client = new OpenAI();\n`;

interface Attack {
  /** The folder holding both the scanned root and the files outside it. */
  top: string;
  repo: string;
  outside: string;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Files outside the root hold the canary: if any byte of them is read, the canary can reach a report. */
function attackTree(): Attack {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-confine-')));
  temps.push(top);
  const repo = path.join(top, 'repo');
  const outside = path.join(top, 'outside');
  write(path.join(outside, 'outside.txt'), `secret ${CANARY}\n`);
  write(path.join(outside, 'prompts', 'p.txt'), `folder ${CANARY}\n`);
  write(path.join(outside, 'lib.ts'), `export const PROMPT = 'lib ${CANARY}';\n`);
  return { top, repo, outside };
}

const link = (target: string, at: string) => {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at);
};

/**
 * The hostile repository: every read attack of issue 11, plus reads that must keep working. The two
 * that would hang a regressed scan (a FIFO read, a walk of `/`) only with `blocking`, for child processes.
 */
function hostileRepo(blocking: boolean): Attack {
  const a = attackTree();
  const { repo, outside } = a;
  write(path.join(repo, 'prompts', 'ok.txt'), 'You are terse.');
  write(path.join(repo, 'prompts', 'real.txt'), 'Answer in English.');
  link('real.txt', path.join(repo, 'prompts', 'inside-link.txt'));
  link('/proc/self/environ', path.join(repo, 'prompts', 'environ.txt'));
  link('/etc/hostname', path.join(repo, 'prompts', 'hostname.txt'));
  link(path.join(outside, 'outside.txt'), path.join(repo, 'prompts', 'system.txt'));
  link(path.join(outside, 'prompts'), path.join(repo, 'linked-prompts'));
  link(path.join(repo, 'prompts', 'gone.txt'), path.join(repo, 'prompts', 'dangling.txt'));
  if (blocking) execFileSync('mkfifo', [path.join(repo, 'prompts', 'fifo.txt')]);
  link(path.join(outside, 'lib.ts'), path.join(repo, 'src', 'linked.ts'));
  if (blocking) link('/', path.join(repo, 'src', 'root'));
  write(path.join(repo, 'src', 'real.ts'), `export const INSIDE = 'inside link works';\n`);
  link('real.ts', path.join(repo, 'src', 'alias.ts'));
  write(
    path.join(repo, 'src', 'app.ts'),
    [
      CALL + `import * as fs from 'fs';`,
      `import * as path from 'path';`,
      `import sys from '../prompts/system.txt?raw';`,
      `import { PROMPT } from '../../outside/lib';`,
      `import { INSIDE } from './alias';`,
      `const read = (p: string) => fs.readFileSync(path.join(__dirname, '..', 'prompts', p), 'utf8');`,
      `export const ok = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: fs.readFileSync(path.join(__dirname, '../prompts/ok.txt'), 'utf8') }, { role: 'user', content: fs.readFileSync(path.join(__dirname, '../prompts/inside-link.txt'), 'utf8') + INSIDE }] });`,
      `export const links = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: sys }, { role: 'user', content: fs.readFileSync(path.join(__dirname, '../prompts/environ.txt'), 'utf8') + fs.readFileSync(path.join(__dirname, '../prompts/hostname.txt'), 'utf8') }] });`,
      `export const folder = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: fs.readFileSync(path.join(__dirname, '../linked-prompts/p.txt'), 'utf8') + fs.readFileSync(path.join(__dirname, '../prompts/dangling.txt'), 'utf8') }] });`,
      `export const escapes = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: fs.readFileSync('/etc/hostname', 'utf8') + fs.readFileSync(path.join(__dirname, '../../outside/outside.txt'), 'utf8') + PROMPT }] });`,
      blocking ? `export const fifo = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: fs.readFileSync(path.join(__dirname, '../prompts/fifo.txt'), 'utf8') }] });` : '',
      '',
    ].join('\n'),
  );
  return a;
}

/** What each call site's prompt became: static text where it was read, the placeholder's expression where not. */
function prompts(result: { callSites: Array<{ function: string | null; prompt: Array<{ type: string; text?: string; expression?: string }> }> }) {
  return Object.fromEntries(result.callSites.map((s) => [s.function, s.prompt.map((p) => (p.type === 'text' ? `text: ${p.text}` : `?${p.expression}`))]));
}

const EXPECTED_WARNINGS = (blocking: boolean) => [
  { file: 'linked-prompts', message: 'not walked: a symlink to a folder outside the scanned folder' },
  { file: 'linked-prompts/p.txt', message: 'not read: a symlink to a path outside the scanned folder' },
  { file: 'prompts/dangling.txt', message: 'not read: a broken symlink (its target does not exist)' },
  { file: 'prompts/environ.txt', message: 'not read: a symlink to a path outside the scanned folder' },
  ...(blocking ? [{ file: 'prompts/fifo.txt', message: 'not read: not a regular file (a device, socket or FIFO)' }] : []),
  { file: 'prompts/hostname.txt', message: 'not read: a symlink to a path outside the scanned folder' },
  { file: 'prompts/system.txt', message: 'not read: a symlink to a path outside the scanned folder' },
  { file: 'src/app.ts', line: 6, message: "not read: the path leaves the scanned folder (`../../outside/lib`)" },
  { file: 'src/app.ts', line: 12, message: "not read: the path leaves the scanned folder ('/etc/hostname')" },
  { file: 'src/app.ts', line: 12, message: "not read: the path leaves the scanned folder (path.join(__dirname, '../../outside/outside.txt'))" },
  { file: 'src/linked.ts', message: 'not read: a symlink to a path outside the scanned folder' },
  ...(blocking ? [{ file: 'src/root', message: 'not walked: a symlink to a folder outside the scanned folder' }] : []),
];

const EXPECTED_PROMPTS = (blocking: boolean) => ({
  ok: ['text: You are terse.', 'text: Answer in English.inside link works'],
  links: ['?input', "?path.join(__dirname, '../prompts/environ.txt')", "?path.join(__dirname, '../prompts/hostname.txt')"],
  folder: ["?path.join(__dirname, '../linked-prompts/p.txt')", "?path.join(__dirname, '../prompts/dangling.txt')"],
  escapes: ["?'/etc/hostname'", "?path.join(__dirname, '../../outside/outside.txt')", '?PROMPT'],
  ...(blocking ? { fifo: ["?path.join(__dirname, '../prompts/fifo.txt')"] } : {}),
});

test('confinement: scan() reads nothing outside the root, warns about each refused path exactly, and still reads what is inside', () => {
  const { repo } = hostileRepo(false);
  const result = scan(repo);
  assert.deepEqual(prompts(result), EXPECTED_PROMPTS(false));
  assert.deepEqual(result.warnings, EXPECTED_WARNINGS(false));
  const json = JSON.stringify(result);
  assert.ok(!json.includes(CANARY), 'no byte of a file outside the root reaches the result');
  // The symlinked source file inside the tree is listed; the one pointing out of it is not.
  assert.deepEqual(discover(repo).files.map((f) => f.rel), ['src/alias.ts', 'src/app.ts', 'src/real.ts']);
});

/** The CLI in a child process: a read that blocked (a FIFO, a device) would hang it, and the timeout says so. */
function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', TOLLGATE_TEST_CANARY: CANARY },
  });
  assert.equal(r.error, undefined, `tollgate ${args.join(' ')} did not finish: ${r.error}`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('confinement: the CLI on the hostile tree (a FIFO as a prompt file, a link to /, /proc/self/environ holding a canary) finishes and leaks nothing in any format', () => {
  const { repo, top } = hostileRepo(true);
  const json = cli(['scan', 'repo', '--format', 'json'], top);
  assert.equal(json.code, 0, json.err);
  const parsed = JSON.parse(json.out);
  assert.deepEqual(parsed.warnings, EXPECTED_WARNINGS(true));
  assert.deepEqual(prompts(parsed), EXPECTED_PROMPTS(true));
  const outputs = [json, cli(['scan', 'repo'], top), cli(['check', 'repo', '--format', 'markdown'], top)];
  for (const o of outputs) {
    assert.ok(!(o.out + o.err).includes(CANARY), 'the canary (outside files, the environment) never reaches the output');
    assert.ok(!/TypeError|RangeError|at .*\.js:\d+/.test(o.err), o.err);
  }
  assert.deepEqual(outputs.map((o) => o.code), [0, 0, 0]);
  assert.ok(fs.existsSync(path.join(repo, 'prompts', 'fifo.txt')), 'the FIFO is still there: it was never opened for writing');
});

test('confinement: a revision tree that holds links out of it (as a base revision might) is read under the same rule, the diff\'s reuse included', () => {
  // Hand-made the way a base revision is materialised: a temporary folder, links and a FIFO in it.
  const a = attackTree();
  const base = path.join(a.top, 'base');
  const head = path.join(a.top, 'head');
  for (const dir of [base, head]) write(path.join(dir, 'app.ts'), CALL + `import { helper } from './helper';\nexport const f = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: helper }] });\n`);
  write(path.join(head, 'helper.ts'), `export const helper = 'head helper';\n`);
  execFileSync('mkfifo', [path.join(base, 'helper.ts')]);
  link(path.join(a.outside, 'outside.txt'), path.join(base, 'prompt.txt'));
  link(a.outside, path.join(base, 'out'));
  // planBaseScan compares files that only imports reach: a FIFO there blocked it before. Run in a child with a timeout.
  const script = `
    const { planBaseScan } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'shared', 'diff', 'reuse.js'))});
    const { scan } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'shared', 'scan.js'))});
    const headScan = scan(${JSON.stringify(head)});
    const plan = planBaseScan(${JSON.stringify(base)}, ${JSON.stringify(head)}, [], headScan.callSites, {});
    const baseScan = scan(${JSON.stringify(base)});
    process.stdout.write(JSON.stringify({ only: plan.only && plan.only.map((f) => f.slice(${JSON.stringify(base + path.sep)}.length)), warnings: baseScan.warnings, all: JSON.stringify(baseScan) }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, `did not finish: ${r.error}`);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.only, ['app.ts'], 'the refused helper counts as changed: the call that imports it is analysed again');
  assert.deepEqual(out.warnings, [
    { file: 'helper.ts', message: 'not read: not a regular file (a device, socket or FIFO)' },
    { file: 'out', message: 'not walked: a symlink to a folder outside the scanned folder' },
  ]);
  assert.ok(!out.all.includes(CANARY));
});

test('confinement: the root itself reached through a link (as /tmp is on macOS) is compared by real paths', () => {
  const a = attackTree();
  write(path.join(a.repo, 'prompts', 'ok.txt'), 'You are terse.');
  write(path.join(a.repo, 'app.ts'), CALL + `import * as fs from 'fs';\nexport const f = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: fs.readFileSync('prompts/ok.txt', 'utf8') }] });\n`);
  link(path.join(a.outside, 'outside.txt'), path.join(a.repo, 'prompts', 'out.txt'));
  const alias = path.join(a.top, 'alias');
  link(a.repo, alias);
  const result = scan(alias);
  assert.deepEqual(prompts(result), { f: ['text: You are terse.'] });
  assert.deepEqual(result.warnings, []);
  const confined = new ConfinedRoot(alias);
  assert.equal(confined.realRoot, a.repo);
  assert.deepEqual(confined.read(path.join(a.repo, 'prompts', 'ok.txt'), 100), { ok: true, bytes: Buffer.from('You are terse.') });
  assert.deepEqual(confined.read(path.join(alias, 'prompts', 'out.txt'), 100), { ok: false, refusal: { kind: 'link-outside' } });
  // A relative root and relative paths mean what they mean everywhere: relative to the current folder.
  const relative = path.relative(process.cwd(), a.repo);
  assert.deepEqual(new ConfinedRoot(relative).read(path.join(relative, 'prompts', 'ok.txt'), 100), { ok: true, bytes: Buffer.from('You are terse.') });
});

test('confinement: reads are bounded by bytes read, not by what stat says', () => {
  const a = attackTree();
  write(path.join(a.repo, 'big.txt'), 'x'.repeat(101));
  write(path.join(a.repo, 'fits.txt'), 'x'.repeat(100));
  const confined = new ConfinedRoot(a.repo);
  assert.deepEqual(confined.read(path.join(a.repo, 'big.txt'), 100), { ok: false, refusal: { kind: 'too-large', size: 101 } });
  const fits = confined.read(path.join(a.repo, 'fits.txt'), 100);
  assert.equal(fits.ok && fits.bytes.length, 100);
  // /proc files say size 0 and hold more: read from outside the root they are refused before opening;
  // a root that is /proc itself still stops at the limit (limit + 1 bytes read, then "too large").
  const proc = new ConfinedRoot('/proc/self');
  const environ = proc.read('/proc/self/environ', 4);
  assert.equal(!environ.ok && environ.refusal.kind, 'too-large');
  assert.deepEqual(confined.read('/proc/self/environ', 1 << 20), { ok: false, refusal: { kind: 'leaves' } });
  assert.deepEqual(confined.read(path.join(a.repo, '..', 'outside', 'outside.txt'), 1 << 20), { ok: false, refusal: { kind: 'leaves' } });
  assert.deepEqual(confined.read(path.join(a.repo, 'nope.txt'), 1 << 20), { ok: false, refusal: { kind: 'missing' } });
  assert.equal(NOT_READ.leaves, 'not read: the path leaves the scanned folder');
});

test('confinement: settings files (tollgate.yml, CODEOWNERS, .gitignore, tsconfig, package.json) that link out of the tree are not read', () => {
  const a = attackTree();
  const { repo, outside } = a;
  write(path.join(outside, 'CODEOWNERS'), `* @${CANARY}\n`);
  write(path.join(outside, 'tollgate.yml'), `include: ["${CANARY}/**"]\n`);
  write(path.join(outside, 'ignore'), `app.ts\n`);
  write(path.join(outside, 'tsconfig.json'), `{ "compilerOptions": { "baseUrl": ".", "paths": { "@x/*": ["./*"] } } }\n`);
  write(path.join(outside, 'package.json'), `{ "name": "@${CANARY}/pkg" }\n`);
  write(path.join(repo, 'app.ts'), CALL + `export const f = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n`);
  link(path.join(outside, 'CODEOWNERS'), path.join(repo, '.github', 'CODEOWNERS'));
  link(path.join(outside, 'tollgate.yml'), path.join(repo, 'tollgate.yml'));
  link(path.join(outside, 'ignore'), path.join(repo, '.gitignore'));
  link(path.join(outside, 'tsconfig.json'), path.join(repo, 'pkg', 'tsconfig.json'));
  link(path.join(outside, 'package.json'), path.join(repo, 'pkg', 'package.json'));
  write(path.join(repo, 'pkg', 'index.ts'), CALL + `import { x } from '@x/y';\nexport const g = () => client.chat.completions.create({ model: x, messages: [] });\n`);
  write(path.join(repo, 'pkg', 'y.ts'), `export const x = 1;\n`);
  assert.deepEqual(loadCodeowners(repo)?.warnings, [{ file: '.github/CODEOWNERS', message: 'not read: a symlink to a path outside the scanned folder' }]);
  assert.throws(
    () => loadConfig(path.join(repo, 'tollgate.yml'), 'tollgate.yml', repo),
    (err: unknown) => err instanceof ConfigError && err.message === 'tollgate.yml:1:1: not read: a symlink to a path outside the scanned folder',
  );
  const result = scan(repo);
  // The .gitignore out of the tree ignored nothing: app.ts is scanned.
  assert.deepEqual(result.callSites.map((s) => s.file), ['app.ts', 'pkg/index.ts']);
  assert.deepEqual(result.warnings, [
    { file: '.gitignore', message: 'not read: a symlink to a path outside the scanned folder' },
    { file: 'pkg/package.json', message: 'not read: a symlink to a path outside the scanned folder' },
    { file: 'pkg/tsconfig.json', message: 'not read: a symlink to a path outside the scanned folder' },
  ]);
  assert.ok(!JSON.stringify(result).includes(CANARY));
  const check = cli(['check', 'repo'], a.top);
  assert.deepEqual({ code: check.code, err: check.err }, { code: 2, err: 'tollgate: config error: repo/tollgate.yml:1:1: not read: a symlink to a path outside the scanned folder\n' });
});

test('confinement: the editor session reads under the same rule, at open and when a file changes on disk', () => {
  const { repo, outside } = hostileRepo(false);
  const session = new WorkspaceSession(repo);
  const opened = session.open();
  assert.deepEqual(opened.result.warnings, EXPECTED_WARNINGS(false));
  assert.deepEqual(prompts(opened.result), EXPECTED_PROMPTS(false));
  // A new file on disk that is a link out of the tree: the session's disk read refuses it, as the scan does.
  fs.writeFileSync(path.join(outside, 'call.ts'), CALL + `export const leak = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: '${CANARY}' }] });\n`);
  link(path.join(outside, 'call.ts'), path.join(repo, 'src', 'new.ts'));
  const updated = session.update(path.join(repo, 'src', 'new.ts'), null);
  assert.ok(!JSON.stringify(updated.result).includes(CANARY));
  assert.deepEqual(Object.keys(prompts(updated.result)), Object.keys(EXPECTED_PROMPTS(false)));
});
