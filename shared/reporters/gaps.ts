import type { TotalRow } from '../estimate/types';

// What a total with no dollars behind it lacks. "needs volume" and "no price" are two different
// fixes (a usage entry, a model name or a price), so no report says one when it means the other.

export type Gap = 'needs volume' | 'no price' | 'needs volume, no price';

/** A call-site count split the way the totals count: priced with a volume, priced without, unpriced. */
interface Counted {
  callSites: number;
  missingVolume: number;
  unknownModel: number;
  /** The overall total counts these itself; a row leaves them to the subtraction. */
  withVolume?: number;
}

/** Call sites of a total or row with both a price and a volume: the ones its dollars come from. */
export function withFigure(c: Counted): number {
  return c.withVolume ?? c.callSites - c.missingVolume - c.unknownModel;
}

/** The gap of a total or row whose dollars come from no call site; null when some site has a figure (or there are none). */
export function gapOf(c: Counted): Gap | null {
  if (!c.callSites || withFigure(c) > 0) return null;
  if (!c.unknownModel) return 'needs volume';
  return c.missingVolume ? 'needs volume, no price' : 'no price';
}

/** A row's figure for a one-line total: dollars, or the gap; never $0 that only means "unknown". */
export function rowFigure(r: TotalRow, usd: (n: number) => string): string {
  const gap = gapOf(r);
  if (gap) return gap;
  const extra = [r.missingVolume ? `+${r.missingVolume} without volume` : '', r.unknownModel ? `+${r.unknownModel} without price` : ''].filter(Boolean);
  return `${usd(r.monthlyCost.expected)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
