import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/claude-agent');
const PRESET = { type: 'placeholder', name: 'claude_code', expression: 'claude_code', role: 'system', hint: 'document' };

test('claude-agent: query() of the Claude Agent SDK and of its older name', () => {
  assert.deepEqual(summarize(result), [
    { at: 'src/client.ts:14:18', provider: 'anthropic', api: 'query', kind: 'chat', model: 'claude-haiku-4-5' },
    { at: 'src/legacy.mjs:3:25', provider: 'anthropic', api: 'query', kind: 'chat', model: 'sonnet' },
    { at: 'src/review.ts:8:31', provider: 'anthropic', api: 'query', kind: 'chat', model: 'claude-sonnet-4-5' },
    { at: 'src/review.ts:23:31', provider: 'anthropic', api: 'query', kind: 'chat', model: '?Claude Code picks its default model (no `model` in the query options)' },
  ]);
  assert.ok(result.callSites.every((s) => s.sdk === 'claude-agent-sdk' && s.options.streaming));
});

test('claude-agent: a database query(), tool() and createSdkMcpServer() are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('claude-agent: maxTurns bounds the steps; allowedTools counts the tools', () => {
  const s = site(result, 'src/review.ts:8:31');
  assert.deepEqual(s.options.maxSteps, { status: 'exact', value: '6' });
  assert.equal(s.options.tools, 3);
  const bare = site(result, 'src/review.ts:23:31');
  assert.deepEqual(bare.options.maxSteps, { status: 'unknown', reason: 'no maxTurns: Claude Code runs until the task is done' });
  assert.equal(bare.options.tools, null);
  assert.equal(bare.confidence, 'low');
  // A shared options object spread into the call; maxThinkingTokens is the reasoning budget.
  const spread = site(result, 'src/client.ts:14:18');
  assert.deepEqual(spread.options.maxSteps, { status: 'exact', value: '15' });
  assert.deepEqual(spread.options.reasoning, { status: 'exact', value: '2048' });
});

test('claude-agent: the system prompt is Claude Code\'s own unless replaced', () => {
  assert.deepEqual(site(result, 'src/review.ts:8:31').prompt, [
    PRESET,
    { type: 'text', text: 'Answer as a bullet list.', role: 'system', source: { file: 'src/review.ts', line: 14 } },
    { type: 'text', text: 'Review this diff and list risky changes:\n', role: 'user' },
    { type: 'placeholder', name: 'diff', expression: 'diff', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'src/client.ts:14:18').prompt, [
    { type: 'text', text: 'You are a release assistant. Be terse.', role: 'system', source: { file: 'src/client.ts', line: 8 } },
    { type: 'placeholder', name: 'prompt', expression: 'prompt', role: 'user' },
  ]);
  assert.deepEqual(site(result, 'src/legacy.mjs:3:25').prompt[0], PRESET);
});
