import * as fs from 'fs';
import { PricingFileError, readPricingFile, type PricingTableFile } from '../shared/pricing/table-file';
import { UsageError } from './args';

export const PRICING_OPTION_HELP = `  --pricing FILE         price with this table instead of the built-in one (pricing/models.json
                         format, checked against pricing/schema.json); wins over pricing.table`;

/** `--pricing FILE`: the user named it on the command line, so it is read wherever it is (still only a regular file). */
export function pricingOption(file: string | undefined): PricingTableFile | null {
  if (file === undefined) return null;
  if (!fs.existsSync(file)) throw new UsageError(`pricing table does not exist: ${file}`);
  try {
    return readPricingFile(file, file);
  } catch (err) {
    if (err instanceof PricingFileError) throw new UsageError(err.message);
    throw err;
  }
}
