import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ts } from 'ts-morph';
import { configError, fixture, ROOT } from '../helpers';
import { loadConfig, MAX_CONFIG_BYTES } from '../../shared/config/load';
import { parseAnnotation } from '../../shared/estimate/annotations';
import { scan } from '../../shared/scan';
import { estimateScan } from '../../shared/estimate';
import { checkPolicy } from '../../shared/check';
import { discover } from '../../shared/project/discover';
import { suppressionFix, volumeAnnotationFix, applyEdits } from '../../shared/rules/edits';
import { lineStarts, positionAt, offsetAt, textLines } from '../../shared/lines';
import picomatch from 'picomatch';
import { globMatch, globProblem, globTest } from '../../shared/glob';
import { parseCodeowners, ownersOf } from '../../shared/ownership/codeowners';
import { readInputs, InputError } from '../../action/inputs';
import { maxWorkerCount } from '../../shared/parallel';

// Every attack on the config, CLI and input limits of issue 11, run through the real code path.
// Hang guards run in a child process with a generous timeout: they fail on a hang, never on speed.

const OUT = path.join(ROOT, 'out');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-limits-'));
}

/** Runs a script (given the compiled tree's root as OUT) in a child process; a hang is a failure, not a stuck suite. */
function guarded(script: string, timeoutMs = 120_000): string {
  const r = spawnSync(process.execPath, ['-e', `const OUT = ${JSON.stringify(OUT)};\n${script}`], { encoding: 'utf8', timeout: timeoutMs });
  assert.equal(r.error, undefined, `the child process did not finish within ${timeoutMs / 1000} s`);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// ---- tollgate.yml: numbers ----

test('config: NaN and infinities are errors naming the key and line, not figures', () => {
  assert.equal(configError('estimate:\n  outputFraction: .nan\n'), 'tollgate.yml:2:19: "estimate.outputFraction" expects a finite number, not .nan');
  assert.equal(configError('estimate:\n  cacheHitRate: .inf\n'), 'tollgate.yml:2:17: "estimate.cacheHitRate" expects a number between 0 and 1');
  assert.equal(configError('estimate:\n  outputTokens: { chat: .nan }\n'), 'tollgate.yml:2:25: "estimate.outputTokens.chat" expects a finite number, not .nan');
  assert.equal(configError('usage:\n  callSites: { "a#*": .nan }\n'), 'tollgate.yml:2:23: "usage.callSites.a#*" expects a finite number, not .nan');
  assert.equal(configError('pricing:\n  overrides:\n    - { model: x, discountPercent: .nan }\n'), 'tollgate.yml:3:36: "pricing.overrides[].discountPercent" expects a finite number, not .nan');
  assert.equal(configError('pricing:\n  overrides:\n    - { model: x, prices: { input: .nan } }\n'), 'tollgate.yml:3:36: "pricing.overrides[].prices.input" expects a finite number, not .nan');
  assert.equal(configError('pricing:\n  overrides:\n    - { model: x, prices: { input: -.inf } }\n'), 'tollgate.yml:3:36: "pricing.overrides[].prices.input" expects a non-negative price in USD per 1M tokens');
  assert.equal(configError('budgets:\n  total: .nan\n'), 'tollgate.yml:2:10: "budgets.total" expects a number above 0 (USD per month)');
  assert.equal(configError('selfHosted:\n  - { model: l, gpuHourlyUsd: 1, tokensPerSecond: .nan }\n'), 'tollgate.yml:2:51: "selfHosted[0].tokensPerSecond" expects a number above 0 (output tokens per second, all GPUs together)');
  assert.equal(configError('rules:\n  per-call-ceiling: { maxUsd: .nan }\n'), 'tollgate.yml:2:31: "rules.per-call-ceiling.maxUsd" expects a number');
});

test('config: figures beyond their bound are errors naming the key, the line and the bound', () => {
  assert.equal(configError('usage:\n  default: 99999999999999999999999999m/day\n'), 'tollgate.yml:2:12: "usage.default" is over the limit of 1000000000000 calls per month');
  assert.equal(configError('usage:\n  default: .inf\n'), 'tollgate.yml:2:12: "usage.default" is over the limit of 1000000000000 calls per month');
  assert.equal(configError(`usage:\n  teams: { a: "${'9'.repeat(400)}/hour" }\n`), 'tollgate.yml:2:15: "usage.teams.a" is over the limit of 1000000000000 calls per month');
  assert.equal(configError('usage:\n  fanout: { "a#*": 2m }\n'), 'tollgate.yml:2:20: "usage.fanout.a#*" is over the limit of 1000000 calls');
  assert.equal(configError('placeholders:\n  default: .inf\n'), 'tollgate.yml:2:12: "placeholders.default" is over the limit of 10000000 tokens');
  assert.equal(configError('placeholders:\n  names: { q: 20m }\n'), 'tollgate.yml:2:15: "placeholders.names.q" is over the limit of 10000000 tokens');
  assert.equal(configError('pricing:\n  overrides:\n    - { model: x, prices: { output: 1e7 } }\n'), 'tollgate.yml:3:37: "pricing.overrides[].prices.output" is over the limit of 1000000 USD per 1M tokens');
  assert.equal(configError('selfHosted:\n  - { model: l, gpuHourlyUsd: .inf, tokensPerSecond: 10 }\n'), 'tollgate.yml:2:31: "selfHosted[0].gpuHourlyUsd" is over the limit of 1000000 USD per GPU per hour');
  assert.equal(configError('selfHosted:\n  - { model: l, gpuHourlyUsd: 1, tokensPerSecond: 10, gpus: 1e300 }\n'), 'tollgate.yml:2:61: "selfHosted[0].gpus" is over the limit of 1000000 GPUs');
  assert.equal(configError('budgets:\n  total: 1e13\n'), 'tollgate.yml:2:10: "budgets.total" is over the limit of 1000000000000 USD per month');
  assert.equal(configError('budgets:\n  levels: [50, 1e6]\n'), 'tollgate.yml:2:16: "budgets.levels[]" is over the limit of 10000 percent of the budget');
  assert.equal(configError('outcomes:\n  t: { outcome: ticket, perMonth: .inf }\n'), 'tollgate.yml:2:35: "outcomes.t.perMonth" is over the limit of 1000000000000 outcomes per month');
  assert.equal(configError('rules:\n  per-call-ceiling: { maxUsd: .inf }\n'), 'tollgate.yml:2:31: "rules.per-call-ceiling.maxUsd" is over the limit of 1000000000000 USD per call');
  assert.equal(configError('rules:\n  unbounded-output: { suggested: 2e7 }\n'), 'tollgate.yml:2:34: "rules.unbounded-output.suggested" is over the limit of 10000000 tokens');
});

test('config: a .nan output fraction never reaches an estimate ($NaN/month before)', () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'estimate:\n  outputFraction: .nan\n');
  fs.writeFileSync(path.join(dir, 'a.ts'), "import OpenAI from 'openai';\nconst o = new OpenAI();\n// tollgate: volume 1k/day\no.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });\n");
  const r = cli(['scan', dir]);
  assert.deepEqual(r, { code: 2, out: '', err: `tollgate: config error: ${path.join(dir, 'tollgate.yml')}:2:19: "estimate.outputFraction" expects a finite number, not .nan\n` });
});

