import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scan } from '../shared/scan';
import { WorkspaceSession } from '../shared/session';
import { ADAPTERS, readsByName } from '../shared/providers/registry';
import { AI_PACKAGES, unreadPackages } from '../shared/providers/catalogue';
import { looksLikeInference } from '../shared/providers/unread-calls';
import { coverageOf, mergeCoverage, notReadLine, unreadImportsOf } from '../shared/coverage';
import { renderText } from '../shared/reporters/text';
import { renderBill } from '../shared/reporters/bill';
import { renderMarkdown } from '../shared/reporters/markdown';
import { checkPolicy } from '../shared/check';
import { loadConfig } from '../shared/config/load';
import type { ProviderAdapter } from '../shared/providers/types';
import type { SdkValue } from '../shared/resolve/values';
import { fixture, ROOT, scanFixture } from './helpers';

const UNREAD = new Set(unreadPackages(ADAPTERS));

/**
 * The fixture's files that import AI packages with no call site, and the packages: only those no
 * adapter reads yet are expected (replicate, ollama and @huggingface/inference leave the list the
 * day their adapters are registered, and these expectations follow).
 */
const IMPORTS: Array<[string, string[]]> = [
  ['src/unread/deepgram-client.ts', ['@deepgram/sdk']],
  ['src/unread/local-llm.js', ['@huggingface/inference', 'ollama']],
  ['src/unread/replicate-route.ts', ['replicate']],
  ['src/unread/speech.tsx', ['@elevenlabs/elevenlabs-js']],
  ['src/unread/transcribe-route.js', ['@deepgram/sdk', 'assemblyai']],
];
const expectedImports = IMPORTS.map(([file, pkgs]) => [file, pkgs.filter((p) => UNREAD.has(p))] as const).filter(([, pkgs]) => pkgs.length);

const EVAL_CALLS = [
  { file: 'src/sdk/evals.ts', line: 9, sdk: 'openai', call: 'client.evals.runs.create' },
  { file: 'src/sdk/evals.ts', line: 16, sdk: 'openai', call: 'api.evals.runs.create' },
];
/** Realtime sessions are not read today; the day an adapter reads them, the file has call sites instead. */
const REALTIME_CALLS = [
  { file: 'src/sdk/realtime-token.ts', line: 10, sdk: 'openai', call: 'openai.beta.realtime.sessions.create' },
  { file: 'src/sdk/realtime-token.ts', line: 15, sdk: 'openai', call: 'openai.realtime.clientSecrets.create' },
];
const callWarning = (c: { file: string; line: number; sdk: string; call: string }) => ({ file: c.file, line: c.line, message: `calls ${c.sdk} \`${c.call}\`, which tollgate does not read: its cost is not in the estimate` });
const realtimeRead = (r: { callSites: Array<{ file: string }> }) => r.callSites.some((s) => s.file === 'src/sdk/realtime-token.ts');

test('catalogue: at least 80 distinct npm names, no type-only package, no AI SDK model package', () => {
  assert.ok(AI_PACKAGES.length >= 80, `${AI_PACKAGES.length} names`);
  assert.equal(new Set(AI_PACKAGES).size, AI_PACKAGES.length);
  for (const p of AI_PACKAGES) {
    assert.match(p, /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/, p);
    assert.ok(!p.startsWith('@types/') && !p.startsWith('@ai-sdk/') && !/-ai-provider$/.test(p), p);
  }
});

test('catalogue: unread is what no registered adapter reads, computed', () => {
  assert.deepEqual([...UNREAD].sort(), AI_PACKAGES.filter((p) => !readsByName(p)).sort());
  // The SDKs read today are not in it; speech APIs nobody reads are.
  for (const p of ['openai', '@anthropic-ai/sdk', '@google/genai', 'ai', 'groq-sdk', '@langchain/openai', '@aws-sdk/client-bedrock-runtime']) assert.ok(!UNREAD.has(p), p);
  for (const p of ['@deepgram/sdk', 'assemblyai', '@elevenlabs/elevenlabs-js']) assert.ok(UNREAD.has(p), p);
  // An adapter registered for a package takes it out of the set, by its module's package name.
  const fake: ProviderAdapter = { id: 'fake', modules: ['@deepgram/sdk/dist/main'], callNames: ['transcribeUrl'], match: () => null };
  const withFake = unreadPackages([...ADAPTERS, fake]);
  assert.ok(!withFake.includes('@deepgram/sdk'));
  assert.equal(withFake.length, UNREAD.size - 1);
});

