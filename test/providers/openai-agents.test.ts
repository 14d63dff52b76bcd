import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/openai-agents');
const DEFAULT_TURNS = { status: 'exact', value: '10', notes: ['default of @openai/agents (maxTurns: 10)'] };

test('openai-agents: run() and Runner.run() with the agent\'s, the runner\'s or the SDK\'s model', () => {
  assert.deepEqual(summarize(result), [
    { at: 'agents/other-models.ts:14:44', provider: 'anthropic', api: 'run', kind: 'chat', model: 'claude-3-5-haiku-latest' },
    { at: 'agents/other-models.ts:25:17', provider: 'google', api: 'run', kind: 'chat', model: 'gemini-2.0-flash' },
    { at: 'routes/answer.ts:7:24', provider: 'openai', api: 'run', kind: 'chat', model: 'gpt-5.6-luna' },
    { at: 'routes/answer.ts:12:24', provider: 'openai', api: 'run', kind: 'chat', model: 'gpt-4.1-mini' },
    { at: 'routes/answer.ts:19:10', provider: 'openai', api: 'Runner.run', kind: 'chat', model: 'gpt-4.1' },
    { at: 'routes/wrapper.ts:6:26', provider: 'openai', api: 'run', kind: 'chat', model: ['gpt-4.1-mini', 'o4-mini'] },
  ]);
  assert.ok(result.callSites.every((s) => s.sdk === 'openai-agents'));
});

test('openai-agents: a project run(), a CLI run(), an HTTP Agent and asTool() are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('openai-agents: the SDK default model is named as such, at medium confidence', () => {
  const s = site(result, 'routes/answer.ts:7:24');
  assert.deepEqual(s.model, { status: 'exact', value: 'gpt-5.6-luna', notes: ['the SDK default (@openai/agents 0.15+; gpt-5.4-mini in 0.11–0.14, gpt-4.1 before; OPENAI_DEFAULT_MODEL overrides it)'] });
  assert.equal(s.confidence, 'medium');
  // Two handoffs and one agent used as a tool.
  assert.equal(s.options.tools, 3);
  assert.deepEqual(s.options.maxSteps, { status: 'exact', value: '4' });
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'Send the customer to the right team.', role: 'system', source: { file: 'agents/support.ts', line: 30 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
});

test('openai-agents: turns, streaming, tools and settings', () => {
  const streamed = site(result, 'routes/answer.ts:12:24');
  assert.equal(streamed.options.streaming, true);
  assert.equal(streamed.options.tools, 1);
  assert.deepEqual(streamed.options.maxSteps, DEFAULT_TURNS);
  // The Runner's model and modelSettings override the agent's.
  const runner = site(result, 'routes/answer.ts:19:10');
  assert.deepEqual(runner.options.maxOutputTokens, { status: 'exact', value: '800' });
  assert.equal(runner.options.maxOutputOption, 'modelSettings.maxTokens');
  assert.equal(runner.options.streaming, false);
  // OpenAIChatCompletionsModel on an OpenAI client pointed at Gemini's OpenAI-compatible endpoint.
  assert.deepEqual(site(result, 'agents/other-models.ts:25:17').baseURL, { status: 'exact', value: 'https://generativelanguage.googleapis.com/v1beta/openai/' });
});

test('openai-agents: a helper that runs the agent it is given lists its callers', () => {
  const s = site(result, 'routes/wrapper.ts:6:26');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, fn: c.function, model: c.values.model, max: c.values.maxOutputTokens })),
    [
      { at: 'routes/wrapper.ts:10:42', fn: 'askBilling', model: { status: 'exact', value: 'gpt-4.1-mini' }, max: undefined },
      { at: 'routes/wrapper.ts:11:42', fn: 'askRefunds', model: { status: 'exact', value: 'o4-mini' }, max: { status: 'exact', value: '600' } },
    ],
  );
});