// ---- tollgate.yml: size, duplicate keys, aliases ----

test('config: a file over 1 MiB is refused with the limit, and only that much is read', () => {
  const file = path.join(tmp(), 'tollgate.yml');
  fs.writeFileSync(file, '# padding\n'.repeat(MAX_CONFIG_BYTES / 10 + 1));
  assert.ok(fs.statSync(file).size > MAX_CONFIG_BYTES);
  assert.throws(() => loadConfig(file, 'tollgate.yml'), { message: 'tollgate.yml:1:1: the config file is over 1 MiB (1048576 bytes), the limit for a settings file' });
  // Exactly the limit loads (it is all comments).
  fs.writeFileSync(file, '# padding\n'.repeat(MAX_CONFIG_BYTES / 10) + '#'.repeat(MAX_CONFIG_BYTES % 10));
  assert.equal(fs.statSync(file).size, MAX_CONFIG_BYTES);
  assert.equal(loadConfig(file, 'tollgate.yml').file, 'tollgate.yml');
});

test('config: a 50 MB tollgate.yml ends in the size error (it hung for over 5 minutes at 875 MB)', () => {
  const dir = tmp();
  const line = '    "src/generated/file.ts#openai.chat.completions.create@1": 10k/day\n';
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'usage:\n  callSites:\n' + line.repeat(Math.ceil(50e6 / line.length)));
  const out = guarded(`
    const { loadConfig } = require(OUT + '/shared/config/load');
    try { loadConfig(${JSON.stringify(path.join(dir, 'tollgate.yml'))}, 'tollgate.yml'); console.log('loaded'); } catch (e) { console.log(e.message); }
  `);
  assert.equal(out, 'tollgate.yml:1:1: the config file is over 1 MiB (1048576 bytes), the limit for a settings file\n');
});

