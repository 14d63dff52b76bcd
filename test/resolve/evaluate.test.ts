import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discover } from '../../shared/project/discover';
import { SourceIndex } from '../../shared/project/sources';
import { Evaluator } from '../../shared/resolve/evaluate';
import { toResolved } from '../../shared/resolve/resolved';
import { fixture } from '../helpers';

const dir = fixture('resolve');
const d = discover(dir);
const index = new SourceIndex(d.root, d.files);
const ev = new Evaluator(index);
const value = (name: string) => toResolved(ev.exportOf(fixture('resolve', 'cases.ts'), name));

const cases: Array<[string, unknown]> = [
  ['literal', { status: 'exact', value: 'gpt-4o' }],
  ['crossFile', { status: 'exact', value: 'gpt-4o' }],
  ['templateConst', { status: 'exact', value: 'gpt-4o-mini' }],
  ['templateDynamic', { status: 'unknown', reason: 'built at run time from `process.argv[2]` (from the runtime)' }],
  ['envDefault', { status: 'exact', value: 'gpt-4o-mini', notes: ['default when process.env.MODEL is unset'] }],
  ['envOr', { status: 'exact', value: 'gpt-4.1', notes: ['default when process.env.MODEL is unset'] }],
  ['envOnly', { status: 'unknown', reason: 'set by environment variable MODEL at run time, with no default in the code' }],
  ['spreadOverride', { status: 'exact', value: 'o3' }],
  ['spreadKept', { status: 'exact', value: 'gpt-4o' }],
  ['spreadUnknown', { status: 'oneOf', values: ['gpt-4o'], notes: ['also: may be overridden by the spread of `userOptions`'] }],
  ['ternary', { status: 'oneOf', values: ['gpt-4.1', 'gpt-4.1-nano'] }],
  ['mapLookup', { status: 'oneOf', values: ['gpt-4.1', 'gpt-4o-mini', 'o3'] }],
  ['switchFn', { status: 'oneOf', values: ['gpt-4.1-mini', 'text-embedding-3-small'] }],
  ['enumMember', { status: 'exact', value: 'gpt-4.1' }],
  ['asConst', { status: 'exact', value: 'o3' }],
  ['paramDefault', { status: 'exact', value: 'gpt-4o-mini', notes: ['default of parameter `model`'] }],
  ['paramGiven', { status: 'exact', value: 'o4-mini' }],
  ['fileRead', { status: 'exact', value: 'You are terse.' }],
  ['fileMissing', { status: 'unknown', reason: 'cannot read `prompts/nope.txt`: no such file' }],
  ['rawImport', { status: 'exact', value: 'Hello {{name}}, you asked: {{question}}' }],
  ['replaced', { status: 'exact', value: 'Hello Ada, you asked: {{question}}' }],
  ['dedented', { status: 'exact', value: 'Line one\n  indented\nLine two' }],
  ['joined', { status: 'unknown', reason: 'built at run time from `new Date().toDateString()` (from the runtime)' }],
  ['cjsModel', { status: 'exact', value: 'gpt-3.5-turbo' }],
  ['cjsPrompt', { status: 'exact', value: 'You are terse.' }],
  ['cjsExtra', { status: 'exact', value: 'mistral-large-latest' }],
  ['jsonModel', { status: 'exact', value: 'gemini-2.5-flash' }],
  ['defaultExport', { status: 'exact', value: 'claude-sonnet-4-5' }],
  ['destructuredValue', { status: 'exact', value: 'gpt-5' }],
  ['destructuredDefault', { status: 'exact', value: 'gpt-5-nano' }],
  ['staticMember', { status: 'exact', value: 'claude-haiku-4-5' }],
  ['letValue', { status: 'oneOf', values: ['gpt-4o', 'o3'] }],
  ['frozen', { status: 'exact', value: 'gpt-4.1' }],
  ['circular', { status: 'unknown', reason: 'defined in terms of itself' }],
  ['concatenated', { status: 'exact', value: 'Answer in English.' }],
  ['fromJsonEnv', { status: 'unknown', reason: 'read at run time from `JSON.parse().model`' }],
  ['placeholderLet', { status: 'exact', value: 'gpt4o-prod' }],
  // A ternary inside a template is one of the models each branch makes, not the longer string.
  ['templateTernary', { status: 'oneOf', values: ['gpt-4o', 'gpt-4o-mini'] }],
  ['concatTernary', { status: 'oneOf', values: ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini'] }],
  // 3 × 2 = 6 combinations of a nested ternary and another.
  ['nestedTernary', { status: 'oneOf', values: ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o3-mini'] }],
  // 2^4 = 16 is the bound; 2^5 = 32 is over it, and says so.
  ['sixteenCombinations', { status: 'oneOf', values: ['m1111', 'm1112', 'm1121', 'm1122', 'm1211', 'm1212', 'm1221', 'm1222', 'm2111', 'm2112', 'm2121', 'm2122', 'm2211', 'm2212', 'm2221', 'm2222'] }],
  ['tooManyCombinations', { status: 'unknown', reason: 'a template of 32 combinations of values (more than 16 are not listed)' }],
  ['ternaryBesidePlaceholder', { status: 'unknown', reason: 'built at run time from `process.argv[2]` (from the runtime)' }],
];

for (const [name, expected] of cases) {
  test(`resolve: ${name}`, () => assert.deepEqual(value(name), expected));
}

test('resolve: new URL() joins a relative path to a static base', () => {
  const v = toResolved(ev.exportOf(fixture('resolve', 'urls.ts'), 'endpoint'));
  assert.deepEqual(v, { status: 'exact', value: 'https://api.openai.com/v1/chat/completions' });
  assert.deepEqual(toResolved(ev.exportOf(fixture('resolve', 'urls.ts'), 'bad')), { status: 'unknown', reason: '`new URL("/x", "not a url")` is not a valid URL' });
});

test('resolve: a zod schema says what a parsed request field can be', () => {
  assert.deepEqual(value('zodEnum'), { status: 'oneOf', values: ['claude-haiku-4-5', 'claude-sonnet-4-6'] });
  assert.deepEqual(value('zodString'), { status: 'unknown', reason: 'a string from the request, validated by zod at run time' });
  assert.deepEqual(value('zodDefault'), { status: 'oneOf', values: ['0.2'], notes: ['also: a number from the request, validated by zod'] });
  assert.deepEqual(value('zodSafe'), { status: 'exact', value: 'fast' });
});
