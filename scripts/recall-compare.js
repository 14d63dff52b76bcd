'use strict';
// Compares the call sites two builds find in a folder of real apps, app by app: the guard for
// prefilter and adapter changes (no call site may be lost without a reason).
//   node scripts/recall-compare.js <apps-dir> <old-build-out-dir> [new-build-out-dir (default: out)]
// A build's out dir is what `node scripts/build.js` writes (out/, or TOLLGATE_OUT=...); an older
// commit can be built in a `git worktree` with node_modules linked. Apps are not part of the repo.
const fs = require('fs');
const path = require('path');

const [appsDir, oldOut, newOut = path.join(__dirname, '..', 'out')] = process.argv.slice(2);
if (!appsDir || !oldOut) {
  process.stderr.write('usage: node scripts/recall-compare.js <apps-dir> <old-build-out-dir> [new-build-out-dir]\n');
  process.exit(2);
}
const before = require(path.resolve(oldOut, 'shared/scan.js'));
const after = require(path.resolve(newOut, 'shared/scan.js'));
const key = (s) => `${s.file}:${s.line}:${s.column} ${s.api} ${JSON.stringify(s.model)}`;
let differences = 0;
for (const app of fs.readdirSync(appsDir).sort()) {
  const dir = path.join(appsDir, app);
  if (app.startsWith('_') || !fs.statSync(dir).isDirectory()) continue;
  const a = before.scan(dir, { workers: 0 });
  const b = after.scan(dir, { workers: 0 });
  const sa = new Set(a.callSites.map(key));
  const sb = new Set(b.callSites.map(key));
  const lost = [...sa].filter((k) => !sb.has(k));
  const gained = [...sb].filter((k) => !sa.has(k));
  process.stdout.write(`${app.padEnd(50)} sites ${a.callSites.length} → ${b.callSites.length}, candidates ${a.stats.filesCandidate} → ${b.stats.filesCandidate}\n`);
  for (const l of lost) process.stdout.write(`   lost   ${l}\n`);
  for (const g of gained) process.stdout.write(`   gained ${g}\n`);
  differences += lost.length + gained.length;
}
process.stdout.write(`${differences} difference${differences === 1 ? '' : 's'}\n`);
