'use strict';
// `npm run package`: bundles the VS Code extension (extension/src/extension.ts for the extension host,
// extension/src/worker.ts for the analysis thread) with esbuild, copies the rule docs and the config
// schema next to the bundle, and packs extension/ into a .vsix with vsce. The same sources give the
// same bytes: esbuild is deterministic, and the zip's timestamps are fixed after vsce writes it.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const ext = path.join(root, 'extension');
const dist = path.join(ext, 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
const vsix = path.join(ext, `${manifest.name}-${manifest.version}.vsix`);

/** 1980-01-01 00:00 in MS-DOS form: the zip's timestamps, whatever the clock says. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UNIX_TIME = 315532800;

async function bundle() {
  fs.rmSync(dist, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { extension: path.join(ext, 'src/extension.ts'), worker: path.join(ext, 'src/worker.ts') },
    outdir: dist,
    bundle: true,
    platform: 'node',
    // VS Code 1.90's extension host runs Node 20.
    target: 'node20',
    format: 'cjs',
    // vscode is the host's module; everything else (ts-morph, yaml, js-tiktoken, the pricing JSON) goes in.
    external: ['vscode'],
    minify: true,
    keepNames: true,
    legalComments: 'linked',
    sourcemap: false,
    logLevel: 'warning',
  });
  fs.mkdirSync(path.join(dist, 'docs', 'rules'), { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'docs', 'rules')).filter((n) => n.endsWith('.md')).sort()) {
    fs.copyFileSync(path.join(root, 'docs', 'rules', f), path.join(dist, 'docs', 'rules', f));
  }
  fs.mkdirSync(path.join(dist, 'schema'), { recursive: true });
  fs.copyFileSync(path.join(root, 'schema', 'tollgate.schema.json'), path.join(dist, 'schema', 'tollgate.schema.json'));
}

function pack() {
  fs.rmSync(vsix, { force: true });
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // No repository URL exists yet: the README's image stays a relative path inside the package.
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--no-update-package-json', '-o', vsix];
  const r = spawnSync(process.execPath, args, { cwd: ext, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status})`);
}

/** Sets every entry's modification time in a zip (local headers, central directory, extended-timestamp fields). */
function fixTimestamps(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) if (buf.readUInt32LE(i) === 0x06054b50) {
    eocd = i;
    break;
  }
  if (eocd < 0) throw new Error(`${file}: not a zip (no end of central directory)`);
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    buf.writeUInt16LE(DOS_TIME, p + 12);
    buf.writeUInt16LE(DOS_DATE, p + 14);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    fixExtra(buf, p + 46 + nameLen, extraLen);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`${file}: bad local header ${n}`);
    buf.writeUInt16LE(DOS_TIME, local + 10);
    buf.writeUInt16LE(DOS_DATE, local + 12);
    fixExtra(buf, local + 30 + buf.readUInt16LE(local + 26), buf.readUInt16LE(local + 28));
    p += 46 + nameLen + extraLen + commentLen;
  }
  fs.writeFileSync(file, buf);
}

function fixExtra(buf, start, length) {
  for (let q = start; q + 4 <= start + length; ) {
    const id = buf.readUInt16LE(q);
    const size = buf.readUInt16LE(q + 2);
    // 0x5455: Info-ZIP extended timestamp (flags, then up to three 32-bit Unix times).
    if (id === 0x5455) for (let t = q + 5; t + 4 <= q + 4 + size; t += 4) buf.writeUInt32LE(UNIX_TIME, t);
    q += 4 + size;
  }
}

async function main() {
  await bundle();
  pack();
  fixTimestamps(vsix);
  process.stdout.write(`packaged ${path.relative(root, vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB)\n`);
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
