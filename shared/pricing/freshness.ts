// How old the pricing table is, and the one warning every surface shows when it is too old. Prices move
// (a provider cuts a price, a model gets a long-context tier): a figure from a table months old is a figure
// nobody should sign. The clock is a parameter so tests (and reproducible runs) fix the day.

import { isValidDate } from '../schema-check';

export interface PricingStale {
  /** the table's `version`: the newest date a price in it was checked */
  tableDate: string;
  ageDays: number;
  limitDays: number;
  /** the sentence every surface shows, with how to update */
  message: string;
}

import { daysBetween } from '../clock';
export { TODAY_ENV, todayUtc, daysBetween } from '../clock';

/**
 * The warning for a table older than `limitDays` on `today`, or null. `file`: the table another one was
 * priced with (null: the one shipped with tollgate), which changes what "update" means.
 */
export function pricingStaleness(tableDate: string, limitDays: number, today: string, file: string | null): PricingStale | null {
  if (!isValidDate(tableDate)) return null;
  const ageDays = daysBetween(tableDate, today);
  if (ageDays <= limitDays) return null;
  const which = file ? `The pricing table ${file}` : 'The built-in pricing table';
  const how = file
    ? `refresh it with \`tollgate pricing update --from <LiteLLM price file> --feed-date YYYY-MM-DD --table ${file} --write\``
    : 'upgrade tollgate, or price with a newer table (`--pricing FILE`, the Action\'s `pricing` input or `pricing.table` in tollgate.yml) made with `tollgate pricing update`';
  return {
    tableDate,
    ageDays,
    limitDays,
    message: `${which} is ${ageDays} days old (prices as of ${tableDate}; the limit is ${limitDays} days, pricing.staleAfterDays): prices may have changed since. To update: ${how}.`,
  };
}
