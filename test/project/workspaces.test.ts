import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../shared/scan';
import { exportTargets } from '../../shared/project/sources';
import { fixture } from '../helpers';

const result = scan(fixture('workspaces'));
const brief = (s: (typeof result.callSites)[number]) => ({
  at: `${s.file}:${s.line}:${s.column}`,
  provider: s.provider,
  api: s.api,
  model: s.model,
  tags: s.tags.map((t) => `${t.key}=${t.value}`),
  callers: s.callers.map((c) => `${c.file}:${c.line} ${JSON.stringify(c.values.model)}`),
});

test('workspaces: a monorepo package is followed by its name, with no node_modules (exports map, dist → src, callers across packages)', () => {
  assert.deepEqual(result.callSites.map(brief), [
    { at: 'apps/web/src/tickets.ts:8:10', provider: 'openai', api: 'chat.completions.create', model: { status: 'exact', value: 'gpt-4.1' }, tags: ['team=platform'], callers: [] },
    { at: 'apps/web/src/tickets.ts:22:10', provider: 'openai', api: 'generateText', model: { status: 'exact', value: 'gpt-4o' }, tags: [], callers: [] },
    {
      at: 'packages/ai/src/client.ts:6:10',
      provider: 'openai',
      api: 'chat.completions.create',
      model: { status: 'exact', value: 'gpt-4.1-nano' },
      tags: ['team=platform'],
      callers: ['apps/web/src/tickets.ts:18 {"status":"exact","value":"gpt-4.1-nano"}'],
    },
  ]);
  assert.deepEqual(result.warnings, []);
});

test('workspaces: a prompt constant comes from the source of a package whose manifest points at its build output', () => {
  const s = result.callSites.find((c) => c.line === 8)!;
  assert.deepEqual(s.prompt[0], { type: 'text', text: 'Summarize the ticket in two sentences.', role: 'system', source: { file: 'packages/prompts/src/index.ts', line: 1 } });
});

test('workspaces: exports maps give their targets, source-like conditions first, patterns filled in', () => {
  assert.deepEqual(exportTargets('./src/index.ts', '.'), ['./src/index.ts']);
  assert.deepEqual(exportTargets({ '.': { require: './dist/index.cjs', import: './dist/index.mjs', types: './dist/index.d.ts' } }, '.'), ['./dist/index.d.ts', './dist/index.mjs', './dist/index.cjs']);
  assert.deepEqual(exportTargets({ '.': './src/index.ts', './utils/*': { default: './src/utils/*.ts' } }, './utils/text'), ['./src/utils/text.ts']);
  assert.deepEqual(exportTargets({ import: './esm/index.js', default: './cjs/index.js' }, '.'), ['./esm/index.js', './cjs/index.js']);
  assert.deepEqual(exportTargets({ '.': './src/index.ts' }, './missing'), []);
});
