import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown, MARKER, COMMENT_LIMIT } from '../../shared/reporters/markdown';
import { mdText } from '../../shared/reporters/escape';
import { diffEstimates } from '../../shared/diff';
import { exampleCheck, exampleDiff, golden, GOLDEN_RULES, HOSTILE } from './setup';

test('markdown: golden comment for `check` on the example app', () => {
  const md = renderMarkdown(exampleCheck(), { registry: GOLDEN_RULES });
  assert.ok(md.startsWith(MARKER + '\n'));
  golden('support-desk.check.md', md);
});

test('markdown: golden comment for a diff (model change) with policy results', () => {
  const md = renderMarkdown(exampleDiff(), { registry: GOLDEN_RULES });
  assert.match(md, /^## tollgate: \+\$\d[\d,.]*\/month \(\+\d+(\.\d+)?%\) estimated LLM spend$/m);
  assert.match(md, /gpt\\-4\\\.1\\-mini, \$[\d.]+\/mo \| gpt\\-4\\\.1, \$[\d.]+\/mo/);
  golden('support-desk.diff.md', md);
});

test('markdown: rules switched off in tollgate.yml are not listed as passed', () => {
  const md = renderMarkdown(exampleCheck(), { registry: GOLDEN_RULES, rules: { 'unknown-model': { severity: 'off', options: {} } } });
  const passed = md.split('#### Passed')[1].split('\n')[2];
  assert.equal(passed, '`unresolved-model`');
});

test('markdown: scanned strings cannot inject markup, HTML, mentions, references or links', () => {
  const r = exampleCheck();
  const s = r.callSites[0];
  s.file = `src/${HOSTILE}.ts`;
  s.api = HOSTILE;
  s.model = { status: 'exact', value: HOSTILE };
  s.estimate.assumptions = [HOSTILE];
  r.totals.byTeam[0].key = HOSTILE;
  r.findings[0].file = HOSTILE;
  r.findings[0].message = HOSTILE;
  r.policy.source = HOSTILE;
  const md = renderMarkdown(r);
  const body = md.slice(MARKER.length);
  assert.ok(!body.includes('<!--'), 'no second marker or HTML comment');
  for (const bad of ['<img', '<script', '](', '@octocat', 'sk-proj-', '**bold**', '`code`', '://', 'www.evil', 'me@evil', '#123']) {
    assert.ok(!body.includes(bad), `leaks ${bad}`);
  }
  assert.equal(md.split('<details>').length, md.split('</details>').length, 'details blocks stay balanced');
  // The newline in the hostile text must not start a heading or a table row of its own.
  assert.ok(!/^#+ injected/m.test(md));
  assert.ok(!/^\| x/m.test(md));
  // Table rows keep their column count: scanned pipes are escaped.
  const teamRow = md.split('\n').find((l) => l.startsWith('| team |') && l.includes('octocat'))!;
  assert.equal(teamRow.split(/(?<!\\)\|/).length, 5);
  assert.equal(mdText('@octocat'), '@\u200doctocat');
});

test('markdown: thousands of call sites stay under GitHub\'s comment limit and say what was cut', () => {
  const head = exampleCheck();
  const many = Array.from({ length: 4000 }, (_, i) => {
    const s = structuredClone(head.callSites[i % head.callSites.length]);
    s.id = `${s.id}#${i}`;
    s.file = `src/generated/module-${String(i).padStart(4, '0')}/${s.file.split('/').pop()}`;
    return s;
  });
  const base = { ...head, callSites: [] };
  const findings = many.map((s, i) => ({ ...head.findings[i % head.findings.length], file: s.file, callSiteId: s.id }));
  const r = { ...head, callSites: many, findings, diff: diffEstimates(base, { ...head, callSites: many }, { base: 'main', baseSha: '0'.repeat(40), head: null, headSha: null, baseScan: 'scanned' as const }) };
  const md = renderMarkdown(r);
  assert.ok(md.length <= COMMENT_LIMIT, `length ${md.length}`);
  assert.ok(md.startsWith(MARKER + '\n'));
  assert.match(md, /Shortened to fit GitHub's comment size limit, longest sections first: .*changed call sites \(\d+ of 4000 shown\)/);
  assert.match(md, /assumptions \(\d+ of 4000 shown\)/);
  assert.match(md, /\d+ call sites not shown \(comment size limit\)/);
  assert.equal(md.split('<details>').length, md.split('</details>').length);
  assert.match(md, /<sub>tollgate \d+\.\d+\.\d+ · pricing table /);
});
