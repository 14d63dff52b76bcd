import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleHarness, rows } from './harness';

const { run } = ruleHarness('cost-model', 'context-overflow');

test('context-overflow: an error by default, one finding per model whose window the smallest prompt exceeds', () => {
  // window.ts:11 sends GPT4_OVER (9,000 tokens) + framing 11 + `question` at its low end 10 = 9,021 to
  // gpt-4 (8,192-token window in pricing/models.json) or gpt-4.1 (1,047,576): only gpt-4 overflows.
  // window.ts:7 (7,521 at the low end) fits, however large `question` gets: no finding.
  const findings = run();
  assert.deepEqual(rows(findings), ['window.ts:11:10 the prompt is at least 9,021 tokens, more than the 8,192-token context window of `gpt-4`: the provider refuses the request']);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.callSiteId]), [['context-overflow', 'error', 'window.ts#overTheWindow#chat.completions.create#0']]);
});