test('config: repeated keys are found in linear time, with the key and its line', () => {
  // 14,000 entries just under the size limit; yaml's own check compares every pair (40,000: 14 s).
  const entries = Array.from({ length: 14_000 }, (_, i) => `    "src/f${i}.ts#x": 1\n`).join('');
  const text = `usage:\n  callSites:\n${entries}    "src/f7.ts#x": 2\n`;
  assert.ok(text.length < MAX_CONFIG_BYTES);
  const file = path.join(tmp(), 'tollgate.yml');
  fs.writeFileSync(file, text);
  const out = guarded(`
    const { loadConfig } = require(OUT + '/shared/config/load');
    try { loadConfig(${JSON.stringify(file)}, 'tollgate.yml'); console.log('loaded'); } catch (e) { console.log(e.message); }
  `);
  assert.equal(out, 'tollgate.yml:14003:5: not valid YAML: Map keys must be unique ("src/f7.ts#x" appears twice in the same mapping)\n');
  assert.equal(configError('budgets:\n  teams: { a: 1, b: 2, a: 3 }\n'), 'tollgate.yml:2:24: not valid YAML: Map keys must be unique ("a" appears twice in the same mapping)');
  // 1 and "1" are different keys, as YAML says.
  assert.equal(configError('usage:\n  teams: { 1: 1k/day, "1": 2k/day }\n'), 'no error');
});

