import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, scanFixture } from '../helpers';
import { loadConfig } from '../../shared/config/load';
import { scan } from '../../shared/scan';
import { estimateScan, pricingFor } from '../../shared/estimate';
import { applyEdits } from '../../shared/rules/edits';
import { runRules } from '../../shared/rules/run';
import type { ScanResult } from '../../shared/types';

// Each style's fix is checked twice: its exact text, and a re-scan of the fixed copy in which the fixed
// calls are no longer reported (the adapters read the tags back in the form the fix wrote).
const ID = 'missing-attribution';
const NAME = 'rules-attribution-fix';
const config = loadConfig(null);
const root = fixture(NAME);
const read = (dir: string) => (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), 'utf8') : null);

function findings(result: ScanResult, dir: string, options: Record<string, unknown>) {
  const estimated = estimateScan(result, config, dir);
  const settings = { [ID]: { severity: 'warning' as const, options: { required: ['team', 'feature'], mechanisms: [], reachBill: false, paths: {}, ...options } } };
  return runRules({ result: estimated, table: pricingFor(config), estimateConfig: config.estimate, settings, source: read(dir) }).filter((f) => f.ruleId === ID);
}

/** Each fixed call as `file:line` → the call's lines after its fix alone is applied. */
function fixedCalls(fixStyle: string): Record<string, string> {
  const result = scanFixture(NAME);
  const out: Record<string, string> = {};
  for (const f of findings(result, root, { fixStyle })) {
    const site = result.callSites.find((s) => s.id === f.callSiteId)!;
    if (!f.fix) continue;
    const fixed = applyEdits(read(root)(f.file)!, f.fix.edits);
    const added = f.fix.edits.reduce((n, e) => n + e.newText.split('\n').length - 1, 0);
    out[`${f.file}:${f.line}`] = fixed.split('\n').slice(site.line - 1, site.endLine + added).join('\n').trim();
  }
  return out;
}

