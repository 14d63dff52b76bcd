import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { removeTempDirs, ROOT, tempDir, writeFiles } from '../helpers';
import { diffRevisions, DiffError } from '../../shared/diff';
import { GitRepository, GitSetupError, gitEnvironment } from '../../shared/git/runner';
import { findWorkTree } from '../../shared/git/worktree';
import { materialiseRevision, RevisionError, safeTreePath } from '../../shared/git/revision';
import { defaultInputs } from '../action/harness';

// Issue 11, "runs nothing from the repository": a pull request can commit a folder laid out as a
// git repository whose config names programs (core.fsmonitor, filters, textconv), the checkout's
// own .git/config can name them, and the environment can point git elsewhere (GIT_DIR,
// GIT_CONFIG_*). Each trap here is first shown to fire when plain git runs, then tollgate's CLI,
// core and action run on the same repository and the programs' marker files must never appear.

after(removeTempDirs);
const tmp = tempDir;

const DATE = '2026-01-15T12:00:00Z';
/** Plain git as a user runs it (no tollgate protection), without this machine's own config. */
const PLAIN_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_OPTIONAL_LOCKS: '0' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...PLAIN_ENV, GIT_AUTHOR_DATE: DATE, GIT_COMMITTER_DATE: DATE },
  }).trim();
}

/** Plain git that may fail: the traps' sanity checks. */
function plainGit(cwd: string, args: string[], env: Record<string, string> = {}): void {
  spawnSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, ...PLAIN_ENV, ...env } });
}

const call = (model: string) =>
  `import OpenAI from 'openai';\nexport const f = (q: string) => new OpenAI().chat.completions.create({ model: '${model}', max_tokens: 50, messages: [{ role: 'user', content: q }] });\n`;

interface Trap {
  repo: string;
  /** Every trapped program touches a file here; it must stay empty. */
  markers: string;
  baseSha: string;
}

/** A shell command (as git runs config values) that leaves a marker and passes its input through. */
const touch = (markers: string, name: string) => `touch ${markers}/${name}; cat`;

/**
 * A repository whose committed `evil/` is laid out as a git repository (HEAD, config, objects/,
 * refs/) with core.fsmonitor, a required clean/smudge filter and a textconv driver, selected for
 * every path by .gitattributes there and at the top. The working tree changes src/a.ts.
 */
function trapRepo(): Trap {
  const dir = tmp('tollgate-git-trap-');
  const markers = path.join(dir, 'markers');
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(markers);
  fs.mkdirSync(repo);
  const t = (name: string) => touch(markers, name);
  writeFiles(repo, {
    'src/a.ts': call('gpt-4o-mini'),
    '.gitattributes': '* filter=x diff=x\n',
    'evil/HEAD': 'ref: refs/heads/main\n',
    'evil/config': [
      '[core]',
      '\trepositoryformatversion = 0',
      '\tbare = false',
      '\tworktree = ..',
      `\tfsmonitor = "${t('nested-fsmonitor')}"`,
      '[filter "x"]',
      `\tclean = "${t('nested-clean')}"`,
      `\tsmudge = "${t('nested-smudge')}"`,
      '\trequired = true',
      '[diff "x"]',
      `\ttextconv = "${t('nested-textconv')}"`,
      '',
    ].join('\n'),
    'evil/.gitattributes': '* filter=x diff=x\n',
    'evil/objects/info/packs': '',
    'evil/refs/heads/.keep': '',
    'evil/b.ts': call('gpt-4o'),
  });
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  const baseSha = git(repo, 'rev-parse', 'HEAD');
  writeFiles(repo, { 'src/a.ts': call('gpt-4.1') });
  return { repo, markers, baseSha };
}

