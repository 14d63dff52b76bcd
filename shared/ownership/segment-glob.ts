// CODEOWNERS patterns matched without regular expressions. A pattern like `*a*a*a*a*a*a*a*a*a*a*b`
// turned into `[^/]*a[^/]*a...` backtracks exponentially on a long name without the final `b`; a
// pull request can commit such a file. Here a pattern is a list of segments matched against the path's
// segments by dynamic programming, and each segment by a greedy wildcard match: time is bounded by
// (pattern segments × path segments) segment matches, each at most (name length)², whatever the input.
import { matchPieces, type WildcardPiece } from '../wildcard';


type Segment = { kind: 'globstar' } | { kind: 'glob'; pieces: WildcardPiece[]; fixed: number };

export interface PathMatcher {
  test(path: string): boolean;
}

/** A backslash makes the next character literal; runs of `*` inside a segment are one `*` (gitignore). */
function compileSegment(seg: string): Segment {
  if (seg === '**') return { kind: 'globstar' };
  const pieces: WildcardPiece[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\' && i + 1 < seg.length) pieces.push({ kind: 'char', c: seg[++i] });
    else if (c === '*') {
      if (pieces[pieces.length - 1]?.kind !== 'star') pieces.push({ kind: 'star' });
    } else if (c === '?') pieces.push({ kind: 'one' });
    else pieces.push({ kind: 'char', c });
  }
  return { kind: 'glob', pieces, fixed: pieces.filter((p) => p.kind !== 'star').length };
}

/** Whether a segment glob matches a whole name (see matchPieces). */
function matchSegment(seg: Extract<Segment, { kind: 'glob' }>, name: string): boolean {
  return seg.fixed <= name.length && matchPieces(seg.pieces, name);
}

/**
 * A CODEOWNERS pattern as GitHub reads it (gitignore rules, less `!` and `[ ]`). It matches the file
 * itself or any directory above it (`apps` owns everything in `apps/`), except that a last segment of
 * a lone `*` matches one level only (`docs/*` is not `docs/**`, as GitHub documents); a trailing `/`
 * matches directories only, i.e. something must lie below; a slash at the start or in the middle
 * anchors the pattern to the root, otherwise it matches at any depth.
 */
export function compilePattern(pattern: string): PathMatcher {
  const dirOnly = pattern.endsWith('/');
  let p = pattern.replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  // `**/**` matches what one `**` matches.
  const segs = p.split('/').filter((s, i, all) => !(s === '**' && all[i - 1] === '**'));
  const compiled = segs.map(compileSegment);
  const only = compiled.length === 1 && compiled[0].kind === 'globstar';
  const last = segs[segs.length - 1];
  // What may follow the matched segments: a trailing `**` or `/` needs something below; `*` nothing.
  const tail: 'any' | 'some' | 'none' = only ? 'any' : last === '**' || dirOnly ? 'some' : last === '*' ? 'none' : 'any';
  const minSegments = compiled.filter((s) => s.kind === 'glob').length;
  return {
    test(path: string): boolean {
      const names = path.split('/');
      if (only) return true;
      if (minSegments > names.length) return false;
      return matchFrom(compiled, names, anchored, tail);
    },
  };
}

/**
 * Dynamic programming over (pattern segment, path segment): reach[j] says the pattern's first i
 * segments can end just before path segment j. A trailing `**` is left to the tail rule.
 */
function matchFrom(segs: Segment[], names: string[], anchored: boolean, tail: 'any' | 'some' | 'none'): boolean {
  const n = names.length;
  const body = segs[segs.length - 1].kind === 'globstar' ? segs.slice(0, -1) : segs;
  let reach: boolean[] = Array.from({ length: n + 1 }, (_, j) => j === 0 || !anchored);
  for (const seg of body) {
    const next: boolean[] = new Array(n + 1).fill(false);
    if (seg.kind === 'globstar') {
      // Zero or more whole segments.
      let open = false;
      for (let j = 0; j <= n; j++) next[j] = open = open || reach[j];
    } else for (let j = 0; j < n; j++) if (reach[j] && matchSegment(seg, names[j])) next[j + 1] = true;
    reach = next;
    if (!reach.includes(true)) return false;
  }
  for (let j = 0; j <= n; j++) {
    if (!reach[j]) continue;
    const rest = names.slice(j).join('/');
    if (tail === 'any' || (tail === 'none' && j === n) || (tail === 'some' && j < n && rest.length > 0)) return true;
  }
  return false;
}
