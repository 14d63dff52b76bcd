'use strict';
// Runs every compiled *.test.js under out/test with node's test runner (Node 20 takes no globs).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', process.env.TOLLGATE_OUT || 'out', 'test');
const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const full = path.join(d, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.name.endsWith('.test.js')) files.push(full);
  }
};
walk(root);
files.sort();
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
// Reports say how old the pricing table is, counted from today: a fixed day keeps goldens byte for byte
// (the staleness tests set their own day). 2026-09-01 is 11 days after the shipped table's version.
const env = { ...process.env, TOLLGATE_TODAY: process.env.TOLLGATE_TODAY || '2026-09-01' };
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { stdio: 'inherit', env });
process.exit(r.status === null ? 1 : r.status);