test('config: aliases are never expanded (billion laughs)', () => {
  let text = 'include: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]\nrules:\n  missing-attribution:\n    required: [';
  const levels: string[] = [];
  for (let i = 1; i <= 9; i++) levels.push(`&a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  text += levels.join(', ') + ']\n';
  const out = guarded(`
    const { parseConfig } = require(OUT + '/shared/config/load');
    try { parseConfig(${JSON.stringify(text)}, 'tollgate.yml'); console.log('loaded'); } catch (e) { console.log(e.message); }
  `);
  assert.equal(out, 'tollgate.yml:4:15: "rules.missing-attribution.required" expects a list of strings\n');
  assert.equal(configError('include: &a ["x"]\nexclude: *a\n'), 'tollgate.yml:2:10: "exclude" expects a list of glob strings, for example:\n  exclude:\n    - "src/**"');
});

// ---- annotations ----

test('annotations: absurd figures are annotation errors naming the bound, not figures', () => {
  assert.deepEqual(parseAnnotation('volume 99999999999999999999999m/hour', 3), {
    tokens: {},
    line: 3,
    errors: ['volume 99999999999999999999999m/hour is over the limit of 1000000000000 calls per month'],
  });
  assert.deepEqual(parseAnnotation(`tokens a=20m b=${'9'.repeat(400)} c=10m fanout 2m`, 1), {
    tokens: { c: 10_000_000 },
    line: 1,
    errors: ['tokens a=20m is over the limit of 10000000 tokens', `tokens b=${'9'.repeat(400)} is over the limit of 10000000 tokens`, 'fanout 2m is over the limit of 1000000 calls'],
  });
  // The bounds themselves are figures.
  assert.equal(parseAnnotation('volume 1000000m/month', 1).volumePerMonth, 1e12);
  assert.equal(parseAnnotation('fanout 1m', 1).fanout, 1e6);
});

test('annotations: a 9e28-dollar annotation becomes a warning at file:line and no monthly cost', () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'a.ts'), "import OpenAI from 'openai';\nconst o = new OpenAI();\n// tollgate: volume 99999999999999999999999m/hour\no.chat.completions.create({ model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });\n");
  const estimated = estimateScan(scan(dir), loadConfig(null), dir);
  assert.deepEqual(
    estimated.warnings.filter((w) => w.message.startsWith('tollgate annotation')),
    [{ file: 'a.ts', line: 3, message: 'tollgate annotation: volume 99999999999999999999999m/hour is over the limit of 1000000000000 calls per month' }],
  );
  assert.equal(estimated.callSites[0].estimate.monthlyCost, null);
});

// ---- --jobs and other numeric inputs ----

test('cli: --jobs is bounded by the machine, with a clear message (100,000 threads before; a stack trace for 1e20)', () => {
  const max = maxWorkerCount();
  const dir = fixture('rules');
  const over = (v: string) => ({ code: 2, out: '', err: `tollgate: --jobs ${v} is more than the ${max} processors of this machine: use 0 to ${max}\nRun \`tollgate --help\` for usage.\n` });
  assert.deepEqual(cli(['scan', dir, '--jobs', '100000']), over('100000'));
  assert.deepEqual(cli(['scan', dir, '--jobs', '99999999999999999999']), over('99999999999999999999'));
  assert.deepEqual(cli(['check', dir, '--jobs', '100000']), over('100000'));
  assert.deepEqual(cli(['diff', '--base', 'HEAD', dir, '--jobs', '100000']), over('100000'));
  assert.deepEqual(cli(['scan', dir, '--jobs', '-1']), { code: 2, out: '', err: `tollgate: --jobs expects a whole number from 0 to ${max}, got "-1"\nRun \`tollgate --help\` for usage.\n` });
  assert.equal(cli(['scan', dir, '--jobs', String(max), '--format', 'json']).code, 0);
});

test('action: a threshold too large to be a number is an input error', () => {
  const env = { 'INPUT_COMMENT-ON': 'change', 'INPUT_COMMENT-THRESHOLD-USD': '9'.repeat(400) };
  assert.throws(() => readInputs(env), (e: unknown) => e instanceof InputError && e.message === `input comment-threshold-usd: "${'9'.repeat(400)}" is more than 1000000000000`);
  assert.equal(readInputs({ 'INPUT_COMMENT-ON': 'change', 'INPUT_COMMENT-THRESHOLD-PERCENT': '1000000000000' }).thresholdPercent, 1e12);
});

// ---- one notion of line ----

test('lines: the helper breaks lines exactly where TypeScript does', () => {
  const text = 'a\rb\r\nc\nd\u2028e\u2029f\r\r\n\n';
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest);
  assert.deepEqual(lineStarts(text), [...sf.getLineStarts()]);
  assert.deepEqual(textLines(text), ['a', 'b', 'c', 'd', 'e', 'f', '', '', '']);
  for (let offset = 0; offset <= text.length; offset++) {
    const p = sf.getLineAndCharacterOfPosition(offset);
    assert.deepEqual(positionAt(text, offset), { line: p.line + 1, column: p.character + 1 }, `offset ${offset}`);
    assert.equal(offsetAt(text, p.line + 1, p.character + 1), offset);
  }
});

