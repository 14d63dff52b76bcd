import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, ROOT, scanFixture } from '../helpers';
import { checkPolicy } from '../../shared/check';
import { loadConfig } from '../../shared/config/load';
import { applyEdits } from '../../shared/rules/edits';
import { RULES } from '../../shared/rules/registry';

const noConfig = loadConfig(null);
const result = checkPolicy(scanFixture('rules'), fixture('rules'), noConfig, 'error');
const short = result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column}${f.suppressed ? ` suppressed(${f.suppressionReason})` : ''}`);

test('rules: findings at exact positions, suppressions kept and counted', () => {
  assert.deepEqual(short, [
    'warning frontier-default app.ts:17:10',
    'warning missing-attribution app.ts:17:10',
    'warning unbounded-output app.ts:17:10',
    'warning frontier-default app.ts:26:10 suppressed(legal review needs the strongest model)',
    'warning missing-attribution app.ts:26:10 suppressed(internal tool, billed to the platform team)',
    'warning suppression-reason app.ts:30:1',
    'warning unknown-model app.ts:31:10 suppressed()',
    'info unresolved-model app.ts:35:10',
  ]);
  assert.deepEqual(result.policy, {
    source: 'no tollgate.yml: default policy applies: missing-attribution (warning), frontier-default (warning), unbounded-output (warning), unknown-model (warning), unresolved-model (info), unbounded-fan-out (warning), context-overflow (error), retired-model (error)',
    errors: 0,
    warnings: 4,
    infos: 1,
    suppressed: 3,
    failOn: 'error',
    failing: 0,
    failed: false,
  });
  // Failing on warnings: the 4 active warnings count, the info and the 3 suppressed do not.
  const strict = checkPolicy(scanFixture('rules'), fixture('rules'), noConfig, 'warning').policy;
  assert.deepEqual([strict.failing, strict.failed], [4, true]);
  assert.deepEqual([checkPolicy(scanFixture('rules'), fixture('rules'), noConfig, 'never').policy.failing, checkPolicy(scanFixture('rules'), fixture('rules'), noConfig, 'info').policy.failing], [0, 5]);
});

test('rules: messages name the cost at stake and the cheaper model', () => {
  const byRule = (id: string, line: number) => result.findings.find((f) => f.ruleId === id && f.line === line)!.message;
  assert.equal(byRule('frontier-default', 17), 'gpt-5 is a frontier-tier model; gpt-5-mini would save about $1,070.91/month at the estimated volume. Justify it with `// tollgate-allow frontier-default: <reason>`');
  assert.equal(byRule('missing-attribution', 17), 'LLM call without team, feature attribution: its spend cannot be assigned (no tags found)');
  assert.equal(byRule('unknown-model', 31), '`gpt-4o-mnii` is not in the pricing table (did you mean gpt-4o-mini?): its cost cannot be estimated');
  // The same figures as data, for tools that should not parse messages (the editor's hover):
  // gpt-5-mini costs a fifth of gpt-5, at 1k calls/day (30,416.7 a month): ($0.04401 − $0.008802) × 30,416.7 = $1,070.9111736, unrounded.
  assert.deepEqual(result.findings.find((f) => f.ruleId === 'frontier-default' && f.line === 17)!.suggestion, { model: 'gpt-5-mini', monthlySaving: 1070.9111736, costPerCall: 0.008802, currentCostPerCall: 0.04401 });
  assert.equal(byRule('suppression-reason', 30), '`tollgate-ignore unknown-model` has no reason: write why after a colon (`// tollgate-ignore unknown-model: <reason>`)');
});

test('rules: fixes are text edits whose output is exact', () => {
  const source = fs.readFileSync(fixture('rules', 'app.ts'), 'utf8');
  const edits = result.findings.filter((f) => f.line === 17 && f.fix).flatMap((f) => f.fix!.edits);
  const fixed = applyEdits(source, edits).split('\n').slice(15, 23).join('\n');
  assert.equal(
    fixed,
    [
      '  // tollgate: volume 1k/day',
      '  return openai.chat.completions.create({',
      '    max_completion_tokens: 1024,',
      "    metadata: { team: 'TODO', feature: 'TODO' },",
      "    model: 'gpt-5-mini',",
      "    messages: [{ role: 'user', content: 'Hi' }],",
      '  });',
      '}',
    ].join('\n'),
  );
});

test('rules: tollgate.yml sets severities and options; mistakes are named', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-rules-'));
  fs.cpSync(fixture('rules'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'rules:\n  missing-attribution: { severity: error, required: [team] }\n  frontier-default: off\n  unresolved-model: off\n');
  const config = loadConfig(path.join(dir, 'tollgate.yml'), 'tollgate.yml');
  const r = checkPolicy(scanFixture('rules'), dir, config, 'error');
  assert.deepEqual(
    r.findings.filter((f) => !f.suppressed).map((f) => `${f.severity} ${f.ruleId} ${f.line}`),
    ['error missing-attribution 17', 'warning unbounded-output 17', 'warning suppression-reason 30'],
  );
  assert.equal(r.policy.failed, true);
  const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tollgate.js'), ...args], { encoding: 'utf8' });
  assert.equal(run(['check', dir]).status, 1);
  assert.equal(run(['check', dir, '--fail-on', 'never']).status, 0);
  assert.equal(run(['check', fixture('rules'), '--fail-on', 'warning']).status, 1);
  assert.equal(run(['check', fixture('rules')]).status, 0);
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'rules:\n  frontier-defualt: warning\n');
  assert.equal(run(['check', dir]).stderr, `tollgate: config error: ${path.join(dir, 'tollgate.yml')}:2:3: unknown rule "frontier-defualt" (did you mean "frontier-default"?); rules: missing-attribution, frontier-default, unbounded-output, unknown-model, unresolved-model, allowed-models, denied-models, per-call-ceiling, unbounded-fan-out, budget, cost-per-outcome, cost-increase, context-overflow, retired-model\n`);
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'rules:\n  unbounded-output: { severity: loud }\n');
  assert.match(run(['check', dir]).stderr, /tollgate\.yml:2:33: "rules\.unbounded-output" severity must be one of error, warning, info, off/);
});

test('rules: every rule has a docs page with passing and failing examples and its options', () => {
  for (const r of RULES) {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${r.meta.id}.md`), 'utf8');
    assert.match(doc, new RegExp(`^# ${r.meta.id}\\n`), r.meta.id);
    for (const section of ['## Why', '## Fails', '## Passes', '## Options']) assert.ok(doc.includes(section), `${r.meta.id}: ${section}`);
    for (const option of Object.keys(r.meta.options)) assert.ok(doc.includes(`\`${option}\``), `${r.meta.id}: option ${option} documented`);
  }
});
