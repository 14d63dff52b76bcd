import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkspaceSession } from '../shared/session';
import { scan } from '../shared/scan';
import { checkPolicy, type PolicyResult } from '../shared/check';
import { findConfig, loadConfig } from '../shared/config/load';
import { ROOT } from './helpers';

/** A private copy of the bundled example: the session's edits also go to disk, to compare with a fresh scan. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-session-'));
  fs.cpSync(path.join(ROOT, 'examples', 'support-desk'), dir, { recursive: true });
  return dir;
}

/** What a fresh `tollgate check` of the folder says, with the session's config display name. */
function freshCheck(dir: string): PolicyResult {
  const file = findConfig(dir);
  const config = loadConfig(file, file ? path.basename(file) : undefined);
  return checkPolicy(scan(dir, { include: config.include, exclude: config.exclude, workers: 0 }), dir, config, 'error');
}

/** Everything but the counters of work done, which differ by design (the session parses less). */
const comparable = (r: PolicyResult) => JSON.stringify({ ...r, stats: { ...r.stats, filesParsed: 0 } });

const models = (r: PolicyResult, file: string) => r.callSites.filter((s) => s.file === file).map((s) => (s.model.status === 'exact' ? s.model.value : s.model.status === 'oneOf' ? s.model.values.join('|') : '?'));

function edit(dir: string, rel: string, change: (text: string) => string): { abs: string; text: string } {
  const abs = path.join(dir, rel);
  const text = change(fs.readFileSync(abs, 'utf8'));
  return { abs, text };
}

test('the first snapshot equals a fresh check of the same folder', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  const snap = session.open();
  assert.equal(comparable(snap.result), comparable(freshCheck(dir)));
  assert.deepEqual(snap.configErrors, []);
  assert.equal(snap.result.callSites.length, 6);
  assert.deepEqual(snap.changedFiles, ['src/features/reply.ts', 'src/features/search.ts', 'src/features/summarize.ts', 'src/features/translate.ts', 'src/lib/llm.ts']);
  assert.equal(snap.stats.filesRescanned, 6);
});

test('an unsaved edit changes only that file, and saving or reverting restores the disk state', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  session.open();
  const { abs, text } = edit(dir, 'src/features/summarize.ts', (t) => t.replace("openai('gpt-4.1-mini')", "openai('gpt-4o')"));
  const snap = session.update(abs, text);
  assert.deepEqual(models(snap.result, 'src/features/summarize.ts'), ['gpt-4o']);
  assert.deepEqual(snap.changedFiles, ['src/features/summarize.ts']);
  // Only the file: the route module that imports it never read it to find its own call sites.
  assert.equal(snap.stats.filesRescanned, 1);
  // Disk still has the old text: dropping the buffer goes back to it.
  const reverted = session.update(abs, null);
  assert.deepEqual(models(reverted.result, 'src/features/summarize.ts'), ['gpt-4.1-mini']);
  assert.equal(comparable(reverted.result), comparable(freshCheck(dir)));
});

test('a wrapper call site follows an edit in the file that calls it (callers one import away)', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  const first = session.open();
  const before = first.result.callSites.find((s) => s.file === 'src/lib/llm.ts')!;
  const callersBefore = before.callers.map((c) => `${c.file}:${c.line} ${c.values.model.status === 'exact' ? c.values.model.value : '?'}`);
  assert.ok(callersBefore.some((c) => c.startsWith('src/features/triage.ts')));
  const { abs, text } = edit(dir, 'src/features/triage.ts', (t) => t.replace("{ feature: 'triage', maxTokens: 5 }", "{ feature: 'triage', maxTokens: 5, model: 'gpt-4.1' }"));
  assert.notEqual(text, fs.readFileSync(abs, 'utf8'));
  fs.writeFileSync(abs, text);
  const snap = session.update(abs, null);
  const after = snap.result.callSites.find((s) => s.file === 'src/lib/llm.ts')!;
  assert.ok(after.callers.some((c) => c.file === 'src/features/triage.ts' && c.values.model.status === 'exact' && c.values.model.value === 'gpt-4.1'));
  assert.ok(snap.changedFiles.includes('src/lib/llm.ts'));
  assert.equal(comparable(snap.result), comparable(freshCheck(dir)));
});

test('a constant edited in a file with no call site reaches the call site that imports it', () => {
  const dir = workspace();
  fs.writeFileSync(path.join(dir, 'src/lib/models.ts'), "export const SUMMARY_MODEL = 'gpt-4.1-mini';\n");
  const summarize = path.join(dir, 'src/features/summarize.ts');
  fs.writeFileSync(summarize, fs.readFileSync(summarize, 'utf8').replace("import { openai } from '@ai-sdk/openai';", "import { openai } from '@ai-sdk/openai';\nimport { SUMMARY_MODEL } from '../lib/models';").replace("openai('gpt-4.1-mini')", 'openai(SUMMARY_MODEL)'));
  const session = new WorkspaceSession(dir);
  assert.deepEqual(models(session.open().result, 'src/features/summarize.ts'), ['gpt-4.1-mini']);
  const snap = session.update(path.join(dir, 'src/lib/models.ts'), "export const SUMMARY_MODEL = 'o3';\n");
  assert.deepEqual(models(snap.result, 'src/features/summarize.ts'), ['o3']);
  assert.deepEqual(snap.changedFiles, ['src/features/summarize.ts']);
});

