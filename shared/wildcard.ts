// One name (a path segment) against a wildcard pattern, without regular expressions: hostile patterns
// from a pull request (`*a*a*a*a*a*b`) made backtracking RegExps take exponential time.

/** `*` any run of characters, `?` one character, the rest literal. */
export type WildcardPiece = { kind: 'star' } | { kind: 'one' } | { kind: 'char'; c: string };

/**
 * Whether the pieces match the whole name. The classic greedy algorithm: on a mismatch, go back to the
 * last star and let it take one more character. Earlier stars never need to move again, so there is no
 * exponential search; the worst case is (name length × pattern length).
 */
export function matchPieces(p: WildcardPiece[], name: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < name.length) {
    const piece = p[i];
    if (piece && piece.kind === 'star') {
      star = i++;
      resume = j;
    } else if (piece && (piece.kind === 'one' || piece.c === name[j])) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (i < p.length && p[i].kind === 'star') i++;
  return i === p.length;
}
