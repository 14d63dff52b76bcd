import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { discover } from '../../shared/project/discover';
import { SourceIndex } from '../../shared/project/sources';
import { budgeted } from '../../shared/resolve/budget';
import { Evaluator } from '../../shared/resolve/evaluate';
import { toResolved } from '../../shared/resolve/resolved';
import { scan } from '../../shared/scan';
import type { ScanResult } from '../../shared/types';
import { doubling, scanGuarded, tree } from './hostile';

// Values that grow without bound, cycles through `this`, and patterns that backtrack: each attack
// is scanned for real and must finish with exact values and one warning naming the call.

const OPENAI = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
const ask = (content: string) => `client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: ${content} }] });\n`;
const askWith = (messages: string) => `client.chat.completions.create({ model: 'gpt-4o', messages: ${messages} });\n`;
const STEPS = 'analysis budget exceeded at this call (more than 2,000,000 evaluation steps); the values it needed are reported as unknown';
const CHARS = 'analysis budget exceeded at this call (a value of more than 1,000,000 characters); the values it needed are reported as unknown';
const ITEMS = 'analysis budget exceeded at this call (a value of more than 10,000 items); the values it needed are reported as unknown';

function summary(r: ScanResult) {
  return { warnings: r.warnings, sites: r.callSites.map((s) => ({ at: `${s.file}:${s.line}`, model: s.model, prompt: s.prompt })) };
}

const userPlaceholder = (name = 'input', expression = 'input') => [{ type: 'placeholder', name, expression, role: 'user' }];

test('budget: a string doubled forty times is unknown, with one warning at the call', () => {
  const r = scan(tree({ 'a.ts': OPENAI + doubling(40, "'ab'", (n, p) => `const ${n} = ${p} + ${p};`) + ask('a40') }), { workers: 0 });
  assert.deepEqual(summary(r), { warnings: [{ file: 'a.ts', line: 44, message: STEPS }], sites: [{ at: 'a.ts:44', model: { status: 'exact', value: 'gpt-4o' }, prompt: userPlaceholder() }] });
});

test('budget: a template literal doubled forty times is unknown', () => {
  const r = scan(tree({ 'a.ts': OPENAI + doubling(40, "'ab'", (n, p) => `const ${n} = \`\${${p}}\${${p}}\`;`) + ask('a40') }), { workers: 0 });
  assert.deepEqual(summary(r), { warnings: [{ file: 'a.ts', line: 44, message: STEPS }], sites: [{ at: 'a.ts:44', model: { status: 'exact', value: 'gpt-4o' }, prompt: userPlaceholder() }] });
});

test('budget: arrays doubled by spreads or concat stop at 10,000 items', () => {
  const first = "[{ role: 'user', content: 'hi' }]";
  const spread = scan(tree({ 'a.ts': OPENAI + doubling(40, first, (n, p) => `const ${n} = [...${p}, ...${p}];`) + askWith('a40') }), { workers: 0 });
  assert.deepEqual(summary(spread), { warnings: [{ file: 'a.ts', line: 44, message: ITEMS }], sites: [{ at: 'a.ts:44', model: { status: 'exact', value: 'gpt-4o' }, prompt: [{ type: 'placeholder', name: 'input', expression: 'input', hint: 'history' }] }] });
  const concat = scan(tree({ 'a.ts': OPENAI + doubling(40, first, (n, p) => `const ${n} = ${p}.concat(${p});`) + askWith('a40') }), { workers: 0 });
  assert.deepEqual(summary(concat), { warnings: [{ file: 'a.ts', line: 44, message: ITEMS }], sites: [{ at: 'a.ts:44', model: { status: 'exact', value: 'gpt-4o' }, prompt: [{ type: 'placeholder', name: 'a39', expression: 'a39.concat(a39)', hint: 'history' }] }] });
});

test('budget: JSON.stringify of an object that holds itself twice per level finishes (it hung)', () => {
  const r = scanGuarded(tree({ 'a.ts': OPENAI + doubling(40, "{ role: 'user', content: 'hi' }", (n, p) => `const ${n} = { ...${p}, a: ${p}, b: ${p} };`) + ask('JSON.stringify(a40)') }), { workers: 0 });
  assert.deepEqual(summary(r), { warnings: [{ file: 'a.ts', line: 44, message: CHARS }], sites: [{ at: 'a.ts:44', model: { status: 'exact', value: 'gpt-4o' }, prompt: userPlaceholder() }] });
});

test('budget: a replacement that multiplies a string stops at 1,000,000 characters', () => {
  const r = scan(tree({ 'a.ts': OPENAI + `const big = '${'a'.repeat(2000)}';\nconst t = big.replace(/a/g, big);\n` + ask('t') }), { workers: 0 });
  assert.deepEqual(summary(r), { warnings: [{ file: 'a.ts', line: 5, message: CHARS }], sites: [{ at: 'a.ts:5', model: { status: 'exact', value: 'gpt-4o' }, prompt: userPlaceholder() }] });
});