/** Applies every fix of a style to a copy of the fixture and scans it again: the functions whose call is still reported. */
function stillReported(fixStyle: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-fixforms-'));
  try {
    const all = findings(scanFixture(NAME), root, { fixStyle });
    for (const file of fs.readdirSync(root)) {
      const edits = all.filter((f) => f.file === file && f.fix).flatMap((f) => f.fix!.edits);
      fs.writeFileSync(path.join(dir, file), applyEdits(fs.readFileSync(path.join(root, file), 'utf8'), edits));
    }
    return functionsOf(scan(dir), findings(scan(dir), dir, { fixStyle }));
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

function functionsOf(result: ScanResult, found: { callSiteId: string | null }[]): string[] {
  return found.map((f) => result.callSites.find((s) => s.id === f.callSiteId)!.function ?? '?').sort();
}

/** The functions whose call gets no fix in a style. */
function unfixed(fixStyle: string): string[] {
  const result = scanFixture(NAME);
  return functionsOf(result, findings(result, root, { fixStyle }).filter((f) => !f.fix));
}

test('fixStyle auto: exact fix outputs', () => {
  assert.deepEqual(fixedCalls('auto'), {
    'gateways.ts:8': "return helicone.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi' }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    'gateways.ts:12': "return portkey.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi' }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }), 'x-trace': 't' } });",
    'gateways.ts:16': "return litellm.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi', metadata: { tags: ['team:TODO', 'feature:TODO', 'env:prod'] } });",
    'openai.ts:6': [
      "return openai.chat.completions.create({",
      "    metadata: { team: 'TODO', feature: 'TODO' },",
      "    model: 'gpt-4o-mini',",
      "    max_tokens: 100,",
      "    messages: [{ role: 'user', content: 'Hi' }],",
      "  });",
    ].join('\n'),
    'openai.ts:14': "return openai.chat.completions.create({ metadata: { team: 'TODO', feature: 'TODO' }, model: 'gpt-4o-mini', max_tokens: 100, messages: [] }, { timeout: 5000 });",
    'openai.ts:18': "return openai.responses.create({ model: 'gpt-4o-mini', max_output_tokens: 100, input: 'Hi', metadata: { team: 'TODO', feature: 'TODO', user: 'u1' } });",
    'vercel.ts:5': [
      "return generateText({",
      "    experimental_telemetry: { isEnabled: true, metadata: { team: 'TODO', feature: 'TODO' } },",
      "    model: openai('gpt-4o-mini'),",
      "    maxOutputTokens: 100,",
      "    prompt: `Summarize (briefly): ${text}`,",
      "  });",
    ].join('\n'),
  });
  assert.deepEqual(unfixed('auto'), ['ask', 'embed', 'fromVariable', 'invoke', 'portkeyHeaderSet', 'runThread', 'stream']);
  assert.deepEqual(stillReported('auto'), unfixed('auto'));
});

test('fixStyle openai-metadata: exact fix outputs', () => {
  assert.deepEqual(fixedCalls('openai-metadata'), {
    'openai.ts:6': [
      "return openai.chat.completions.create({",
      "    metadata: { team: 'TODO', feature: 'TODO' },",
      "    model: 'gpt-4o-mini',",
      "    max_tokens: 100,",
      "    messages: [{ role: 'user', content: 'Hi' }],",
      "  });",
    ].join('\n'),
    'openai.ts:14': "return openai.chat.completions.create({ metadata: { team: 'TODO', feature: 'TODO' }, model: 'gpt-4o-mini', max_tokens: 100, messages: [] }, { timeout: 5000 });",
    'openai.ts:18': "return openai.responses.create({ model: 'gpt-4o-mini', max_output_tokens: 100, input: 'Hi', metadata: { team: 'TODO', feature: 'TODO', user: 'u1' } });",
  });
  assert.deepEqual(unfixed('openai-metadata'), ['ask', 'embed', 'fromVariable', 'invoke', 'portkeyHeaderSet', 'runThread', 'stream', 'summarize', 'viaHelicone', 'viaLitellm', 'viaPortkey']);
  assert.deepEqual(stillReported('openai-metadata'), unfixed('openai-metadata'));
});

test('fixStyle litellm-tags: exact fix outputs', () => {
  assert.deepEqual(fixedCalls('litellm-tags'), {
    'edge.ts:7': [
      "return openai.embeddings.create(",
      "    { metadata: { tags: ['feature:TODO'] }, model: 'text-embedding-3-small', input: 'Hi' },",
      "    { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'search' }) } },",
      "  );",
    ].join('\n'),
    'gateways.ts:8': "return helicone.embeddings.create({ metadata: { tags: ['team:TODO', 'feature:TODO'] }, model: 'text-embedding-3-small', input: 'Hi' });",
    'gateways.ts:12': "return portkey.embeddings.create({ metadata: { tags: ['team:TODO', 'feature:TODO'] }, model: 'text-embedding-3-small', input: 'Hi' }, { headers: { 'x-trace': 't' } });",
    'gateways.ts:16': "return litellm.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi', metadata: { tags: ['team:TODO', 'feature:TODO', 'env:prod'] } });",
    'openai.ts:6': [
      "return openai.chat.completions.create({",
      "    metadata: { tags: ['team:TODO', 'feature:TODO'] },",
      "    model: 'gpt-4o-mini',",
      "    max_tokens: 100,",
      "    messages: [{ role: 'user', content: 'Hi' }],",
      "  });",
    ].join('\n'),
    'openai.ts:14': "return openai.chat.completions.create({ metadata: { tags: ['team:TODO', 'feature:TODO'] }, model: 'gpt-4o-mini', max_tokens: 100, messages: [] }, { timeout: 5000 });",
    'openai.ts:18': "return openai.responses.create({ model: 'gpt-4o-mini', max_output_tokens: 100, input: 'Hi', metadata: { tags: ['team:TODO', 'feature:TODO'], user: 'u1' } });",
    'openai.ts:22': "return openai.embeddings.create({ metadata: { tags: ['team:TODO', 'feature:TODO'] }, model: 'text-embedding-3-small', input: 'Hi, (there)' });",
  });
  assert.deepEqual(unfixed('litellm-tags'), ['ask', 'fromVariable', 'invoke', 'runThread', 'stream', 'summarize']);
  assert.deepEqual(stillReported('litellm-tags'), unfixed('litellm-tags'));
});

test('fixStyle helicone-headers: exact fix outputs', () => {
  assert.deepEqual(fixedCalls('helicone-headers'), {
    'anthropic.ts:6': "return anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    'edge.ts:7': [
      "return openai.embeddings.create(",
      "    { model: 'text-embedding-3-small', input: 'Hi' },",
      "    { headers: { 'Helicone-Property-Feature': 'TODO', 'x-portkey-metadata': JSON.stringify({ team: 'search' }) } },",
      "  );",
    ].join('\n'),
    'gateways.ts:8': "return helicone.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi' }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    'gateways.ts:12': "return portkey.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi' }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO', 'x-trace': 't' } });",
    'gateways.ts:16': "return litellm.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi', metadata: { tags: ['env:prod'] } }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    'openai.ts:6': [
      "return openai.chat.completions.create({",
      "    model: 'gpt-4o-mini',",
      "    max_tokens: 100,",
      "    messages: [{ role: 'user', content: 'Hi' }],",
      "  }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    ].join('\n'),
    'openai.ts:14': "return openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [] }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' }, timeout: 5000 });",
    'openai.ts:18': "return openai.responses.create({ model: 'gpt-4o-mini', max_output_tokens: 100, input: 'Hi', metadata: { user: 'u1' } }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    'openai.ts:22': "return openai.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi, (there)' }, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    'openai.ts:26': "return openai.chat.completions.create(params, { headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' } });",
    'vercel.ts:5': [
      "return generateText({",
      "    headers: { 'Helicone-Property-Team': 'TODO', 'Helicone-Property-Feature': 'TODO' },",
      "    model: openai('gpt-4o-mini'),",
      "    maxOutputTokens: 100,",
      "    prompt: `Summarize (briefly): ${text}`,",
      "  });",
    ].join('\n'),
  });
  assert.deepEqual(unfixed('helicone-headers'), ['invoke', 'runThread', 'stream']);
  assert.deepEqual(stillReported('helicone-headers'), unfixed('helicone-headers'));
});

