import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ruleHarness, rows } from './harness';

import { applyEdits } from '../../shared/rules/edits';
import { scan } from '../../shared/scan';
import * as os from 'os';
const ID = 'unbounded-fan-out';
const { config, root, source, run } = ruleHarness('rules-site', ID);

const message = (where: string, line: number) =>
  `LLM call inside ${where} at line ${line} with no known width: the estimate counts it once per invocation. Declare the width with \`// tollgate: fanout N\` above the call (or usage.fanout in tollgate.yml)`;

test('unbounded-fan-out: calls in loops, callbacks and Promise.all without a declared width (warning by default)', () => {
  const found = run();
  assert.deepEqual(rows(found), [
    `src/batch/nightly.ts:7:23 ${message('a loop', 6)}`,
    `src/batch/nightly.ts:14:38 ${message('a `.map(...)`-style callback', 14)}`,
    // line 19: `// tollgate: fanout 50` declares the width.
    `src/batch/nightly.ts:23:38 ${message('a `.map(...)`-style callback', 23)}`,
    // lines 28-29: elements of a literal array in Promise.all run once each.
    `src/batch/nightly.ts:37:20 ${message('a loop', 35)}`,
    `src/batch/nightly.ts:51:17 ${message('a loop', 49)}`,
    `src/batch/nightly.ts:57:54 ${message('a `Promise.all(...)`', 57)}`,
  ]);
  assert.ok(found.every((f) => f.severity === 'warning'));
});

test('unbounded-fan-out: a usage.fanout entry in tollgate.yml declares the width too', () => {
  const estimateConfig = { ...config.estimate, usage: { ...config.estimate.usage, fanout: [{ key: 'src/batch/nightly.ts#embedConfigured#*', factor: 200 }] } };
  assert.deepEqual(run({}, estimateConfig).map((f) => f.line), [7, 14, 37, 51, 57]);
});

test('unbounded-fan-out: the fix writes the annotation above the call line, and the scan then reads it', () => {
  const found = run({ suggested: 25 });
  assert.deepEqual(found.map((f) => (f.fix ? f.fix.edits.map((e) => `${e.line}:${e.column}-${e.endLine}:${e.endColumn} ${JSON.stringify(e.newText)}`).join() : null)), [
    '7:1-7:1 "    // tollgate: fanout 25\\n"',
    '14:1-14:1 "  // tollgate: fanout 25\\n"',
    '23:1-23:1 "  // tollgate: fanout 25\\n"',
    '37:1-37:1 "      // tollgate: fanout 25\\n"',
    // `id, await openai...`: a comment there would belong to `id`.
    null,
    '57:1-57:1 "  // tollgate: fanout 25\\n"',
  ]);
  const text = source('src/batch/nightly.ts')!;
  const fixed = applyEdits(text, found.flatMap((f) => f.fix?.edits ?? []));
  assert.deepEqual(fixed.split('\n').slice(5, 9), [
    '  for (const item of items) {',
    '    // tollgate: fanout 25',
    "    const res = await openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: item }] });",
    '    out.push(res);',
  ]);
  // Scanned again, every fixed call carries the width and only the unfixable one is left.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-fanout-'));
  fs.cpSync(root, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'src/batch/nightly.ts'), fixed);
  const rescanned = scan(dir).callSites.filter((s) => s.file === 'src/batch/nightly.ts' && s.fanOut);
  assert.deepEqual(rescanned.map((s) => `${s.function}:${s.annotation?.fanout ?? null}`), ['tagAll:25', 'embedAll:25', 'embedDeclared:50', 'embedConfigured:25', 'both:null', 'both:null', 'retry:25', 'logged:null', 'sample:25']);
  fs.rmSync(dir, { recursive: true });
});
