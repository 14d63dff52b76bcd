// The fuzz suite's own tests: its oracles see what they must, its case list is a function of the seed,
// and its runner catches a hang, a crash, a leak, a write and a command from a stand-in CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { listCases } from '../../scripts/fuzz/cases';
import { judgeCrash, judgeFigures, judgeOutput, workflowCommandLines, type Expectations } from '../../scripts/fuzz/oracles';
import { runFuzz } from '../../scripts/fuzz/runner';
import type { CommandResult, FuzzCase } from '../../scripts/fuzz/types';

const result = (over: Partial<CommandResult>): CommandResult => ({ args: [], code: 0, signal: null, timedOut: false, ms: 1, stdout: '', stderr: '', ...over });
const none: Expectations = { format: null, canaries: [], secrets: [] };

test('fuzz oracle crash: undocumented exit codes, signals and stack traces; a config error is not one', () => {
  assert.deepEqual(judgeCrash(result({ code: 134, stderr: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n' })), { oracle: 'crash', detail: 'exit code 134: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' });
  assert.deepEqual(judgeCrash(result({ code: null, signal: 'SIGSEGV' })), { oracle: 'crash', detail: 'killed by SIGSEGV: (no stderr)' });
  const trace = "/x/dist/cli.js:10\n    const trimmed = lines[l].trim();\nTypeError: Cannot read properties of undefined (reading 'trim')\n    at suppressionsAbove (/x/dist/cli.js:10:30)\n";
  assert.deepEqual(judgeCrash(result({ code: 1, stderr: trace })), { oracle: 'crash', detail: "uncaught error (exit 1): TypeError: Cannot read properties of undefined (reading 'trim')" });
  assert.equal(judgeCrash(result({ code: 2, stderr: 'tollgate: config error: tollgate.yml:1:1: "include" expects a list\n' })), null);
  assert.equal(judgeCrash(result({ code: null, signal: 'SIGKILL', timedOut: true })), null);
});

test('fuzz oracle workflow commands: only escaped annotations in --format github pass', () => {
  const ok = '::warning file=src/a.ts,line=2,col=24,title=unbounded-output::no bound: 100%25 of the output';
  assert.deepEqual(workflowCommandLines(ok + '\n', true), []);
  assert.deepEqual(workflowCommandLines(ok + '\n', false), [{ line: ok, legacy: false }]);
  assert.deepEqual(workflowCommandLines('::warning file=a.ts,title=x::100% sure\n', true), [{ line: '::warning file=a.ts,title=x::100% sure', legacy: false }]);
  assert.deepEqual(workflowCommandLines('::warning file=a.ts,evil=1::m\n', true), [{ line: '::warning file=a.ts,evil=1::m', legacy: false }]);
  assert.deepEqual(workflowCommandLines('bill\n   ::add-mask::x\rnext\n', false), [{ line: '   ::add-mask::x', legacy: false }]);
  assert.deepEqual(workflowCommandLines('"text": "a\\n::add-mask::x"\n', false), []);
  assert.deepEqual(workflowCommandLines('prompt: ##[set-output name=a;]b\n', false), [{ line: 'prompt: ##[set-output name=a;]b', legacy: true }]);
});

test('fuzz oracle markdown: bidi, foreign zero-width characters, javascript: and planted hashes; tollgate\'s own link breakers pass', () => {
  const md = { ...none, format: 'markdown', secrets: [{ label: 'commit hash', value: 'a'.repeat(40) }] };
  assert.deepEqual(judgeOutput(result({ stdout: 'https\\:\u200b//x @\u200dteam www\u200b\\.x \\#\u200b12 ' + 'a'.repeat(41) + '\n' }), md), []);
  assert.deepEqual(
    judgeOutput(result({ stdout: 'ok\nTrojan \u202e x\u200by [a](javascript:alert(1)) ' + 'a'.repeat(40) + '.\n' }), md).map((j) => j.detail),
    [
      'bidi control U+202E in the markdown, stdout line 2',
      'zero-width character U+200B in the markdown, stdout line 2',
      'an unescaped javascript: URL in the markdown, stdout line 2',
      'a 40-hex string GitHub links as a commit in the markdown, stdout line 2',
    ],
  );
  assert.deepEqual(judgeOutput(result({ stdout: 'x\ufeffy' }), md).map((j) => j.detail), ['zero-width character U+FEFF in the markdown, stdout line 1']);
});

test('fuzz oracle leaks: canaries and planted secrets, also by their tail; a redacted key passes', () => {
  const secret = 'sk-proj-' + 'Ab1'.repeat(20);
  const exp: Expectations = { format: 'json', canaries: [{ label: 'the environment canary', value: 'fuzzenv123' }], secrets: [{ label: 'OpenAI key in prompt', value: secret }] };
  assert.deepEqual(judgeOutput(result({ stdout: '{"a": "sk-proj-[REDACTED]"}' }), exp), []);
  assert.deepEqual(judgeOutput(result({ stdout: `{"a": "${secret}"}`, stderr: 'warn fuzzenv123\n' }), exp).map((j) => j.detail), ['planted OpenAI key in prompt in stdout line 1', 'the environment canary in stderr line 1']);
  assert.deepEqual(judgeOutput(result({ stdout: `{"a": "sk-proj-…${secret.slice(-20)}"}` }), exp).map((j) => j.detail), ['planted OpenAI key in prompt in stdout line 1']);
  assert.deepEqual(judgeOutput(result({ stdout: '{"k": "AKIA' + 'Q'.repeat(16) + '"}' }), { ...exp, secrets: [] }).map((j) => j.detail), ['a AWS access key in stdout line 1']);
});

test('fuzz oracle figures: NaN, Infinity and absurd costs', () => {
  assert.deepEqual(judgeFigures('Total: $NaN/month\n', 'markdown'), { oracle: 'figure', detail: 'absurd figure "$NaN" in stdout line 1' });
  assert.deepEqual(judgeFigures('{"callSites":[{"monthlyCost":{"expected":9e+28}}]}', 'json'), { oracle: 'figure', detail: 'absurd figure $.callSites.0.monthlyCost.expected = 9e+28' });
  assert.equal(judgeFigures('{"callSites":[{"monthlyCost":{"expected":12.5},"line":3}]}', 'json'), null);
  assert.equal(judgeFigures('$1,234.50/month\n', 'text'), null);
});

test('fuzz case list: a function of the seed', () => {
  const opts = { seed: 7, corpus: [path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures')] };
  const a = listCases(opts, 90);
  const b = listCases(opts, 90);
  assert.deepEqual(a.map((c) => c.id), b.map((c) => c.id));
  const mutations = a.filter((c) => c.family === 'mutation');
  assert.ok(mutations.length >= 30);
  assert.deepEqual(mutations.map((c) => c.files), b.filter((c) => c.family === 'mutation').map((c) => c.files));
  assert.deepEqual([...new Set(a.map((c) => c.family))].sort(), ['attack', 'mutation', 'shape']);
  assert.notDeepEqual(listCases({ ...opts, seed: 8 }, 90).filter((c) => c.family === 'mutation').map((c) => c.id), mutations.map((c) => c.id));
});

test('fuzz runner: a stand-in CLI that hangs, crashes, leaks, writes outside and runs a command is caught on each count', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-fuzz-standin-'));
  const cli = path.join(dir, 'standin.js');
  fs.writeFileSync(
    cli,
    [
      "const fs = require('fs'); const path = require('path');",
      "const [what, root] = process.argv.slice(2);",
      "if (what === 'hang') setInterval(() => {}, 1000);",
      "if (what === 'crash') throw new RangeError('Maximum call stack size exceeded');",
      "if (what === 'leak') console.log('env: ' + process.env.TOLLGATE_FUZZ_CANARY);",
      "if (what === 'write') fs.appendFileSync(path.join(process.env.HOME, '.bashrc'), 'echo pwned\\n');",
      "if (what === 'command') fs.writeFileSync(path.join(root, '..', 'outside', 'fuzz-marker-standin'), '');",
      "if (what === 'inside') fs.writeFileSync(path.join(root, 'tollgate.yml'), 'usage: {}\\n');",
    ].join('\n'),
  );
  const cases: FuzzCase[] = ['hang', 'crash', 'leak', 'write', 'command', 'inside'].map((what) => ({ id: `attack/standin-${what}`, family: 'attack', title: what, files: { 'a.ts': 'export {};\n' }, commands: (env) => [{ args: [what, env.root] }] }));
  const run = await runFuzz({ seed: 1, timeBudgetS: 120, caseTimeoutS: 3, corpus: [], out: null, cases, cli });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(
    run.outcomes.map((o) => [o.id, o.failures.map((f) => `${f.oracle}: ${f.detail}`)]),
    [
      ['attack/standin-hang', ['hang: no answer within 3 s (killed)']],
      ['attack/standin-crash', ['crash: uncaught error (exit 1): RangeError: Maximum call stack size exceeded']],
      ['attack/standin-leak', ['leak: the environment canary (TOLLGATE_FUZZ_CANARY) in stdout line 1']],
      ['attack/standin-write', ['write: wrote outside the root: home/.bashrc (modified)']],
      ['attack/standin-command', ['command: a command from the scanned tree ran: created outside/fuzz-marker-standin']],
      ['attack/standin-inside', []],
    ],
  );
});