/** The same programs in the checkout's own .git/config, which a CI writes and tollgate still neutralises. */
function armLocalConfig(trap: Trap): void {
  const t = (name: string) => touch(trap.markers, name);
  fs.appendFileSync(
    path.join(trap.repo, '.git', 'config'),
    [`[core]`, `\tfsmonitor = "${t('local-fsmonitor')}"`, '[filter "x"]', `\tclean = "${t('local-clean')}"`, `\tsmudge = "${t('local-smudge')}"`, '\trequired = true', '[diff "x"]', `\ttextconv = "${t('local-textconv')}"`, ''].join('\n'),
  );
}

const markersOf = (trap: Trap) => fs.readdirSync(trap.markers).sort();
const clearMarkers = (trap: Trap) => fs.readdirSync(trap.markers).forEach((f) => fs.rmSync(path.join(trap.markers, f)));

// The bundle of this build: out-x/dist with TOLLGATE_OUT=out-x, else the package's dist/.
const ownCli = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
const CLI = fs.existsSync(ownCli) ? ownCli : path.join(ROOT, 'dist', 'cli.js');

function tollgate(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const boot = `require(${JSON.stringify(CLI)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  const r = spawnSync(process.execPath, ['-e', boot, '--', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI commands of the issue, on the repository and on the nested folder itself. */
const COMMANDS: Array<[string, string[]]> = [
  ['scan .', ['scan', '.', '--format', 'json']],
  ['scan evil', ['scan', 'evil', '--format', 'json']],
  ['diff --base .', ['diff', '--base', 'HEAD', '.']],
  ['diff --base evil', ['diff', '--base', 'HEAD', 'evil']],
  ['check --base .', ['check', '.', '--base', 'HEAD', '--fail-on', 'never']],
  ['check --base evil', ['check', 'evil', '--base', 'HEAD', '--fail-on', 'never']],
];

/** The commands that run git (scan runs none). */
const GIT_COMMANDS = COMMANDS.filter(([name]) => !name.startsWith('scan'));

function runAll(trap: Trap, env: NodeJS.ProcessEnv = {}, commands = COMMANDS): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, args] of commands) {
    const r = tollgate(trap.repo, args, env);
    assert.equal(r.stderr, '', name);
    assert.equal(r.status, 0, name);
    assert.deepEqual(markersOf(trap), [], `${name} ran a program from the repository`);
    outputs[name] = r.stdout;
  }
  return outputs;
}

test('git: a committed folder laid out as a repository runs nothing: scan, diff --base, check --base on the repository and on the folder', () => {
  const trap = trapRepo();
  const evil = path.join(trap.repo, 'evil');
  // Armed: plain git takes the folder for a repository and runs its fsmonitor.
  assert.equal(execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: evil, encoding: 'utf8', env: { ...process.env, ...PLAIN_ENV } }).trim(), evil);
  plainGit(evil, ['status']);
  assert.deepEqual(markersOf(trap), ['nested-fsmonitor']);
  clearMarkers(trap);

  const out = runAll(trap);
  assert.deepEqual(JSON.parse(out['scan evil']).callSites.map((s: { file: string; line: number }) => `${s.file}:${s.line}`), ['b.ts:2']);
  assert.match(out['diff --base .'], /^ {2}~ src\/a\.ts:2 {2}chat\.completions\.create .*\n {6}model gpt-4o-mini → gpt-4\.1$/m);
  assert.match(out['diff --base evil'], /^0 changed, 0 added, 0 removed call sites/m);
  // Discovery is ours: the folder is part of the work tree above it, never a repository of its own.
  assert.deepEqual(findWorkTree(evil), { top: trap.repo, gitDir: path.join(trap.repo, '.git') });
});

test("git: core.fsmonitor, filters and textconv in the checkout's own .git/config run for plain git, never for tollgate", () => {
  const trap = trapRepo();
  armLocalConfig(trap);
  // Armed: a plain `git diff` of the working tree runs all three.
  plainGit(trap.repo, ['diff', 'HEAD']);
  assert.deepEqual(markersOf(trap), ['local-clean', 'local-fsmonitor', 'local-smudge', 'local-textconv']);
  clearMarkers(trap);

  runAll(trap, {}, GIT_COMMANDS.filter(([name]) => name.endsWith(' .')));
  const { result, base } = diffRevisions({ dir: trap.repo, base: 'HEAD' });
  assert.deepEqual(markersOf(trap), []);
  assert.equal(result.diff.totals.changed, 1);
  // The base was read as stored: the filter's program did not touch the bytes (nor run).
  assert.deepEqual(base.callSites.map((s) => `${s.file}:${s.line} ${s.model && s.model.status === 'exact' ? s.model.value : '?'}`), ['evil/b.ts:2 gpt-4o', 'src/a.ts:2 gpt-4o-mini']);
});

test('git: GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_* and other git variables in the environment are ignored', () => {
  const trap = trapRepo();
  const evil = path.join(trap.repo, 'evil');
  const hostileConfig = path.join(path.dirname(trap.repo), 'hostile.gitconfig');
  fs.writeFileSync(hostileConfig, `[core]\n\tfsmonitor = "${touch(trap.markers, 'env-global-fsmonitor')}"\n`);
  const env = {
    GIT_DIR: evil,
    GIT_WORK_TREE: trap.repo,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'core.fsmonitor',
    GIT_CONFIG_VALUE_0: touch(trap.markers, 'env-count-fsmonitor'),
    GIT_CONFIG_PARAMETERS: `'diff.external'='${touch(trap.markers, 'env-external-diff')}'`,
    GIT_CONFIG_GLOBAL: hostileConfig,
    GIT_CONFIG_SYSTEM: hostileConfig,
    GIT_CONFIG_NOSYSTEM: '0',
    GIT_EXTERNAL_DIFF: touch(trap.markers, 'env-GIT_EXTERNAL_DIFF'),
    GIT_PAGER: touch(trap.markers, 'env-pager'),
  };
  // Armed: plain git with this environment opens the folder GIT_DIR names and runs its fsmonitor,
  // and without GIT_DIR runs the ones the other variables name.
  spawnSync('git', ['status'], { cwd: trap.repo, stdio: 'ignore', env: { ...process.env, ...PLAIN_ENV, GIT_DIR: env.GIT_DIR, GIT_WORK_TREE: env.GIT_WORK_TREE } });
  assert.deepEqual(markersOf(trap), ['nested-fsmonitor']);
  clearMarkers(trap);
  const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, ...rest } = env;
  spawnSync('git', ['diff', 'HEAD'], { cwd: trap.repo, stdio: 'ignore', env: { ...process.env, ...rest } });
  assert.deepEqual(markersOf(trap), ['env-GIT_EXTERNAL_DIFF', 'env-count-fsmonitor']);
  clearMarkers(trap);

  const hostile = runAll(trap, env, GIT_COMMANDS);
  // And the answer is the one without them: git read the real repository, not the one GIT_DIR named.
  assert.equal(hostile['diff --base .'], runAll(trap, {}, GIT_COMMANDS.filter(([name]) => name === 'diff --base .'))['diff --base .']);
  const passed = gitEnvironment({ ...env, PATH: '/bin', HOME: '/home/x', git_dir: 'lower' }, trap.repo, true);
  assert.deepEqual(passed, {
    PATH: '/bin',
    HOME: '/home/x',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    GIT_CEILING_DIRECTORIES: path.dirname(trap.repo),
    GIT_NO_LAZY_FETCH: '1',
  });
});

test('git: a symlink in a revision pointing outside the repository is never read; a warning names it, as does a submodule', () => {
  const dir = tmp('tollgate-git-link-');
  const repo = path.join(dir, 'repo');
  const canary = path.join(dir, 'canary.txt');
  fs.writeFileSync(canary, 'CANARY-2c41f0 the runner environment would be here');
  const code = `import OpenAI from 'openai';\nimport { readFileSync } from 'fs';\nconst system = readFileSync('prompts/system.txt', 'utf8');\nexport const f = (q: string) => new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'system', content: system }, { role: 'user', content: q }] });\n`;
  writeFiles(repo, { 'a.ts': code });
  fs.mkdirSync(path.join(repo, 'prompts'));
  fs.symlinkSync(canary, path.join(repo, 'prompts', 'system.txt'));
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  // A submodule entry too: a commit id in the tree, no files behind it.
  git(repo, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/sdk`);
  git(repo, 'commit', '-q', '-m', 'base');
  const sha12 = git(repo, 'rev-parse', 'HEAD').slice(0, 12);
  assert.equal(git(repo, 'ls-tree', 'HEAD', 'prompts/system.txt').split(' ')[0], '120000');
  // The working tree holds a regular prompt file instead: only the base revision has the link.
  fs.rmSync(path.join(repo, 'prompts', 'system.txt'));
  writeFiles(repo, { 'prompts/system.txt': 'Be brief.' });

  const { result, base } = diffRevisions({ dir: repo, base: 'HEAD' });
  assert.deepEqual(base.warnings, [
    { file: 'prompts/system.txt', message: `not read: a symlink in revision ${sha12}` },
    { file: 'vendor/sdk', message: `not read: a submodule in revision ${sha12}` },
  ]);
  assert.ok(!JSON.stringify({ result, base }).includes('CANARY'));
  const cli = tollgate(repo, ['diff', '--base', 'HEAD', '--format', 'json']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.ok(!cli.stdout.includes('CANARY'));

  // A revision as the head: its scan warnings say the same.
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'regular prompt');
  const head = diffRevisions({ dir: repo, base: 'HEAD', head: 'HEAD~1' });
  assert.deepEqual(head.result.warnings, [
    { file: 'prompts/system.txt', message: `not read: a symlink in revision ${sha12}` },
    { file: 'vendor/sdk', message: `not read: a submodule in revision ${sha12}` },
  ]);
  assert.ok(!JSON.stringify(head).includes('CANARY'));
  // Scanning a folder: notes are named relative to it, and those outside it are not its business.
  writeFiles(repo, { 'prompts/p.ts': code });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'code in prompts');
  const inFolder = diffRevisions({ dir: path.join(repo, 'prompts'), base: 'HEAD', head: 'HEAD~2' });
  assert.deepEqual(inFolder.result.warnings, [{ file: 'system.txt', message: `not read: a symlink in revision ${sha12}` }]);
});

