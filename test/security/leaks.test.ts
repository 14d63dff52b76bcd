import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { KEYS, keyParts, writeHostileApp } from './hostile-app';
import { reportsFor } from './report-formats';
import { scan } from '../../shared/scan';
import { renderJson } from '../../shared/reporters/json';
import { WorkspaceSession } from '../../shared/session';
import { looksRandom, redactDeep, redactSecrets } from '../../shared/redact';
import type { CallSite, ScanResult } from '../../shared/types';

// Issue 11, "Leaks nothing": a repository plants a key of every family everywhere a string reaches
// a report; no format shows any part of any key, and the editor's session gets the same clean data.

const head = writeHostileApp();
// The base had another model in each file's first caller: the diff comment quotes the model change.
const base = writeHostileApp({ models: Object.fromEntries(Object.keys(KEYS).map((k) => [k, 'gpt-4o'])) });
after(() => {
  fs.rmSync(head, { recursive: true, force: true });
  fs.rmSync(base, { recursive: true, force: true });
});

const reports = reportsFor(head, base, { base: 'main', baseSha: 'b'.repeat(40), head: 'feature', headSha: 'c'.repeat(40) });
const { scanned, checked, diff } = reports;
const outputs: Array<[string, () => string]> = [
  ...reports.outputs,
  ['scan in worker threads (json)', () => renderJson(scan(head, { workers: 2, workersOnly: true }))],
  ['editor session (its snapshot)', () => JSON.stringify(new WorkspaceSession(head, { configFile: null }).open().result)],
];

// Searched as a reader sees it: markdown escapes and the zero-width characters that break autolinks
// removed, so an escaped `sk\-proj\-...` or a split hex run still counts as shown.
const asRead = (text: string) => text.replace(/\\(.)/g, '$1').replace(/[\u200b\u200d]/g, '');
const rendered = new Map<string, string>();
const output = (name: string, make: () => string) => {
  if (!rendered.has(name)) rendered.set(name, asRead(make()));
  return rendered.get(name)!;
};

for (const [family, key] of Object.entries(KEYS)) {
  test(`leaks: a ${family} key shows in no format`, async (t) => {
    for (const [name, make] of outputs) {
      await t.test(name, () => {
        const text = output(name, make);
        for (const part of keyParts(key)) assert.ok(!text.includes(part), `${name} shows ${JSON.stringify(part)} of the ${family} key`);
      });
    }
  });
}

const siteOf = (r: ScanResult, family: string, fn: (f: string | null) => boolean) => r.callSites.find((s) => s.file === `src/${family}.ts` && fn(s.function))!;
const resolvedValue = (r: CallSite['model'] | null) => (r === null ? null : r.status === 'exact' ? r.value : r.status === 'oneOf' ? r.values : `? ${r.reason}`);

test('leaks: every planted place reaches the result, redacted (baseURL, model, prompt, prompt file, tags, caller arguments, function, id, warning)', () => {
  for (const family of Object.keys(KEYS)) {
    // A Bearer token keeps its scheme word; every other key is replaced whole.
    const R = family === 'bearer' ? 'Bearer [REDACTED]' : '[REDACTED]';
    const site = siteOf(scanned, family, (f) => f !== null && f.startsWith('ask'));
    // A Bearer token may hold slashes: the rest of the path goes with it.
    assert.deepEqual(resolvedValue(site.baseURL), family === 'bearer' ? `https://gateway.example.com/${R}` : `https://gateway.example.com/${R}/v1`, family);
    assert.deepEqual([...(resolvedValue(site.model) as string[])].sort(), ['gpt-4o-mini', R].sort(), family);
    assert.deepEqual(
      site.prompt.map((p) => (p.type === 'text' ? p.text : p.expression)),
      [`You are the support bot. Our key is ${R}; never tell anyone.\n`, `Call the backend with ${R} about `, 'question'],
      family,
    );
    assert.deepEqual(site.tags.map((x) => `${x.key}=${x.value} (${x.mechanism})`), ['feature=leak (openai.metadata)', `key=${R} (helicone.header.client)`, `secret=${R} (openai.metadata)`, 'team=platform (openai.metadata)'], family);
    assert.deepEqual(
      site.callers.map((c) => [c.function, resolvedValue(c.values.model), ...Object.entries(c.arguments).map(([k, v]) => `${k}=${resolvedValue(v)}`)]),
      [
        ['first', R, `model=${R}`, `apiKey=${R}`, 'question=refunds'],
        ['second', 'gpt-4o-mini', 'model=gpt-4o-mini', `apiKey=${R}`, 'question=invoices'],
      ],
      family,
    );
    const method = siteOf(scanned, family, (f) => f !== null && f.startsWith('Handlers.'));
    assert.equal(method.function, `Handlers.${R}`, family);
    assert.equal(method.id, `src/${family}.ts#Handlers.${R}#chat.completions.create#0`, family);
  }
  // The annotation's warning quotes the word it does not know.
  assert.deepEqual(
    scanned.warnings.filter((w) => w.file === 'src/groq.ts'),
    [{ file: 'src/groq.ts', line: 33, message: 'tollgate annotation: unknown word "[REDACTED]" (expected volume, tokens or fanout)' }],
  );
  // Findings quote the model: the unknown-model finding names it redacted.
  assert.ok(checked.findings.some((f) => f.file === 'src/groq.ts' && f.message.includes('[REDACTED]')));
  // The diff tells the model change with the key redacted.
  assert.ok(diff.callSites.some((c) => c.file === 'src/groq.ts' && c.details.some((d) => d.includes('gpt-4o') && d.includes('[REDACTED]'))), JSON.stringify(diff.callSites.find((c) => c.file === 'src/groq.ts')));
});

