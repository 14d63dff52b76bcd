import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../shared/scan';
import { renderJson } from '../shared/reporters/json';
import { renderBill } from '../shared/reporters/bill';
import { estimateScan } from '../shared/estimate';
import { ConfigError, findConfig, loadConfig, withPricingTable } from '../shared/config/load';
import { PRICING_OPTION_HELP, pricingOption } from './pricing-option';
import { TODAY_ENV, todayUtc } from '../shared/pricing/freshness';
import { VERSION } from '../shared/version';
import { DEFAULT_PARSE_BUDGET_S, parseBudgetMs } from '../shared/project/parse';
import { analysisBudgetMs, DEFAULT_ANALYSIS_BUDGET_S } from '../shared/analysis-budget';
import { checkGlobs, parseArgs, parseJobs, UsageError, type ParsedArgs } from './args';
import { WriteRefusedError } from '../shared/project/confined-write';
import { inertMessage } from '../shared/reporters/workflow-commands';
import { CHECK_HELP, runCheck } from './check';
import { runPricing } from './pricing';
import { runUsage } from './usage';
import { runDiff } from './diff';
import { runInit } from './init';

export const HELP = `tollgate ${VERSION}: find every LLM call in a TypeScript/JavaScript code base, before merge.

Usage:
  tollgate init [dir] [--force]      write a commented starter tollgate.yml
  tollgate scan [dir] [options]      every LLM call site with its estimated cost (default dir: .)
${CHECK_HELP}  tollgate pricing update --from FILE_OR_URL [--table FILE] [--write] [--prune] [--report FILE]
                                     refresh the pricing table from a LiteLLM-format feed
  tollgate pricing impact --table NEW [dir] [--format text|json|markdown]
                                     the call sites whose cost a new pricing table changes, per call
                                     and per month (\`tollgate pricing --help\` for details)
  tollgate usage sync [dir] [--config FILE] [--dry-run]
                                     add a volume stub to tollgate.yml for every call site without one
  tollgate diff --base REF [dir] [--head REF] [--format text|json] [--config FILE]
                                     the monthly cost change against a git revision, call site by call
                                     site (\`tollgate diff --help\` for details)
  tollgate --help | --version

Options for scan:
  --format text|json     output format (default: text)
  --config FILE          settings file (default: tollgate.yml in dir, when present)
  --include GLOB         scan only files matching GLOB (repeatable; also reaches into
                         folders skipped by default, e.g. --include 'dist/**')
  --exclude GLOB         skip files matching GLOB (repeatable)
  --no-gitignore         do not honour .gitignore files
  --output FILE          write the report to FILE instead of standard output
  --jobs N               worker threads for large scans (default: automatic; 0 = none)
${PRICING_OPTION_HELP}

Environment:
  TOLLGATE_PARSE_BUDGET  seconds one file's parse may take (default: ${DEFAULT_PARSE_BUDGET_S}); a file that
                         takes longer (TypeScript's parser is exponential on some malformed
                         input) is skipped with a warning and the scan goes on
  TOLLGATE_ANALYSIS_BUDGET  seconds one file's analysis may take (default: ${DEFAULT_ANALYSIS_BUDGET_S}); a
                            file that takes longer is skipped with a warning, none of its
                            call sites are reported, and the scan goes on
  ${TODAY_ENV}         the run's date, YYYY-MM-DD (default: today, UTC): how old the pricing table
                         is counts from it (a table over pricing.staleAfterDays, 90, is said to be stale)

Exit status: 0 on success (check: policy passed), 1 when check fails, 2 on a usage or config error.
`;

function writeOut(text: string, file: string | undefined) {
  if (file) fs.writeFileSync(file, text);
  else process.stdout.write(text);
}

async function runScan(args: ParsedArgs): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  if (!fs.existsSync(dir)) throw new UsageError(`path does not exist: ${dir}`);
  const format = args.options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format "${format}" (expected text or json)`);
  const stat = fs.statSync(dir);
  const root = stat.isDirectory() ? dir : path.dirname(dir);
  const configFile = args.options.config ?? findConfig(root);
  if (args.options.config && !fs.existsSync(args.options.config)) throw new UsageError(`config file does not exist: ${args.options.config}`);
  const table = pricingOption(args.options.pricing);
  const config = withPricingTable(loadConfig(configFile ?? null, undefined, root), table);
  const showProgress = process.stderr.isTTY === true && format === 'text' && !args.options.output ? true : process.stderr.isTTY === true;
  const jobs = parseJobs(args.options.jobs);
  checkGlobs(args);
  const started = Date.now();
  let lastPrint = 0;
  const result = scan(dir, {
    include: [...config.include, ...args.lists.include],
    exclude: [...config.exclude, ...args.lists.exclude],
    gitignore: !args.flags.has('no-gitignore'),
    workers: jobs,
    detect: config.detect,
    onProgress: showProgress
      ? (done, total) => {
          const now = Date.now();
          if (now - started > 1000 && (now - lastPrint > 200 || done === total)) {
            lastPrint = now;
            process.stderr.write(`\rtollgate: analysing ${done}/${total} candidate files${done === total ? '\n' : ''}`);
          }
        }
      : undefined,
  });
  const estimated = estimateScan(result, config, stat.isDirectory() ? dir : path.dirname(dir));
  writeOut(format === 'json' ? renderJson(estimated) : renderBill(estimated), args.options.output);
  return 0;
}

/** Settings read from the environment are checked before any work, as options are. */
function checkEnvironment(): void {
  try {
    parseBudgetMs();
    analysisBudgetMs();
    todayUtc();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    checkEnvironment();
    if (argv[0] === 'pricing') return await runPricing(argv.slice(1));
    if (argv[0] === 'usage') return await runUsage(argv.slice(1));
    if (argv[0] === 'diff') return await runDiff(argv.slice(1));
    if (argv[0] === 'init') return await runInit(argv.slice(1));
    const args = parseArgs(argv, { options: ['format', 'config', 'output', 'jobs', 'fail-on', 'base', 'pricing'], lists: ['include', 'exclude'], flags: ['help', 'version', 'no-gitignore', 'fail-on-existing'] });
    if (args.flags.has('version')) {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    const command = args.positionals.shift();
    if (args.flags.has('help') || !command || command === 'help') {
      process.stdout.write(HELP);
      return command || args.flags.has('help') ? 0 : 2;
    }
    switch (command) {
      case 'scan':
        return await runScan(args);
      case 'check':
        return runCheck(args);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(inertMessage(`tollgate: ${err.message}`) + '\nRun `tollgate --help` for usage.\n');
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(inertMessage(`tollgate: config error: ${err.message}`) + '\n');
      return 2;
    }
    if (err instanceof WriteRefusedError) {
      process.stderr.write(inertMessage(`tollgate: ${err.message}`) + '\n');
      return 2;
    }
    throw err;
  }
}
