import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { ROOT } from '../helpers';
import { loadConfig } from '../../shared/config/load';
import { scan } from '../../shared/scan';
import { estimateScan } from '../../shared/estimate';
import { writeInsideRoot, WriteRefusedError } from '../../shared/project/confined-write';

// Attacks of a fork's pull request on what tollgate writes: a tollgate.yml that is a symlink (to a
// shell start-up file, or dangling, so that writing creates it), a settings folder that is a link
// out, a FIFO in its place, and file names built to break out of the YAML they are quoted into.

const temps: string[] = [];
after(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

const CALL = `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const f = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n`;
const ORIGINAL = 'export PATH=/usr/bin\n';
const LINK_REFUSED = 'it is a symlink (tollgate writes only regular files, never through a link)';

function setup() {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-writes-')));
  temps.push(top);
  const repo = path.join(top, 'repo');
  const outside = path.join(top, 'outside');
  fs.mkdirSync(repo);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(repo, 'app.ts'), CALL);
  fs.writeFileSync(path.join(outside, 'profile.sh'), ORIGINAL);
  return { top, repo, outside };
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.error, undefined, `tollgate ${args.join(' ')} did not finish: ${r.error}`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Everything under a folder, with contents: to show that nothing outside the repository changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    const full = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    out[path.relative(dir, full)] = e.isFile() ? fs.readFileSync(full, 'utf8') : e.isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : '<dir>';
  }
  return out;
}

test('writes: usage sync, init and init --force never write through a tollgate.yml that links to a file outside', () => {
  const { top, repo, outside } = setup();
  fs.symlinkSync(path.join(outside, 'profile.sh'), path.join(repo, 'tollgate.yml'));
  const before = snapshot(outside);
  assert.deepEqual(cli(['usage', 'sync', 'repo'], top), { code: 2, out: '', err: `tollgate: repo/tollgate.yml: not written: ${LINK_REFUSED}\n` });
  assert.deepEqual(cli(['init', 'repo'], top), {
    code: 2,
    out: '',
    err: 'tollgate: repo/tollgate.yml already exists; not overwriting it (use --force to replace it with a starter tollgate.yml)\nRun `tollgate --help` for usage.\n',
  });
  assert.deepEqual(cli(['init', 'repo', '--force'], top), { code: 2, out: '', err: `tollgate: repo/tollgate.yml: not written: ${LINK_REFUSED}\n` });
  assert.deepEqual(snapshot(outside), before);
  assert.equal(fs.readlinkSync(path.join(repo, 'tollgate.yml')), path.join(outside, 'profile.sh'), 'the link itself is left alone too');
});

test('writes: a dangling tollgate.yml link does not make usage sync or init --force create its target', () => {
  const { top, repo, outside } = setup();
  fs.symlinkSync(path.join(outside, 'new-profile.sh'), path.join(repo, 'tollgate.yml'));
  assert.deepEqual(cli(['usage', 'sync', 'repo'], top), { code: 2, out: '', err: `tollgate: repo/tollgate.yml: not written: ${LINK_REFUSED}\n` });
  assert.deepEqual(cli(['usage', 'sync', 'repo', '--dry-run'], top), { code: 2, out: '', err: `tollgate: repo/tollgate.yml: not written: ${LINK_REFUSED}\n` });
  assert.equal(cli(['init', 'repo'], top).code, 2);
  assert.deepEqual(cli(['init', 'repo', '--force'], top), { code: 2, out: '', err: `tollgate: repo/tollgate.yml: not written: ${LINK_REFUSED}\n` });
  assert.deepEqual(fs.readdirSync(outside), ['profile.sh']);
  assert.deepEqual(fs.readdirSync(repo).sort(), ['app.ts', 'tollgate.yml'], 'no temporary file is left behind');
});

test('writes: a settings folder that links out of the repository, and a FIFO in place of tollgate.yml, are refused', () => {
  const { top, repo, outside } = setup();
  fs.symlinkSync(outside, path.join(repo, 'conf'));
  assert.deepEqual(cli(['usage', 'sync', 'repo', '--config', 'repo/conf/tollgate.yml'], top), {
    code: 2,
    out: '',
    err: 'tollgate: repo/conf/tollgate.yml: not written: its folder is outside repo (through a symlink)\n',
  });
  assert.deepEqual(fs.readdirSync(outside), ['profile.sh']);
  execFileSync('mkfifo', [path.join(repo, 'tollgate.yml')]);
  assert.deepEqual(cli(['usage', 'sync', 'repo'], top), { code: 2, out: '', err: 'tollgate: repo/tollgate.yml: not written: it is not a regular file\n' });
  assert.deepEqual(cli(['init', 'repo', '--force'], top), { code: 2, out: '', err: 'tollgate: repo/tollgate.yml: not written: it is not a regular file\n' });
});

