import * as fs from 'fs';
import { FeedError, formatTable, renderUpdateReport, updatePricing, type UpdateResult } from '../shared/pricing/update';
import type { TableData } from '../shared/pricing/update-format';
import { isValidDate } from '../shared/schema-check';
import { parseArgs, UsageError } from './args';

export const PRICING_HELP = `Usage:
  tollgate pricing update --from FILE_OR_URL [options]
                         compare a LiteLLM-format price feed with the pricing table and
                         print a markdown change report (a dry run unless --write)

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
`;

/** `tollgate pricing ...`: argument parsing and I/O only; the update itself is shared/pricing/update.ts. */
export async function runPricing(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['from', 'table', 'report', 'date', 'ignore', 'feed-date'], lists: [], flags: ['write', 'prune', 'help'] });
  const sub = args.positionals.shift();
  if (args.flags.has('help') || !sub) {
    process.stdout.write(PRICING_HELP);
    return sub || args.flags.has('help') ? 0 : 2;
  }
  if (sub !== 'update') throw new UsageError(`unknown pricing command "${sub}" (expected update)`);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const from = args.options.from;
  if (!from) throw new UsageError('pricing update needs --from FILE_OR_URL');
  const tablePath = args.options.table ?? 'pricing/models.json';
  const today = args.options.date ?? new Date().toISOString().slice(0, 10);
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
