import * as fs from 'fs';
import { diffRevisions, DiffError } from '../shared/diff';
import { renderDiffText } from '../shared/diff/text';
import { FORMATS, isFormat, renderFormat } from '../shared/reporters/select';
import { checkGlobs, parseArgs, parseJobs, UsageError } from './args';
import { PRICING_OPTION_HELP, pricingOption } from './pricing-option';
import { inertMessage } from '../shared/reporters/workflow-commands';

export const DIFF_HELP = `Usage:
  tollgate diff --base REF [dir] [options]
                         what a change does to the AI bill: scans the base revision (read through
                         git into a temporary folder; your checkout is not touched) and the working
                         tree, and lists added, removed and changed call sites with before → after
                         monthly cost and the reason

Options for diff:
  --base REF             the revision to compare with (branch, tag or commit)
  --head REF             compare with this revision instead of the working tree
  --format FORMAT        text (default), json (the head's scan result plus "diff"), markdown (the
                         pull-request comment); sarif and github carry findings only, and diff has none
  --config FILE          settings file for both sides (default: tollgate.yml of the head's dir)
${PRICING_OPTION_HELP}; prices both sides
  --include GLOB, --exclude GLOB, --no-gitignore, --output FILE, --jobs N   as for scan

Exit status: 0 on success, 2 on a usage or config error or when a revision cannot be read.
`;

/** \`tollgate diff\`: argument parsing and I/O only; the comparison is shared/diff. */
export async function runDiff(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['base', 'head', 'format', 'config', 'output', 'jobs', 'pricing'], lists: ['include', 'exclude'], flags: ['help', 'no-gitignore'] });
  if (args.flags.has('help')) {
    process.stdout.write(DIFF_HELP);
    return 0;
  }
  const base = args.options.base;
  if (!base) throw new UsageError('diff needs --base REF (for example --base origin/main)');
  const dir = args.positionals.shift() ?? '.';
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (!fs.existsSync(dir)) throw new UsageError(`path does not exist: ${dir}`);
  const format = args.options.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`unknown --format "${format}" (expected ${FORMATS.join(', ')})`);
  if (args.options.config && !fs.existsSync(args.options.config)) throw new UsageError(`config file does not exist: ${args.options.config}`);
  const jobs = parseJobs(args.options.jobs);
  checkGlobs(args);
  const pricingTable = pricingOption(args.options.pricing);
  let result, config;
  try {
    const diffed = diffRevisions({
      dir,
      base,
      head: args.options.head ?? null,
      configFile: args.options.config ?? null,
      include: args.lists.include,
      exclude: args.lists.exclude,
      gitignore: !args.flags.has('no-gitignore'),
      workers: jobs,
      pricingTable,
    });
    ({ result, config } = diffed);
  } catch (err) {
    if (!(err instanceof DiffError)) throw err;
    process.stderr.write(inertMessage(`tollgate: ${err.message}`) + '\n');
    return 2;
  }
  const text = format === 'text' ? renderDiffText(result.diff) : renderFormat(format, result, config.rules);
  if (args.options.output) fs.writeFileSync(args.options.output, text);
  else process.stdout.write(text);
  return 0;
}