test('unread imports: value imports by any subpath or require; type-only, mocked and commented-out imports do not count', () => {
  const unread = new Set(['replicate', 'ollama', '@huggingface/inference']);
  assert.deepEqual(unreadImportsOf("import { Ollama } from 'ollama/browser';\nconst r = require('replicate');", ['ollama/browser', 'replicate'], unread), ['ollama', 'replicate']);
  assert.deepEqual(unreadImportsOf("import type Replicate from 'replicate';", ['replicate'], unread), []);
  assert.deepEqual(unreadImportsOf("import type Replicate from 'replicate';\nimport { run } from 'replicate';", ['replicate'], unread), ['replicate']);
  assert.deepEqual(unreadImportsOf("import { HfInference } from '@huggingface/inference';\nvi.mock('@huggingface/inference');", ['@huggingface/inference'], unread), []);
  assert.deepEqual(unreadImportsOf("import x from './replicate';", ['./replicate'], unread), []);
  // An import left in a comment (chatbox's src/renderer/packages/models/ollama.ts keeps one) brings nothing.
  assert.deepEqual(unreadImportsOf("// import ollama from 'ollama/browser'\nexport const x = 1;", ['ollama/browser'], unread), []);
  assert.deepEqual(unreadImportsOf("/*\n * import Replicate from 'replicate';\n */\nexport {};", ['replicate'], unread), []);
  assert.deepEqual(unreadImportsOf("// see 'replicate'\nimport Replicate from 'replicate';", ['replicate'], unread), ['replicate']);
});

test('scan: exact warnings, stats.unreadFiles and coverage for the fixture', () => {
  const r = scanFixture('coverage');
  // The call site is in the file that also imports Pinecone: that file has no warning.
  assert.deepEqual(r.callSites.filter((s) => s.file !== 'src/sdk/realtime-token.ts').map((s) => `${s.file}:${s.line}:${s.column} ${s.api}`), [
    'src/near/mixed.ts:12:10 chat.completions.create',
    'src/unread/local-llm.js:8:21 chat',
    'src/unread/replicate-route.ts:10:24 run',
    'src/unread/replicate-route.ts:15:10 predictions.create',
  ]);
  const calls = [...EVAL_CALLS, ...(realtimeRead(r) ? [] : REALTIME_CALLS)];
  const packageWarnings = expectedImports.flatMap(([file, pkgs]) => pkgs.map((p) => ({ file, message: `imports ${p}, which tollgate does not read: calls through it are not in the estimate` })));
  assert.deepEqual(r.warnings, [...calls.map(callWarning), ...packageWarnings]);
  const byPackage = new Map<string, string[]>();
  for (const [file, pkgs] of expectedImports) for (const p of pkgs) byPackage.set(p, [...(byPackage.get(p) ?? []), file]);
  assert.deepEqual(r.coverage, {
    unreadPackages: [...byPackage.keys()].sort().map((p) => ({ package: p, files: byPackage.get(p)! })),
    unreadCalls: calls,
  });
  assert.equal(r.stats.unreadFiles, expectedImports.length + 1 + (realtimeRead(r) ? 0 : 1));
  // Key order of the public JSON: coverage comes last, unreadFiles last in stats.
  assert.deepEqual(Object.keys(r), ['tool', 'callSites', 'warnings', 'stats', 'coverage']);
  assert.deepEqual(Object.keys(r.stats), ['filesSeen', 'filesCandidate', 'filesParsed', 'callSites', 'unreadFiles']);
});

test('scan: the deepgram, assemblyai and elevenlabs files are reported, with their exact texts', () => {
  const r = scanFixture('coverage');
  const of = (file: string) => r.warnings.filter((w) => w.file === file).map((w) => w.message);
  assert.deepEqual(of('src/unread/deepgram-client.ts'), ['imports @deepgram/sdk, which tollgate does not read: calls through it are not in the estimate']);
  assert.deepEqual(of('src/unread/transcribe-route.js'), [
    'imports @deepgram/sdk, which tollgate does not read: calls through it are not in the estimate',
    'imports assemblyai, which tollgate does not read: calls through it are not in the estimate',
  ]);
  assert.deepEqual(r.coverage.unreadPackages.find((p) => p.package === '@deepgram/sdk'), { package: '@deepgram/sdk', files: ['src/unread/deepgram-client.ts', 'src/unread/transcribe-route.js'] });
});

test('scan: the Realtime API through the SDK is never silent: a call site or a warning at each call', () => {
  const r = scanFixture('coverage');
  const lines = (xs: Array<{ file: string; line?: number }>) => xs.filter((x) => x.file === 'src/sdk/realtime-token.ts').map((x) => x.line);
  assert.deepEqual(realtimeRead(r) ? lines(r.callSites) : lines(r.warnings), [10, 15]);
});

