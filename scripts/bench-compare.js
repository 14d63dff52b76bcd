'use strict';
// Two builds' full scans of the same trees, alternating in fresh processes, back to back: the guard
// for "no scan gets slower" (this machine's speed drifts, a pair run back to back sees the same speed).
//   node scripts/bench-compare.js <old-build-out-dir> <new-build-out-dir> <dir>... [BENCH_RUNS=n, default 3]
// A build's out dir is what `node scripts/build.js` writes; build an older commit in a `git worktree`
// with node_modules linked. Prints each pair and, per tree, the median ratio new/old.
const { spawnSync } = require('child_process');
const path = require('path');

const [oldOut, newOut, ...dirs] = process.argv.slice(2);
if (!oldOut || !newOut || !dirs.length) {
  process.stderr.write('usage: node scripts/bench-compare.js <old-out> <new-out> <dir>...\n');
  process.exit(2);
}
const runs = Math.max(1, Number(process.env.BENCH_RUNS) || 3);
const child = `
  const { scan } = require(process.argv[1] + '/shared/scan.js');
  const t0 = performance.now();
  const r = scan(process.argv[2], {});
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, sites: r.callSites.length, parsed: r.stats.filesParsed, candidates: r.stats.filesCandidate }));`;
function once(out, dir) {
  const p = spawnSync(process.execPath, ['-e', child, path.resolve(out), path.resolve(dir)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (p.status !== 0) throw new Error(`scan of ${dir} with ${out} failed: ${p.stderr}`);
  return JSON.parse(p.stdout);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const dir of dirs) {
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const a = once(oldOut, dir);
    const b = once(newOut, dir);
    ratios.push(b.ms / a.ms);
    process.stdout.write(`${path.basename(dir)} pair ${i + 1}: old ${a.ms.toFixed(0)} ms (${a.candidates} candidates, ${a.parsed} parsed, ${a.sites} sites), new ${b.ms.toFixed(0)} ms (${b.candidates}, ${b.parsed}, ${b.sites}), ratio ${(b.ms / a.ms).toFixed(2)}\n`);
  }
  process.stdout.write(`${path.basename(dir)}: median ratio ${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})\n`);
}
