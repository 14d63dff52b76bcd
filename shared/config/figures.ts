import type { Node } from 'yaml';
import { figureText } from '../estimate/bounds';
import type { Fail } from './estimate-config';

// Every number tollgate.yml sets goes through here once it has the right type: YAML reads `.nan` and
// `.inf` as numbers, and NaN passes every `<` check, so "a number from 0 to 1" let NaN through and
// turned every expected cost into $NaN/month. Bounds are in shared/estimate/bounds.ts.

/** The number when it is finite and at most `max`; else fails on the node, naming the key and the limit. */
export function bounded(node: Node | null | undefined, what: string, n: number, max: number, unit: string, fail: Fail): number {
  // Infinity (`.inf`, or more digits than a double holds) is over any limit; NaN is no number at all.
  if (Number.isNaN(n) || n === -Infinity) fail(node, `"${what}" expects a finite number, not ${figureText(n)}`);
  if (n > max) fail(node, `"${what}" is over the limit of ${figureText(max)} ${unit}`);
  return n;
}