/** The rules fixture with every line break replaced. */
function rulesFixtureWith(eol: string): string {
  const dir = tmp();
  const text = fs.readFileSync(fixture('rules', 'app.ts'), 'utf8');
  fs.writeFileSync(path.join(dir, 'app.ts'), text.replace(/\n/g, eol));
  return dir;
}

const findingRows = (dir: string) => checkPolicy(scan(dir), dir, loadConfig(null), 'error').findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column}${f.suppressed ? ` suppressed(${f.suppressionReason})` : ''}`);

test('lines: CR-only, CRLF and U+2028 files: suppressions and annotations on the right lines (check crashed on CR-only)', () => {
  const expected = [
    'warning frontier-default app.ts:17:10',
    'warning missing-attribution app.ts:17:10',
    'warning unbounded-output app.ts:17:10',
    'warning frontier-default app.ts:26:10 suppressed(legal review needs the strongest model)',
    'warning missing-attribution app.ts:26:10 suppressed(internal tool, billed to the platform team)',
    'warning suppression-reason app.ts:30:1',
    'warning unknown-model app.ts:31:10 suppressed()',
    'info unresolved-model app.ts:35:10',
  ];
  for (const eol of ['\n', '\r', '\r\n', '\u2028', '\u2029']) {
    const dir = rulesFixtureWith(eol);
    assert.deepEqual(findingRows(dir), expected, JSON.stringify(eol));
    const sites = estimateScan(scan(dir), loadConfig(null), dir).callSites;
    // `// tollgate: volume 1k/day` above the first two calls is read on every kind of line.
    assert.deepEqual(sites.map((s) => `${s.line}:${s.column} ${s.annotation?.volume ?? '-'}`), ['7:10 1k/day', '17:10 1k/day', '26:10 -', '31:10 -', '35:10 -'], JSON.stringify(eol));
  }
  for (const format of ['text', 'json', 'markdown', 'sarif', 'github']) {
    const r = cli(['check', rulesFixtureWith('\r'), '--format', format, '--fail-on', 'never']);
    assert.equal(r.code, 0, `${format}: ${r.err}`);
    assert.equal(r.err, '');
  }
});

test('lines: fixes insert at the right line with the file\'s own line break', () => {
  const lf = 'const a = 1;\n  call();\n';
  const cr = lf.replace(/\n/g, '\r');
  const fix = suppressionFix({ ruleId: 'frontier-default', file: 'a.ts', line: 2 }, cr)!;
  assert.equal(applyEdits(cr, [fix.edit]), 'const a = 1;\r  // tollgate-allow frontier-default: <reason>\r  call();\r');
  assert.deepEqual(fix.select, { file: 'a.ts', line: 2, column: 39, endLine: 2, endColumn: 47 });
  const u2028 = 'const a = 1;\u2028  call();\n';
  const fix2 = suppressionFix({ ruleId: 'frontier-default', file: 'a.ts', line: 2 }, u2028)!;
  assert.equal(applyEdits(u2028, [fix2.edit]), 'const a = 1;\u2028  // tollgate-allow frontier-default: <reason>\n  call();\n');
  // A volume added to an annotation on a CR-only line lands at the end of that line.
  const annotated = '// tollgate: tokens q=3\rcall();\r';
  const site = { file: 'a.ts', line: 2, column: 1, annotation: { line: 1, volume: null }, estimate: { monthlyCost: null, costPerCall: { expected: 1 } } };
  const vol = volumeAnnotationFix(site as never, annotated)!;
  assert.equal(applyEdits(annotated, [vol.edit]), '// tollgate: tokens q=3 volume 1k/day\rcall();\r');
});

// ---- CODEOWNERS and globs: no catastrophic backtracking ----