test('budget: a prompt file over 1,000,000 characters is not kept', () => {
  const read = "import * as fs from 'fs';\nconst t = fs.readFileSync('prompt.txt', 'utf8');\n";
  const r = scan(tree({ 'a.ts': OPENAI + read + ask('t'), 'prompt.txt': 'x'.repeat(1_000_001) }), { workers: 0 });
  assert.deepEqual(summary(r), { warnings: [{ file: 'a.ts', line: 5, message: CHARS }], sites: [{ at: 'a.ts:5', model: { status: 'exact', value: 'gpt-4o' }, prompt: userPlaceholder() }] });
  const fits = scan(tree({ 'a.ts': OPENAI + read + ask('t'), 'prompt.txt': 'x'.repeat(1_000_000) }), { workers: 0 });
  assert.equal(fits.warnings.length, 0);
  assert.equal((fits.callSites[0].prompt[0] as { text: string }).text.length, 1_000_000);
});

test('budget: a backtracking pattern from the scanned code runs in linear time (it hung)', () => {
  const r = scanGuarded(tree({ 'a.ts': OPENAI + `const t = '${'a'.repeat(40)}!'.replace(/(a+)+$/, 'x');\nconst u = '${'a'.repeat(40)}'.replace(/(a+)+$/, 'x');\n` + ask('t + u') }), { workers: 0 });
  assert.deepEqual(summary(r), { warnings: [], sites: [{ at: 'a.ts:5', model: { status: 'exact', value: 'gpt-4o' }, prompt: [{ type: 'text', text: 'a'.repeat(40) + '!x', role: 'user' }] }] });
});

test('budget: `class A extends B`, `class B extends A` ends with a reason (it overflowed the stack)', () => {
  const r = scan(tree({ 'a.ts': OPENAI + 'class A extends B {}\nclass B extends A {}\nconst x = new A();\nclient.chat.completions.create({ model: x.model, messages: [] });\n' }), { workers: 0 });
  assert.deepEqual(summary(r), { warnings: [], sites: [{ at: 'a.ts:6', model: { status: 'unknown', reason: 'class hierarchy of A too deep to follow (over 30 levels)' }, prompt: [] }] });
});

// The LangGraph shape: a runnable whose config spreads itself, invoked with a chat model.
const RUNNER = `import { ChatOpenAI } from '@langchain/openai';
export class Runner {
  config: any;
  constructor(fields: any) {
    this.config = fields.tags ? { tags: fields.tags } : undefined;
    this.config = { ...this.config, metadata: { ...this.config, ...fields.metadata } };
    this.config = { ...this.config, callbacks: [...this.config.callbacks, this.config] };
    this.config = { ...this.config, ...this.config.metadata, run: this.config.tags };
  }
  async invoke(input: string, options?: any) {
    const model = new ChatOpenAI({ model: 'gpt-4o-mini', ...this.config });
    return model.invoke(input, { ...this.config, ...options });
  }
}
`;

test('budget: a self-referencing spread of this.config read through .invoke() finishes (it hung)', () => {
  const callers = Array.from({ length: 12 }, (_, i) => `export const r${i} = new Runner({ tags: ['t${i}'], metadata: { n: ${i} } }).invoke('q${i}', { runName: 'r${i}' });`).join('\n');
  const r = scanGuarded(tree({ 'runner.ts': RUNNER, 'use.ts': `import { Runner } from './runner';\n${callers}\n` }), { workers: 0 });
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(
    r.callSites.map((s) => [s.file, s.line, s.api, s.model]),
    [['runner.ts', 12, 'ChatOpenAI.invoke', { status: 'exact', value: 'gpt-4o-mini' }]],
  );
});

test('budget: a result kept for reuse costs the same steps as computing it (order of the scan does not matter)', () => {
  const dir = tree({
    'consts.ts': doubling(12, "'ab'", (n, p) => `export const ${n} = ${p} + ${p};`) + 'export const obj = { a: a12, b: [a3, a4], c: { d: a5 } };\n',
    'use.ts': "import { a12, obj } from './consts';\nexport const v = obj.c.d + a12;\n",
  });
  const d = discover(dir);
  const ev = new Evaluator(new SourceIndex(d.root, d.files));
  const file = path.join(dir, 'use.ts');
  const cold = budgeted(() => toResolved(ev.exportOf(file, 'v')));
  const warm = budgeted(() => toResolved(ev.exportOf(file, 'v')));
  assert.equal(cold.steps, warm.steps);
  assert.deepEqual(warm.value, cold.value);
  assert.equal((cold.value as { value: string }).value.length, 2 * 32 + 2 * 4096);
  // A limit below that cost gives the same unknown whether the value was kept or not.
  const fresh = new Evaluator(new SourceIndex(d.root, d.files));
  const coldCut = budgeted(() => toResolved(fresh.exportOf(file, 'v')), cold.steps - 1);
  const warmCut = budgeted(() => toResolved(ev.exportOf(file, 'v')), cold.steps - 1);
  assert.deepEqual(coldCut.value, { status: 'unknown', reason: 'analysis budget exceeded: more than 2,000,000 evaluation steps for one call site' });
  assert.deepEqual(warmCut.value, coldCut.value);
});

