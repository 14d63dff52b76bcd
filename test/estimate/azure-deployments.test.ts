import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { loadConfig, parseConfig } from '../../shared/config/load';
import { estimateScan } from '../../shared/estimate';
import { fixture, resolvedShort, scanFixture } from '../helpers';

const DIR = fixture('providers', 'azure-deployments');
const config = loadConfig(path.join(DIR, 'tollgate.yml'), 'tollgate.yml', DIR);
const scanned = scanFixture('providers/azure-deployments');
const estimated = estimateScan(scanned, config, DIR);

const row = (s: (typeof estimated.callSites)[number]) => ({
  at: `${s.file}:${s.line}:${s.column}`,
  sdk: s.sdk,
  model: resolvedShort(s.model),
  notes: s.model.status === 'unknown' ? [] : s.model.notes ?? [],
  status: s.estimate.status,
  price: s.estimate.price?.model ?? null,
});

const note = (d: string) => `Azure deployment \`${d}\` (tollgate.yml azure.deployments)`;

test('azure: a mapped deployment is priced as its model, the deployment kept in a note (openai, LangChain, AI SDK)', () => {
  assert.deepEqual(estimated.callSites.map(row), [
    { at: 'src/chat.ts:9:10', sdk: 'azure-openai', model: 'gpt-4o', notes: [note('prod-gpt4o')], status: 'ok', price: 'gpt-4o' },
    { at: 'src/chat.ts:13:10', sdk: 'azure-openai', model: 'text-embedding-3-large', notes: [note('embed-large')], status: 'ok', price: 'text-embedding-3-large' },
    { at: 'src/langchain.ts:7:10', sdk: 'langchain', model: 'gpt-4o', notes: [note('prod-gpt4o')], status: 'ok', price: 'gpt-4o' },
    { at: 'src/legacy.ts:9:10', sdk: 'azure-openai', model: 'legacy-chat-eu', notes: [], status: 'unknown-model', price: null },
    { at: 'src/legacy.ts:13:10', sdk: 'azure-openai', model: 'gpt-4o-mini', notes: [], status: 'ok', price: 'gpt-4o-mini' },
    {
      at: 'src/legacy.ts:17:10',
      sdk: 'azure-openai',
      model: '?set by environment variable AZURE_OPENAI_DEPLOYMENT at run time, with no default in the code',
      notes: [],
      status: 'unresolved-model',
      price: null,
    },
    { at: 'src/vercel.ts:7:10', sdk: 'vercel-ai', model: 'gpt-4o-mini', notes: [note('support-4o-mini')], status: 'ok', price: 'gpt-4o-mini' },
    { at: 'src/vercel.ts:11:10', sdk: 'vercel-ai', model: 'team-x-experimental', notes: [], status: 'unknown-model', price: null },
  ]);
  assert.ok(estimated.callSites.every((s) => s.provider === 'azure-openai'));
  assert.ok(estimated.callSites[0].estimate.assumptions.includes(`model: ${note('prod-gpt4o')}`));
  // The scan's own result is left as the code says it.
  assert.equal(resolvedShort(scanned.callSites[0].model), 'prod-gpt4o');
  // A mapping is knowledge, not a guess: the confidence stays the scan's.
  assert.equal(estimated.callSites[0].confidence, 'high');
});

test('azure: each deployment without a mapping that is no model name is a warning with the key to add', () => {
  assert.deepEqual(estimated.warnings, [
    { file: 'src/legacy.ts', line: 9, message: 'Azure OpenAI deployment `legacy-chat-eu` is not mapped to a model: add `azure.deployments.legacy-chat-eu: <model>` to tollgate.yml' },
    { file: 'src/vercel.ts', line: 11, message: 'Azure OpenAI deployment `team-x-experimental` is not mapped to a model: add `azure.deployments.team-x-experimental: <model>` to tollgate.yml' },
  ]);
});

test('azure: without the section every deployment that is no model name is unknown and named', () => {
  const bare = estimateScan(scanned, parseConfig('', 'tollgate.yml'), DIR);
  assert.deepEqual(
    bare.warnings.map((w) => `${w.file}:${w.line} ${w.message.match(/`([^`]+)`/)![1]}`),
    ['src/chat.ts:9 prod-gpt4o', 'src/chat.ts:13 embed-large', 'src/langchain.ts:7 prod-gpt4o', 'src/legacy.ts:9 legacy-chat-eu', 'src/vercel.ts:7 support-4o-mini', 'src/vercel.ts:11 team-x-experimental'],
  );
  assert.deepEqual(bare.callSites.map((s) => s.estimate.status), ['unknown-model', 'unknown-model', 'unknown-model', 'unknown-model', 'ok', 'unresolved-model', 'unknown-model', 'unknown-model']);
  assert.ok(bare.callSites.every((s) => s.estimate.monthlyCost === null || s.estimate.status === 'ok'), 'unknown is never $0');
});

test('azure: a deployment mapped in a wrapper\'s callers is mapped for each caller', () => {
  const c = parseConfig('azure:\n  deployments:\n    a-dep: gpt-4o\n    b-dep: gpt-4o-mini\n', 'tollgate.yml');
  const site = {
    ...scanned.callSites[0],
    model: { status: 'oneOf' as const, values: ['a-dep', 'b-dep', 'gpt-4.1'] },
    callers: [{ file: 'src/x.ts', line: 3, column: 1, function: null, values: { model: { status: 'exact' as const, value: 'a-dep' } }, arguments: {} }],
  };
  const out = estimateScan({ ...scanned, callSites: [site], warnings: [] }, c).callSites[0];
  assert.deepEqual(out.model, { status: 'oneOf', values: ['gpt-4.1', 'gpt-4o', 'gpt-4o-mini'], notes: [note('a-dep'), note('b-dep')] });
  assert.deepEqual(out.callers[0].values.model, { status: 'exact', value: 'gpt-4o', notes: [note('a-dep')] });
  assert.deepEqual(out.estimate.models, ['gpt-4.1', 'gpt-4o', 'gpt-4o-mini']);
});
