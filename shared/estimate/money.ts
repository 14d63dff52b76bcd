import type { Range } from './types';

// Dollars in the JSON keep their full precision: a per-call cost of $0.000008775 stays 8.775e-6.
// Only a renderer rounds (to cents, or two significant digits below a dollar). The one step taken
// here is to drop what binary floating point adds beyond a double's 15 significant decimal digits
// (1.5e-6 + 6e-5 = 0.000061500000000000005): the same figure in the same bytes on every machine.

/** A dollar figure at a double's decimal precision (15 significant digits). */
export function dollars(n: number): number {
  return n === 0 ? 0 : Number(n.toPrecision(15));
}

export function dollarsRange(r: Range): Range {
  return { low: dollars(r.low), expected: dollars(r.expected), high: dollars(r.high) };
}

/**
 * a − b at the precision of its terms: $2,627.99985 − $2,628 is −$0.00015, not the
 * −0.00014999999984866 floating point leaves when close figures cancel.
 */
export function difference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (scale === 0) return 0;
  const decimals = Math.min(100, Math.max(0, 14 - Math.floor(Math.log10(scale))));
  return dollars(Number((a - b).toFixed(decimals)));
}

/** A sum in one order whatever order the figures come in (smallest first), so totals never depend on scan order. */
export function sumDollars(values: number[]): number {
  return dollars([...values].sort((a, b) => a - b).reduce((s, v) => s + v, 0));
}

export function sumRanges(ranges: Range[]): Range {
  return { low: sumDollars(ranges.map((r) => r.low)), expected: sumDollars(ranges.map((r) => r.expected)), high: sumDollars(ranges.map((r) => r.high)) };
}
