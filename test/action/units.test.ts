import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInputs } from '../../action/inputs';
import { commentWanted, type ChangeSummary } from '../../action/comment';
import { annotationsFor } from '../../action/annotations';
import type { DirectoryReport } from '../../action/analyse';
import type { Finding } from '../../shared/rules/types';

// The action's pure pieces, in process: input parsing, the comment-on decision, the annotation cap.

const env = (inputs: Record<string, string>) => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));

test('inputs: defaults when the runner passes none, lists of paths, the marker', () => {
  assert.deepEqual(readInputs({}), {
    paths: ['.'],
    config: null,
    pricing: null,
    token: '',
    comment: 'update',
    commentOn: 'always',
    thresholdUsd: null,
    thresholdPercent: null,
    marker: '<!-- tollgate -->',
    failOn: 'error',
    failOnExisting: false,
    baseRef: null,
    workingDirectory: '.',
  });
  const r = readInputs(env({ path: 'apps/web\n apps/api , apps/web\n', 'comment-on': 'change', 'comment-threshold-usd': '$25', 'comment-threshold-percent': '10%', 'comment-marker': 'tollgate:web' }));
  assert.deepEqual(r.paths, ['apps/web', 'apps/api']);
  assert.equal(r.thresholdUsd, 25);
  assert.equal(r.thresholdPercent, 10);
  assert.equal(r.marker, '<!-- tollgate:web -->');
  assert.equal(readInputs(env({ 'fail-on-existing': 'true' })).failOnExisting, true);
  assert.equal(readInputs(env({ 'fail-on-existing': 'false' })).failOnExisting, false);
});

test('inputs: each bad value is an error naming the input and what it accepts', () => {
  const error = (inputs: Record<string, string>) => {
    try {
      readInputs(env(inputs));
      return 'no error';
    } catch (err) {
      return (err as Error).message;
    }
  };
  assert.equal(error({ comment: 'sticky' }), 'input comment: "sticky" is not one of update, new, hide-and-new, delete-and-new, off');
  assert.equal(error({ 'comment-on': 'sometimes' }), 'input comment-on: "sometimes" is not one of always, change, failure');
  assert.equal(error({ 'comment-on': 'change', 'comment-threshold-usd': 'ten' }), 'input comment-threshold-usd: "ten" is not a number of 0 or more');
  assert.equal(error({ 'comment-threshold-percent': '5' }), 'inputs comment-threshold-usd and comment-threshold-percent apply to comment-on: change, not "always"');
  assert.equal(error({ 'comment-marker': 'x --> <img>' }), 'input comment-marker: "x --> <img>" must be letters, digits, and _ . : / - (no "--"), up to 100 characters');
  assert.equal(error({ 'fail-on-existing': 'yes' }), 'input fail-on-existing: "yes" is not one of true, false');
  assert.equal(error({ 'comment-marker': 'a--b' }), 'input comment-marker: "a--b" must be letters, digits, and _ . : / - (no "--"), up to 100 characters');
});

test('comment-on: always, failure, change with and without thresholds', () => {
  const s = (o: Partial<ChangeSummary>): ChangeSummary => ({ callSitesChanged: 1, change: 12, changePercent: 4, policyFailed: false, ...o });
  const on = (commentOn: 'always' | 'change' | 'failure', usd: number | null, pct: number | null, summary: ChangeSummary) => commentWanted({ commentOn, thresholdUsd: usd, thresholdPercent: pct }, summary).wanted;
  assert.equal(on('always', null, null, s({ callSitesChanged: 0, change: 0 })), true);
  assert.equal(on('failure', null, null, s({})), false);
  assert.equal(on('failure', null, null, s({ policyFailed: true })), true);
  assert.equal(on('change', null, null, s({ callSitesChanged: 0, change: 0 })), false);
  assert.equal(on('change', null, null, s({ change: null })), true, 'a changed call site without volume is a change');
  assert.equal(on('change', 10, null, s({})), true);
  assert.equal(on('change', 10, null, s({ change: -12 })), true, 'savings count too');
  assert.equal(on('change', 20, null, s({})), false);
  assert.equal(on('change', 20, 3, s({})), true, 'either threshold is enough');
  assert.equal(on('change', 20, 5, s({})), false);
  assert.equal(on('change', null, 50, s({ change: 5, changePercent: null })), true, 'a cost from nothing passes any percentage');
  assert.equal(on('change', 1, 1, s({ change: null, changePercent: null })), false, 'thresholds need a figure');
});

test('annotations: only changed lines (any line of the call), repository paths, 10 errors and 10 warnings at most', () => {
  const finding = (i: number, severity: Finding['severity']): Finding => ({ ruleId: 'missing-attribution', severity, message: `m${i}`, file: `src/f${i}.ts`, line: 3, column: 5, callSiteId: `s${i}`, suppressed: false });
  const findings = [...Array.from({ length: 14 }, (_, i) => finding(i, 'error')), finding(20, 'warning'), finding(21, 'info'), { ...finding(22, 'error'), suppressed: true }];
  const report = {
    path: 'apps/api',
    prefix: 'apps/api',
    result: { findings, callSites: findings.map((f) => ({ id: f.callSiteId, endLine: 9 })) },
  } as unknown as DirectoryReport;
  const changed = new Map<string, Array<[number, number]>>(findings.map((f) => [`apps/api/${f.file}`, [[8, 8]]]));
  changed.set('apps/api/src/f13.ts', [[20, 30]]);
  const { text, omitted } = annotationsFor([report], changed);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 11);
  assert.equal(lines[0], '::error file=apps/api/src/f0.ts,line=3,col=5,title=missing-attribution::m0');
  assert.equal(lines[10], '::warning file=apps/api/src/f20.ts,line=3,col=5,title=missing-attribution::m20');
  // f13's change is below its call: not annotated, not counted; 13 errors qualified, 10 shown.
  assert.equal(omitted, 3);
  assert.equal(annotationsFor([report], null).omitted, 4, 'no base: every finding qualifies');
});

test('annotations: a finding the base already had is not annotated, unless fail-on-existing makes it fail', () => {
  const finding = (i: number, isNew: boolean): Finding => ({ ruleId: 'unbounded-output', severity: 'warning', message: `m${i}`, file: `src/f${i}.ts`, line: 3, column: 5, callSiteId: `s${i}`, suppressed: false, new: isNew });
  const findings = [finding(1, true), finding(2, false)];
  const report = (failOnExisting: boolean) =>
    ({ path: '.', prefix: '', result: { findings, callSites: findings.map((f) => ({ id: f.callSiteId, endLine: 3 })), policy: { failOnExisting } } }) as unknown as DirectoryReport;
  const changed = new Map<string, Array<[number, number]>>(findings.map((f) => [f.file, [[3, 3]]]));
  assert.equal(annotationsFor([report(false)], changed).text, '::warning file=src/f1.ts,line=3,col=5,title=unbounded-output::m1\n');
  assert.equal(annotationsFor([report(true)], changed).text, '::warning file=src/f1.ts,line=3,col=5,title=unbounded-output::m1\n::warning file=src/f2.ts,line=3,col=5,title=unbounded-output::m2\n');
});
