import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ScanResult } from '../../shared/types';

// Hostile code bases written into temporary folders, scanned by the real scanner in a child
// process: a regression back to a hang fails the test at the guard instead of stalling the suite.

/** Writes files (relative path → text) into a fresh temporary folder. */
export function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-hostile-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const SCAN = path.resolve(__dirname, '..', '..', 'shared', 'scan.js');

/** Scans a folder in a child process; fails when it has not finished in `guardMs` (a hang guard, not a timing). */
export function scanGuarded(dir: string, options: Record<string, unknown> = {}, guardMs = 60_000): ScanResult {
  const script = `const { scan } = require(${JSON.stringify(SCAN)}); process.stdout.write(JSON.stringify(scan(${JSON.stringify(dir)}, ${JSON.stringify(options)})));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: guardMs, maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`scan of ${dir} did not finish: ${r.error?.message ?? r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as ScanResult;
}

/** `const a1 = a0 + a0; const a2 = a1 + a1; ...`: each line doubles the one before. */
export function doubling(count: number, first: string, line: (next: string, prev: string) => string): string {
  let out = `const a0 = ${first};\n`;
  for (let i = 1; i <= count; i++) out += line(`a${i}`, `a${i - 1}`) + '\n';
  return out;
}
