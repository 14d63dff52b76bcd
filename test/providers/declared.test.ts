import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { loadConfig } from '../../shared/config/load';
import { scan } from '../../shared/scan';
import { WorkspaceSession } from '../../shared/session';
import { fixture, removeTempDirs, ROOT, scanFixture, site, summarize, tempDir, writeFiles } from '../helpers';

after(removeTempDirs);

const DIR = fixture('providers', 'declared');
const config = loadConfig(path.join(DIR, 'tollgate.yml'), 'tollgate.yml');
const result = scanFixture('providers/declared', { detect: config.detect });

const EXPECTED = [
  { at: 'src/features/ask.ts:5:10', provider: 'openai', api: 'POST /v1/chat/completions', kind: 'chat', model: 'gpt-4o' },
  { at: 'src/features/claude.ts:7:10', provider: 'anthropic', api: 'messages.create', kind: 'chat', model: 'claude-sonnet-4-5' },
  { at: 'src/features/embed.ts:7:26', provider: 'openai', api: 'embeddings.create', kind: 'embedding', model: 'text-embedding-3-small' },
  { at: 'src/features/fetcher.ts:7:10', provider: 'openai', api: 'POST /v1/responses', kind: 'chat', model: 'gpt-4.1-mini' },
  { at: 'src/features/fetcher.ts:11:10', provider: 'cohere', api: 'POST /v2/rerank', kind: 'other', model: 'rerank-v3.5' },
  { at: 'src/features/local.ts:6:19', provider: 'openai', api: 'responses.create', kind: 'chat', model: 'gpt-4.1-nano' },
  { at: 'src/features/post.ts:5:10', provider: 'openai', api: 'POST /v1/embeddings', kind: 'embedding', model: 'text-embedding-3-large' },
  { at: 'src/features/proxy.ts:3:21', provider: 'anthropic', api: 'POST /v1/chat/completions', kind: 'chat', model: 'claude-3-5-haiku-latest' },
  { at: 'src/features/summarize.ts:9:21', provider: 'openai', api: 'chat.completions.create', kind: 'chat', model: 'gpt-4o-mini' },
];

test('declared: the config section loads without a warning', () => {
  assert.deepEqual(config.warnings, []);
  assert.deepEqual(config.detect.hosts, [{ host: 'llm.internal.acme.com', provider: 'openai', gateway: 'litellm' }]);
  assert.deepEqual(
    config.detect.modules.map((m) => [m.key, m.path, m.exports.map((e) => `${e.name}:${e.kind}:${e.shape}`)]),
    [
      ['@acme/llm', null, ['llm:client:openai', 'createClient:factory:openai']],
      ['@acme/claude', null, ['default:class:anthropic']],
      ['@acme/fetcher', null, ['default:client:fetch', 'makeFetch:factory:fetch']],
      ['src/lib/llm.ts', 'src/lib/llm.ts', ['ai:client:openai']],
      ['src/lib/http.ts', 'src/lib/http.ts', ['request:client:fetch']],
      ['@acme/http', null, ['postJson:client:axios']],
    ],
  );
});

test('declared: in-house clients, fetch-like functions and a private host are read as the built-in clients', () => {
  assert.deepEqual(summarize(result), EXPECTED);
  assert.deepEqual(result.warnings, []);
});

test('declared: without the declarations only the requests to inference paths are visible, by their shape', () => {
  // A fetch (direct, or through a helper that forwards its URL) to /chat/completions whose body names a
  // model and messages: a call site at medium confidence, the provider guessed from the model; no gateway.
  assert.deepEqual(
    scanFixture('providers/declared').callSites.map((s) => ({ at: `${s.file}:${s.line}:${s.column}`, provider: s.provider, gateway: s.gateway, confidence: s.confidence })),
    [
      { at: 'src/features/ask.ts:5:10', provider: 'openai', gateway: null, confidence: 'medium' },
      { at: 'src/features/proxy.ts:3:21', provider: 'anthropic', gateway: null, confidence: 'medium' },
    ],
  );
});

