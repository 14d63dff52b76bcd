import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempDirs, scanFixture, site, summarize, tempDir, writeFiles } from '../helpers';
import { scan } from '../../shared/scan';

const result = scanFixture('providers/llamaindex');
after(removeTempDirs);

test('llamaindex: LLM and embedding objects, engines and indexes', () => {
  assert.deepEqual(summarize(result), [
    { at: 'src/llms.ts:12:19', provider: 'openai', api: 'OpenAI.complete', kind: 'chat', model: 'gpt-4-turbo' },
    { at: 'src/llms.ts:13:19', provider: 'openai', api: 'OpenAI.chat', kind: 'chat', model: 'gpt-4-turbo' },
    { at: 'src/llms.ts:14:19', provider: 'anthropic', api: 'Anthropic.complete', kind: 'chat', model: 'claude-3-opus' },
    { at: 'src/llms.ts:15:19', provider: 'openai', api: 'OpenAI.chat', kind: 'chat', model: 'gpt-4-turbo' },
    { at: 'src/llms.ts:17:19', provider: 'anthropic', api: 'ContextChatEngine.chat', kind: 'chat', model: 'claude-3-opus' },
    { at: 'src/llms.ts:18:24', provider: 'openai', api: 'OpenAIEmbedding.getTextEmbedding', kind: 'embedding', model: 'text-embedding-ada-002' },
    { at: 'src/llms.ts:19:24', provider: 'openai', api: 'Settings.llm.complete', kind: 'chat', model: 'gpt-4o-mini' },
    { at: 'src/rag.ts:8:23', provider: 'openai', api: 'VectorStoreIndex.fromDocuments', kind: 'embedding', model: 'text-embedding-3-small' },
    { at: 'src/rag.ts:10:26', provider: 'openai', api: 'queryEngine.query', kind: 'chat', model: 'gpt-4o-mini' },
    { at: 'src/rag.ts:15:23', provider: 'openai', api: 'VectorStoreIndex.fromDocuments', kind: 'embedding', model: 'text-embedding-3-small' },
    { at: 'src/rag.ts:17:10', provider: 'openai', api: 'chatEngine.chat', kind: 'chat', model: 'gpt-4o-mini' },
  ]);
  assert.ok(result.callSites.every((s) => s.sdk === 'llamaindex'));
});

test('llamaindex: readers, splitters, a local embedding model, SummaryIndex and a database query are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('llamaindex: a class default model is named as such; Settings.llm carries its maxTokens to the engines', () => {
  const d = site(result, 'src/llms.ts:14:19');
  assert.deepEqual(d.model, { status: 'exact', value: 'claude-3-opus', notes: ["default of LlamaIndex's Anthropic class"] });
  assert.deepEqual(d.options.maxOutputTokens, { status: 'exact', value: '300' });
  const q = site(result, 'src/rag.ts:10:26');
  assert.deepEqual(q.options.maxOutputTokens, { status: 'exact', value: '512' });
  assert.deepEqual(q.prompt, [
    { type: 'placeholder', name: 'context', expression: 'context', role: 'system', hint: 'document' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.equal(site(result, 'src/rag.ts:17:10').options.streaming, true);
});

test('llamaindex: an engine with no Settings.llm in the scanned files has an unknown model with the reason', () => {
  const dir = tempDir('tollgate-llamaindex-');
  writeFiles(dir, {
    'rag.ts': "import { VectorStoreIndex } from 'llamaindex';\nexport async function ask(docs: any[], q: string) {\n  const index = await VectorStoreIndex.fromDocuments(docs);\n  return index.asQueryEngine().query({ query: q });\n}\n",
  });
  assert.deepEqual(summarize(scan(dir)), [
    { at: 'rag.ts:3:23', provider: 'unknown', api: 'VectorStoreIndex.fromDocuments', kind: 'embedding', model: '?Settings.embedModel is not set in the scanned files' },
    { at: 'rag.ts:4:10', provider: 'unknown', api: 'queryEngine.query', kind: 'chat', model: '?Settings.llm is not set in the scanned files' },
  ]);
});
