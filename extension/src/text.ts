import { redactSecrets, sanitizeTerminal } from '../../shared/redact';
import { count, usd } from '../../shared/reporters/format';
import type { Range } from '../../shared/estimate/types';
import type { CurrencyDisplay } from './settings';

// Small formatting helpers shared by the lens, the hover, the tree and the status bar.

/**
 * Scanned text for plain-text UI (lens titles, tree labels, the status bar): secrets redacted, control
 * characters dropped, and `$(` broken apart so a model name cannot render as an icon.
 */
export function plain(raw: string, max = 80): string {
  let s = sanitizeTerminal(redactSecrets(raw)).replace(/[\r\n\t]+/g, ' ');
  if (s.length > max) s = s.slice(0, max - 1) + '…';
  return s.replace(/\$\(/g, '$\u200b(');
}

/** A money figure as the currency display setting asks. */
export function money(r: Range, display: CurrencyDisplay): string {
  if (display === 'compact') return compactUsd(r.expected);
  if (display === 'range' && r.low !== r.high) return `${usd(r.expected)} (${usd(r.low)}–${usd(r.high)})`;
  return usd(r.expected);
}

/** Whole dollars from $1 up ($1,260), two significant digits below. */
export function compactUsd(n: number): string {
  return Math.abs(n) >= 1 ? '$' + Math.round(n).toLocaleString('en-US') : usd(n);
}

export { count, usd };
