import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Analysis } from '../../extension/src/analysis';
import type { WorkerMessage } from '../../extension/src/protocol';
import { ROOT } from '../helpers';

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-analysis-'));
  fs.cpSync(path.join(ROOT, 'examples', 'support-desk'), dir, { recursive: true });
  return dir;
}

const monthly = (out: WorkerMessage[]) => out.filter((m) => m.type === 'view').map((m) => (m.type === 'view' ? m.view.snapshot.result.totals.overall.monthlyCost.expected : 0));

test('analysis: tollgate.yml as it is typed: a valid text applies before saving, an invalid one only reports its problem', () => {
  const dir = workspace();
  const analysis = new Analysis(null);
  const [opened] = analysis.handle([{ type: 'open', id: 1, root: dir, options: {} }]);
  assert.equal(opened.type, 'view');
  const before = monthly([opened])[0];
  const text = fs.readFileSync(path.join(dir, 'tollgate.yml'), 'utf8');
  const valid = analysis.handle([{ type: 'validateConfig', id: 2, file: 'tollgate.yml', text: text.replace('thread-summary: 1.2k/day', 'thread-summary: 12k/day') }]);
  assert.deepEqual(valid.map((m) => m.type), ['view', 'configProblems']);
  // The thread summaries ($82.14 a month at 1.2k/day) now run ten times as often: nine times $82.14 more.
  assert.deepEqual([before, monthly(valid)[0]], [449.598742596, 1188.85595274]);
  const invalid = analysis.handle([{ type: 'validateConfig', id: 3, file: 'tollgate.yml', text: 'usage:\n  defualt: 1k/day\n' }]);
  assert.deepEqual(invalid.map((m) => m.type), ['configProblems']);
  const problems = invalid[0].type === 'configProblems' ? invalid[0].problems : [];
  assert.deepEqual(problems.map((p) => [p.file, p.line, p.column]), [['tollgate.yml', 2, 3]]);
});