test('leaks: redacted ids stay deterministic, so the diff pairs the same call sites', () => {
  const again = scan(head);
  assert.deepEqual(again.callSites.map((s) => s.id), scanned.callSites.map((s) => s.id));
  // Base and head differ only in the first caller's model: every call site pairs by id, none added or removed.
  assert.equal(diff.totals.added, 0);
  assert.equal(diff.totals.removed, 0);
  assert.equal(diff.callSites.filter((c) => c.status === 'changed').length, Object.keys(KEYS).length);
});

test('redaction: model names, words and identifiers that share a prefix with a key stay', () => {
  const kept = [
    'pplx-70b-online',
    'pplx-7b-chat',
    'xai-org/grok-1',
    'grok-2-latest',
    'gpt-4o-mini',
    'claude-3-5-sonnet-20241022',
    'gemini-1.5-pro-002',
    'meta-llama/Llama-3.1-8B-Instruct',
    'sk-learn-integration-helpers-for-the-team',
    'task-management-service-configuration',
    'risk-free',
    'hf_requiredCharacteristicTypesForDisplayMetadata',
    'github_pat_token_placeholder_for_integration_tests',
    'r8_model',
    'https://api.openai.com/v1/chat/completions?stream=true&x=1',
    'The secret is out',
    'Bearer token',
  ];
  for (const s of kept) assert.equal(redactSecrets(s), s);
});

test('redaction: AWS secret access keys next to their key id or label, URL passwords, query credentials, JWTs', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  assert.equal(redactSecrets(`aws AKIAIOSFODNN7EXAMPLE ${secret}`), 'aws [REDACTED] [REDACTED]');
  assert.equal(redactSecrets(`aws_secret_access_key = ${secret}`), 'aws_secret_access_key = [REDACTED]');
  assert.equal(redactSecrets(`"secretAccessKey": "${secret}"`), '"secretAccessKey": "[REDACTED]"');
  // Without a key id or a label, 40 base64 characters are no key (hashes, ids).
  assert.equal(redactSecrets(`digest ${secret}`), `digest ${secret}`);
  assert.equal(redactSecrets('https://bob:hunter2hunter2@gateway.example.com/v1'), 'https://bob:[REDACTED]@gateway.example.com/v1');
  assert.equal(redactSecrets('https://gateway.example.com/v1?api_key=abcdefgh123&stream=true'), 'https://gateway.example.com/v1?api_key=[REDACTED]&stream=true');
  assert.equal(redactSecrets('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end'), 'token [REDACTED] end');
  assert.equal(redactSecrets('Authorization: Basic dXNlcjpwYXNzd29yZDEyMzQ='), 'Authorization: Basic [REDACTED]');
});

test('redaction: a value under a credential name is redacted whole when it looks generated; keys from code are redacted too', () => {
  const mistral = 'Zx9kQ2mP7vL4nR8tY1wB6cD3fG5hJ0aS';
  const value = redactDeep({
    arguments: { apiKey: { status: 'exact', value: mistral }, prompt: { status: 'exact', value: mistral }, token: { status: 'exact', value: 'short' } },
    tags: [{ key: 'x-api-key', value: mistral }, { key: 'feature', value: mistral }],
    tokens: { ['ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8']: 3 },
    file: 'src/ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8.ts',
  });
  assert.deepEqual(value, {
    arguments: { apiKey: { status: 'exact', value: '[REDACTED]' }, prompt: { status: 'exact', value: mistral }, token: { status: 'exact', value: 'short' } },
    tags: [{ key: 'x-api-key', value: '[REDACTED]' }, { key: 'feature', value: mistral }],
    tokens: { '[REDACTED]': 3 },
    // A path is a location: it stays (text reports redact it when they show it).
    file: 'src/ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8.ts',
  });
  assert.equal(looksRandom(mistral), true);
  assert.equal(looksRandom('requiredCharacteristicTypesForDisplayMetadata'), false);
});

test('redaction: redactDeep keeps object identity and leaves frozen data alone', () => {
  const frozen = Object.freeze({ model: 'gpt-4o', source: 'https://openai.com/api/pricing' });
  const site = { price: frozen, note: 'key sk-proj-abcdefghijklmnopqrstuvwxyz' };
  assert.equal(redactDeep(site), site);
  assert.equal(site.price, frozen);
  assert.equal(site.note, 'key [REDACTED]');
});

test('redaction: pathological inputs finish (each pattern is linear: bounded repeats, literal prefixes)', () => {
  // A hang guard, not a timing: a megabyte of each shape that could make a pattern backtrack.
  const script = `
    const { redactSecrets } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'shared', 'redact.js'))});
    const MB = 1 << 20;
    const shapes = ['a'.repeat(MB) + '://x', 'x://' + 'a'.repeat(MB), 'sk-'.repeat(MB / 3), 'sk-aaaaaaaaaa-'.repeat(MB / 14),
      'AKIAIOSFODNN7EXAMPLE ' + 'A/'.repeat(MB / 2), 'Bearer '.repeat(MB / 7), '-----BEGIN PRIVATE KEY-----'.repeat(MB / 27),
      '?key='.repeat(MB / 5), 'secret_access_key= '.repeat(MB / 19), 'eyJaaaaaaaaa.'.repeat(MB / 13), 'http://' + 'a:'.repeat(MB / 2)];
    for (const s of shapes) redactSecrets(s);
    process.stdout.write('done');
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stdout, 'done', r.stderr);
});
