import picomatch from 'picomatch';
import { matchPieces, type WildcardPiece } from './wildcard';

// Globs from tollgate.yml (include/exclude, usage keys, rule options) come from the pull request, and so
// do the paths, ids and model names they are matched against. picomatch turns a glob into a RegExp
// that backtracks: `*a*a*a*a*a*a*a*ab` took 2.3 s on one 40-character name, `**/a/**/a/**/a/**/b` on a
// deep path did not finish in 5 minutes. So:
//  - the globs people write (literal segments, `*` and `?` inside a segment, whole-segment `**`, brace
//    lists such as `*.{ts,tsx}`) are matched here, segment by segment, in time bounded by
//    (glob segments × subject segments × segment length²), with picomatch's meaning for those forms;
//  - any other glob (extglobs, character classes, ranges, `!` negation, ...) still goes to picomatch, but
//    only with at most MAX_REGEX_WILDCARDS wildcards and alternatives, which keeps its backtracking
//    polynomial of low degree; beyond that, or over MAX_GLOB_LENGTH, the glob is refused (globProblem
//    says why, and the config loader reports it with the key and line).

export const MAX_GLOB_LENGTH = 1000;
/** Alternatives a brace list may expand to (`{a,b}{c,d}` is 4). */
export const MAX_BRACE_ALTERNATIVES = 64;
/** Wildcards and alternatives (`*` runs, groups, brace lists, `|`) a glob matched by picomatch may have. */
export const MAX_REGEX_WILDCARDS = 2;

export interface GlobOptions {
  /** `*` and `**` match names that start with a dot (picomatch's `dot`). */
  dot?: boolean;
}

type Piece = WildcardPiece;
// atLeastOne: a trailing globstar after a name with a star must match a name (picomatch: `a*` then `/**`
// does not match `ab`, while `a` then `/**` matches `a`).
type Segment = { globstar: true; atLeastOne?: boolean } | { globstar: false; pieces: Piece[]; fixed: number };

/** Characters with a meaning of their own to picomatch that this matcher leaves to it. */
const NOT_SIMPLE = /[[\](){}!|+@\\]/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function parseSegment(seg: string): Segment | null {
  if (seg === '**') return { globstar: true };
  // `**` inside a name means different things to picomatch depending on what follows (`**.js` crosses
  // folders, `**a` does not): left to it.
  if (!seg || seg.includes('**') || NOT_SIMPLE.test(seg)) return null;
  const pieces: Piece[] = [];
  for (const c of seg) pieces.push(c === '*' ? { kind: 'star' } : c === '?' ? { kind: 'one' } : { kind: 'char', c });
  return { globstar: false, pieces, fixed: pieces.filter((p) => p.kind !== 'star').length };
}

/**
 * `a{b,c}d` → [abd, acd]. Only lists of plain, non-empty names (`*.{ts,tsx}`, `{src,lib}/**`) expand
 * to what picomatch's alternation means; nested lists, empty or wildcard alternatives, slashes inside
 * and ranges are left to picomatch (null), as are lists that would expand to too many globs.
 */