test('files created and deleted on disk join and leave the session', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  session.open();
  const created = path.join(dir, 'src/features/classify.ts');
  fs.writeFileSync(created, "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const classify = (text: string) => client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 5, messages: [{ role: 'user', content: text }] });\n");
  const added = session.update(created, null);
  assert.deepEqual(models(added.result, 'src/features/classify.ts'), ['gpt-4o-mini']);
  assert.deepEqual(added.changedFiles, ['src/features/classify.ts']);
  assert.equal(comparable(added.result), comparable(freshCheck(dir)));
  fs.rmSync(created);
  const removed = session.update(created, null);
  assert.deepEqual(models(removed.result, 'src/features/classify.ts'), []);
  assert.deepEqual(removed.changedFiles, ['src/features/classify.ts']);
  assert.equal(comparable(removed.result), comparable(freshCheck(dir)));
});

test('a buffer that does not parse is reported and its call sites drop out; the rest stays', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  session.open();
  const abs = path.join(dir, 'src/features/summarize.ts');
  const snap = session.update(abs, "import { generateText } from 'ai';\nexport const run = () => generateText({ model: });\n");
  assert.deepEqual(models(snap.result, 'src/features/summarize.ts'), []);
  assert.equal(snap.result.callSites.length, 5);
  assert.deepEqual(snap.result.warnings.filter((w) => w.file === 'src/features/summarize.ts'), [{ file: 'src/features/summarize.ts', line: 2, message: 'skipped: does not parse: Expression expected.' }]);
  const fixed = session.update(abs, null);
  assert.equal(fixed.result.callSites.length, 6);
  assert.deepEqual(fixed.result.warnings.filter((w) => w.file === 'src/features/summarize.ts'), []);
});

test('suppressions in an unsaved buffer apply at once', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  const first = session.open();
  const finding = first.result.findings.find((f) => f.file === 'src/features/search.ts' && !f.suppressed)!;
  assert.ok(finding, 'search.ts has an active finding in the example');
  const { abs, text } = edit(dir, 'src/features/search.ts', (t) => {
    const lines = t.split('\n');
    lines.splice(finding.line - 1, 0, `// tollgate-ignore ${finding.ruleId}: covered by the search team's budget`);
    return lines.join('\n');
  });
  const snap = session.update(abs, text);
  const moved = snap.result.findings.find((f) => f.file === 'src/features/search.ts' && f.ruleId === finding.ruleId)!;
  assert.equal(moved.suppressed, true);
  assert.equal(moved.suppressionReason, "covered by the search team's budget");
});

test('config: a broken tollgate.yml is reported with its line and the defaults apply; fixing it applies live', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  const first = session.open();
  const totals = first.result.totals;
  const configFile = path.join(dir, 'tollgate.yml');
  const good = fs.readFileSync(configFile, 'utf8');
  fs.writeFileSync(configFile, good.replace('usage:', 'usage:\n  defualt: 1k/day'));
  const broken = session.update(configFile, null);
  assert.deepEqual(broken.configErrors.map((e) => [e.file, e.line, e.column]), [['tollgate.yml', 5, 3]]);
  assert.match(broken.configErrors[0].message, /did you mean "default"/);
  assert.equal(broken.config.file, null);
  fs.writeFileSync(configFile, good);
  const fixed = session.update(configFile, null);
  assert.deepEqual(fixed.configErrors, []);
  assert.deepEqual(fixed.result.totals, totals);
});

test('the default volume setting fills in where tollgate.yml gives none, and a bad one is reported', () => {
  const dir = workspace();
  fs.rmSync(path.join(dir, 'tollgate.yml'));
  const session = new WorkspaceSession(dir);
  const without = session.open();
  const needsVolume = (r: PolicyResult) => r.callSites.filter((s) => s.estimate.monthlyCost === null).map((s) => s.file);
  // reply.ts and search.ts carry `// tollgate: volume` annotations; the rest need a volume.
  assert.deepEqual(needsVolume(without.result), ['src/features/summarize.ts', 'src/features/translate.ts', 'src/lib/llm.ts']);
  const withVolume = session.reloadConfig({ defaultVolume: '1k/day' });
  assert.deepEqual(withVolume.configErrors, []);
  assert.deepEqual(withVolume.config.estimate.usage.default, { key: 'default', perMonth: 30416.7, text: '1k/day' });
  assert.deepEqual(needsVolume(withVolume.result), []);
  assert.deepEqual(withVolume.changedFiles, ['src/features/summarize.ts', 'src/features/translate.ts', 'src/lib/llm.ts']);
  const bad = session.reloadConfig({ defaultVolume: 'lots' });
  assert.deepEqual(bad.configErrors, [{ file: 'settings', message: 'default volume "lots" is not a volume such as 1k/day, 2m/month or a number of calls per month' }]);
});