/** A tree object written as raw bytes, as a hostile object database may hold it: git's own checks are skipped. */
function rawTree(repo: string, entries: Array<[mode: string, name: string, oid: string]>): string {
  const parts = entries.map(([mode, name, oid]) => Buffer.concat([Buffer.from(`${mode} ${name}\0`, 'utf8'), Buffer.from(oid, 'hex')]));
  return execFileSync('git', ['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'], { cwd: repo, input: Buffer.concat(parts), env: { ...process.env, ...PLAIN_ENV } }).toString().trim();
}

test('git: tree paths that climb out, start at the root or name .git are refused, and nothing is written outside the folder', () => {
  const dir = tmp('tollgate-git-paths-');
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(repo);
  git(repo, 'init', '-q');
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: 'escaped\n', env: { ...process.env, ...PLAIN_ENV } }).toString().trim();
  const up = rawTree(repo, [
    ['100644', '..', blob],
    ['100644', 'ok.txt', blob],
  ]);
  const dotGit = rawTree(repo, [['100644', 'config', blob]]);
  const clash = rawTree(repo, [['100644', 'b', blob]]);
  const top = rawTree(repo, [
    ['40000', '..', up],
    ['100644', '/etc/escaped', blob],
    ['40000', '.git', dotGit],
    ['40000', '.GIT', dotGit],
    ['100644', 'a', blob],
    ['40000', 'a', clash],
    ['100644', 'fine.txt', blob],
    ['100644', 'x/../../escaped', blob],
  ]);
  const sha = git(repo, 'commit-tree', top, '-m', 'hostile');
  const short = sha.slice(0, 12);
  const outer = path.join(dir, 'outer');
  const dest = path.join(outer, 'dest');
  fs.mkdirSync(dest, { recursive: true });
  const notes = materialiseRevision(GitRepository.open(repo)!, sha, dest);
  const unsafe = `not read: an unsafe path (absolute, or with an empty, ".", ".." or ".git" segment) in revision ${short}`;
  assert.deepEqual(notes, [
    { path: '../..', message: unsafe },
    { path: '../ok.txt', message: unsafe },
    { path: '.GIT/config', message: unsafe },
    { path: '.git/config', message: unsafe },
    { path: '/etc/escaped', message: unsafe },
    { path: 'a/b', message: `not read: a path that clashes with another one in revision ${short}` },
    { path: 'x/../../escaped', message: unsafe },
  ]);
  assert.deepEqual(fs.readdirSync(dest).sort(), ['a', 'fine.txt']);
  assert.deepEqual(fs.readdirSync(outer), ['dest']);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['outer', 'repo']);
  assert.equal(fs.readFileSync(path.join(dest, 'fine.txt'), 'utf8'), 'escaped\n');
  assert.ok(!fs.existsSync('/etc/escaped'));

  for (const p of ['a.ts', 'src/a.ts', '.github/x.yml', '.gitignore', 'a..b/c', '...']) assert.equal(safeTreePath(p), true, p);
  for (const p of ['', '/a', 'C:/a', 'a//b', './a', 'a/.', 'a/../b', '..', '.git', 'x/.Git/y', 'a\\..\\b']) assert.equal(safeTreePath(p), false, p);
});