test('scan: near misses stay silent (non-billed SDK calls, an ORM, LangChain prompts and fakes, type-only, mocked, HTTP transports)', () => {
  const r = scanFixture('coverage');
  for (const w of r.warnings) assert.ok(!w.file.startsWith('src/near/'), `${w.file}: ${w.message}`);
});

test('scan: worker threads give the same coverage, warnings and stats', () => {
  const one = JSON.stringify(scan(fixture('coverage'), { workers: 0 }));
  assert.equal(JSON.stringify(scan(fixture('coverage'), { workers: 2, workersOnly: true })), one);
  assert.equal(JSON.stringify(scan(fixture('coverage'), { workers: 1 })), one);
});

test('scan with `only`: the blind spots of the files walked, not of the rest', () => {
  const dir = fixture('coverage');
  const r = scan(dir, { only: [path.join(dir, 'src/sdk/evals.ts'), path.join(dir, 'src/unread/speech.tsx')], workers: 0 });
  assert.deepEqual(r.coverage, {
    unreadPackages: UNREAD.has('@elevenlabs/elevenlabs-js') ? [{ package: '@elevenlabs/elevenlabs-js', files: ['src/unread/speech.tsx'] }] : [],
    unreadCalls: [
      { file: 'src/sdk/evals.ts', line: 9, sdk: 'openai', call: 'client.evals.runs.create' },
      { file: 'src/sdk/evals.ts', line: 16, sdk: 'openai', call: 'api.evals.runs.create' },
    ],
  });
  assert.equal(r.stats.unreadFiles, 2);
});

