import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lensText } from '../../extension/src/lens';
import { hoverMarkdown } from '../../extension/src/hover';
import { FileIndex } from '../../extension/src/files';
import { configDiagnostics, fileDiagnostics, findingFor } from '../../extension/src/diagnostics';
import { fixAction, suppressAction, volumeAction } from '../../extension/src/actions';
import { groupSites } from '../../extension/src/tree';
import { statusContent, statusContentAll } from '../../extension/src/status';
import { readSettings, sessionOptions, DEFAULT_SETTINGS } from '../../extension/src/settings';
import { plain } from '../../extension/src/text';
import { promptBreakdown } from '../../shared/estimate/breakdown';
import { validateConfigText } from '../../extension/src/analysis';
import { applyEdits } from '../../shared/rules/edits';
import { editorLines } from '../../shared/lines';
import type { WorkspaceView } from '../../extension/src/protocol';
import { applyPlain, exampleText, exampleView, golden, lineLengthOf, newAnalysis, openView, tempWorkspace } from './setup';

const REPLY = 'src/features/reply.ts#draftReply#messages.create#0';

test('lens text of every call site of the example, in each currency display', () => {
  const view = exampleView();
  const lines = view.snapshot.result.callSites.flatMap((s) => [
    `${s.file}:${s.line}`,
    `  expected  ${lensText(s, 'expected')}`,
    `  range     ${lensText(s, 'range')}`,
    `  compact   ${lensText(s, 'compact')}`,
  ]);
  golden('lenses.txt', lines.join('\n') + '\n');
  const reply = new FileIndex(view).site(REPLY)!;
  assert.equal(lensText(reply, 'expected'), '≈ $0.012/call · $298.42/mo · claude-sonnet-4-5 · 2.1k → 400 tok');
});

