import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../shared/scan';
import { estimateScan } from '../shared/estimate';
import { findConfig, loadConfig, readSettingsText, scanSettings } from '../shared/config/load';
import { STUB_VOLUME, stubComment, syncUsage, UsageSyncError } from '../shared/estimate/usage-sync';
import { parseArgs, UsageError } from './args';
import { isWithin } from '../shared/project/confined-fs';
import { writeInsideRoot, writeRefusal } from '../shared/project/confined-write';
import { inertMessage } from '../shared/reporters/workflow-commands';

export const USAGE_HELP = `Usage:
  tollgate usage sync [dir] [--config FILE] [--dry-run]
                         add a stub volume under usage.callSites of tollgate.yml for every call
                         site that has no volume yet; existing entries and comments are kept

Options for usage sync:
  --config FILE          settings file to update (default: tollgate.yml in dir; created when missing)
  --dry-run              list the stubs that would be added; write nothing

A stub reads \`"<call-site id>": ${STUB_VOLUME}  # TODO: expected volume — file:line api model\`; the
estimate shows "needs volume" until the 0 is replaced by a real volume such as 5k/day.
`;

/** `tollgate usage sync`: argument parsing and I/O only; the edit itself is shared/estimate/usage-sync.ts. */
export async function runUsage(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['config'], lists: [], flags: ['dry-run', 'help'] });
  const sub = args.positionals.shift();
  if (args.flags.has('help') || !sub) {
    process.stdout.write(USAGE_HELP);
    return sub || args.flags.has('help') ? 0 : 2;
  }
  if (sub !== 'sync') throw new UsageError(`unknown usage command "${sub}" (expected sync)`);
  const dir = args.positionals.shift() ?? '.';
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (!fs.existsSync(dir)) throw new UsageError(`path does not exist: ${dir}`);
  const base = fs.statSync(dir).isDirectory() ? dir : path.dirname(dir);
  const file = args.options.config ?? findConfig(base) ?? path.join(base, 'tollgate.yml');
  // The file is written inside the scanned folder, or, when --config names one elsewhere, in its own folder.
  const root = isWithin(path.resolve(base), path.resolve(file)) ? base : path.dirname(file);
  // Refused before any work: a link (even a dangling one) in place of the settings file is never followed.
  const refused = writeRefusal(root, file, 'replace');
  if (refused) throw refused;
  const exists = fs.existsSync(file);
  const config = loadConfig(exists ? file : null, undefined, root);
  const result = estimateScan(scan(dir, scanSettings(config)), config);
  let synced;
  try {
    synced = syncUsage(exists ? readSettingsText(file, file, root) : null, result.callSites);
  } catch (err) {
    if (err instanceof UsageSyncError) throw new UsageError(`cannot update ${file}: ${err.message}`);
    throw err;
  }
  const dry = args.flags.has('dry-run');
  if (!synced.added.length) {
    process.stdout.write(`${file}: nothing to add; every call site has a volume or a stub\n`);
    return 0;
  }
  if (!dry) writeInsideRoot(root, file, synced.text, exists ? 'replace' : 'create');
  const byId = new Map(result.callSites.map((s) => [s.id, s]));
  const verb = dry ? 'would add' : 'added';
  const lines = synced.added.map((id) => `  + ${id}  ${stubComment(byId.get(id)!).replace(/^# TODO: expected volume — /, '')}\n`);
  // Ids hold file names and comments hold models from the scanned code: printed inert (see inertMessage).
  process.stdout.write(inertMessage(`${file}: ${verb} ${synced.added.length} stub${synced.added.length === 1 ? '' : 's'} under usage.callSites${exists ? '' : dry ? ' (would create the file)' : ' (new file)'}\n${lines.join('')}`));
  process.stdout.write(dry ? '(dry run: nothing written)\n' : `Replace each ${STUB_VOLUME} with the expected volume (N/hour, N/day, N/week or N/month).\n`);
  return 0;
}