test('git: a revision larger than the bounds is an error that says so, before anything is written', () => {
  const dir = tmp('tollgate-git-bounds-');
  writeFiles(dir, { 'a.txt': 'x'.repeat(100), 'b.txt': 'y'.repeat(100), 'c.txt': 'z'.repeat(100) });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const sha = git(dir, 'rev-parse', 'HEAD');
  const repo = GitRepository.open(dir)!;
  const dest = tmp('tollgate-git-bounds-dest-');
  assert.throws(() => materialiseRevision(repo, sha, dest, { bytes: 299, files: 10 }), new RevisionError(`revision ${sha.slice(0, 12)} holds 300 bytes of files, more than the 299 tollgate reads`));
  assert.throws(() => materialiseRevision(repo, sha, dest, { bytes: 1000, files: 2 }), new RevisionError(`revision ${sha.slice(0, 12)} has 3 files, more than the 2 tollgate reads`));
  assert.deepEqual(fs.readdirSync(dest), []);
  assert.deepEqual(materialiseRevision(repo, sha, dest, { bytes: 300, files: 3 }), []);
  assert.deepEqual(fs.readdirSync(dest).sort(), ['a.txt', 'b.txt', 'c.txt']);
});

test('git: a work tree git reads differently from its layout is refused; a linked worktree (a .git file) is read', () => {
  const dir = tmp('tollgate-git-odd-');
  const bare = path.join(dir, 'bare');
  writeFiles(bare, { 'a.ts': call('gpt-4o-mini') });
  git(bare, 'init', '-q');
  git(bare, 'add', '-A');
  git(bare, 'commit', '-q', '-m', 'base');
  // A linked worktree: its .git is a file naming the repository folder.
  const linked = path.join(dir, 'linked');
  git(bare, 'worktree', 'add', '-q', linked);
  assert.match(fs.readFileSync(path.join(linked, '.git'), 'utf8'), /^gitdir: /);
  const found = GitRepository.open(linked)!;
  assert.deepEqual([found.top, found.gitDir], [linked, path.join(bare, '.git', 'worktrees', 'linked')]);
  writeFiles(linked, { 'a.ts': call('gpt-4.1') });
  assert.equal(diffRevisions({ dir: linked, base: 'HEAD' }).result.diff.totals.changed, 1);

  git(bare, 'config', 'core.bare', 'true');
  assert.throws(() => GitRepository.open(bare), (err: Error) => err instanceof GitSetupError && err.message.startsWith(`git cannot read the repository at ${bare}: `));
  assert.throws(() => diffRevisions({ dir: bare, base: 'HEAD' }), (err: Error) => err instanceof DiffError && err.message.startsWith(`git cannot read the repository at ${bare}: `));
  git(bare, 'config', 'core.bare', 'false');
  git(bare, 'config', 'core.worktree', linked);
  assert.throws(
    () => GitRepository.open(bare),
    new GitSetupError(`git does not agree that ${bare} is the top of a work tree with its repository in ${path.join(bare, '.git')} (git says ${linked} and ${path.join(bare, '.git')}); tollgate runs git only in a work tree checked out the usual way`),
  );
});

