import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../shared/scan';
import { parseJsonc } from '../../shared/project/jsonc';
import { fixture } from '../helpers';

test('tsconfig paths: aliases from a JSONC tsconfig (comments, trailing commas, extends) lead to the shared client and constants', () => {
  const result = scan(fixture('tsconfig-paths'));
  assert.deepEqual(
    result.callSites.map((s) => ({ at: `${s.file}:${s.line}:${s.column}`, api: s.api, model: s.model, tags: s.tags.map((t) => `${t.key}=${t.value}`) })),
    [{ at: 'packages/app/src/features/summary.ts:5:10', api: 'chat.completions.create', model: { status: 'exact', value: 'gpt-4o-mini' }, tags: ['team=growth'] }],
  );
  assert.deepEqual(result.warnings, []);
});

test('jsonc: comments and trailing commas go, strings stay whole', () => {
  assert.deepEqual(parseJsonc('\uFEFF{ "a": "./src/*", // line\n "b": [1, 2, /* c */ ], "c": "x // y", "d": "q\\"/*", }'), { a: './src/*', b: [1, 2], c: 'x // y', d: 'q"/*' });
  assert.deepEqual(parseJsonc('[ ]'), []);
  assert.equal(parseJsonc('{ "a": 1 /* unterminated'), undefined);
  assert.equal(parseJsonc('{ "a": }'), undefined);
  assert.equal(parseJsonc('{ "a": "unterminated }'), undefined);
});
