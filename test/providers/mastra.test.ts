import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/mastra');
const DEFAULT_STEPS = { status: 'exact', value: '5', notes: ['default of Mastra agents (maxSteps: 5)'] };

test('mastra: agent calls, direct and through mastra.getAgent / getAgentById', () => {
  assert.deepEqual(summarize(result), [
    { at: 'src/direct.ts:6:21', provider: 'anthropic', api: 'Agent.generate', kind: 'chat', model: 'anthropic/claude-sonnet-4-5' },
    { at: 'src/direct.ts:7:24', provider: 'anthropic', api: 'Agent.generateLegacy', kind: 'chat', model: 'anthropic/claude-sonnet-4-5' },
    { at: 'src/direct.ts:12:10', provider: 'openai', api: 'Agent.streamVNext', kind: 'chat', model: ['gpt-4o', 'gpt-4o-mini'] },
    { at: 'src/direct.ts:17:10', provider: 'unknown', api: 'Agent.generate', kind: 'chat', model: '?the model of an Agent passed in at run time' },
    { at: 'src/routes/chat.ts:8:24', provider: 'openai', api: 'Agent.stream', kind: 'chat', model: 'gpt-4o-mini' },
    { at: 'src/routes/chat.ts:14:24', provider: 'openai', api: 'Agent.generate', kind: 'chat', model: 'gpt-4o-mini' },
    { at: 'src/routes/chat.ts:19:10', provider: 'anthropic', api: 'Agent.generate', kind: 'chat', model: 'anthropic/claude-sonnet-4-5' },
  ]);
  assert.ok(result.callSites.every((s) => s.sdk === 'mastra' && s.gateway === null));
});

test('mastra: the HTTP client, workflows and a project class named Agent are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('mastra: steps, tools and output limits from the call, the agent defaults and the SDK default', () => {
  const opts = (at: string) => {
    const o = site(result, at).options;
    return { steps: o.maxSteps, tools: o.tools, max: o.maxOutputTokens, option: o.maxOutputOption, streaming: o.streaming };
  };
  // Call options override the agent; tools are the agent's two tools.
  assert.deepEqual(opts('src/routes/chat.ts:14:24'), { steps: { status: 'exact', value: '3' }, tools: 2, max: { status: 'exact', value: '400' }, option: 'modelSettings.maxOutputTokens', streaming: false });
  assert.deepEqual(opts('src/routes/chat.ts:8:24'), { steps: DEFAULT_STEPS, tools: 2, max: null, option: 'modelSettings.maxOutputTokens', streaming: true });
  // defaultOptions of the agent apply to generate; the legacy method reads its own maxTokens.
  assert.deepEqual(opts('src/direct.ts:6:21'), { steps: { status: 'exact', value: '8' }, tools: 0, max: { status: 'exact', value: '1200' }, option: 'modelSettings.maxOutputTokens', streaming: false });
  assert.deepEqual(opts('src/direct.ts:7:24'), { steps: DEFAULT_STEPS, tools: 0, max: { status: 'exact', value: '300' }, option: 'maxTokens', streaming: false });
  assert.deepEqual(opts('src/direct.ts:17:10'), { steps: { status: 'unknown', reason: 'the step bound of an agent known only at run time' }, tools: null, max: null, option: 'modelSettings.maxOutputTokens', streaming: false });
  assert.equal(site(result, 'src/direct.ts:17:10').confidence, 'low');
});

test('mastra: instructions are the system prompt; the input is the user turn or the history', () => {
  assert.deepEqual(site(result, 'src/direct.ts:6:21').prompt, [
    { type: 'text', text: 'You edit drafts for clarity.', role: 'system', source: { file: 'src/mastra/agents/router.ts', line: 7 } },
    { type: 'text', text: 'Keep the author voice.', role: 'system', source: { file: 'src/mastra/agents/router.ts', line: 7 } },
    { type: 'placeholder', name: 'text', expression: 'text', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'src/direct.ts:12:10').prompt, [
    { type: 'placeholder', name: 'instructions', expression: 'instructions', role: 'system' },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'src/routes/chat.ts:8:24').prompt, [
    { type: 'text', text: 'You answer questions about the weather. Always name the city.', role: 'system', source: { file: 'src/mastra/agents/weather.ts', line: 24 } },
    { type: 'placeholder', name: 'messages', expression: 'messages', hint: 'history' },
  ]);
});