test('declared: who serves each call is what the declaration says, or what its host says', () => {
  const route = (at: string) => {
    const s = site(result, at);
    return { sdk: s.sdk, gateway: s.gateway, baseURL: s.baseURL, confidence: s.confidence };
  };
  // The package's gateway: the model's vendor bills.
  assert.deepEqual(route('src/features/summarize.ts:9:21'), { sdk: 'openai', gateway: 'litellm', baseURL: null, confidence: 'high' });
  // The path module's baseURL, on a declared host.
  assert.deepEqual(route('src/features/local.ts:6:19'), {
    sdk: 'openai',
    gateway: 'litellm',
    baseURL: { status: 'exact', value: 'https://llm.internal.acme.com/v1', notes: ['declared in tollgate.yml'] },
    confidence: 'high',
  });
  // A raw fetch to the declared host: LiteLLM forwards claude-* to Anthropic.
  assert.deepEqual(route('src/features/proxy.ts:3:21'), { sdk: 'fetch', gateway: 'litellm', baseURL: { status: 'exact', value: 'https://llm.internal.acme.com/v1' }, confidence: 'high' });
  // An axios-shaped helper whose host nobody knows: the provider it is declared with.
  assert.deepEqual(route('src/features/post.ts:5:10'), { sdk: 'axios', gateway: null, baseURL: { status: 'exact', value: 'https://gateway.acme.dev/v1' }, confidence: 'high' });
  assert.deepEqual(route('src/features/claude.ts:7:10'), { sdk: 'anthropic', gateway: null, baseURL: null, confidence: 'high' });
});

test('declared: a declared call reads its request as the built-in one does (prompt, output bound)', () => {
  const s = site(result, 'src/features/summarize.ts:9:21');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'Summarise the ticket in two sentences.', role: 'system', source: { file: 'src/features/summarize.ts', line: 6 } },
    { type: 'placeholder', name: 'ticket', expression: 'ticket', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '200' });
  assert.deepEqual(site(result, 'src/features/claude.ts:7:10').options.maxOutputTokens, { status: 'exact', value: '500' });
});

test('declared: the body of a declared fetch-like function is not a call site, and near misses are none', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('src/lib/') || s.file.startsWith('nearmiss/')), []);
});

test('declared: worker threads read the same declarations', () => {
  const threaded = scan(DIR, { detect: config.detect, workers: 1, workersOnly: true });
  assert.deepEqual(summarize(threaded), EXPECTED);
});

test('declared: the editor session reads them, and a changed declaration scans again', () => {
  const dir = tempDir('tollgate-declared-');
  writeFiles(dir, {
    'tollgate.yml': 'detect:\n  modules:\n    "@acme/llm": { shape: openai, exports: { llm: client } }\n',
    'src/a.ts': "import { llm } from '@acme/llm';\nexport const a = () => llm.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
  });
  const session = new WorkspaceSession(dir);
  const first = session.open();
  assert.deepEqual(first.result.callSites.map((s) => `${s.file}:${s.line}:${s.column} ${s.provider} ${s.model.status === 'exact' ? s.model.value : '?'}`), ['src/a.ts:2:24 openai gpt-4o']);
  const again = session.reloadConfig({ configText: 'detect:\n  modules:\n    "@acme/llm": { shape: anthropic, exports: { llm: client } }\n' });
  assert.deepEqual(again.result.callSites, []);
  const broken = session.reloadConfig({ configText: 'detect:\n  modules:\n    "@acme/llm": { shape: gemini, exports: { llm: client } }\n' });
  assert.deepEqual(broken.result.callSites, []);
  assert.deepEqual(broken.result.warnings, [{ file: 'tollgate.yml', line: 3, message: 'detect.modules["@acme/llm"].shape: must be one of openai, anthropic, fetch' }]);
});

test('declared: `tollgate scan` reads tollgate.yml\'s declarations and reports its warnings', () => {
  const dir = tempDir('tollgate-declared-cli-');
  writeFiles(dir, {
    'tollgate.yml': 'detect:\n  functions:\n    "src/http.ts#send": fetch\n    "src/http.ts#get": fetchh\n',
    'src/http.ts': 'export const send = (url: string, init: RequestInit) => globalThis.fetch(url, init);\n',
    'src/use.ts': "import { send } from './http';\nexport const go = () => send('https://api.openai.com/v1/embeddings', { method: 'POST', body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }) });\n",
  });
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), 'scan', dir, '--format', 'json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.callSites.map((s: { file: string; line: number; column: number; api: string }) => `${s.file}:${s.line}:${s.column} ${s.api}`), ['src/use.ts:2:25 POST /v1/embeddings']);
  assert.deepEqual(out.warnings, [{ file: 'tollgate.yml', line: 4, message: 'detect.functions["src/http.ts#get"]: must be one of fetch, axios' }]);
});
