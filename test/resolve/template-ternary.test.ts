import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempDirs, tempDir, writeFiles } from '../helpers';
import { scan } from '../../shared/scan';
import { loadConfig } from '../../shared/config/load';
import { estimateScan } from '../../shared/estimate';

// `gpt-4o${big ? '' : '-mini'}` is one of two models, priced as such: not the longer name alone.

after(removeTempDirs);

test('template ternary: the call site is oneOf both models, low the cheaper and high the dearer', () => {
  const dir = tempDir('tollgate-tpl-');
  writeFiles(dir, {
    'src/a.ts': `import OpenAI from 'openai';
const client = new OpenAI();
export async function reply(big: boolean) {
  return client.chat.completions.create({ model: \`gpt-4o\${big ? '' : '-mini'}\`, max_tokens: 100, messages: [{ role: 'user', content: 'Say hello.' }] });
}
`,
  });
  const [s] = estimateScan(scan(dir), loadConfig(null), dir).callSites;
  assert.deepEqual(s.model, { status: 'oneOf', values: ['gpt-4o', 'gpt-4o-mini'] });
  assert.deepEqual(s.estimate.models, ['gpt-4o', 'gpt-4o-mini']);
  // 10 in, 100 out on each: gpt-4o-mini 10 × $0.15/1M + 100 × $0.60/1M = $0.0000615;
  // gpt-4o 10 × $2.50/1M + 100 × $10/1M = $0.001025; expected their average, $0.00054325.
  assert.deepEqual(s.estimate.costPerCall, { low: 0.0000615, expected: 0.00054325, high: 0.001025 });
});