test('git: reading a revision starts no transport: a partial clone does not fetch its missing blobs (nor run the remote program its config names)', () => {
  const dir = tmp('tollgate-git-partial-');
  const markers = path.join(dir, 'markers');
  fs.mkdirSync(markers);
  const src = path.join(dir, 'src');
  writeFiles(src, { 'a.ts': call('gpt-4o-mini') });
  git(src, 'init', '-q');
  git(src, 'add', '-A');
  git(src, 'commit', '-q', '-m', 'base');
  writeFiles(src, { 'a.ts': call('gpt-4.1') });
  git(src, 'commit', '-q', '-am', 'head');
  git(src, 'config', 'uploadpack.allowFilter', 'true');
  const clone = path.join(dir, 'clone');
  git(dir, 'clone', '-q', '--filter=blob:none', `file://${src}`, clone);
  git(clone, 'config', 'remote.origin.uploadpack', touch(markers, 'uploadpack').replace('cat', 'git-upload-pack'));
  const baseSha = git(clone, 'rev-parse', 'HEAD~1');
  const blob = git(clone, 'rev-parse', 'HEAD~1:a.ts');
  // Armed: plain git fetches the missing blob on demand, through the program the config names.
  const probe = path.join(dir, 'probe');
  git(dir, 'clone', '-q', '--filter=blob:none', '--no-checkout', `file://${src}`, probe);
  git(probe, 'config', 'remote.origin.uploadpack', touch(markers, 'uploadpack').replace('cat', 'git-upload-pack'));
  plainGit(probe, ['cat-file', '-p', blob]);
  assert.deepEqual(fs.readdirSync(markers), ['uploadpack']);
  fs.rmSync(path.join(markers, 'uploadpack'));

  // Two locks hold it: GIT_NO_LAZY_FETCH (git 2.39.4 and later) and no transport allowed at all (older ones).
  assert.throws(
    () => diffRevisions({ dir: clone, base: 'HEAD~1' }),
    new DiffError(
      `cannot read revision ${baseSha.slice(0, 12)} through git: fatal: could not fetch ${blob} from promisor remote. ` +
        'This is a partial clone, and tollgate reads revisions without fetching: clone without `--filter` (in actions/checkout, no `filter:`).',
    ),
  );
  assert.deepEqual(fs.readdirSync(markers), []);
});