test('lens text says "needs volume" and "unknown model" instead of a figure', () => {
  const root = tempWorkspace({
    'a.ts': [
      "import OpenAI from 'openai';",
      'const o = new OpenAI();',
      'export async function f(m: string) {',
      "  await o.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });",
      "  await o.chat.completions.create({ model: 'gpt-99-imaginary', messages: [] });",
      '  await o.chat.completions.create({ model: m, messages: [] });',
      '}',
      '',
    ].join('\n'),
  });
  try {
    const view = openView(newAnalysis(), root);
    const texts = view.snapshot.result.callSites.map((s) => lensText(s, 'expected'));
    assert.deepEqual(texts, [
      '≈ $0.0010/call · needs volume · gpt-4o · 8 → 100 tok',
      'unknown model · gpt-99-imaginary',
      'unknown model · ? parameter `m` of f(); no callers of f() found in the scan…',
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('scanned text in plain UI strings: secrets redacted, control characters and icon syntax defused', () => {
  assert.equal(plain('model-$(alert)\u001b[31m sk-proj-abcdefghijklmnopqrstuvwxyz'), 'model-$\u200b(alert) [REDACTED]');
  assert.equal(plain('x'.repeat(100), 10), 'xxxxxxxxx…');
});

test('hover: the breakdown of the untagged Anthropic call', () => {
  const view = exampleView();
  const index = new FileIndex(view);
  const site = index.site(REPLY)!;
  const breakdown = promptBreakdown(site, view.snapshot.config.estimate);
  assert.deepEqual(
    breakdown.prompt.map((p) => [p.role, p.kind, p.label.slice(0, 20), p.tokens.expected, p.source]),
    [
      // Claude's factor, rounded up per part: 54 × 1.16 → 63, 6 × 1.16 → 7, 1 × 1.16 → 2.
      ['system', 'text', "You are Acme Cloud's", 63, 'src/prompts/reply-system.md:1, counted (o200k_base, approximate)'],
      ['user', 'placeholder', 'history', 2000, 'annotation'],
      ['user', 'text', 'Draft the next reply', 7, 'counted (o200k_base, approximate)'],
      ['user', 'placeholder', 'customerName', 5, 'annotation'],
      ['user', 'text', '.', 2, 'counted (o200k_base, approximate)'],
    ],
  );
  golden('hover-reply.md', hoverMarkdown(site, breakdown, index.findingsIn(site.file), 'expected'));
  // Without the worker's answer the hover still shows the estimate.
  assert.ok(!hoverMarkdown(site, null, [], 'expected').includes('**Prompt**'));
});

test('hover escapes text from the scanned code', () => {
  const site = structuredClone(new FileIndex(exampleView()).site(REPLY)!);
  site.provider = '<img src=x onerror=alert(1)>';
  site.owner = { team: '[click](javascript:alert(1)) @everyone', via: 'tag' };
  const md = hoverMarkdown(site, null, [], 'expected');
  assert.ok(md.includes('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;'), md);
  // The scheme is broken apart too (a zero-width space before its colon).
  assert.ok(md.includes('\\[click\\]\\(javascript\u200b\\:alert\\(1\\)\\) @\u200deveryone'), md);
  assert.ok(!md.includes('<img') && !md.includes('](javascript'));
});

test('diagnostics: findings of each file with their ranges, severities and rule ids', () => {
  const view = exampleView();
  const index = new FileIndex(view);
  const out: Record<string, unknown> = {};
  for (const rel of index.files()) out[rel] = fileDiagnostics(rel, index, ['error', 'warning', 'info'], editorLines(exampleText(rel)));
  golden('diagnostics.json', JSON.stringify(out, null, 2) + '\n');
  // The untagged call: underlined on its first line, from the call to the end of that line.
  const [frontier, attribution] = fileDiagnostics('src/features/reply.ts', index, ['warning'], editorLines(exampleText('src/features/reply.ts')));
  assert.deepEqual(attribution, {
    range: { start: { line: 12, character: 20 }, end: { line: 12, character: 47 } },
    severity: 'warning',
    message: 'LLM call without team, feature attribution: its spend cannot be assigned (no tags found)',
    code: 'missing-attribution',
  });
  assert.equal(frontier.code, 'frontier-default');
  // The severities setting filters; suppressed findings never show.
  assert.deepEqual(fileDiagnostics('src/features/reply.ts', index, ['error'], editorLines(exampleText('src/features/reply.ts'))), []);
  assert.equal(findingFor(index, 'src/features/reply.ts', 'missing-attribution', { line: 12, character: 20 }, editorLines(exampleText('src/features/reply.ts')))?.callSiteId, REPLY);
});

test('quick fixes: the rules’ fixes map to exactly the core’s edits', () => {
  const view = exampleView();
  const withFix = view.snapshot.result.findings.filter((f) => f.fix);
  assert.deepEqual(withFix.map((f) => `${f.file}:${f.line} ${f.ruleId}`), [
    'src/features/reply.ts:13 frontier-default',
    'src/features/search.ts:6 missing-attribution',
    'src/features/search.ts:11 missing-attribution',
    'src/features/translate.ts:7 unbounded-output',
  ]);
  for (const f of withFix) {
    const text = exampleText(f.file);
    const action = fixAction(f.fix!, editorLines(text));
    assert.equal(applyPlain(text, action.edits), applyEdits(text, f.fix!.edits), `${f.file}:${f.line}`);
  }
  const tag = fixAction(withFix[2].fix!, editorLines(exampleText(withFix[2].file)));
  assert.deepEqual(tag, {
    title: 'Add feature as Helicone-Property-* headers',
    edits: [{ file: 'src/features/search.ts', range: { start: { line: 10, character: 110 }, end: { line: 10, character: 110 } }, newText: ", { headers: { 'Helicone-Property-Feature': 'TODO' } }" }],
    preferred: true,
  });
  const model = fixAction(withFix[0].fix!, editorLines(exampleText(withFix[0].file)));
  assert.deepEqual(model.edits[0].range, { start: { line: 13, character: 12 }, end: { line: 13, character: 29 } });
  assert.equal(model.edits[0].newText, 'claude-haiku-4-5');
});

test('quick fix: a suppression the core honours, with the reason selected', () => {
  const root = tempWorkspace({});
  fs.cpSync(path.join(__dirname, '..', '..', '..', 'examples', 'support-desk'), root, { recursive: true });
  try {
    const analysis = newAnalysis();
    const view = openView(analysis, root);
    const finding = view.snapshot.result.findings.find((f) => f.ruleId === 'frontier-default')!;
    const text = fs.readFileSync(path.join(root, finding.file), 'utf8');
    const action = suppressAction(finding, text)!;
    assert.equal(action.title, 'Suppress frontier-default for this call (with a reason)');
    const edited = applyPlain(text, action.edits);
    const lines = edited.split('\n');
    assert.equal(lines[12], '  // tollgate-allow frontier-default: <reason>');
    assert.equal(lines[13], '  const msg = await anthropic.messages.create({');
    assert.deepEqual(action.select, { file: 'src/features/reply.ts', range: { start: { line: 12, character: 38 }, end: { line: 12, character: 46 } } });
    assert.equal(lines[12].slice(38, 46), '<reason>');
    const [reply] = analysis.handle([{ type: 'update', id: 2, file: path.join(root, finding.file), text: edited }]);
    const after = (reply as { view: WorkspaceView }).view.snapshot.result.findings.find((f) => f.ruleId === 'frontier-default')!;
    assert.equal(after.suppressed, true);
    assert.equal(after.suppressionReason, '<reason>');
    // The annotation above still applies: the volume did not move.
    assert.equal((reply as { view: WorkspaceView }).view.snapshot.result.callSites.find((s) => s.file === finding.file)!.estimate.monthlyCost?.expected, 298.42432704);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('quick fix: a volume annotation, new or added to the call’s annotation, that the core reads', () => {
  const source = [
    "import OpenAI from 'openai';",
    'const o = new OpenAI();',
    'export async function f() {',
    "  const a = await o.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [] });",
    '  // tollgate: tokens x=5',
    "  const b = await o.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [] });",
    '}',
    '',
  ].join('\n');
  const root = tempWorkspace({ 'a.ts': source });
  try {
    const analysis = newAnalysis();
    const view = openView(analysis, root);
    const [a, b] = view.snapshot.result.callSites;
    const first = volumeAction(a, source)!;
    const second = volumeAction(b, source)!;
    assert.deepEqual(first.edits, [{ file: 'a.ts', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '  // tollgate: volume 1k/day\n' }]);
    assert.deepEqual(second.edits, [{ file: 'a.ts', range: { start: { line: 4, character: 25 }, end: { line: 4, character: 25 } }, newText: ' volume 1k/day' }]);
    const once = applyPlain(source, second.edits);
    assert.equal(once.split('\n')[4].slice(second.select!.range.start.character, second.select!.range.end.character), '1k/day');
    const both = applyPlain(once, first.edits);
    const [reply] = analysis.handle([{ type: 'update', id: 2, file: path.join(root, 'a.ts'), text: both }]);
    const sites = (reply as { view: WorkspaceView }).view.snapshot.result.callSites;
    assert.deepEqual(sites.map((s) => s.estimate.volumeSource), ['annotation line 4: volume 1k/day', 'annotation line 6: volume 1k/day']);
    // A call with a volume gets no such action.
    assert.equal(volumeAction(sites[0], both), null);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the LLM costs view: groups by team, feature and model with the core’s totals, dearest first', () => {
  const view = exampleView();
  const tree = (['team', 'feature', 'model'] as const).map((by) => ({ by, groups: groupSites(view, by, 'expected') }));
  golden('tree.json', JSON.stringify(tree, null, 2) + '\n');
  const team = tree[0].groups;
  assert.deepEqual(team.map((g) => [g.label, g.description]), [
    ['@acme/support-ai', '$298.42/mo · 1 call site'],
    ['support', '$142.60/mo · 4 call sites'],
    ['localization', '$8.57/mo · 1 call site'],
  ]);
});

test('status bar: monthly projection and failing findings', () => {
  const view = exampleView();
  assert.deepEqual(statusContent(view, 'expected'), {
    text: '$(pulse) $449.60/mo · 0 failing',
    tooltip: [
      'tollgate: $449.60 ($265.41–$1,126.93) per month from 6 of 6 call sites',
      'Policy passes (fails on error): 0 errors, 5 warnings, 0 info, 0 suppressed',
      'Click for the report',
    ].join('\n'),
    failing: false,
  });
  const strict: WorkspaceView = structuredClone(view);
  // The core counts what fails (see test/rules): the status bar shows its count.
  strict.snapshot.result.policy.failOn = 'warning';
  strict.snapshot.result.policy.failing = 5;
  strict.snapshot.result.callSites.forEach((s) => (s.estimate.monthlyCost = null));
  strict.snapshot.result.totals.overall.withVolume = 0;
  assert.equal(statusContent(strict, 'compact').text, '$(error) needs volume · 5 failing');
  // Volumes, but no model with a price: a different fix, said so.
  const unpriced: WorkspaceView = structuredClone(view);
  unpriced.snapshot.result.callSites.forEach((s) => ((s.estimate.monthlyCost = null), (s.estimate.costPerCall = null)));
  Object.assign(unpriced.snapshot.result.totals.overall, { withVolume: 0, missingVolume: 0, unknownModel: 6 });
  const content = statusContent(unpriced, 'compact');
  assert.equal(content.text, '$(pulse) no price · 0 failing');
  assert.equal(content.tooltip.split('\n')[1], '6 call sites with no price (unknown model)');
});

test('status bar: the files tollgate cannot read are a tooltip line, with the count and the packages', () => {
  const view: WorkspaceView = structuredClone(exampleView());
  view.snapshot.result.coverage = { unreadPackages: [{ package: 'replicate', files: ['src/a.ts', 'src/b.ts'] }], unreadCalls: [{ file: 'src/c.ts', line: 4, sdk: 'openai', call: 'openai.beta.realtime.sessions.create' }] };
  view.snapshot.result.stats.unreadFiles = 3;
  assert.deepEqual(statusContent(view, 'expected').tooltip.split('\n'), [
    'tollgate: $449.60 ($265.41–$1,126.93) per month from 6 of 6 call sites',
    'Policy passes (fails on error): 0 errors, 5 warnings, 0 info, 0 suppressed',
    'Not read: 3 files with calls tollgate cannot price: replicate (2); 1 SDK call not recognised.',
    'Click for the report',
  ]);
  assert.equal(statusContentAll([{ name: 'app', view }, { name: 'docs', view: exampleView() }], 'expected').tooltip.split('\n')[1], 'app: $449.60/mo · 0 failing · 3 files not read');
});

test('status bar with several folders: one item, the figures added up, a tooltip line per folder', () => {
  const view = exampleView();
  const empty: WorkspaceView = structuredClone(view);
  empty.snapshot.result.callSites = [];
  empty.snapshot.result.findings = [];
  empty.snapshot.result.totals.overall = { ...empty.snapshot.result.totals.overall, callSites: 0, withVolume: 0, missingVolume: 0, unknownModel: 0, monthlyCost: { low: 0, expected: 0, high: 0 } };
  assert.deepEqual(statusContentAll([{ name: 'support-desk', view }, { name: 'billing', view }, { name: 'docs', view: empty }], 'expected'), {
    text: '$(pulse) $899.20/mo · 0 failing',
    tooltip: ['tollgate: 3 folders', 'support-desk: $449.60/mo · 0 failing', 'billing: $449.60/mo · 0 failing', 'docs: no LLM calls · 0 failing', 'Click for the report'].join('\n'),
    failing: false,
  });
  // One folder: exactly the single-folder item.
  assert.deepEqual(statusContentAll([{ name: 'support-desk', view }], 'expected'), statusContent(view, 'expected'));
});

test('settings: wrong values fall back to defaults; session options follow', () => {
  const raw: Record<string, unknown> = { enable: 'yes', inlineStyle: 'inlayHints', severities: ['warning', 'bogus', 'error'], failOn: 'sometimes', defaultVolume: ' 2k/day ', configPath: 'config/tollgate.yml' };
  const s = readSettings((n) => raw[n]);
  assert.deepEqual(s, { ...DEFAULT_SETTINGS, inlineStyle: 'inlayHints', severities: ['error', 'warning'], defaultVolume: '2k/day', configPath: 'config/tollgate.yml' });
  assert.deepEqual(sessionOptions(s), { configFile: 'config/tollgate.yml', failOn: 'error', defaultVolume: '2k/day' });
  assert.deepEqual(sessionOptions(DEFAULT_SETTINGS), { failOn: 'error', defaultVolume: null });
});

test('tollgate.yml: errors of the unsaved text as diagnostics on the file', () => {
  const text = 'usage:\n  defualt: 1k/day\n';
  const problems = validateConfigText('tollgate.yml', text);
  assert.deepEqual(problems, [{ file: 'tollgate.yml', line: 2, column: 3, message: 'unknown key "usage.defualt" (did you mean "default"?); known keys: default, kinds, features, teams, callSites, fanout' }]);
  assert.deepEqual(configDiagnostics('tollgate.yml', problems, lineLengthOf(text)), [
    { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 17 } }, severity: 'error', message: problems[0].message, code: null },
  ]);
  assert.deepEqual(configDiagnostics('other.yml', problems, lineLengthOf(text)), []);
  assert.deepEqual(validateConfigText('tollgate.yml', 'usage:\n  default: 1k/day\n'), []);
});

test('file index: the innermost call site under a position', () => {
  const index = new FileIndex(exampleView());
  assert.equal(index.siteAt('src/features/reply.ts', { line: 14, character: 4 }, editorLines(exampleText('src/features/reply.ts')))?.id, REPLY);
  assert.equal(index.siteAt('src/features/reply.ts', { line: 12, character: 19 }, editorLines(exampleText('src/features/reply.ts'))), null);
  assert.equal(index.siteAt('src/features/search.ts', { line: 5, character: 60 }, editorLines(exampleText('src/features/search.ts')))?.line, 6);
  assert.equal(new FileIndex(null).sitesIn('src/features/reply.ts').length, 0);
});