test('fixStyle portkey-metadata: exact fix outputs', () => {
  assert.deepEqual(fixedCalls('portkey-metadata'), {
    'anthropic.ts:6': "return anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) } });",
    'gateways.ts:8': "return helicone.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi' }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) } });",
    'gateways.ts:12': "return portkey.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi' }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }), 'x-trace': 't' } });",
    'gateways.ts:16': "return litellm.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi', metadata: { tags: ['env:prod'] } }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) } });",
    'openai.ts:6': [
      "return openai.chat.completions.create({",
      "    model: 'gpt-4o-mini',",
      "    max_tokens: 100,",
      "    messages: [{ role: 'user', content: 'Hi' }],",
      "  }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) } });",
    ].join('\n'),
    'openai.ts:14': "return openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [] }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) }, timeout: 5000 });",
    'openai.ts:18': "return openai.responses.create({ model: 'gpt-4o-mini', max_output_tokens: 100, input: 'Hi', metadata: { user: 'u1' } }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) } });",
    'openai.ts:22': "return openai.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi, (there)' }, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) } });",
    'openai.ts:26': "return openai.chat.completions.create(params, { headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) } });",
    'vercel.ts:5': [
      "return generateText({",
      "    headers: { 'x-portkey-metadata': JSON.stringify({ team: 'TODO', feature: 'TODO' }) },",
      "    model: openai('gpt-4o-mini'),",
      "    maxOutputTokens: 100,",
      "    prompt: `Summarize (briefly): ${text}`,",
      "  });",
    ].join('\n'),
  });
  assert.deepEqual(unfixed('portkey-metadata'), ['invoke', 'portkeyHeaderSet', 'runThread', 'stream']);
  assert.deepEqual(stillReported('portkey-metadata'), unfixed('portkey-metadata'));
});

