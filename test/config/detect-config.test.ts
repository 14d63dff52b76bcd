import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../shared/config/load';

const load = (text: string) => parseConfig(text, 'tollgate.yml');

test('detect config: each wrong entry is a warning naming its key and line; the rest of the file loads', () => {
  const c = load(
    [
      'usage:',
      '  default: 1k/day',
      'detect:',
      '  modules:',
      '    "@acme/llm":',
      '      shape: gemini',
      '      exports: { llm: client }',
      '    "@acme/ok":',
      '      shape: openai',
      '      exports: { llm: client, make: builder, "not-a-name": client }',
      '      provider: Open AI',
      '    "@acme/fetchy": { shape: fetch, exports: { Http: class } }',
      '    "@acme/noexports": { shape: anthropic }',
      '    openai: { shape: openai, exports: { default: class } }',
      '    ../shared/llm.ts: { shape: openai, exports: { llm: client } }',
      '    "@acme/typo": { shape: openai, export: { llm: client } }',
      '  functions:',
      '    "src/http.ts": fetch',
      '    "src/http.ts#send": { shape: got }',
      '    "src/http.ts#post": { shape: axios, gateway: portkey }',
      '  hosts:',
      '    "bad host": openai',
      '    llm.acme.dev: { gateway: litellm }',
      '    "*.acme.io:8443": { provider: openai, gateway: litellm }',
      '  aliases: {}',
      'azure:',
      '  deployments:',
      '    prod-gpt4o: gpt-4o',
      '    "bad name!": gpt-4o',
      '    empty: ""',
      '',
    ].join('\n'),
  );
  assert.deepEqual(c.warnings, [
    { file: 'tollgate.yml', line: 6, message: 'detect.modules["@acme/llm"].shape: must be one of openai, anthropic, fetch' },
    { file: 'tollgate.yml', line: 10, message: 'detect.modules["@acme/ok"].exports.make: must be one of client, factory, class' },
    { file: 'tollgate.yml', line: 10, message: 'detect.modules["@acme/ok"].exports: "not-a-name" is not an export name' },
    { file: 'tollgate.yml', line: 11, message: 'detect.modules["@acme/ok"].provider: expects a name of letters, digits, ".", "_" or "-"' },
    { file: 'tollgate.yml', line: 12, message: 'detect.modules["@acme/fetchy"].exports.Http: class needs shape openai or anthropic (a fetch-like export is a client or a factory)' },
    { file: 'tollgate.yml', line: 12, message: 'detect.modules["@acme/fetchy"].exports: no export declared' },
    { file: 'tollgate.yml', line: 13, message: 'detect.modules["@acme/noexports"]: needs exports (each export\'s name: client, factory or class)' },
    { file: 'tollgate.yml', line: 14, message: 'detect.modules["openai"]: is an SDK tollgate reads already (openai)' },
    { file: 'tollgate.yml', line: 15, message: 'detect.modules["../shared/llm.ts"]: must be a path inside the repository, relative to its root (no .., no leading /)' },
    { file: 'tollgate.yml', line: 16, message: 'detect.modules["@acme/typo"]: unknown key "export" (did you mean "exports"?); known keys: shape, exports, provider, gateway, baseURL' },
    { file: 'tollgate.yml', line: 16, message: 'detect.modules["@acme/typo"]: needs exports (each export\'s name: client, factory or class)' },
    { file: 'tollgate.yml', line: 18, message: 'detect.functions["src/http.ts"]: expects a module and an export joined by #, such as src/lib/http.ts#request or @acme/http#fetchJson' },
    { file: 'tollgate.yml', line: 19, message: 'detect.functions["src/http.ts#send"].shape: must be one of fetch, axios' },
    { file: 'tollgate.yml', line: 22, message: 'detect.hosts["bad host"]: expects a host name such as llm.internal.example.com, *.example.com or localhost:8080' },
    { file: 'tollgate.yml', line: 23, message: 'detect.hosts["llm.acme.dev"]: needs provider' },
    { file: 'tollgate.yml', line: 25, message: 'detect: unknown key "aliases"; known keys: modules, functions, hosts' },
    { file: 'tollgate.yml', line: 29, message: 'azure.deployments["bad name!"]: is not a deployment name (letters, digits, "_", "-" and ".", at most 64)' },
    { file: 'tollgate.yml', line: 30, message: 'azure.deployments["empty"]: expects the model the deployment serves, such as gpt-4o' },
  ]);
  // What was right is kept: the other sections, the good entries of these ones.
  assert.equal(c.estimate.usage.default?.text, '1k/day');
  assert.deepEqual(c.azure, { deployments: { 'prod-gpt4o': 'gpt-4o' } });
  assert.deepEqual(c.detect, {
    modules: [{ key: 'src/http.ts', path: 'src/http.ts', exports: [{ name: 'post', kind: 'client', shape: 'axios', provider: null, gateway: 'portkey', baseURL: null }] }],
    hosts: [{ host: '*.acme.io:8443', provider: 'openai', gateway: 'litellm' }],
  });
});

test('detect config: a section of the wrong type is one warning, and nothing is declared', () => {
  const c = load('detect: [a, b]\nazure: yes\n');
  assert.deepEqual(c.warnings, [
    { file: 'tollgate.yml', line: 1, message: 'detect: expects a mapping with modules, functions or hosts' },
    { file: 'tollgate.yml', line: 2, message: 'azure: expects a mapping { deployments: { <deployment>: <model> } }' },
  ]);
  assert.deepEqual(c.detect, { modules: [], hosts: [] });
  assert.deepEqual(c.azure, { deployments: {} });
});

test('detect config: a function and a module of the same path merge; an export declared twice keeps the first', () => {
  const c = load(
    'detect:\n  modules:\n    ./src/api.ts: { shape: openai, exports: { client: client } }\n  functions:\n    "src/api.ts#send": fetch\n    "src/api.ts#client": fetch\n',
  );
  assert.deepEqual(c.warnings, [{ file: 'tollgate.yml', line: 6, message: 'detect.functions: src/api.ts export client is declared already' }]);
  assert.deepEqual(
    c.detect.modules.map((m) => [m.key, m.path, m.exports.map((e) => `${e.name}:${e.shape}`)]),
    [['./src/api.ts', 'src/api.ts', ['client:openai', 'send:fetch']]],
  );
});

test('detect config: the other sections still fail loudly; detect and azure never throw', () => {
  assert.throws(() => load('detect: {}\nusage:\n  defualt: 1k/day\n'), /unknown key "usage.defualt"/);
  assert.doesNotThrow(() => load('detect:\n  modules: 3\n  functions: { "x#y": { shape: [1] } }\n  hosts: { "a.b": [] }\nazure:\n  deployments: []\n  other: 1\n'));
});