test('codeowners: a hostile pattern matches in bounded time (a RegExp backtracked for minutes)', () => {
  const out = guarded(`
    const { parseCodeowners, ownersOf } = require(OUT + '/shared/ownership/codeowners');
    const co = parseCodeowners('${'*a'.repeat(30)}b @evil\\n**/${'a*/'.repeat(20)}b @evil2\\n', 'CODEOWNERS');
    const name = 'a'.repeat(250);
    const deep = Array(200).fill('a').join('/') + '/c';
    console.log(JSON.stringify([ownersOf(co, name), ownersOf(co, 'x/' + name), ownersOf(co, deep), ownersOf(co, name + 'b'), ownersOf(co, 'a/a/a/' + Array(20).fill('aa').join('/') + '/b')]));
  `);
  assert.equal(out, '[[],[],[],["@evil"],["@evil2"]]\n');
  // Same meaning as before for ordinary patterns.
  const co = parseCodeowners('*.js @js\n/docs/ @docs\napps/ @apps\n', 'CODEOWNERS');
  assert.deepEqual([ownersOf(co, 'src/a.js'), ownersOf(co, 'docs/a/b.md'), ownersOf(co, 'x/apps/y.ts'), ownersOf(co, 'apps')], [['@js'], ['@docs'], ['@apps'], []]);
});

test('globs from tollgate.yml: hostile globs match in bounded time or are refused with the reason', () => {
  const out = guarded(`
    const { globMatch } = require(OUT + '/shared/glob');
    const name = 'a'.repeat(250);
    const deep = Array(2000).fill('a').join('/') + '/c';
    console.log(JSON.stringify([
      globMatch(name, '${'*a'.repeat(12)}b', { dot: true }),
      globMatch(deep, '**/a/**/a/**/a/**/a/**/b', { dot: true }),
      globMatch(name + 'b', '${'*a'.repeat(12)}b', { dot: true }),
      globMatch(deep.slice(0, -1) + 'b', '**/a/**/a/**/a/**/a/**/b', { dot: true }),
      globMatch(name, '+(a|aa)*+(a|aa)*+(a|aa)*b'),
      globMatch('a'.repeat(60), '${'(a|aa)'.repeat(30)}b'),
      globMatch('a'.repeat(60), '${'{a,aa}'.repeat(30)}b'),
    ]));
  `);
  assert.equal(out, '[false,false,true,true,false,false,false]\n');
  assert.notEqual(globProblem('(a|aa)(a|aa)b'), null, 'alternatives backtrack without any star');
  assert.equal(globProblem('*.{ts,tsx}'), null, 'a plain brace list is expanded, not a RegExp');
  assert.equal(globProblem('+(a|aa)*+(a|aa)*+(a|aa)*b'), 'has more than 2 wildcards or alternatives (*, ( ), { }, |) in a form only a backtracking regular expression matches, in exponential time on hostile names; split it into simpler globs');
  assert.equal(globProblem('x'.repeat(1001)), 'is longer than 1000 characters');
  assert.equal(globProblem('packages/*/src/**/*.{ts,tsx}'), null);
  assert.equal(globProblem('[ab]*.ts'), null, 'exotic syntax with few wildcards still goes to picomatch');
  assert.equal(globMatch('b1.ts', '[ab]*.ts'), true);
  assert.equal(
    configError('include: ["src/**", "+(a|aa)*+(a|aa)*+(a|aa)*b"]\n'),
    'tollgate.yml:1:21: "include[1]" glob "+(a|aa)*+(a|aa)*+(a|aa)*b" has more than 2 wildcards or alternatives (*, ( ), { }, |) in a form only a backtracking regular expression matches, in exponential time on hostile names; split it into simpler globs',
  );
  assert.equal(
    configError('usage:\n  callSites: { "@(a)*@(b)*@(c)*": 1 }\n'),
    'tollgate.yml:2:16: "usage.callSites" key glob "@(a)*@(b)*@(c)*" has more than 2 wildcards or alternatives (*, ( ), { }, |) in a form only a backtracking regular expression matches, in exponential time on hostile names; split it into simpler globs',
  );
  assert.equal(
    configError('rules:\n  frontier-default: { allow: ["!(a)*!(b)*!(c)*"] }\n'),
    'tollgate.yml:2:30: "rules.frontier-default.allow" glob "!(a)*!(b)*!(c)*" has more than 2 wildcards or alternatives (*, ( ), { }, |) in a form only a backtracking regular expression matches, in exponential time on hostile names; split it into simpler globs',
  );
  assert.deepEqual(cli(['scan', fixture('rules'), '--exclude', '@(a)*@(b)*@(c)*']), {
    code: 2,
    out: '',
    err: 'tollgate: --exclude glob "@(a)*@(b)*@(c)*" has more than 2 wildcards or alternatives (*, ( ), { }, |) in a form only a backtracking regular expression matches, in exponential time on hostile names; split it into simpler globs\nRun `tollgate --help` for usage.\n',
  });
});

