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
