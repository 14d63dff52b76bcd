import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markNew, setIdentity } from '../../shared/rules/baseline';
import type { Finding } from '../../shared/rules/types';

// How the head's findings pair off with the base's (shared/rules/baseline.ts), on findings made by hand.

function finding(ruleId: string, message: string, o: { site?: string; file?: string; line?: number; subject?: string; measure?: number } = {}): Finding {
  const f: Finding = { ruleId, severity: 'error', message, file: o.file ?? 'src/a.ts', line: o.line ?? 1, column: 1, callSiteId: o.site ?? null, suppressed: false };
  setIdentity(f, { subject: o.subject, measure: o.measure });
  return f;
}

const marks = (head: Finding[]) => head.map((f) => `${f.new} ${f.ruleId} ${f.message}`);

test('markNew: same rule and call site is already on the base, whatever the message or the line', () => {
  const head = [finding('unknown-model', 'gpt-5-typo', { site: 'a#f#1', line: 9 }), finding('unknown-model', 'x', { site: 'b#g#1' }), finding('frontier-default', 'y', { site: 'a#f#1' })];
  markNew(head, [finding('unknown-model', 'gpt-4o-typo', { site: 'a#f#1', line: 3 }), finding('missing-attribution', 'y', { site: 'a#f#1' })]);
  assert.deepEqual(marks(head), ['false unknown-model gpt-5-typo', 'true unknown-model x', 'true frontier-default y']);
});

test('markNew: one site, two findings of a rule on the base and three on the head: one is new, the one whose message the base lacks', () => {
  const head = ['m1', 'm3', 'm2'].map((m) => finding('unknown-model', m, { site: 's' }));
  markNew(head, ['m2', 'm1'].map((m) => finding('unknown-model', m, { site: 's' })));
  assert.deepEqual(marks(head), ['false unknown-model m1', 'true unknown-model m3', 'false unknown-model m2']);
});

test('markNew: a measured finding is new when its measure grew, by more than float noise', () => {
  // $122.579301 on the base; $122.579301 + 1e-12 on the head is the same spend summed in another order.
  const base = [finding('budget', 'b1', { subject: 'total', measure: 122.579301 }), finding('budget', 'b2', { subject: 'team support', measure: 50 })];
  const head = [finding('budget', 'h1', { subject: 'total', measure: 122.579301 + 1e-12 }), finding('budget', 'h2', { subject: 'team support', measure: 50.01 }), finding('budget', 'h3', { subject: 'feature triage', measure: 1 })];
  markNew(head, base);
  assert.deepEqual(marks(head), ['false budget h1', 'true budget h2', 'true budget h3']);
});

test('markNew: off a call site and without a subject, the file and the words match (a config mistake keeps its words, not its line)', () => {
  const head = [finding('per-call-ceiling', 'level must be one of expected, high', { file: 'tollgate.yml', line: 7 }), finding('suppression-reason', '`tollgate-ignore budget` has no reason', { file: 'src/b.ts' })];
  markNew(head, [finding('per-call-ceiling', 'level must be one of expected, high', { file: 'tollgate.yml', line: 2 }), finding('suppression-reason', '`tollgate-ignore budget` has no reason', { file: 'src/a.ts' })]);
  assert.deepEqual(marks(head), ['false per-call-ceiling level must be one of expected, high', 'true suppression-reason `tollgate-ignore budget` has no reason']);
});
