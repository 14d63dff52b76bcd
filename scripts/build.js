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

// TOLLGATE_OUT=out-x builds into out-x/ (and out-x/dist/) so parallel work does not clobber out/.
const outDir = path.join(root, process.env.TOLLGATE_OUT || 'out');
const distDir = process.env.TOLLGATE_OUT ? path.join(outDir, 'dist') : path.join(root, 'dist');

async function main() {
  const common = { platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', sourcemap: false };
  await esbuild.build({
    ...common,
    entryPoints: { cli: path.join(root, 'cli/main.ts'), bench: path.join(root, 'scripts/bench.ts'), fuzz: path.join(root, 'scripts/fuzz.ts'), 'scan-worker': path.join(root, 'shared/scan-worker.ts') },
    outdir: distDir,
    bundle: true,
    packages: 'external',
  });
  const files = ['shared', 'cli', 'test', 'scripts', 'action', 'extension'].flatMap((d) => listTs(path.join(root, d), ['test/fixtures', 'action/dist', 'extension/dist', 'extension/node_modules']));
  fs.rmSync(path.join(outDir, 'test'), { recursive: true, force: true });
  for (const d of ['shared', 'action', 'extension']) fs.rmSync(path.join(outDir, d), { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: files, outdir: outDir, outbase: root, bundle: false });
  // The unbundled build requires pricing/*.json at run time (dist/ bundles it instead).
  fs.mkdirSync(path.join(outDir, 'pricing'), { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'pricing')).filter((n) => n.endsWith('.json'))) {
    fs.copyFileSync(path.join(root, 'pricing', f), path.join(outDir, 'pricing', f));
  }
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
