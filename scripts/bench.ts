// npm run bench -- <dir>: a full scan, against merely parsing every source file with the TypeScript
// parser. Each phase runs in its own fresh process so neither profits from the other's warm JIT.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { ts } from 'ts-morph';
import { discover } from '../shared/project/discover';
import { MAX_FILE_BYTES } from '../shared/project/sources';
import { scan } from '../shared/scan';

const mb = (n: number) => (n / 1024 / 1024).toFixed(0);

function phaseScan(dir: string) {
  const t0 = performance.now();
  const result = scan(dir);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, stats: result.stats, warnings: result.warnings.length, maxRSS: process.resourceUsage().maxRSS * 1024 }));
}

function phaseParse(dir: string) {
  const files = discover(dir).files;
  const t0 = performance.now();
  let parsed = 0;
  for (const f of files) {
    let text: string;
    try {
      if (fs.statSync(f.abs).size > MAX_FILE_BYTES) continue;
      text = fs.readFileSync(f.abs, 'utf8');
    } catch {
      continue;
    }
    ts.createSourceFile(f.abs, text, ts.ScriptTarget.Latest);
    parsed++;
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, parsed, maxRSS: process.resourceUsage().maxRSS * 1024 }));
}

function child(phase: string, dir: string) {
  const r = spawnSync(process.execPath, [__filename, '--phase', phase, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${phase} phase failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--phase') return args[1] === 'scan' ? phaseScan(args[2]) : phaseParse(args[2]);
  const dir = args[0];
  if (!dir) {
    process.stderr.write('usage: npm run bench -- <dir>\n');
    process.exit(2);
  }
  const s = child('scan', dir);
  const p = child('parse', dir);
  const lines = [
    `dir:                  ${dir}`,
    `files seen:           ${s.stats.filesSeen}`,
    `candidate files:      ${s.stats.filesCandidate}`,
    `files parsed (scan):  ${s.stats.filesParsed}`,
    `call sites:           ${s.stats.callSites}`,
    `warnings:             ${s.warnings}`,
    `scan wall time:       ${s.ms.toFixed(0)} ms (discovery, prefilter, parsing, analysis)`,
    `scan peak RSS:        ${mb(s.maxRSS)} MB`,
    `parse-all wall time:  ${p.ms.toFixed(0)} ms (read + ts.createSourceFile of ${p.parsed} files, nothing else)`,
    `parse-all peak RSS:   ${mb(p.maxRSS)} MB`,
    `scan / parse-all:     ${(s.ms / p.ms).toFixed(2)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main();
