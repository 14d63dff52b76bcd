import * as fs from 'fs';
import { FeedError, formatTable, renderUpdateReport, updatePricing, type UpdateResult } from '../shared/pricing/update';
import type { TableData } from '../shared/pricing/update-format';
import { isValidDate } from '../shared/schema-check';
import { todayUtc } from '../shared/clock';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import * as path from 'path';
import { scan } from '../shared/scan';
import { findConfig, loadConfig, scanSettings, withPricingTable } from '../shared/config/load';
import { pricingImpact } from '../shared/pricing/impact';
import { renderImpactJson, renderImpactMarkdown, renderImpactText } from '../shared/reporters/impact';
import { pricingOption } from './pricing-option';

export const PRICING_HELP = `Usage:
  tollgate pricing update --from FILE_OR_URL [options]
                         compare a LiteLLM-format price feed with the pricing table and
                         print a markdown change report (a dry run unless --write)
  tollgate pricing impact --table NEW [dir] [options]
                         which call sites of dir (default: .) change cost with the table NEW,
                         by how much per call and per month, largest monthly change first

Options for pricing update:
  --from FILE_OR_URL     the feed (model_prices_and_context_window.json format)
  --table FILE           the pricing table (default: pricing/models.json)
  --write                write the updated table
  --prune                delete models that are gone from the feed (manual entries are kept)
  --report FILE          also write the report to FILE
  --feed-date YYYY-MM-DD the date the feed's prices are as of: the checked date of every price
                         it changes; an entry checked later keeps its price and is reported
                         (needed with a file; a URL is downloaded now, so default: --date)
  --date YYYY-MM-DD      the run date, for models the feed says are deprecated (default: today, UTC)
  --ignore FILE          provider/model patterns (* wildcards, one a line, # comments) never to
                         add (default: pricing/update-ignore.txt when it exists)

Options for pricing impact:
  --table NEW            the new pricing table (pricing/models.json format)
  --pricing FILE         the table to compare with (default: the config's pricing.table, else
                         the built-in table)
  --format text|json|markdown   output format (default: text)
  --config FILE          settings file (default: tollgate.yml in dir, when present)
  --output FILE          write the report to FILE instead of standard output
`;

/** `tollgate pricing ...`: argument parsing and I/O only; the update itself is shared/pricing/update.ts. */
export async function runPricing(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['from', 'table', 'report', 'date', 'ignore', 'feed-date', 'pricing', 'format', 'config', 'output'], lists: [], flags: ['write', 'prune', 'help'] });
  const sub = args.positionals.shift();
  if (args.flags.has('help') || !sub) {
    process.stdout.write(PRICING_HELP);
    return sub || args.flags.has('help') ? 0 : 2;
  }
  const only = (allowed: string[], what: string) => {
    const stray = Object.keys(args.options).find((o) => !allowed.includes(o));
    if (stray) throw new UsageError(`--${stray} is not an option of pricing ${what}`);
  };
  if (sub === 'impact') {
    only(['table', 'pricing', 'format', 'config', 'output'], 'impact');
    return runImpact(args);
  }
  if (sub === 'update') only(['from', 'table', 'report', 'date', 'ignore', 'feed-date'], 'update');
  if (sub !== 'update') throw new UsageError(`unknown pricing command "${sub}" (expected update or impact)`);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const from = args.options.from;
  if (!from) throw new UsageError('pricing update needs --from FILE_OR_URL');
  const tablePath = args.options.table ?? 'pricing/models.json';
  const today = args.options.date ?? todayUtc();
  if (!isValidDate(today)) throw new UsageError(`--date expects YYYY-MM-DD, got "${today}"`);
  const feedDate = args.options['feed-date'] ?? (isUrl(from) ? today : null);
  // A file's age is unknown (a copy or a checkout gets a fresh mtime), and taking it for today's is what let an old feed revert newer prices.
  if (feedDate === null) throw new UsageError(`pricing update --from FILE needs --feed-date YYYY-MM-DD, the date the feed's prices are as of: ${from}`);
  if (!isValidDate(feedDate)) throw new UsageError(`--feed-date expects YYYY-MM-DD, got "${feedDate}"`);
  const table = readJson(tablePath, 'table') as TableData;
  const feed = await readFeed(from);
  const ignore = readIgnore(args.options.ignore);
  let result: UpdateResult;
  try {
    result = updatePricing(table, feed, { today, feedDate, prune: args.flags.has('prune'), feedName: from, write: args.flags.has('write'), ignore });
  } catch (err) {
    if (err instanceof FeedError) throw new UsageError(`${err.message}: ${from}`);
    throw err;
  }
  const report = renderUpdateReport(result.report);
  if (args.flags.has('write')) fs.writeFileSync(tablePath, formatTable(result.data));
  if (args.options.report) fs.writeFileSync(args.options.report, report);
  process.stdout.write(report);
  return 0;
}

const IMPACT_FORMATS = ['text', 'json', 'markdown'];

/** `tollgate pricing impact`: the scan and both estimates are shared/pricing/impact.ts; this reads arguments and files. */
function runImpact(args: ParsedArgs): number {
  const dir = args.positionals.shift() ?? '.';
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (!args.options.table) throw new UsageError('pricing impact needs --table NEW (the new pricing table)');
  if (!fs.existsSync(dir)) throw new UsageError(`path does not exist: ${dir}`);
  const format = args.options.format ?? 'text';
  if (!IMPACT_FORMATS.includes(format)) throw new UsageError(`unknown --format "${format}" (expected ${IMPACT_FORMATS.join(', ')})`);
  if (args.options.config && !fs.existsSync(args.options.config)) throw new UsageError(`config file does not exist: ${args.options.config}`);
  const root = fs.statSync(dir).isDirectory() ? dir : path.dirname(dir);
  const next = pricingOption(args.options.table)!;
  const config = withPricingTable(loadConfig(args.options.config ?? findConfig(root), undefined, root), pricingOption(args.options.pricing));
  const impact = pricingImpact(scan(dir, scanSettings(config)), config, next, root);
  const text = format === 'json' ? renderImpactJson(impact) : format === 'markdown' ? renderImpactMarkdown(impact) : renderImpactText(impact);
  if (args.options.output) fs.writeFileSync(args.options.output, text);
  else process.stdout.write(text);
  return 0;
}

function isUrl(from: string): boolean {
  return /^https?:\/\//.test(from);
}

async function readFeed(from: string): Promise<unknown> {
  if (!isUrl(from)) return readJson(from, 'feed');
  const res = await fetch(from);
  if (!res.ok) throw new UsageError(`could not download the feed: ${res.status} ${res.statusText} (${from})`);
  return parse(await res.text(), from, 'feed');
}

function readIgnore(file: string | undefined): string[] {
  const path = file ?? 'pricing/update-ignore.txt';
  if (!fs.existsSync(path)) {
    if (file) throw new UsageError(`ignore file does not exist: ${file}`);
    return [];
  }
  return fs.readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

function readJson(file: string, what: string): unknown {
  if (!fs.existsSync(file)) throw new UsageError(`${what} file does not exist: ${file}`);
  return parse(fs.readFileSync(file, 'utf8'), file, what);
}

function parse(text: string, name: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} is not valid JSON: ${name}: ${(err as Error).message}`);
  }
}
