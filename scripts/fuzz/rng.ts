// Seeded randomness: a case is a pure function of (seed, family, index), so a seed names a case list.
import { createHash } from 'crypto';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, and good enough to pick mutations; not for anything secret. */
export function rng(...key: Array<string | number>): Rng {
  let a = createHash('sha256').update(key.join('\u0000')).digest().readUInt32LE(0);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (items) => {
      if (!items.length) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)];
    },
    chance: (p) => next() < p,
  };
}

/** A token derived from the seed: canaries differ per seed but a reproducer sees the same ones. */
export function token(...key: Array<string | number>): string {
  return createHash('sha256').update(key.join('\u0000')).digest('hex').slice(0, 16);
}
