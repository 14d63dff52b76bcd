import type { Range } from '../estimate/types';

/** $1,234.56 for dollars, $0.0041 (two significant digits) below a dollar, $0 only when it is zero. */
export function usd(n: number): string {
  if (n === 0) return '$0';
  if (Math.abs(n) >= 1) return '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Two significant digits, never in exponent notation: $0.0041, $0.00000040.
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(Math.abs(n))));
  return '$' + n.toFixed(Math.min(decimals, 12));
}

export function usdRange(r: Range): string {
  return r.low === r.high ? usd(r.expected) : `${usd(r.expected)} (${usd(r.low)}–${usd(r.high)})`;
}

/** 1.2k, 3.4M: counts of calls and tokens. */
export function count(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

export function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Left-aligned columns; the last column is not padded. */
export function table(rows: string[][], widths: number[]): string {
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : truncate(c, widths[i]).padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}
