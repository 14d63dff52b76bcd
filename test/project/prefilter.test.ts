import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discover } from '../../shared/project/discover';
import { SourceIndex } from '../../shared/project/sources';
import { Prefilter, selectCandidates } from '../../shared/project/prefilter';
import { exportIndex, importedNamesBySpecifier, typeOnlySpecifiers } from '../../shared/project/imports';
import { ADAPTERS } from '../../shared/providers/registry';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-prefilter-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function candidates(files: Record<string, string>): string[] {
  const dir = tree(files);
  const d = discover(dir);
  return selectCandidates(new SourceIndex(d.root, d.files), ADAPTERS).map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

test('prefilter: type-only specifiers are told apart from value imports of the same module', () => {
  assert.deepEqual([...typeOnlySpecifiers("import type { A } from 'ai';\nimport { b } from 'b';\nexport type { C } from 'c';\nimport type { D } from 'b';\n")].sort(), ['ai', 'c']);
  assert.deepEqual([...typeOnlySpecifiers("import { a } from 'x';\n")], []);
});

test('prefilter: a type from node:http brings no HTTP client, whatever the file calls', () => {
  const p = new Prefilter(ADAPTERS);
  assert.equal(p.classify("import type { ServerResponse } from 'node:http';\nexport function pipe(r: ServerResponse) { return source.stream(r); }\n", ['node:http']), null);
  assert.equal(p.classify("import { request } from 'node:http';\nrequest({ host: 'x' });\n", ['node:http']), 'call');
});

test('prefilter: a type-only SDK import counts where the file calls the SDK, not as a shared-client module', () => {
  const p = new Prefilter(ADAPTERS);
  assert.equal(p.classify("import type OpenAI from 'openai';\nexport const ask = (c: OpenAI) => c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n", ['openai']), 'call');
  assert.equal(p.classify("import type { StreamTextResult } from 'ai';\nexport function print(r: StreamTextResult) { return r; }\n", ['ai']), null);
  assert.equal(p.classify("import OpenAI from 'openai';\nexport const client = new OpenAI();\n", ['openai']), 'import');
});

test('prefilter: files reached through an import must call a name of the SDK behind it', () => {
  assert.deepEqual(
    candidates({
      'lib/client.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\n",
      'use-client.ts': "import { client } from './lib/client';\nexport const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
      // Calls names other SDKs have (LangChain's invoke, an HTTP post), none of OpenAI's client.
      'routes.ts': "import { client } from './lib/client';\nimport { chain } from './chain';\nexport const go = () => chain.invoke(client);\nrouter.post('/x', go);\n",
      'unrelated.ts': "export const go = () => source.create();\n",
    }),
    ['use-client.ts'],
  );
});

test('prefilter: a file that names a provider path in a string still joins through the client it imports', () => {
  assert.deepEqual(
    candidates({
      'lib/client.ts': "import Groq from 'groq-sdk';\nexport const groq = new Groq();\n",
      'batch.ts': "import { groq } from './lib/client';\nexport const run = () => groq.batches.create({ input_file_id: 'f', endpoint: '/v1/chat/completions', completion_window: '24h' });\n",
    }),
    ['batch.ts'],
  );
});

test('prefilter: a bare method name is not enough; OpenAI and Anthropic calls read as their member chain', () => {
  assert.deepEqual(
    candidates({
      'lib/client.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\n",
      // Prisma's create and zod's parse in a file that also imports the shared client.
      'users.ts': "import { client } from './lib/client';\nexport const add = (d) => prisma.user.create({ data: d });\nexport const check = (x) => schema.parse(x);\nexport const c = client;\n",
      'ask.ts': "import { client } from './lib/client';\nexport const ask = () => client.chat\n  .completions\n  ?.create({ model: 'gpt-4o', messages: [] });\n",
    }),
    ['ask.ts'],
  );
});

test('prefilter: through a barrel (export *), a file joins only when it imports a name of an SDK-touching module', () => {
  assert.deepEqual(
    candidates({
      'lib/ai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI();\n",
      'lib/db.ts': "export const db = { user: { create: (x) => x } };\n",
      'lib/index.ts': "export * from './ai';\nexport * from './db';\nexport const VERSION = 1;\n",
      // Imports the database only, and calls a fetch: the barrel's OpenAI client is not in reach.
      // (`moderations.create`: an OpenAI name that, unlike `completions.create`, makes no file a
      // candidate on its own; see ProviderAdapter.anyPackageCalls.)
      'users.ts': "import { db } from './lib';\nexport const add = () => fetch('/x').then(() => db.user.create({}));\nexport const go = () => api.moderations.create({});\n",
      'chat.ts': "import { openai } from './lib';\nexport const chat = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
      // A namespace import may take anything.
      'all.ts': "import * as lib from './lib';\nexport const chat = () => lib.openai.completions.create({ model: 'gpt-4o', prompt: 'x' });\n",
    }),
    ['all.ts', 'chat.ts'],
  );
});

test('prefilter: export index and imported names, read from text', () => {
  const idx = exportIndex("export const a = 1, b = 2;\nexport function* gen() {}\nexport { x as client, type T } from './y';\nexport default run;\n");
  assert.deepEqual([...idx.names].sort(), ['1', 'T', 'a', 'b', 'client', 'default', 'gen']);
  assert.equal(idx.any, false);
  assert.equal(exportIndex("export * from './z';\n").any, true);
  assert.equal(exportIndex('module.exports = { a };\n').any, true);
  assert.deepEqual(
    Object.fromEntries([...importedNamesBySpecifier("import a, { b, c as d, type E } from './m';\nimport type { F } from './t';\nimport * as ns from './n';\nconst { x, y: z } = require('./r');\nconst q = require('./q');\nimport './side';\nimport { s } from './side';\nexport { r } from './e';\n")].map(([k, v]) => [k, v && [...v]])),
    { './m': ['default', 'b', 'c'], './t': [], './n': null, './r': ['x', 'y'], './q': null, './side': null, './e': ['r'] },
  );
});
