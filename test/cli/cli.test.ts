import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Golden files: UPDATE_GOLDEN=1 npm test rewrites them; review the diff before committing. */
function golden(name: string, actual: string) {
  const file = path.join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

test('cli: --version and --help', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(run(['--version']), { code: 0, out: pkg.version + '\n', err: '' });
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^tollgate \d+\.\d+\.\d+: find every LLM call/);
  assert.match(help.out, /--format text\|json/);
  assert.equal(run([]).code, 2);
});

test('cli: usage errors exit 2 with a message that names the problem', () => {
  assert.deepEqual(run(['frobnicate']), { code: 2, out: '', err: 'tollgate: unknown command "frobnicate"\nRun `tollgate --help` for usage.\n' });
  assert.deepEqual(run(['scan', '--colour']), { code: 2, out: '', err: 'tollgate: unknown option --colour\nRun `tollgate --help` for usage.\n' });
  assert.deepEqual(run(['scan', 'no/such/dir']), { code: 2, out: '', err: 'tollgate: path does not exist: no/such/dir\nRun `tollgate --help` for usage.\n' });
  assert.deepEqual(run(['scan', '--format', 'yaml', 'examples/support-desk']), { code: 2, out: '', err: 'tollgate: unknown --format "yaml" (expected text or json)\nRun `tollgate --help` for usage.\n' });
  assert.deepEqual(run(['scan', '--format']), { code: 2, out: '', err: 'tollgate: --format needs a value\nRun `tollgate --help` for usage.\n' });
});

test('cli: a config error names file, line and column and suggests the key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-cfg-'));
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'include:\n  - "src/**"\nexlude:\n  - "x"\n');
  const r = run(['scan', dir]);
  assert.equal(r.code, 2);
  assert.equal(r.err, `tollgate: config error: ${path.join(dir, 'tollgate.yml')}:3:1: unknown key "exlude" (did you mean "exclude"?); known keys: include, exclude, usage, placeholders, estimate, pricing, selfHosted, rules, budgets, outcomes, detect, azure\n`);
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'include: src\n');
  assert.equal(run(['scan', dir]).err, `tollgate: config error: ${path.join(dir, 'tollgate.yml')}:1:10: "include" expects a list of glob strings, for example:\n  include:\n    - "src/**"\n`);
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'include: [\n');
  assert.match(run(['scan', dir]).err, /^tollgate: config error: .*tollgate\.yml:2:1: not valid YAML: /);
});

test('cli: the config file and --include/--exclude narrow the scan', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-inc-'));
  const call = `import OpenAI from 'openai';\nexport const f = () => new OpenAI().embeddings.create({ model: 'text-embedding-3-small', input: 'x' });\n`;
  fs.mkdirSync(path.join(dir, 'src'));
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.writeFileSync(path.join(dir, 'src', 'a.ts'), call);
  fs.writeFileSync(path.join(dir, 'scripts', 'b.ts'), call);
  const files = (args: string[]) => JSON.parse(run(['scan', dir, '--format', 'json', ...args]).out).callSites.map((s: { file: string }) => s.file);
  assert.deepEqual(files([]), ['scripts/b.ts', 'src/a.ts']);
  assert.deepEqual(files(['--exclude', 'scripts/**']), ['src/a.ts']);
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'include:\n  - "scripts/**"\n');
  assert.deepEqual(files([]), ['scripts/b.ts']);
});

test('cli: JSON output is deterministic and --output writes a file', () => {
  const a = run(['scan', 'examples/support-desk', '--format', 'json']);
  const b = run(['scan', 'examples/support-desk', '--format', 'json']);
  assert.equal(a.code, 0);
  assert.equal(a.out, b.out);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-out-')), 'scan.json');
  assert.deepEqual(run(['scan', 'examples/support-desk', '--format', 'json', '--output', out]), { code: 0, out: '', err: '' });
  assert.equal(fs.readFileSync(out, 'utf8'), a.out);
});

test('cli: golden text and JSON reports for the example app', () => {
  const text = run(['scan', 'examples/support-desk']);
  assert.equal(text.code, 0);
  golden('support-desk.scan.txt', text.out);
  golden('support-desk.scan.json', run(['scan', 'examples/support-desk', '--format', 'json']).out);
});
