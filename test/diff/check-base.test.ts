import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { EXAMPLE, golden } from '../reporters/setup';

// `tollgate check --base`: the bill, then what the change does to it, then the policy.

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

test('check --base: the text report shows the diff between the bill and the policy (golden)', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-check-base-')));
  made.push(dir);
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  // Thread summaries move to the bigger model in the working tree.
  const file = path.join(dir, 'src/features/summarize.ts');
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes("openai('gpt-4.1-mini')"));
  fs.writeFileSync(file, text.replace("openai('gpt-4.1-mini')", "openai('gpt-4.1')"));
  // The bundle of this build: out-x/dist with TOLLGATE_OUT=out-x, else the package's dist/.
  const own = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const entry = fs.existsSync(own) ? own : path.join(ROOT, 'dist', 'cli.js');
  const boot = `require(${JSON.stringify(entry)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  const run = spawnSync(process.execPath, ['-e', boot, '--', 'check', '--base', 'HEAD', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout;
  const at = (s: string) => out.indexOf(s);
  assert.ok(at('tollgate diff HEAD…working tree: +$') > 0, 'the diff follows the bill');
  assert.ok(at('tollgate diff HEAD…working tree') < at('Policy ('), 'and precedes the policy');
  golden('support-desk.check-base.txt', out);
});