test('fixStyle vercel-telemetry: exact fix outputs', () => {
  assert.deepEqual(fixedCalls('vercel-telemetry'), {
    'vercel.ts:5': [
      "return generateText({",
      "    experimental_telemetry: { isEnabled: true, metadata: { team: 'TODO', feature: 'TODO' } },",
      "    model: openai('gpt-4o-mini'),",
      "    maxOutputTokens: 100,",
      "    prompt: `Summarize (briefly): ${text}`,",
      "  });",
    ].join('\n'),
  });
  assert.deepEqual(unfixed('vercel-telemetry'), ['ask', 'embed', 'fromVariable', 'invoke', 'multiLine', 'partlyTagged', 'portkeyHeaderSet', 'runThread', 'stream', 'viaHelicone', 'viaLitellm', 'viaPortkey', 'withOptions']);
  assert.deepEqual(stillReported('vercel-telemetry'), unfixed('vercel-telemetry'));
});

test('fixStyle langchain-config: exact fix outputs', () => {
  assert.deepEqual(fixedCalls('langchain-config'), {
    'langchain.ts:6': "return chat.invoke('Hi', { metadata: { team: 'TODO', feature: 'TODO' } });",
    'langchain.ts:10': "return chat.stream([['human', 'Hi']], { metadata: { team: 'TODO', feature: 'TODO' }, runName: 'stream' });",
  });
  assert.deepEqual(unfixed('langchain-config'), ['ask', 'embed', 'fromVariable', 'multiLine', 'partlyTagged', 'portkeyHeaderSet', 'runThread', 'summarize', 'viaHelicone', 'viaLitellm', 'viaPortkey', 'withOptions']);
  assert.deepEqual(stillReported('langchain-config'), unfixed('langchain-config'));
});

test('fixStyle: auto keeps the SDK\'s form over the gateway\'s; fix descriptions name the form', () => {
  const result = scanFixture(NAME);
  const described = (fixStyle: string) => findings(result, root, { fixStyle }).filter((f) => f.fix).map((f) => `${f.file}:${f.line} ${f.fix!.description}`);
  assert.deepEqual(described('auto'), [
    'gateways.ts:8 Add team, feature as Helicone-Property-* headers',
    'gateways.ts:12 Add team, feature as x-portkey-metadata',
    'gateways.ts:16 Add team, feature as LiteLLM metadata.tags',
    'openai.ts:6 Add team, feature as metadata',
    'openai.ts:14 Add team, feature as metadata',
    'openai.ts:18 Add team, feature as metadata',
    'vercel.ts:5 Add team, feature as experimental_telemetry',
  ]);
  assert.deepEqual(described('langchain-config'), ['langchain.ts:6 Add team, feature as LangChain config metadata', 'langchain.ts:10 Add team, feature as LangChain config metadata']);
});

test('fixStyle: read from tollgate.yml; an unknown style is reported once and offers no fix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-fixstyle-'));
  const file = path.join(dir, 'tollgate.yml');
  fs.writeFileSync(file, 'rules:\n  missing-attribution: { fixStyle: helicone-headers }\n');
  assert.deepEqual(loadConfig(file, 'tollgate.yml').rules[ID], { severity: 'warning', options: { fixStyle: 'helicone-headers' } });
  fs.writeFileSync(file, 'rules:\n  missing-attribution: { fixStyle: [helicone] }\n');
  assert.throws(() => loadConfig(file, 'tollgate.yml'), /tollgate\.yml:2:36: "rules\.missing-attribution\.fixStyle" expects a string/);
  fs.rmSync(dir, { recursive: true });
  const found = findings(scanFixture(NAME), root, { fixStyle: 'helicone' });
  assert.deepEqual(
    found.filter((f) => !f.callSiteId).map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`),
    ['tollgate.yml:1:1 `missing-attribution` fixStyle must be one of auto, openai-metadata, litellm-tags, helicone-headers, portkey-metadata, vercel-telemetry, langchain-config, not "helicone"'],
  );
  assert.ok(found.every((f) => !f.fix));
});