test('budget: serial and worker scans of a tree that hits budgets give the same bytes', () => {
  const files: Record<string, string> = { 'big.ts': doubling(40, "'ab'", (n, p) => `export const ${n} = ${p} + ${p};`) };
  for (let i = 0; i < 6; i++) files[`use${i}.ts`] = `import { a${i ? 20 + i : 10} } from './big';\n${OPENAI}${ask(`a${i ? 20 + i : 10} + 'x'`)}`;
  const dir = tree(files);
  const serial = JSON.stringify(scan(dir, { workers: 0 }));
  assert.equal(JSON.stringify(scan(dir, { workers: 2, workersOnly: true })), serial);
  assert.deepEqual(
    (JSON.parse(serial) as ScanResult).warnings.map((w) => `${w.file}:${w.line} ${w.message === STEPS ? 'steps' : w.message === CHARS ? 'chars' : w.message}`),
    ['use1.ts:4 steps', 'use2.ts:4 steps', 'use3.ts:4 steps', 'use4.ts:4 steps', 'use5.ts:4 steps'],
  );
});

test('budget: a pattern that needs backtracking is not run; its result is unknown with a reason', () => {
  const dir = tree({ 'a.ts': "export const t = 'abab'.replace(/(ab)\\1/, 'x');\nexport const s = 'abc'.replace(/b/y, 'x');\nexport const ok = 'a.b.c'.replaceAll('.', '/');\nexport const re = 'x1y22'.replace(/\\d+/g, '#');\n" });
  const d = discover(dir);
  const ev = new Evaluator(new SourceIndex(d.root, d.files));
  const file = path.join(dir, 'a.ts');
  assert.deepEqual(toResolved(ev.exportOf(file, 't')), { status: 'unknown', reason: 'the regular expression `/(ab)\\1/` is not evaluated (it needs backtracking)' });
  assert.deepEqual(toResolved(ev.exportOf(file, 's')), { status: 'unknown', reason: 'a regular expression with the `y` flag is not evaluated' });
  assert.deepEqual(toResolved(ev.exportOf(file, 'ok')), { status: 'exact', value: 'a/b/c' });
  assert.deepEqual(toResolved(ev.exportOf(file, 're')), { status: 'exact', value: 'x#y#' });
});

test('budget: more than 1,000 alternatives are one unknown', () => {
  const keys = Array.from({ length: 1001 }, (_, i) => `k${i}: 'm${i}'`).join(', ');
  const dir = tree({ 'a.ts': `const models = { ${keys} };\nexport const pick = models[process.argv[2]];\nconst fewer = { a: 'x', b: 'y' };\nexport const few = fewer[process.argv[2]];\n` });
  const d = discover(dir);
  const ev = new Evaluator(new SourceIndex(d.root, d.files));
  const file = path.join(dir, 'a.ts');
  assert.deepEqual(toResolved(ev.exportOf(file, 'pick')), { status: 'unknown', reason: 'too many possible values to follow (over 1,000)' });
  assert.deepEqual(toResolved(ev.exportOf(file, 'few')), { status: 'oneOf', values: ['x', 'y'] });
});

test('budget: a method named by a pattern-like string is searched for as text when finding its callers (it hung)', () => {
  const wrapper = `${OPENAI}export class Svc {\n  '(x+x+)+y'(model: string) {\n    return client.chat.completions.create({ model, messages: [] });\n  }\n}\n`;
  const caller = `import { Svc } from './svc';\n// ${'x'.repeat(40)}\nexport const r = new Svc()['(x+x+)+y']('gpt-4o-mini');\n`;
  const r = scanGuarded(tree({ 'svc.ts': wrapper, 'use.ts': caller }), { workers: 0 });
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(
    r.callSites.map((s) => [s.file, s.line, s.model, s.callers.map((c) => `${c.file}:${c.line}`)]),
    [['svc.ts', 5, { status: 'exact', value: 'gpt-4o-mini' }, ['use.ts:3']]],
  );
});