const isRoot = process.getuid?.() === 0;

test('git: a checkout owned by another user (a container job) is read, as actions/checkout declared it safe', { skip: !isRoot && 'needs root to give the checkout to another user' }, () => {
  const dir = tmp('tollgate-git-owner-');
  writeFiles(dir, { 'a.ts': call('gpt-4o-mini') });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  writeFiles(dir, { 'a.ts': call('gpt-4.1') });
  execFileSync('chown', ['-R', '1001:1001', dir]);
  const plain = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...PLAIN_ENV } });
  assert.match(plain.stderr, /dubious ownership/);
  assert.equal(diffRevisions({ dir, base: 'HEAD' }).result.diff.totals.changed, 1);
});

// The action, compiled from this branch (the committed bundle is rebuilt after merging), run as the
// runner runs it: a child process with the runner's variables and an event payload, offline.
const ACTION = path.resolve(__dirname, '..', '..', 'action', 'run.js');

async function runAction(workspace: string, event: 'pull_request' | 'pull_request_target', shas: { base: string; head: string }, extraEnv: Record<string, string> = {}) {
  const runnerDir = tmp('tollgate-git-runner-');
  const eventPath = path.join(runnerDir, 'event.json');
  const text = fs
    .readFileSync(path.join(ROOT, 'test', 'action', 'fixtures', 'pull_request.synchronize.json'), 'utf8')
    .replace(/__BASE_SHA__/g, shas.base)
    .replace(/__HEAD_SHA__/g, shas.head)
    .replace(/__HEAD_OWNER__/g, 'mallory')
    .replace(/__AUTHOR__/g, 'mallory')
    .replace(/__FORK__/g, 'true');
  fs.writeFileSync(eventPath, text);
  fs.writeFileSync(path.join(runnerDir, 'output.txt'), '');
  fs.writeFileSync(path.join(runnerDir, 'summary.md'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: runnerDir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'tollgate',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/support-desk',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: shas.head,
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_REF_NAME: '7/merge',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_OUTPUT: path.join(runnerDir, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(runnerDir, 'summary.md'),
    RUNNER_TEMP: runnerDir,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries({ ...defaultInputs(), 'github-token': '' })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const boot = `require(${JSON.stringify(ACTION)}).runAction(process.env).then((c) => { process.exitCode = c; })`;
  const child = spawn(process.execPath, ['-e', boot], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { status, stdout, stderr };
}

test("git: the action's analysis (pull_request and pull_request_target, with its fetch) runs nothing from the repository", async () => {
  const trap = trapRepo();
  // The pull request's head: the working tree's change, committed on a branch, behind a bare origin.
  git(trap.repo, 'checkout', '-q', '-b', 'feature');
  git(trap.repo, 'commit', '-q', '-am', 'head');
  const headSha = git(trap.repo, 'rev-parse', 'HEAD');
  const origin = path.join(path.dirname(trap.repo), 'origin.git');
  git(trap.repo, 'clone', '-q', '--bare', trap.repo, origin);
  git(origin, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
  const shas = { base: trap.baseSha, head: headSha };
  const hostileEnv = { GIT_DIR: path.join(trap.repo, 'evil'), GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: touch(trap.markers, 'env-fsmonitor') };

  for (const event of ['pull_request', 'pull_request_target'] as const) {
    // pull_request checks out the head; pull_request_target the base alone, so the head must be fetched.
    const workspace = path.join(tmp('tollgate-git-ws-'), 'repo');
    git(path.dirname(workspace), 'clone', '-q', '--no-tags', '--depth=1', ...(event === 'pull_request' ? ['--branch', 'feature'] : ['--single-branch', '--branch', 'main']), `file://${origin}`, workspace);
    armLocalConfig({ ...trap, repo: workspace });
    // Armed in this clone too: plain git runs the checkout's fsmonitor.
    plainGit(workspace, ['status']);
    // (Its clean filter may run too, when git cannot trust a file's timestamp.)
    assert.ok(markersOf(trap).includes('local-fsmonitor'), event);
    clearMarkers(trap);

    const run = await runAction(workspace, event, shas, hostileEnv);
    assert.equal(run.stderr, '', event);
    assert.deepEqual(markersOf(trap), [], `${event} ran a program from the repository`);
    assert.ok(!run.stdout.includes('::error::'), `${event}: ${run.stdout}`);
    // The fetch works with the checkout's own config (where actions/checkout keeps the token).
    if (event === 'pull_request') assert.match(run.stdout, new RegExp(`^tollgate: fetched the base commit ${trap.baseSha}$`, 'm'));
    else assert.match(run.stdout, new RegExp(`^tollgate: fetched the head commit ${headSha}$`, 'm'));
    assert.match(run.stdout, /^PASSED: 0 errors, 2 warnings, 0 info, 0 suppressed, 2 already on the base \(fails on: error, new findings only\)\.$/m, event);
    assert.match(run.stdout, /~ src\/a\.ts:2 {2}chat\.completions\.create .*\n {6}model gpt-4o-mini → gpt-4\.1$/m, event);
    assert.equal(run.status, 0, event);
  }
});
