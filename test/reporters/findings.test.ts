import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../helpers';
import { renderFindings, shouldColor } from '../../shared/reporters/findings';
import { exampleCheck, EXAMPLE } from './setup';

const ESC = '\u001b';

test('findings: colour only when asked, on the severity words and the verdict', () => {
  const plain = renderFindings(exampleCheck());
  assert.ok(!plain.includes(ESC));
  const colored = renderFindings(exampleCheck(), { color: true });
  assert.match(colored, /^ {2}\u001b\[33mwarning\u001b\[0m src\/features\/reply\.ts:13:21 {2}frontier-default/m);
  assert.match(colored, /^\u001b\[1;32mPASSED\u001b\[0m: 0 errors/m);
  assert.equal(colored.replace(/\u001b\[[0-9;]*m/g, ''), plain);
});

test('findings: colour needs a TTY and no NO_COLOR', () => {
  assert.equal(shouldColor({ isTTY: true }, {}), true);
  assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(shouldColor({ isTTY: false }, {}), false);
  assert.equal(shouldColor({}, {}), false);
});

test('findings: `tollgate check` piped to a file or a pipe has no escape codes', () => {
  // The CLI bundle of this build (TOLLGATE_OUT builds it into <out>/dist).
  const cli = path.join(ROOT, process.env.TOLLGATE_OUT ? path.join(process.env.TOLLGATE_OUT, 'dist') : 'dist', 'cli.js');
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '1' };
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(cli)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`, 'check', EXAMPLE], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /PASSED: 0 errors, 5 warnings/);
  assert.ok(!r.stdout.includes(ESC));
});