function expandBraces(glob: string): string[] | null {
  const open = glob.indexOf('{');
  if (open < 0) return glob.includes('}') ? null : [glob];
  const close = glob.indexOf('}', open);
  if (close < 0) return null;
  const alternatives = glob.slice(open + 1, close).split(',');
  if (alternatives.length < 2 || alternatives.some((a) => !a || /[{/*?]/.test(a))) return null;
  const out: string[] = [];
  for (const alt of alternatives) {
    const expanded = expandBraces(glob.slice(0, open) + alt + glob.slice(close + 1));
    if (!expanded || out.length + expanded.length > MAX_BRACE_ALTERNATIVES) return null;
    out.push(...expanded);
  }
  return out;
}

function parseSimple(glob: string): Segment[][] | null {
  // picomatch strips a leading `./` from the glob and then from the subject too: left to it.
  if (glob.length > MAX_GLOB_LENGTH || glob.startsWith('./')) return null;
  const alternatives = expandBraces(glob);
  if (!alternatives) return null;
  const parsed: Segment[][] = [];
  for (const alt of alternatives) {
    const segs: Segment[] = [];
    for (const s of alt.split('/')) {
      const seg = parseSegment(s);
      if (!seg) return null;
      // `**/**` is one `**`.
      if (!(seg.globstar && segs[segs.length - 1]?.globstar)) segs.push(seg);
    }
    const [before, last] = segs.slice(-2);
    if (last?.globstar && before && !before.globstar && before.pieces.some((p) => p.kind === 'star')) segs[segs.length - 1] = { globstar: true, atLeastOne: true };
    parsed.push(segs);
  }
  return parsed;
}

/** One name against a segment's pieces, with picomatch's rules for a leading `*` or `?` (see matchPieces). */
function matchName(seg: Extract<Segment, { globstar: false }>, name: string, dot: boolean): boolean {
  if (seg.fixed > name.length) return false;
  // As picomatch: a leading `*` never matches an empty name, `.` or `..`, nor (without dot) a dotted
  // name; a leading `?` does not match a dot unless dot is set.
  const lead = seg.pieces[0];
  if (lead?.kind === 'star' && (!name || (dot ? name === '.' || name === '..' : name[0] === '.'))) return false;
  if (lead?.kind === 'one' && !dot && name[0] === '.') return false;
  return matchPieces(seg.pieces, name);
}

/** A name `**` may cross: picomatch's `**` stops at dotted names (without dot), `.`/`..`, and line ends. */
function crossable(name: string, dot: boolean): boolean {
  return !(dot ? name === '.' || name === '..' : name[0] === '.') && !LINE_TERMINATOR.test(name);
}

/** reach[j]: the glob's first segments match the subject's first j names exactly. */
function matchSegments(segs: Segment[], names: string[], dot: boolean): boolean {
  const n = names.length;
  let reach: boolean[] = names.map((_, j) => j === 0).concat(n === 0);
  for (const seg of segs) {
    const next: boolean[] = new Array(n + 1).fill(false);
    if (seg.globstar) {
      for (let j = 0; j <= n; j++) {
        if (reach[j] && !seg.atLeastOne) next[j] = true;
        else if (j > 0 && (next[j - 1] || reach[j - 1]) && crossable(names[j - 1], dot)) next[j] = true;
      }
    } else for (let j = 0; j < n; j++) if (reach[j] && matchName(seg, names[j], dot)) next[j + 1] = true;
    reach = next;
    if (!reach.includes(true)) return false;
  }
  return reach[n];
}

/**
 * What makes picomatch's RegExp backtrack: runs of `*`, and alternatives (groups, brace lists, `|`):
 * `(a|aa)` 25 times took 3.6 s on 40 characters, with no star at all.
 */
function regexWildcards(glob: string): number {
  return (glob.match(/\*+|[({|]/g) ?? []).length;
}

/** Why a glob from the repository is refused, or null when it is matched (here or by picomatch). */
export function globProblem(glob: string): string | null {
  if (glob.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters`;
  if (parseSimple(glob)) return null;
  if (regexWildcards(glob) > MAX_REGEX_WILDCARDS) {
    return `has more than ${MAX_REGEX_WILDCARDS} wildcards or alternatives (*, ( ), { }, |) in a form only a backtracking regular expression matches, in exponential time on hostile names; split it into simpler globs`;
  }
  return null;
}

export type GlobTest = (subject: string) => boolean;

const compiled = new Map<string, GlobTest>();

/** The test for one glob; a refused glob matches nothing. Cached: rules match the same globs per call site. */
export function globTest(glob: string, options: GlobOptions = {}): GlobTest {
  const key = `${options.dot ? 1 : 0}${glob}`;
  let test = compiled.get(key);
  if (test) return test;
  const dot = !!options.dot;
  const simple = parseSimple(glob);
  if (simple) {
    // An empty name (a slash doubled or at an end) is matched by the same rules: only `**` crosses it.
    test = (s) => {
      const names = s.split('/');
      return simple.some((segs) => matchSegments(segs, names, dot));
    };
  } else if (globProblem(glob) === null) {
    const re = picomatch(glob, { dot });
    test = (s) => re(s);
  } else test = () => false;
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(key, test);
  return test;
}

/** A config or usage error for a refused glob: where it is, the glob (shortened), and why. */
export const globError = (where: string, glob: string, problem: string): string => `${where} glob "${glob.length > 80 ? glob.slice(0, 80) + '…' : glob}" ${problem}`;

/** Whether the subject matches the glob (see globTest). */
export function globMatch(subject: string, glob: string, options: GlobOptions = {}): boolean {
  return globTest(glob, options)(subject);
}

/** Whether the subject matches any of the globs. */
export function anyGlob(globs: string[], options: GlobOptions = {}): GlobTest {
  const tests = globs.map((g) => globTest(g, options));
  return (s) => tests.some((t) => t(s));
}
