// Cheap, parse-free extraction of module specifiers, used to build the import graph that
// decides which files are worth parsing. It may over-report (a specifier in a comment); the
// parser has the last word on what a file really imports.

/**
 * `import … from 'x'` / `export … from 'x'`, a bare `import 'x'`, and `require('x')` / `import('x')`,
 * as one pattern so every file's text is scanned once.
 */
const ANY_SPECIFIER = /\b(?:(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1|import\s*(['"])([^'"\n]+)\3|(?:require|import)\s*\(\s*(['"])([^'"\n]+)\5\s*\))/g;

export function extractSpecifiers(text: string): string[] {
  const found = new Set<string>();
  ANY_SPECIFIER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANY_SPECIFIER.exec(text))) found.add(m[2] ?? m[4] ?? m[6]);
  return [...found].sort();
}

const TYPE_ONLY_PATTERN = /\b(?:import|export)\s+type\b[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g;

/** Specifiers a file imports only as types (`import type { X } from 'y'`): they bring no value to call. */
export function typeOnlySpecifiers(text: string): Set<string> {
  const typeOnly = new Set<string>();
  TYPE_ONLY_PATTERN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TYPE_ONLY_PATTERN.exec(text))) typeOnly.add(m[2]);
  if (!typeOnly.size) return typeOnly;
  // The same module may also be imported for its values elsewhere in the file.
  const values = new Set<string>();
  ANY_SPECIFIER.lastIndex = 0;
  while ((m = ANY_SPECIFIER.exec(text))) if (!/^(?:import|export)\s+type\b/.test(m[0])) values.add(m[2] ?? m[4] ?? m[6]);
  for (const v of values) typeOnly.delete(v);
  return typeOnly;
}

export function isRelativeSpecifier(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');
}

/** `openai/resources/chat` → `openai`; `@ai-sdk/openai/internal` → `@ai-sdk/openai`. */
export function packageName(spec: string): string {
  const clean = spec.replace(/^node:/, '');
  const parts = clean.split('/');
  return clean.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** What a module's text says it exports: names written out, and whether it may export anything else. */
export interface ExportIndex {
  /** Names declared or listed in export statements (an over-approximation: never misses one). */
  names: Set<string>;
  /** A star re-export or CommonJS exports: any name may be exported. */
  any: boolean;
}

const EXPORT_DECLARED = /\bexport\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:function(?:\s*\*\s*|\s+)|(?:const|let|var|class|enum|namespace|type|interface|import)\s+)([\w$]+)/g;
const EXPORT_VARIABLES = /\bexport\s+(?:declare\s+)?(?:const|let|var)\s+([^;]*)/g;
const EXPORT_LIST = /\bexport\s+(?:type\s+)?\{([^}]*)\}/g;
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
  EXPORT_LIST.lastIndex = 0;
  while ((m = EXPORT_LIST.exec(text))) {
    for (const part of m[1].split(',')) {
      const words = part.trim().split(/\s+/).filter((w) => w !== 'type');
      if (words.length) names.add(words[words.length - 1]);
    }
  }
  if (/\bexport\s+default\b/.test(text)) names.add('default');
  const any = /\bexport\s*\*|\bexport\s*=|\bexports\b/.test(text);
  return { names, any };
}

const IMPORT_CLAUSE = /\b(import|export)\s+(type\s+)?([^'"`;]*?)\s*\bfrom\s*(['"])([^'"\n]+)\4/g;
const REQUIRE_BINDING = /\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*(['"])([^'"\n]+)\2\s*\)/g;

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
  IMPORT_CLAUSE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IMPORT_CLAUSE.exec(text))) {
    const names = take(m[5]);
    if (m[2] || !names) continue;
    const clause = m[3].trim();
    if (clause.includes('*')) {
      out.set(m[5], null);
      continue;
    }
    const brace = clause.indexOf('{');
    const head = (brace < 0 ? clause : clause.slice(0, brace)).replace(/,\s*$/, '').trim();
    if (m[1] === 'import' && head) names.add('default');
    if (brace >= 0) {
      for (const part of clause.slice(brace + 1, clause.lastIndexOf('}')).split(',')) {
        const p = part.trim();
        if (p && !p.startsWith('type ')) names.add(p.split(/\s+as\s+/)[0].trim());
      }
    }
  }
  if (text.includes('require(') || text.includes('import(')) {
    REQUIRE_BINDING.lastIndex = 0;
    while ((m = REQUIRE_BINDING.exec(text))) {
      const names = take(m[3]);
      if (!names) continue;
      if (!m[1].startsWith('{')) {
        out.set(m[3], null);
        continue;
      }
      for (const part of m[1].slice(1, -1).split(',')) {
        const p = part.trim();
        if (p.startsWith('...')) {
          out.set(m[3], null);
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
