import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILENAMES } from '../shared/config/load';
import { starterConfigFor } from '../shared/config/init';
import type { Schema } from '../shared/schema-check';
import { parseArgs, UsageError } from './args';
import { writeInsideRoot } from '../shared/project/confined-write';

function isTaken(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export const INIT_HELP = `Usage:
  tollgate init [dir] [--force]

Writes a commented starter tollgate.yml into dir (default: .): every section explained, the default
policy active, the rest as examples to switch on. An existing settings file is never replaced
without --force.
`;

const SCHEMA_IN_PACKAGE = path.join('schema', 'tollgate.schema.json');

/** `tollgate init`: argument parsing and I/O only; the text is shared/config/init.ts. */
export async function runInit(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: [], lists: [], flags: ['force', 'help'] });
  if (args.flags.has('help')) {
    process.stdout.write(INIT_HELP);
    return 0;
  }
  const dir = args.positionals.shift() ?? '.';
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (!fs.existsSync(dir)) throw new UsageError(`path does not exist: ${dir}`);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  const file = path.join(dir, 'tollgate.yml');
  // A name taken by anything, a dangling symlink included, counts as existing.
  const existing = CONFIG_FILENAMES.map((n) => path.join(dir, n)).filter(isTaken);
  const force = args.flags.has('force');
  if (existing.length && !force) throw new UsageError(`${existing[0]} already exists; not overwriting it (use --force to replace it with a starter tollgate.yml)`);
  const text = starterConfigFor(dir, packageSchema());
  writeInsideRoot(dir, file, text, force ? 'replace' : 'create');
  const shadowed = existing.filter((f) => f !== file);
  process.stdout.write(`wrote ${file}${existing.includes(file) ? ' (replaced the existing file)' : ''}\n`);
  if (shadowed.length) process.stdout.write(`note: tollgate.yml is read before ${shadowed.map((f) => path.basename(f)).join(', ')}, which now has no effect\n`);
  process.stdout.write('Next: fill in volumes (`tollgate usage sync` adds a stub per call site), then run `tollgate check`.\n');
  return 0;
}

/** The schema shipped beside this build (dist/ in the package; out-x/dist/ or out/ in a checkout): its descriptions go into the comments. */
function packageSchema(): Schema | null {
  for (let d = __dirname; ; d = path.dirname(d)) {
    const file = path.join(d, SCHEMA_IN_PACKAGE);
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Schema;
    if (path.dirname(d) === d) return null;
  }
}
