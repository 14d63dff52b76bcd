import ignore, { type Ignore } from 'ignore';

// A .gitignore compiled once into buckets, with the same answers as `ignore().add(text).ignores(path)`.
// The `ignore` package tests every rule against every path: a 100,000-line .gitignore (a PR can commit
// one) cost 0.12 s per path, 123 s for 1,000 files. Here each rule goes into one bucket keyed by
// something every path it can match must have: its last name when that is literal (`dist`,
// `/a/b.txt`), the literal end or start of its last name (`*.log`, `tmp*`), or its literal first
// folder when it is anchored (`/build/**`). A path looks up its own keys (its name, the name's first
// and last four characters, its first folder) and tests only those rules, plus the few that have no
// key (`*`, `**/?`), newest first as git does: the last matching rule decides, so negation order holds.
// Each candidate is still tested by the `ignore` package itself (one single-rule instance per rule,
// made on first use), so the pattern language is the package's, not a second implementation.
// test/project/gitignore.test.ts checks the answers against the package on a generated corpus.

/** Rules a single path may have to test one by one: beyond it, the .gitignore is not applied. */
export const MAX_RULES_PER_KEY = 256;

export interface GitignoreMatcher {
  /** As ignore's `ignores`: a path relative to the .gitignore's folder, a trailing `/` for a folder. */
  ignores(path: string): boolean;
}

export type CompiledGitignore = { matcher: GitignoreMatcher; problem: null } | { matcher: null; problem: string };

/** Characters with a meaning in a gitignore pattern. */
const WILD = /[*?[\]]/;
const AFFIX = 4;

/**
 * The case folding of a RegExp with the i flag (and no u flag), per UTF-16 unit: ES2023
 * Canonicalize. ignore matches case-insensitively this way, so keys folded like this never miss.
 */
function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const u = c.toUpperCase();
    out += u.length !== 1 || (c.charCodeAt(0) >= 128 && u.charCodeAt(0) < 128) ? c : u;
  }
  return out;
}

interface Rule {
  index: number;
  /** The line turned negative: its raw match is then `test(path).unignored`, with no parent lookup. */
  probe: string;
  negative: boolean;
  instance: Ignore | null;
}

/** The keys a rule can be found by: every path the rule matches has each of them. Empty: test always. */
function keysOf(body: string): string[] {
  const core = body.endsWith('/') ? body.slice(0, -1) : body;
  if (!core || body.includes('\\') || body.endsWith(' ') || body.startsWith('#')) return [];
  const segs = core.split('/');
  const last = segs[segs.length - 1];
  const keys: string[] = [];
  if (last && !WILD.test(last)) keys.push('b:' + fold(last));
  else if (last && last !== '**') {
    let lastWild = -1;
    let firstWild = -1;
    for (let i = 0; i < last.length; i++) {
      if (!WILD.test(last[i])) continue;
      if (firstWild < 0) firstWild = i;
      lastWild = i;
    }
    const tail = last.slice(lastWild + 1);
    const head = last.slice(0, firstWild);
    if (tail) keys.push('s:' + fold(tail.slice(-AFFIX)));
    if (head) keys.push('p:' + fold(head.slice(0, AFFIX)));
  }
  // Anchored (a slash before the end): the path starts with the pattern's first name.
  const anchoredSegs = core.replace(/^\//, '').split('/');
  if (/\/(?!$)/.test(body) && anchoredSegs.length > 1 && anchoredSegs[0] && !WILD.test(anchoredSegs[0])) keys.push('f:' + fold(anchoredSegs[0]));
  return keys;
}

function pathKeys(path: string): string[] {
  const q = path.endsWith('/') ? path.slice(0, -1) : path;
  const slash = q.lastIndexOf('/');
  const name = q.slice(slash + 1);
  const first = q.slice(0, Math.max(q.indexOf('/'), 0)) || q;
  const folded = fold(name);
  const keys = ['b:' + folded, 'f:' + fold(first)];
  for (let k = 1; k <= Math.min(AFFIX, folded.length); k++) keys.push('s:' + folded.slice(-k), 'p:' + folded.slice(0, k));
  return keys;
}

/** As ignore's parentOf for relative paths: `a/b/c` → `a/b/`, `a/b/` → `a/`, `a` → ''. */
function parentOf(path: string): string {
  const cut = path.lastIndexOf('/', path.endsWith('/') ? path.length - 2 : path.length - 1);
  return cut < 0 ? '' : path.slice(0, cut + 1);
}

const KEY_WORDS: Record<string, string> = { b: 'name', s: 'name ending', p: 'name start', f: 'first folder' };

/** Compiles a .gitignore's text; a problem (too many rules for one path) means: do not apply it. */
export function compileGitignore(text: string): CompiledGitignore {
  // As ignore splits a string: a final CR dropped, lines at LF or CRLF, empty lines skipped, BOM off the first.
  const source = text.replace(/^\uFEFF/, '');
  const lines = (source.endsWith('\r') ? source.slice(0, -1) : source).split(/\r?\n/).filter(Boolean);
  const buckets = new Map<string, Rule[]>();
  const always: Rule[] = [];
  lines.forEach((line, index) => {
    if (line.startsWith('#')) return;
    const negative = line.startsWith('!');
    const rule: Rule = { index, probe: negative ? line : '!' + line, negative, instance: null };
    const keys = keysOf(negative ? line.slice(1) : line);
    if (!keys.length) return void always.push(rule);
    // Any one key finds the rule; the emptiest bucket keeps every path's share small.
    let best = keys[0];
    for (const k of keys) if ((buckets.get(k)?.length ?? 0) < (buckets.get(best)?.length ?? 0)) best = k;
    const list = buckets.get(best);
    if (list) list.push(rule);
    else buckets.set(best, [rule]);
  });
  if (always.length > MAX_RULES_PER_KEY) {
    return { matcher: null, problem: `not applied: ${always.length} patterns have no literal name, name ending, name start or first folder, over the limit of ${MAX_RULES_PER_KEY} (each would be tested against every path)` };
  }
  for (const [key, list] of [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (list.length > MAX_RULES_PER_KEY) {
      return { matcher: null, problem: `not applied: ${list.length} patterns share the ${KEY_WORDS[key[0]]} "${key.slice(2, 42)}", over the limit of ${MAX_RULES_PER_KEY} (each would be tested against every such path)` };
    }
  }

  const raw = (rule: Rule, path: string) => {
    rule.instance ??= ignore().add(rule.probe);
    return rule.instance.test(path).unignored;
  };
  /** The last rule that matches the path itself decides: ignored unless it is a negation. */
  const lastMatch = (path: string): boolean => {
    const candidates = [...always];
    for (const k of pathKeys(path)) {
      const list = buckets.get(k);
      if (list) candidates.push(...list);
    }
    candidates.sort((a, b) => b.index - a.index);
    for (const rule of candidates) if (raw(rule, path)) return !rule.negative;
    return false;
  };
  const cache = new Map<string, boolean>();
  const ignores = (path: string): boolean => {
    const known = cache.get(path);
    if (known !== undefined) return known;
    // As git: nothing inside an ignored folder can be un-ignored.
    const parent = parentOf(path);
    const result = (parent !== '' && ignores(parent)) || lastMatch(path);
    cache.set(path, result);
    return result;
  };
  return { matcher: { ignores }, problem: null };
}
