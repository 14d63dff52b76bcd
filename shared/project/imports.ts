// Cheap, parse-free extraction of module specifiers, used to build the import graph that
// decides which files are worth parsing. It may over-report (a specifier in a comment); the
// parser has the last word on what a file really imports.

import { clauseCursors, fromClauseAt, fromClauses, NextOf } from './clause-scan';

/** After `import`: a bare `import 'x'`; after `import` or `require`: a call `require('x')` / `import('x')`. */
// A specifier is never 1,000 characters long; the bound keeps an unclosed string on a long line from being
// read again at every keyword.
const BARE_IMPORT = /import\s*(['"])([^'"\n]{1,1000})\1/y;
const CALL_IMPORT = /(?:require|import)\s*\(\s*(['"])([^'"\n]{1,1000})\1\s*\)/y;

interface SpecifierMatch {
  spec: string;
  /** The text from the keyword to the end of the match (what a regex's m[0] would be). */
  start: number;
  typeOnly: boolean;
}

/**
 * `import … from 'x'` / `export … from 'x'`, a bare `import 'x'`, and `require('x')` / `import('x')`,
 * in one pass over the text, in linear time (see clause-scan.ts).
 */
function specifierMatches(text: string): SpecifierMatch[] {
  const out: SpecifierMatch[] = [];
  const { terms, ends } = clauseCursors(text);
  const kw = /\b(import|export|require)\b/g;
  let m: RegExpExecArray | null;
  while ((m = kw.exec(text))) {
    const word = m[1];
    if (word !== 'require') {
      const c = fromClauseAt(text, m.index, word as 'import' | 'export', terms, ends);
      if (c) {
        out.push({ spec: c.spec, start: c.start, typeOnly: /^\s+type\b/.test(c.clause) });
        kw.lastIndex = c.end;
        continue;
      }
      if (word === 'export') continue;
    }
    for (const re of word === 'import' ? [BARE_IMPORT, CALL_IMPORT] : [CALL_IMPORT]) {
      re.lastIndex = m.index;
      const hit = re.exec(text);
      if (hit) {
        out.push({ spec: hit[2], start: m.index, typeOnly: false });
        kw.lastIndex = re.lastIndex;
        break;
      }
    }
  }
  return out;
}

export function extractSpecifiers(text: string): string[] {
  return [...new Set(specifierMatches(text).map((m) => m.spec))].sort();
}

/** Specifiers a file imports only as types (`import type { X } from 'y'`): they bring no value to call. */
export function typeOnlySpecifiers(text: string): Set<string> {
  const matches = specifierMatches(text);
  const typeOnly = new Set(matches.filter((m) => m.typeOnly).map((m) => m.spec));
  // The same module may also be imported for its values elsewhere in the file.
  for (const m of matches) if (!m.typeOnly) typeOnly.delete(m.spec);
  return typeOnly;
}

export function isRelativeSpecifier(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');
}

/** `openai/resources/chat` → `openai`; `@ai-sdk/openai/internal` → `@ai-sdk/openai`. */
export function packageName(spec: string): string {
  // Asked for every specifier of every file by the prefilter and the coverage check: the same few
  // hundred specifiers recur across a tree.
  let hit = PACKAGE_NAMES.get(spec);
  if (hit === undefined) {
    const clean = spec.replace(/^node:/, '');
    const parts = clean.split('/');
    hit = clean.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    if (PACKAGE_NAMES.size >= 100_000) PACKAGE_NAMES.clear();
    PACKAGE_NAMES.set(spec, hit);
  }
  return hit;
}
const PACKAGE_NAMES = new Map<string, string>();

/** What a module's text says it exports: names written out, and whether it may export anything else. */
export interface ExportIndex {
  /** Names declared or listed in export statements (an over-approximation: never misses one). */
  names: Set<string>;
  /** A star re-export or CommonJS exports: any name may be exported. */
  any: boolean;
}

const EXPORT_DECLARED = /\bexport\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:function(?:\s*\*\s*|\s+)|(?:const|let|var|class|enum|namespace|type|interface|import)\s+)([\w$]+)/g;
const EXPORT_VARIABLES = /\bexport\s+(?:declare\s+)?(?:const|let|var)\s+([^;]{0,2000})/g;
const EXPORT_LIST_START = /\bexport\s+(?:type\s+)?\{/g;
const IDENTIFIER_BEFORE_ASSIGN = /([\w$]+)\s*[=:,}\]]/g;

/**
 * The export index of a module's text, by pattern, without parsing. A name it does not list
 * (and `any` false) is not exported: a barrel's other modules need not be parsed, nor the files
 * that import other names from the barrel selected.
 */
export function exportIndex(text: string): ExportIndex {
  const names = new Set<string>();
  let m: RegExpExecArray | null;
  EXPORT_DECLARED.lastIndex = 0;
  while ((m = EXPORT_DECLARED.exec(text))) names.add(m[1]);
  // Every declarator of `export const a = 1, b = 2` and every name of `export const { a, b: c } = o`.
  EXPORT_VARIABLES.lastIndex = 0;
  while ((m = EXPORT_VARIABLES.exec(text))) {
    IDENTIFIER_BEFORE_ASSIGN.lastIndex = 0;
    const span = m[1].slice(0, 2000);
    let id: RegExpExecArray | null;
    while ((id = IDENTIFIER_BEFORE_ASSIGN.exec(span))) names.add(id[1]);
  }
  // The list ends at the next `}`, found by a forward-only cursor: linear however many lists never close.
  const braces = new NextOf(text, /\}/g);
  EXPORT_LIST_START.lastIndex = 0;
  while ((m = EXPORT_LIST_START.exec(text))) {
    const close = braces.after(EXPORT_LIST_START.lastIndex);
    if (close < 0) break;
    const list = text.slice(EXPORT_LIST_START.lastIndex, close);
    EXPORT_LIST_START.lastIndex = close + 1;
    for (const part of list.split(',')) {
      const words = part.trim().split(/\s+/).filter((w) => w !== 'type');
      if (words.length) names.add(words[words.length - 1]);
    }
  }
  if (/\bexport\s+default\b/.test(text)) names.add('default');
  const any = /\bexport\s*\*|\bexport\s*=|\bexports\b/.test(text);
  return { names, any };
}

const BINDING_START = /\b(?:const|let|var)\s+/g;
const BINDING_NAME = /[\w$]+/y;
const REQUIRED_FROM = /\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*(['"])([^'"\n]{1,1000})\1\s*\)/y;

/** `const { a, b } = require('x')` / `const x = await import('x')`: the binding's text and the specifier, in linear time. */
function requireBindings(text: string): Array<{ binding: string; spec: string }> {
  const out: Array<{ binding: string; spec: string }> = [];
  const braces = new NextOf(text, /\}/g);
  BINDING_START.lastIndex = 0;
  while (BINDING_START.exec(text)) {
    const at = BINDING_START.lastIndex;
    let end: number;
    if (text[at] === '{') {
      const close = braces.after(at);
      if (close < 0) break;
      end = close + 1;
    } else {
      BINDING_NAME.lastIndex = at;
      if (!BINDING_NAME.exec(text)) continue;
      end = BINDING_NAME.lastIndex;
    }
    REQUIRED_FROM.lastIndex = end;
    const hit = REQUIRED_FROM.exec(text);
    if (!hit) continue;
    out.push({ binding: text.slice(at, end), spec: hit[2] });
    BINDING_START.lastIndex = REQUIRED_FROM.lastIndex;
  }
  return out;
}

/**
 * The names a file takes from each module specifier it imports: a set, or null when it may take
 * everything (a namespace import, `export * from`, a bare require, a dynamic import, a side-effect
 * import). Type-only imports take nothing. One pass per file; used to follow an import through a
 * barrel only for the names it asks for.
 */
export function importedNamesBySpecifier(text: string): Map<string, Set<string> | null> {
  const out = new Map<string, Set<string> | null>();
  const read = new Map<string, number>();
  const take = (spec: string): Set<string> | null | undefined => {
    read.set(spec, (read.get(spec) ?? 0) + 1);
    if (!out.has(spec)) out.set(spec, new Set());
    return out.get(spec);
  };
  for (const c of fromClauses(text)) {
    // `import type { X } from 'y'` takes nothing; `import{X}from'y'` (no space) is left to quotedCount below.
    const typed = /^\s+type\s/.exec(c.clause);
    if (!/^\s/.test(c.clause)) continue;
    const names = take(c.spec);
    if (typed || !names) continue;
    const clause = c.clause.trim();
    if (clause.includes('*')) {
      out.set(c.spec, null);
      continue;
    }
    const brace = clause.indexOf('{');
    const head = (brace < 0 ? clause : clause.slice(0, brace)).replace(/,\s*$/, '').trim();
    if (c.keyword === 'import' && head) names.add('default');
    if (brace >= 0) {
      for (const part of clause.slice(brace + 1, clause.lastIndexOf('}')).split(',')) {
        const p = part.trim();
        if (p && !p.startsWith('type ')) names.add(p.split(/\s+as\s+/)[0].trim());
      }
    }
  }
  if (text.includes('require(') || text.includes('import(')) {
    for (const b of requireBindings(text)) {
      const names = take(b.spec);
      if (!names) continue;
      if (!b.binding.startsWith('{')) {
        out.set(b.spec, null);
        continue;
      }
      for (const part of b.binding.slice(1, -1).split(',')) {
        const p = part.trim();
        if (p.startsWith('...')) {
          out.set(b.spec, null);
          break;
        }
        if (p) names.add(p.split(':')[0].trim());
      }
    }
  }
  // A use neither pattern reads (a bare `import 'x'`, `require('x').y`, `import('x')` used directly): everything.
  for (const [spec, count] of read) if (out.get(spec) && quotedCount(text, spec) > count) out.set(spec, null);
  return out;
}

/** How many times the specifier appears as a quoted string. */
function quotedCount(text: string, spec: string): number {
  let n = 0;
  for (const q of ["'", '"']) {
    const needle = q + spec + q;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  }
  return n;
}
