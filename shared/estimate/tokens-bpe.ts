// The byte-pair encoders behind token counting: js-tiktoken's lite build with only the ranks we use,
// loaded on first use (the o200k ranks are several MB; most scans never count a token).
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

export type EncodingName = 'o200k_base' | 'cl100k_base' | 'o200k_harmony';

interface Encoder {
  ranks: TiktokenBPE;
  tiktoken: Tiktoken;
  /** Built only when a text has a very long piece (see countOrdinary). */
  byteRanks?: Map<string, number>;
}

type RanksName = 'o200k_base' | 'cl100k_base';

// o200k_harmony (gpt-oss) has the same mergeable ranks and split pattern as o200k_base and differs
// only in special tokens (tiktoken_ext/openai_public.py), which ordinary text never produces; js-tiktoken
// 1.0.21 ships no harmony ranks, so harmony counts reuse the o200k_base encoder.
const RANKS_OF: Record<EncodingName, RanksName> = {
  o200k_base: 'o200k_base',
  o200k_harmony: 'o200k_base',
  cl100k_base: 'cl100k_base',
};

const encoders = new Map<RanksName, Encoder>();

function loadRanks(name: RanksName): TiktokenBPE {
  // Literal specifiers so bundlers can see them; require() keeps the load lazy.
  switch (name) {
    case 'o200k_base':
      return require('js-tiktoken/ranks/o200k_base') as TiktokenBPE;
    case 'cl100k_base':
      return require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE;
  }
}

function encoder(encoding: EncodingName): Encoder {
  const name = RANKS_OF[encoding];
  let enc = encoders.get(name);
  if (!enc) {
    const ranks = loadRanks(name);
    enc = { ranks, tiktoken: new Tiktoken(ranks) };
    encoders.set(name, enc);
  }
  return enc;
}

// tiktoken itself switches to a heap-based merge at 100 bytes (src/lib.rs byte_pair_encode): the
// plain merge, which js-tiktoken always uses, is quadratic in the piece length.
const LONG_PIECE_BYTES = 100;

/**
 * Tokens of `text` encoded as ordinary text (special-token strings such as `<|endoftext|>` count as
 * the text they are, like tiktoken's encode_ordinary, and never throw).
 */
export function countOrdinary(text: string, encoding: EncodingName): number {
  if (text === '') return 0;
  const enc = encoder(encoding);
  if (!hasLongPiece(text, enc.ranks.pat_str)) return enc.tiktoken.encode(text, [], []).length;
  return countByPieces(text, enc);
}

function hasLongPiece(text: string, patStr: string): boolean {
  for (const m of text.matchAll(new RegExp(patStr, 'ug'))) {
    // A UTF-16 unit is at most 3 UTF-8 bytes, so short matches need no byte count.
    if (m[0].length * 3 >= LONG_PIECE_BYTES && Buffer.byteLength(m[0], 'utf8') >= LONG_PIECE_BYTES) return true;
  }
  return false;
}

/** Same split and same merge order as tiktoken, with an O(n log n) merge for every piece. */
export function countByPieces(text: string, encoding: EncodingName | Encoder): number {
  const enc = typeof encoding === 'string' ? encoder(encoding) : encoding;
  const ranks = byteRanks(enc);
  let total = 0;
  for (const m of text.matchAll(new RegExp(enc.ranks.pat_str, 'ug'))) {
    const bytes = Buffer.from(m[0], 'utf8').toString('latin1');
    total += ranks.has(bytes) ? 1 : mergeCount(bytes, ranks);
  }
  return total;
}

/** Rank table keyed by the token's bytes as a latin1 string (one char per byte: cheap substrings). */
function byteRanks(enc: Encoder): Map<string, number> {
  if (enc.byteRanks) return enc.byteRanks;
  const map = new Map<string, number>();
  // Format of js-tiktoken's rank files: one line per run of consecutive ranks, "<tag> <first rank> <base64>...".
  for (const line of enc.ranks.bpe_ranks.split('\n')) {
    if (!line) continue;
    const [, first, ...tokens] = line.split(' ');
    const offset = Number.parseInt(first!, 10);
    tokens.forEach((b64, i) => map.set(Buffer.from(b64, 'base64').toString('latin1'), offset + i));
  }
  enc.byteRanks = map;
  return map;
}

/**
 * Number of tokens byte-pair merging yields for one piece. Always merges the adjacent pair with the
 * lowest rank, leftmost on ties, exactly like tiktoken's merge; a heap with stale-entry checks makes it
 * O(n log n) instead of O(n²).
 */
export function mergeCount(bytes: string, ranks: Map<string, number>): number {
  const n = bytes.length;
  if (n <= 1) return n;
  // Parts as a linked list over start offsets; end[i] is where the part starting at i ends.
  const end = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    end[i] = i + 1;
    prev[i] = i - 1;
  }
  const alive = new Uint8Array(n).fill(1);
  const heap = new MinHeap();
  const pairRank = (start: number): number | undefined => {
    const mid = end[start]!;
    if (mid >= n) return undefined;
    return ranks.get(bytes.slice(start, end[mid]!));
  };
  const push = (start: number) => {
    const r = pairRank(start);
    if (r !== undefined) heap.push(r, start, end[end[start]!]!);
  };
  for (let i = 0; i + 1 < n; i++) push(i);
  let parts = n;
  for (;;) {
    const top = heap.pop();
    if (!top) break;
    const [, start, pairEnd] = top;
    // Stale: the left part was merged away, or either side changed since the entry was pushed.
    if (!alive[start] || end[start]! >= n || end[end[start]!]! !== pairEnd) continue;
    const right = end[start]!;
    alive[right] = 0;
    end[start] = pairEnd;
    if (pairEnd < n) prev[pairEnd] = start;
    parts--;
    push(start);
    if (prev[start]! >= 0) push(prev[start]!);
  }
  return parts;
}

/** Binary min-heap of (rank, start, pairEnd), ordered by rank then start. */
class MinHeap {
  private rank: number[] = [];
  private start: number[] = [];
  private pairEnd: number[] = [];

  push(rank: number, start: number, pairEnd: number): void {
    this.rank.push(rank);
    this.start.push(start);
    this.pairEnd.push(pairEnd);
    let i = this.rank.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): [number, number, number] | null {
    const size = this.rank.length;
    if (size === 0) return null;
    const top: [number, number, number] = [this.rank[0]!, this.start[0]!, this.pairEnd[0]!];
    this.swap(0, size - 1);
    this.rank.pop();
    this.start.pop();
    this.pairEnd.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size - 1 && this.less(l, m)) m = l;
      if (r < size - 1 && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.rank[a]! < this.rank[b]! || (this.rank[a] === this.rank[b] && this.start[a]! < this.start[b]!);
  }

  private swap(a: number, b: number): void {
    [this.rank[a], this.rank[b]] = [this.rank[b]!, this.rank[a]!];
    [this.start[a], this.start[b]] = [this.start[b]!, this.start[a]!];
    [this.pairEnd[a], this.pairEnd[b]] = [this.pairEnd[b]!, this.pairEnd[a]!];
  }
}
