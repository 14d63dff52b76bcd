import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../shared/scan';
import { checkPolicy, type FailOn } from '../shared/check';
import { findConfig, loadConfig } from '../shared/config/load';
import { renderBill } from '../shared/reporters/bill';
import { renderFindings } from '../shared/reporters/findings';
import { renderJson } from '../shared/reporters/json';
import { UsageError, type ParsedArgs } from './args';

export const CHECK_HELP = `  tollgate check [dir] [--fail-on error|warning|never] [--format text|json] [--config FILE]
                                     scan, estimate and apply the policy rules; exit 1 when a
                                     finding at or above --fail-on (default: error) exists
`;

/** `tollgate check`: exit 0 when the policy passes, 1 when it fails, 2 on a usage or config error. */
export function runCheck(args: ParsedArgs): number {
  const dir = args.positionals[0] ?? '.';
  if (!fs.existsSync(dir)) throw new UsageError(`path does not exist: ${dir}`);
  const format = args.options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format "${format}" (expected text or json)`);
  const failOn = (args.options['fail-on'] ?? 'error') as FailOn;
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`unknown --fail-on "${failOn}" (expected error, warning or never)`);
  if (args.options.config && !fs.existsSync(args.options.config)) throw new UsageError(`config file does not exist: ${args.options.config}`);
  const stat = fs.statSync(dir);
  const root = stat.isDirectory() ? dir : path.dirname(dir);
  const config = loadConfig(args.options.config ?? findConfig(root));
  const scanned = scan(dir, { include: config.include, exclude: config.exclude });
  const result = checkPolicy(scanned, root, config, failOn);
  const text = format === 'json' ? renderJson(result) : renderBill(result) + renderFindings(result);
  if (args.options.output) fs.writeFileSync(args.options.output, text);
  else process.stdout.write(text);
  return result.policy.failed ? 1 : 0;
}
