import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempDirs, scanFixture, site, summarize, tempDir, writeFiles } from '../helpers';
import { scan } from '../../shared/scan';

const result = scanFixture('providers/genkit');
after(removeTempDirs);

test('genkit: generate, streams, embeddings, prompt functions and chat turns', () => {
  assert.deepEqual(summarize(result), [
    { at: 'src/ai/flows/chat.ts:9:26', provider: 'google', api: 'generate', kind: 'chat', model: 'gemini-2.5-flash' },
    { at: 'src/ai/flows/chat.ts:14:22', provider: 'google', api: 'generateStream', kind: 'chat', model: 'googleai/gemini-2.5-pro' },
    { at: 'src/ai/flows/chat.ts:24:10', provider: 'google', api: 'generate', kind: 'chat', model: 'gemini-1.5-flash' },
    { at: 'src/ai/flows/chat.ts:28:10', provider: 'openai', api: 'generate', kind: 'chat', model: 'gpt-4o-mini' },
    { at: 'src/ai/flows/chat.ts:32:21', provider: 'google', api: 'embed', kind: 'embedding', model: 'gemini-embedding-001' },
    { at: 'src/ai/flows/chat.ts:33:22', provider: 'google', api: 'embedMany', kind: 'embedding', model: 'text-embedding-004' },
    { at: 'src/ai/flows/chat.ts:39:23', provider: 'google', api: 'chat.send', kind: 'chat', model: 'gemini-2.5-flash' },
    { at: 'src/ai/flows/summarize.ts:23:30', provider: 'google', api: 'definePrompt', kind: 'chat', model: 'gemini-2.5-flash' },
    { at: 'src/legacy/generate.ts:6:24', provider: 'google', api: 'generate', kind: 'chat', model: 'gemini-1.5-pro' },
  ]);
  assert.ok(result.callSites.every((s) => s.sdk === 'genkit' && s.confidence === 'high'));
});

test('genkit: flows, tools, model refs and project functions named generate or prompt are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('genkit: a prompt function sends its template with its config', () => {
  const s = site(result, 'src/ai/flows/summarize.ts:23:30');
  assert.deepEqual(s.prompt, [{ type: 'text', text: 'Summarize the article in three sentences.\n\nArticle: {{{article}}}', role: 'user', source: { file: 'src/ai/flows/summarize.ts', line: 14 } }]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '256' });
  assert.equal(s.options.maxOutputOption, 'config.maxOutputTokens');
});

test('genkit: options of generate (system, config, tools and maxTurns, streaming)', () => {
  const st = site(result, 'src/ai/flows/chat.ts:14:22');
  assert.equal(st.options.streaming, true);
  assert.deepEqual(st.options.maxOutputTokens, { status: 'exact', value: '1024' });
  assert.deepEqual(st.prompt.slice(0, 2), [
    { type: 'text', text: 'You write bedtime stories.', role: 'system', source: { file: 'src/ai/flows/chat.ts', line: 16 } },
    { type: 'text', text: 'A story about ', role: 'user' },
  ]);
  assert.equal(st.options.maxSteps, null);
  const tools = site(result, 'src/ai/flows/chat.ts:28:10');
  assert.equal(tools.options.tools, 2);
  assert.deepEqual(tools.options.maxSteps, { status: 'exact', value: '3' });
});

test('genkit: without a model in the call or in genkit({ model }), the model is unknown with a reason', () => {
  const dir = tempDir('tollgate-genkit-');
  writeFiles(dir, {
    'ai.ts': "import { genkit } from 'genkit';\nimport { googleAI } from '@genkit-ai/google-genai';\nconst ai = genkit({ plugins: [googleAI()] });\nexport const hi = () => ai.generate({ prompt: 'hi', tools: ['x'] });\n",
  });
  const r = scan(dir);
  assert.deepEqual(summarize(r), [{ at: 'ai.ts:4:25', provider: 'unknown', api: 'generate', kind: 'chat', model: '?no model named in the call or in genkit({ model })' }]);
  assert.deepEqual(r.callSites[0].options.maxSteps, { status: 'exact', value: '5', notes: ['default of Genkit (maxTurns: 5)'] });
});