test('globs: the bounded matcher gives picomatch\'s answers for the globs it takes over (generated corpus)', () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pick = <T>(xs: T[]) => xs[rnd(xs.length)];
  const segment = () => (rnd(5) === 0 ? '**' : Array.from({ length: 1 + rnd(4) }, () => pick(['a', 'b', '.', '*', '?', 'a', '*', 'x', '-', '#'])).join('').replace(/\*\*+/g, '*'));
  const glob = () => {
    let g = Array.from({ length: 1 + rnd(4) }, segment).join('/');
    if (rnd(6) === 0) g = g.replace(/a/, '{a,b.}');
    if (rnd(8) === 0) g = g.replace(/b/, '{b,{x,.*}/**}');
    if (rnd(9) === 0) g = '**/' + g;
    if (rnd(9) === 0) g += '/**';
    return g;
  };
  const name = () => Array.from({ length: rnd(5) }, () => pick(['a', 'b', '.', 'x', '-', '#', 'ab', '..', '.a', 'a.b'])).join('') || 'a';
  const subject = () => Array.from({ length: 1 + rnd(4) }, name).join('/');
  let compared = 0;
  for (let k = 0; k < 2000; k++) {
    const g = glob();
    if (globProblem(g)) continue;
    for (const dot of [true, false]) {
      const mine = globTest(g, { dot });
      const reference = picomatch(g, { dot });
      for (let t = 0; t < 20; t++) {
        const s = subject();
        assert.equal(mine(s), reference(s), `${g} on ${s} (dot: ${dot})`);
        compared++;
      }
    }
  }
  assert.ok(compared > 70_000, String(compared));
});

// ---- .gitignore ----

test('gitignore: a 100,000-line .gitignore over 1,000 files finishes (123 s before) with the same files', () => {
  const dir = tmp();
  const rules = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? `generated/file${i}.ts` : `*.ext${i}`));
  fs.writeFileSync(path.join(dir, '.gitignore'), rules.join('\n') + '\n!generated/file1.ts\n');
  fs.mkdirSync(path.join(dir, 'generated'));
  for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, 'generated', `file${i}.ts`), '');
  const out = guarded(`
    const { discover } = require(OUT + '/shared/project/discover');
    const d = discover(${JSON.stringify(dir)});
    console.log(d.files.length, d.files.slice(0, 3).map((f) => f.rel).join(' '), d.warnings.length);
  `);
  // Odd numbers are ignored except file1 (negated last); even numbers stay.
  assert.equal(out, '501 generated/file0.ts generated/file1.ts generated/file10.ts 0\n');
});

test('gitignore: a .gitignore that cannot be matched in bounded time is not applied, with a warning', () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', '.gitignore'), Array.from({ length: 300 }, (_, i) => `*${'?'.repeat(i % 7 + 1)}[a-z]`).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'sub', 'a.ts'), '');
  const d = discover(dir);
  assert.deepEqual(d.files.map((f) => f.rel), ['sub/a.ts']);
  assert.deepEqual(d.warnings, [{ file: 'sub/.gitignore', message: '.gitignore not applied: 300 patterns have no literal name, name ending, name start or first folder, over the limit of 256 (each would be tested against every path)' }]);
});