test('session: the blind spots follow each edit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-coverage-'));
  try {
    fs.mkdirSync(path.join(dir, 'src'));
    const speech = path.join(dir, 'src', 'speech.ts');
    fs.writeFileSync(speech, "import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';\nexport const client = new ElevenLabsClient();\n");
    const session = new WorkspaceSession(dir, { configFile: null });
    const first = session.open().result;
    assert.deepEqual(first.coverage.unreadPackages, [{ package: '@elevenlabs/elevenlabs-js', files: ['src/speech.ts'] }]);
    assert.equal(first.stats.unreadFiles, 1);
    assert.deepEqual(first.warnings, [{ file: 'src/speech.ts', message: 'imports @elevenlabs/elevenlabs-js, which tollgate does not read: calls through it are not in the estimate' }]);
    // A call site in the same file: its calls are in view, the warning goes.
    const withCall = "import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const r = openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });\n";
    const second = session.update(speech, withCall).result;
    assert.deepEqual(second.coverage, { unreadPackages: [], unreadCalls: [] });
    assert.equal(second.stats.unreadFiles, 0);
    assert.deepEqual(second.warnings, []);
    // An unrecognised OpenAI call instead: the call is reported, at its line.
    const evals = "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const r = openai.evals.runs.create('eval_1', {});\n";
    const third = session.update(speech, evals).result;
    assert.deepEqual(third.coverage, { unreadPackages: [], unreadCalls: [{ file: 'src/speech.ts', line: 3, sdk: 'openai', call: 'openai.evals.runs.create' }] });
    assert.deepEqual(third.warnings, [{ file: 'src/speech.ts', line: 3, message: 'calls openai `openai.evals.runs.create`, which tollgate does not read: its cost is not in the estimate' }]);
    // The same text on disk, scanned afresh: the same answer.
    fs.writeFileSync(speech, evals);
    const fresh = scan(dir, { workers: 0 });
    assert.deepEqual(fresh.coverage, third.coverage);
    assert.deepEqual(fresh.warnings, third.warnings);
    // The file deleted: nothing left.
    fs.rmSync(speech);
    const gone = session.update(speech, null).result;
    assert.deepEqual([gone.coverage, gone.stats.unreadFiles, gone.warnings], [{ unreadPackages: [], unreadCalls: [] }, 0, []]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const sdk = (module: string, ...steps: Array<string | 'new' | 'call'>): SdkValue => ({
  k: 'sdk',
  module,
  steps: steps.map((s) => (s === 'new' ? { t: 'new', args: [], node: null } : s === 'call' ? { t: 'call', args: [], node: null as never } : { t: 'get', name: s })),
});

test('inference-looking calls: the member called, where it hangs, and on what', () => {
  const yes: SdkValue[] = [
    sdk('openai', 'default', 'new', 'beta', 'realtime', 'sessions', 'create'),
    sdk('openai', 'default', 'new', 'realtime', 'clientSecrets', 'create'),
    sdk('openai', 'default', 'new', 'evals', 'runs', 'create'),
    sdk('@google/genai', 'GoogleGenAI', 'new', 'models', 'generateContent'),
    sdk('@langchain/community/chat_models/foo', 'ChatFoo', 'new', 'invoke'),
    sdk('ai', 'Experimental_Agent', 'new', 'generate'),
  ];
  const no: SdkValue[] = [
    sdk('openai', 'default', 'new', 'files', 'create'),
    sdk('openai', 'default', 'new', 'beta', 'assistants', 'create'),
    sdk('openai', 'default', 'new', 'beta', 'threads', 'messages', 'create'),
    sdk('openai', 'default', 'new', 'vectorStores', 'fileBatches', 'createAndPoll'),
    sdk('openai', 'default', 'new', 'fineTuning', 'jobs', 'create'),
    sdk('openai', 'default', 'new', 'models', 'list'),
    sdk('openai', 'default', 'new', 'conversations', 'create'),
    sdk('@mistralai/mistralai', 'Mistral', 'new', 'beta', 'agents', 'create'),
    // A package's own function its adapter declined (a test model), not a client's member.
    sdk('ai', 'embed'),
    sdk('@aws-sdk/client-bedrock-runtime', 'BedrockRuntimeClient', 'new', 'send'),
    sdk('@langchain/core/prompts', 'ChatPromptTemplate', 'new', 'invoke'),
    sdk('@langchain/core/utils/testing', 'FakeListChatModel', 'new', 'invoke'),
    sdk('@langchain/core/language_models/chat_models', 'BaseChatModel', 'new', 'invoke'),
    sdk('@langchain/langgraph', 'StateGraph', 'new', 'compile', 'call', 'invoke'),
    sdk('ai', 'MockLanguageModelV3', 'new', 'doGenerate'),
  ];
  for (const v of yes) assert.equal(looksLikeInference(v), true, JSON.stringify(v.steps));
  for (const v of no) assert.equal(looksLikeInference(v), false, JSON.stringify(v.steps));
});

test('coverage: merged for a diff base, the reused files keeping the head entries', () => {
  const part = coverageOf([{ file: 'a.ts', packages: ['ollama'] }], () => false, []).coverage;
  const head = coverageOf(
    [
      { file: 'b.ts', packages: ['ollama', 'replicate'] },
      { file: 'c.ts', packages: ['replicate'] },
    ],
    () => false,
    [{ file: 'b.ts', line: 3, sdk: 'openai', call: 'c.evals.runs.create' }],
  ).coverage;
  assert.deepEqual(mergeCoverage(part, head, (f) => f === 'b.ts'), {
    coverage: {
      unreadPackages: [
        { package: 'ollama', files: ['a.ts', 'b.ts'] },
        { package: 'replicate', files: ['b.ts'] },
      ],
      unreadCalls: [{ file: 'b.ts', line: 3, sdk: 'openai', call: 'c.evals.runs.create' }],
    },
    unreadFiles: 2,
  });
});

test('reports: the text report has the "Not read" line with the count and the packages', () => {
  const r = scanFixture('coverage');
  const line = notReadLine(r)!;
  const pkgs = r.coverage.unreadPackages.map((p) => `${p.package} (${p.files.length})`).join(', ');
  assert.equal(line, `Not read: ${r.stats.unreadFiles} files with calls tollgate cannot price: ${pkgs}; ${realtimeRead(r) ? 2 : 4} SDK calls not recognised.`);
  assert.ok(renderText(r).includes(`Scanned 12 files, parsed ${r.stats.filesParsed}.\n${line}\n`));
  assert.equal(notReadLine({ coverage: { unreadPackages: [], unreadCalls: [] }, stats: { unreadFiles: 0 } }), null);
  assert.equal(
    notReadLine({ coverage: { unreadPackages: [{ package: 'replicate', files: ['x.ts'] }], unreadCalls: [] }, stats: { unreadFiles: 1 } }),
    'Not read: 1 file with calls tollgate cannot price: replicate (1).',
  );
});

/** Golden files: UPDATE_GOLDEN=1 rewrites them; review the diff before committing. */
function golden(name: string, actual: string) {
  const file = path.join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

// Packages no other adapter is planned for, so that these goldens hold however the registry grows.
const STABLE = ['src/unread/deepgram-client.ts', 'src/unread/transcribe-route.js', 'src/unread/speech.tsx', 'src/sdk/evals.ts', 'src/near/**'];

test('golden: the text report, the bill and the pull-request comment say what was not read', () => {
  const dir = fixture('coverage');
  const result = scan(dir, { include: STABLE, workers: 0 });
  golden('coverage.scan.txt', renderText(result));
  const checked = checkPolicy(result, dir, loadConfig(null), 'error');
  golden('coverage.bill.txt', renderBill(checked));
  golden('coverage.check.md', renderMarkdown(checked));
});
