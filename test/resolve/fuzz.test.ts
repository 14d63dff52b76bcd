import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { randomTree } from './fuzz';

// Seeded random trees of self-referential, doubling and recursive code (see fuzz.ts), scanned in a
// child process under one generous guard: every tree finishes, no call crashes the evaluator
// ("internal error"), and a scan gives the same bytes twice. TOLLGATE_FUZZ_SEEDS runs more.

const SEEDS = Number(process.env.TOLLGATE_FUZZ_SEEDS ?? 24);

test(`fuzz: ${SEEDS} random hostile trees finish without an internal error, deterministically`, () => {
  const script = `
    const { scan } = require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'shared', 'scan.js'))});
    const { tree } = require(${JSON.stringify(path.join(__dirname, 'hostile.js'))});
    const { randomTree } = require(${JSON.stringify(path.join(__dirname, 'fuzz.js'))});
    const report = [];
    for (let seed = 1; seed <= ${SEEDS}; seed++) {
      const dir = tree(randomTree(seed));
      const first = JSON.stringify(scan(dir, { workers: 0 }));
      const again = JSON.stringify(scan(dir, { workers: 0 }));
      const r = JSON.parse(first);
      report.push({ seed, same: first === again, internal: r.warnings.filter((w) => w.message.startsWith('internal error')).map((w) => w.file + ':' + w.line + ' ' + w.message) });
    }
    process.stdout.write(JSON.stringify(report));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  assert.ok(!r.error && r.status === 0, `the fuzz run did not finish: ${r.error?.message ?? r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout) as Array<{ seed: number; same: boolean; internal: string[] }>;
  assert.deepEqual(
    report.filter((x) => !x.same || x.internal.length),
    [],
  );
  assert.equal(report.length, SEEDS);
});

test('fuzz: the generator is deterministic', () => {
  assert.deepEqual(randomTree(7), randomTree(7));
  assert.notDeepEqual(randomTree(7), randomTree(8));
});
