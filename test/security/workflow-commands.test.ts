import { after, test } from 'node:test';
import { reportsFor } from './report-formats';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { renderJson } from '../../shared/reporters/json';
import { renderText } from '../../shared/reporters/text';
import { renderBill } from '../../shared/reporters/bill';
import { renderSarif } from '../../shared/reporters/sarif';
import { escapeProperty, renderGithub } from '../../shared/reporters/github';
import { inertJson, inertText } from '../../shared/reporters/workflow-commands';

// Issue 11: text from a pull request's code must not become a GitHub workflow command when a report
// reaches a runner's log. The runner's rules (actions/runner ActionCommand.cs): `::name ...::data` at
// the start of a line after leading white space, or `##[name ...]data` anywhere in it; lines end at
// LF, CR or CRLF; the command must be registered.

const REGISTERED = new Set(['set-env', 'set-output', 'save-state', 'add-mask', 'add-path', 'add-matcher', 'remove-matcher', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup', 'echo', 'stop-commands']);

/** The commands a runner would take from this output, as `name data`. */
function runnerCommands(output: string): string[] {
  const found: string[] = [];
  for (const line of output.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(/^[\s\u0085]+/, '');
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2);
      const name = end < 0 ? '' : trimmed.slice(2, end).split(' ')[0];
      if (REGISTERED.has(name.toLowerCase())) {
        found.push(`${name} ${trimmed.slice(end + 2)}`);
        continue;
      }
    }
    const at = line.indexOf('##[');
    const close = at < 0 ? -1 : line.indexOf(']', at);
    if (close > 0 && REGISTERED.has(line.slice(at + 3, close).split(' ')[0].toLowerCase())) found.push(`${line.slice(at + 3, close).split(' ')[0]} ${line.slice(close + 1)}`);
  }
  return found;
}

const FORGED = '::add-mask::hunter2';

function writeApp(model: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-commands-'));
  // A file named like a command, at the root: its path starts the table's rows and the warnings' lines.
  fs.writeFileSync(
    path.join(root, '::error::x.ts'),
    `import OpenAI from 'openai';
const client = new OpenAI();
export async function forge(question: string) {
  // tollgate: volume 100/day ::warning::w
  return client.chat.completions.create({
    model: ${JSON.stringify(model)},
    messages: [{ role: 'user', content: 'ok\\n::set-output name=x::y\\r  ::stop-commands::tok\\n##[error]legacy \\u0085::echo::on ' + question }],
    metadata: { team: '::error title=forged::team', feature: '##[group]feature' },
  });
}
`,
  );
  fs.writeFileSync(
    path.join(root, '##[group]g.ts'),
    `import Anthropic from '@anthropic-ai/sdk';
const a = new Anthropic();
export const g = () => a.messages.create({ model: '::stop-commands::x', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
`,
  );
  // A line break in a file name: the name must not start a line of its own anywhere.
  fs.writeFileSync(path.join(root, 'nl\n::add-mask::y.ts'), `import OpenAI from 'openai';\nexport const y = () => new OpenAI().embeddings.create({ model: 'text-embedding-3-small', input: 'x' });\n`);
  return root;
}

const head = writeApp(FORGED);
const base = writeApp('gpt-4o');
after(() => {
  fs.rmSync(head, { recursive: true, force: true });
  fs.rmSync(base, { recursive: true, force: true });
});
const reports = reportsFor(head, base, { base: '::error::base', baseSha: 'a'.repeat(40), head: '##[group]head', headSha: null });
const { scanned, estimated, checked } = reports;

test('workflow commands: the hostile app is found, with its command-shaped strings intact in the data', () => {
  assert.deepEqual(scanned.callSites.map((s) => s.file), ['##[group]g.ts', '::error::x.ts', 'nl\n::add-mask::y.ts']);
  const site = scanned.callSites[1];
  assert.deepEqual(site.model, { status: 'exact', value: FORGED });
  assert.equal(site.prompt[0].type === 'text' && site.prompt[0].text, 'ok\n::set-output name=x::y\r  ::stop-commands::tok\n##[error]legacy \u0085::echo::on ');
  assert.deepEqual(scanned.warnings, [{ file: '::error::x.ts', line: 4, message: 'tollgate annotation: unknown word "::warning::w" (expected volume, tokens or fanout)' }]);
});

// The github format's own annotation lines are commands by design; its escaping has a test of its own.
const textOutputs = reports.outputs.filter(([name]) => name !== 'check --format github');

for (const [name, make] of textOutputs) {
  test(`workflow commands: no line of ${name} is one`, () => {
    const out = make();
    assert.deepEqual(runnerCommands(out), []);
    // The forged text is there, shown, not dropped: the test would pass vacuously otherwise.
    assert.ok(/add-mask/.test(out.replace(/\\(.)/g, '$1')), `${name} does not show the model at all`);
  });
}

