import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../shared/scan';
import { checkPolicy, checkRevisions, type FailOn, type PolicyResult } from '../shared/check';
import { DiffError } from '../shared/diff';
import { renderDiffText } from '../shared/diff/text';
import { findConfig, loadConfig, scanSettings, withPricingTable, type TollgateConfig } from '../shared/config/load';
import { pricingOption } from './pricing-option';
import type { PricingTableFile } from '../shared/pricing/table-file';
import { renderBill } from '../shared/reporters/bill';
import { renderFindings, shouldColor } from '../shared/reporters/findings';
import { FORMATS, isFormat, renderFormat } from '../shared/reporters/select';
import { parseJobs, UsageError, type ParsedArgs } from './args';
import { inertMessage } from '../shared/reporters/workflow-commands';

export const CHECK_HELP = `  tollgate check [dir] [--base REF [--fail-on-existing]] [--fail-on error|warning|never] [--format FORMAT] [--config FILE] [--pricing FILE]
                                     scan, estimate and apply the policy rules; exit 1 when a
                                     finding at or above --fail-on (default: error) exists;
                                     FORMAT: text, json, markdown (PR comment), sarif, github;
                                     --base REF: check the diff against REF too (cost-increase),
                                     and fail only on findings REF does not already have
                                     (--fail-on-existing: on those too)
`;

/** `tollgate check`: exit 0 when the policy passes, 1 when it fails, 2 on a usage or config error. */
export function runCheck(args: ParsedArgs): number {
  const dir = args.positionals[0] ?? '.';
  if (!fs.existsSync(dir)) throw new UsageError(`path does not exist: ${dir}`);
  const format = args.options.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`unknown --format "${format}" (expected ${FORMATS.join(', ')})`);
  const failOn = (args.options['fail-on'] ?? 'error') as FailOn;
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`unknown --fail-on "${failOn}" (expected error, warning or never)`);
  if (args.options.config && !fs.existsSync(args.options.config)) throw new UsageError(`config file does not exist: ${args.options.config}`);
  const workers = parseJobs(args.options.jobs);
  const failOnExisting = args.flags.has('fail-on-existing');
  if (failOnExisting && !args.options.base) throw new UsageError('--fail-on-existing needs --base REF: without a base every finding counts already');
  const stat = fs.statSync(dir);
  const root = stat.isDirectory() ? dir : path.dirname(dir);
  const table = pricingOption(args.options.pricing);
  let config = withPricingTable(loadConfig(args.options.config ?? findConfig(root), undefined, root), table);
  let result: PolicyResult;
  if (args.options.base) {
    const checked = checkAgainstBase(args.options.base, dir, args.options.config ?? null, failOn, failOnExisting, workers, table);
    if (!checked) return 2;
    ({ result, config } = checked);
  } else result = checkPolicy(scan(dir, { ...scanSettings(config), workers }), root, config, failOn);
  const color = !args.options.output && shouldColor();
  // With --base, the diff sits between the bill and the policy: what the change costs, then the verdict.
  const diff = result.diff ? renderDiffText(result.diff) : null;
  const text = format === 'text' ? renderBill(result) + (diff ? '\n' + diff : '') + renderFindings(result, { color }) : renderFormat(format, result, config.rules);
  if (args.options.output) fs.writeFileSync(args.options.output, text);
  else process.stdout.write(text);
  return result.policy.failed ? 1 : 0;
}

/** `--base`: the head is estimated with its diff attached (cost-increase), and its findings are marked new or already on the base. */
function checkAgainstBase(base: string, dir: string, configFile: string | null, failOn: FailOn, failOnExisting: boolean, workers: number | undefined, pricingTable: PricingTableFile | null): { result: PolicyResult; config: TollgateConfig } | null {
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`--base needs a folder inside a git repository, not a file: ${dir}`);
  try {
    return checkRevisions({ dir, base, configFile, workers, failOn, failOnExisting, pricingTable });
  } catch (err) {
    if (!(err instanceof DiffError)) throw err;
    process.stderr.write(inertMessage(`tollgate: ${err.message}`) + '\n');
    return null;
  }
}