test('after a sequence of edits the session agrees byte for byte with a fresh scan', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  session.open();
  const steps: Array<[string, (t: string) => string]> = [
    ['src/lib/llm.ts', (t) => t.replace("model = 'gpt-4o-mini'", "model = 'gpt-4.1'")],
    ['src/lib/openai.ts', (t) => t.replace("'Helicone-Property-Team': 'support',", '')],
    ['src/features/reply.ts', (t) => t + '\nexport const unused = 1;\n'],
    ['src/lib/llm.ts', (t) => t.replace('max_tokens: maxTokens,', '')],
  ];
  for (const [rel, change] of steps) {
    const { abs, text } = edit(dir, rel, change);
    fs.writeFileSync(abs, text);
    const snap = session.update(abs, null);
    assert.equal(comparable(snap.result), comparable(freshCheck(dir)), `after editing ${rel}`);
  }
});

test('config: an unsaved tollgate.yml applies at once, and the next reload reads the disk again', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  const first = session.open();
  const onDisk = fs.readFileSync(path.join(dir, 'tollgate.yml'), 'utf8');
  const typed = onDisk.replace('thread-summary: 1.2k/day', 'thread-summary: 12k/day');
  const live = session.reloadConfig({ configText: typed });
  const summary = (r: PolicyResult) => r.callSites.find((s) => s.file === 'src/features/summarize.ts')!.estimate.callsPerMonth;
  assert.equal(summary(first.result), 36500.04);
  assert.equal(summary(live.result), 365000.4);
  assert.deepEqual(live.changedFiles, ['src/features/summarize.ts']);
  assert.equal(fs.readFileSync(path.join(dir, 'tollgate.yml'), 'utf8'), onDisk, 'nothing is written');
  assert.equal(summary(session.reloadConfig().result), 36500.04);
});

test('a constant a caller passes to a wrapper, edited in a module only that caller imports, reaches the wrapper call site', () => {
  const dir = workspace();
  fs.writeFileSync(path.join(dir, 'src/features/triage-model.ts'), "export const TRIAGE_MODEL = 'gpt-4.1-mini';\n");
  const triage = path.join(dir, 'src/features/triage.ts');
  fs.writeFileSync(
    triage,
    "import { TRIAGE_MODEL } from './triage-model';\n" + fs.readFileSync(triage, 'utf8').replace("{ feature: 'triage', maxTokens: 5 }", "{ feature: 'triage', maxTokens: 5, model: TRIAGE_MODEL }"),
  );
  const session = new WorkspaceSession(dir);
  const callerModel = (r: PolicyResult) => {
    const caller = r.callSites.find((s) => s.file === 'src/lib/llm.ts')!.callers.find((c) => c.file === 'src/features/triage.ts')!;
    return caller.values.model.status === 'exact' ? caller.values.model.value : caller.values.model.status;
  };
  assert.equal(callerModel(session.open().result), 'gpt-4.1-mini');
  const snap = session.update(path.join(dir, 'src/features/triage-model.ts'), "export const TRIAGE_MODEL = 'o3';\n");
  assert.equal(callerModel(snap.result), 'o3');
  assert.deepEqual(snap.changedFiles, ['src/lib/llm.ts']);
});

test('a volume annotated at a wrapper\'s caller splits the wrapper\'s call site by caller, live', () => {
  const dir = workspace();
  const session = new WorkspaceSession(dir);
  session.open();
  const { abs, text } = edit(dir, 'src/api/routes.ts', (t) => t.replace('// Sentiment uses the larger model for escalations.', '// Sentiment uses the larger model for escalations.\n// tollgate: volume 1k/day'));
  assert.notEqual(text, fs.readFileSync(abs, 'utf8'));
  fs.writeFileSync(abs, text);
  const snap = session.update(abs, null);
  const e = snap.result.callSites.find((s) => s.file === 'src/lib/llm.ts')!.estimate;
  // sentiment: 441 in × $2/1M + 1 out × $8/1M = $0.00089 a call (gpt-4.1) × 1,000 × 30.4167 = 30,416.7 a month = $27.070863.
  // triage's caller says no volume: needs volume, and the call site's usage.callSites entry no longer stands for both.
  assert.deepEqual(
    e.units!.map((u) => [u.tags.feature, u.callsPerMonth, u.monthlyCost?.expected ?? null]),
    [
      ['triage', null, null],
      ['sentiment', 30416.7, 27.070863],
    ],
  );
  assert.deepEqual([e.volumeBy, e.unitsMissingVolume, e.monthlyCost?.expected], ['callers', 1, 27.070863]);
  assert.ok(snap.changedFiles.includes('src/lib/llm.ts'));
  assert.equal(comparable(snap.result), comparable(freshCheck(dir)));
});