test('workflow commands: the text table and the bill escape a line that would start one (\\::) and ##[ anywhere (##\\[)', () => {
  const table = renderText(scanned).split('\n');
  assert.ok(table.some((l) => /^##\\\[group\]g\.ts:3:24 +anthropic +messages\.create +::stop-commands::x +-$/.test(l)), table.join('\n'));
  assert.ok(table.some((l) => /^\\::error::x\.ts:5:10 +openai /.test(l)), table.join('\n'));
  // A line break in a file name is a space in the table: the name stays in its row.
  assert.ok(table.some((l) => /^nl ::add-mask::y\.ts:2:24 +openai /.test(l)), table.join('\n'));
  assert.ok(table.includes('  \\::error::x.ts:4: tollgate annotation: unknown word "::warning::w" (expected volume, tokens or fanout)'), table.join('\n'));
  const bill = renderBill(estimated).split('\n');
  // The prompt's own line breaks never start a line: values are one line in text reports.
  assert.ok(bill.includes('  \\::error::x.ts:5 chat.completions.create'), bill.join('\n'));
  assert.ok(!bill.some((l) => /^\s*::/.test(l)));
});

test('workflow commands: the github format prints only its own annotations, data and properties escaped', () => {
  const out = renderGithub(checked);
  const lines = out.trimEnd().split('\n');
  const active = checked.findings.filter((f) => !f.suppressed);
  assert.equal(lines.length, active.length);
  assert.ok(lines.length > 0);
  for (const [i, line] of lines.entries()) {
    const f = active[i];
    assert.ok(line.startsWith(`::${f.severity === 'info' ? 'notice' : f.severity} file=${escapeProperty(f.file)},`), line);
  }
  // The runner takes each line as the annotation we meant, nothing else.
  assert.deepEqual(
    runnerCommands(out).map((c) => c.split(' ')[0]),
    active.map((f) => (f.severity === 'info' ? 'notice' : f.severity)),
  );
  assert.ok(lines.some((l) => l.startsWith('::') && l.includes('file=%3A%3Aerror%3A%3Ax.ts,line=5,col=10,')), out);
  assert.ok(lines.some((l) => l.startsWith('::warning file=nl%0A%3A%3Aadd-mask%3A%3Ay.ts,line=2,col=24,')), out);
});

test('workflow commands: JSON and SARIF keep every value exactly (only its encoding changes)', () => {
  assert.deepEqual(JSON.parse(renderJson(estimated)), JSON.parse(JSON.stringify(estimated)));
  const json = renderJson(checked);
  assert.ok(!json.includes('##['));
  assert.ok(json.includes('"##\\u005bgroup]g.ts"'));
  assert.deepEqual(JSON.parse(renderSarif(checked)).runs[0].results.length, checked.findings.length);
});

test('workflow commands: inertText and inertJson, exactly', () => {
  assert.equal(inertText('::add-mask::x\n  ::error::y\r::z\r\n\t\u00a0::w\nok ::not-at-start a ##[group]b ##[x'), '\\::add-mask::x\n  \\::error::y\r\\::z\r\n\t\u00a0\\::w\nok ::not-at-start a ##\\[group]b ##\\[x');
  assert.equal(inertText('plain\n'), 'plain\n');
  assert.equal(inertJson('{"a": "##[error]x \u202e \u200b \u2028 \u0085 \u007f"}'), '{"a": "##\\u005berror]x \\u202e \\u200b \\u2028 \\u0085 \\u007f"}');
  assert.deepEqual(JSON.parse(inertJson(JSON.stringify({ a: '##[error]x \u202e\u2066\u200b\ufeff\u2028\u0085' }))), { a: '##[error]x \u202e\u2066\u200b\ufeff\u2028\u0085' });
});

const BIN = path.join(__dirname, '..', '..', '..', 'bin', 'tollgate.js');
const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test('workflow commands: the CLI on a runner: stdout of scan, check, usage sync --dry-run and a config error on stderr', () => {
  for (const args of [['scan', '.'], ['scan', '.', '--format', 'json'], ['check', '.'], ['check', '.', '--format', 'github'], ['usage', 'sync', '.', '--dry-run']]) {
    const r = cli(args, head);
    assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`);
    const own = args.includes('github') ? r.stdout.split('\n').filter((l) => !/^::(error|warning|notice) file=/.test(l)).join('\n') : r.stdout;
    assert.deepEqual(runnerCommands(own), [], args.join(' '));
    assert.deepEqual(runnerCommands(r.stderr), [], args.join(' '));
  }
  // tollgate.yml comes from the pull request too: a key with a line break in it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-config-'));
  try {
    fs.writeFileSync(path.join(dir, 'tollgate.yml'), '"x\\n::add-mask::secret ##[group]g": 1\n');
    const r = cli(['scan', '.'], dir);
    assert.equal(r.status, 2);
    assert.deepEqual(runnerCommands(r.stderr), []);
    assert.match(r.stderr, /: unknown key "x\n\\::add-mask::secret ##\\\[group\]g"; known keys: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