test('writes: usage sync replaces a regular tollgate.yml atomically, keeping its mode and leaving no temporary file', () => {
  const { top, repo } = setup();
  const file = path.join(repo, 'tollgate.yml');
  fs.writeFileSync(file, 'rules: {}\n');
  fs.chmodSync(file, 0o640);
  const r = cli(['usage', 'sync', 'repo'], top);
  assert.equal(r.code, 0, r.err);
  assert.equal(fs.readFileSync(file, 'utf8'), 'rules: {}\n\nusage:\n  callSites:\n    "app.ts#f#chat.completions.create#0": 0/day # TODO: expected volume — app.ts:3 chat.completions.create gpt-4o\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(repo).sort(), ['app.ts', 'tollgate.yml']);
});

test('writes: call-site ids from hostile file names are written as YAML scalars that read back as exactly the id', () => {
  const { top, repo } = setup();
  fs.rmSync(path.join(repo, 'app.ts'));
  const names = ['$(touch pwned).ts', '`touch pwned2`.ts', `q"uo'te #hash: colon.ts`, 'new\nline.ts', 'cr\rreturn.ts', 'back\\slash.ts', '- [x] {y} &a *b !c %d @e.ts', 'sep\u2028nel\u0085.ts', 'x'.repeat(200) + '/' + 'y'.repeat(200) + '/' + 'z'.repeat(200) + '/' + 'w'.repeat(200) + '/' + 'v'.repeat(200) + '.ts'];
  for (const n of names) {
    fs.mkdirSync(path.dirname(path.join(repo, n)), { recursive: true });
    fs.writeFileSync(path.join(repo, n), CALL);
  }
  const ids = scan(repo).callSites.map((s) => s.id).sort();
  assert.equal(ids.length, names.length);
  const r = cli(['usage', 'sync', 'repo'], top);
  assert.equal(r.code, 0, r.err);
  const text = fs.readFileSync(path.join(repo, 'tollgate.yml'), 'utf8');
  const parsed = parse(text) as { usage: { callSites: Record<string, string> } };
  assert.deepEqual(Object.keys(parsed.usage.callSites).sort(), ids);
  assert.ok(Object.values(parsed.usage.callSites).every((v) => v === '0/day'));
  const config = loadConfig(path.join(repo, 'tollgate.yml'), 'tollgate.yml', repo);
  assert.deepEqual(config.estimate.usage.callSites.map((r) => r.key).sort(), ids);
  assert.match(cli(['usage', 'sync', 'repo'], top).out, /nothing to add; every call site has a volume or a stub\n$/);
  // Filled in, each stub gives its own call site its volume: the id read back is the id, glob characters and all.
  fs.writeFileSync(path.join(repo, 'tollgate.yml'), text.split(': 0/day #').join(': 5/day #'));
  const filled = estimateScan(scan(repo), loadConfig(path.join(repo, 'tollgate.yml'), 'tollgate.yml', repo));
  assert.deepEqual(
    filled.callSites.map((s) => s.estimate.volumeSource),
    filled.callSites.map((s) => `config usage.callSites "${s.id}": 5/day`),
  );
  assert.ok(!fs.existsSync(path.join(top, 'pwned')) && !fs.existsSync(path.join(top, 'pwned2')));
});

test('writes: writeInsideRoot refuses to overwrite in create mode and names the file as shown', () => {
  const { repo, outside } = setup();
  const file = path.join(repo, 'tollgate.yml');
  writeInsideRoot(repo, file, 'a: 1\n', 'create', 'tollgate.yml');
  assert.equal(fs.readFileSync(file, 'utf8'), 'a: 1\n');
  assert.throws(() => writeInsideRoot(repo, file, 'b: 2\n', 'create', 'tollgate.yml'), (err: unknown) => err instanceof WriteRefusedError && err.message === 'tollgate.yml: not written: it already exists');
  assert.equal(fs.readFileSync(file, 'utf8'), 'a: 1\n');
  assert.throws(
    () => writeInsideRoot(repo, path.join(repo, '..', 'outside', 'x.yml'), 'b: 2\n', 'replace', '../outside/x.yml', 'the workspace folder'),
    (err: unknown) => err instanceof WriteRefusedError && err.message === '../outside/x.yml: not written: its folder is outside the workspace folder',
  );
  assert.deepEqual(fs.readdirSync(outside), ['profile.sh']);
});
