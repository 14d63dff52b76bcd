// npm run bench -- <dir>: how long a full scan takes, against merely parsing every source file.
import { ts } from 'ts-morph';
import { discover } from '../shared/project/discover';
import { SourceIndex } from '../shared/project/sources';
import { scan } from '../shared/scan';

function main() {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npm run bench -- <dir>\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const result = scan(dir);
  const scanMs = performance.now() - t0;
  const rssScan = process.memoryUsage().rss;

  // Baseline: read and parse every discovered source file with the TypeScript parser, nothing else.
  const d = discover(dir);
  const index = new SourceIndex(d.root, d.files);
  const t1 = performance.now();
  let parsed = 0;
  for (const f of d.files) {
    const text = index.text(f.abs);
    if (text === null) continue;
    ts.createSourceFile(f.abs, text, ts.ScriptTarget.Latest, true);
    parsed++;
  }
  const parseMs = performance.now() - t1;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  const lines = [
    `dir:                 ${dir}`,
    `files seen:          ${result.stats.filesSeen}`,
    `candidate files:     ${result.stats.filesCandidate}`,
    `files parsed (scan): ${result.stats.filesParsed}`,
    `call sites:          ${result.stats.callSites}`,
    `warnings:            ${result.warnings.length}`,
    `scan wall time:      ${scanMs.toFixed(0)} ms`,
    `peak RSS after scan: ${mb(rssScan)} MB`,
    `parse-all baseline:  ${parseMs.toFixed(0)} ms (${parsed} files read and parsed, no analysis)`,
    `scan / parse-all:    ${(scanMs / parseMs).toFixed(2)}`,
    `peak RSS overall:    ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main();
