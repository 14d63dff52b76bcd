'use strict';
// Builds the CLI bundle (dist/) and compiles sources and tests file by file (out/) for node's test runner.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');

function listTs(dir, skip) {
  const found = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!skip.some((s) => full.startsWith(path.join(root, s)))) walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        found.push(full);
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found.sort();
}

async function main() {
  const common = { platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', sourcemap: false };
  await esbuild.build({
    ...common,
    entryPoints: { cli: path.join(root, 'cli/main.ts'), bench: path.join(root, 'scripts/bench.ts') },
    outdir: path.join(root, 'dist'),
    bundle: true,
    packages: 'external',
  });
  const files = ['shared', 'cli', 'test', 'scripts'].flatMap((d) => listTs(path.join(root, d), ['test/fixtures']));
  fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: files, outdir: path.join(root, 'out'), outbase: root, bundle: false });
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
