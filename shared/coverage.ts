import { packageName, typeOnlySpecifiers } from './project/imports';
import { mockedModules } from './project/mocks';
import type { Coverage, ScanWarning, UnreadCall } from './types';

// Blind spots, said out loud: a file that imports an AI package tollgate does not read (see
// providers/catalogue.ts), or calls an inference-looking member of an SDK it reads but did not
// recognise, and yields no call site, may hold calls that are not in the estimate. The scan, its
// workers and the editor session all build this part of the result here, from the same facts.

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The unread packages a file imports for their values, from the specifiers the index extracted
 * (no parse): a type-only import brings no client, and a package the file mocks sends nothing.
 */
export function unreadImportsOf(text: string, specifiers: readonly string[], unread: ReadonlySet<string>): string[] {
  let found: Map<string, string[]> | null = null;
  for (const spec of specifiers) {
    const pkg = packageName(spec);
    if (!unread.has(pkg)) continue;
    found ??= new Map();
    const specs = found.get(pkg) ?? [];
    specs.push(spec);
    found.set(pkg, specs);
  }
  if (!found) return [];
  for (const [pkg, specs] of found) if (!specs.some((spec) => quotedInCode(text, spec))) found.delete(pkg);
  if (!found.size) return [];
  const typeOnly = typeOnlySpecifiers(text);
  const mocked = text.includes('mock(') || text.includes('.module(') ? mockedModules(text) : null;
  const out: string[] = [];
  for (const [pkg, specs] of found) {
    if (specs.every((s) => typeOnly.has(s))) continue;
    if (mocked && specs.every((s) => mocked.has(s.replace(/^node:/, '')))) continue;
    out.push(pkg);
  }
  return out.sort(byString);
}

/** Each call once (a file scanned again after a worker failed reports its calls twice), in file and line order. */
function distinctCalls(calls: readonly UnreadCall[]): UnreadCall[] {
  const seen = new Set<string>();
  return calls
    .filter((c) => {
      const key = `${c.file}\0${c.line}\0${c.sdk}\0${c.call}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => byString(a.file, b.file) || a.line - b.line || byString(a.call, b.call) || byString(a.sdk, b.sdk));
}

/**
 * Whether the specifier is quoted somewhere outside a comment. The specifier index reads text and
 * may take an import from a comment (`// import ollama from 'ollama/browser'`): a warning must not.
 */
function quotedInCode(text: string, spec: string): boolean {
  for (const q of ["'", '"', '`']) {
    const needle = q + spec + q;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
      const lineStart = text.lastIndexOf('\n', i) + 1;
      const inLineComment = /(^|[^:])\/\//.test(text.slice(lineStart, i));
      const inBlockComment = text.lastIndexOf('/*', i) > text.lastIndexOf('*/', i);
      if (!inLineComment && !inBlockComment) return true;
    }
  }
  return false;
}

export function unreadPackageWarning(pkg: string): string {
  return `imports ${pkg}, which tollgate does not read: calls through it are not in the estimate`;
}

export function unreadCallWarning(call: UnreadCall): string {
  return `calls ${call.sdk} \`${call.call}\`, which tollgate does not read: its cost is not in the estimate`;
}

/**
 * The coverage part of a result: each file that imports an unread package and has no call site,
 * by package, and the unrecognised SDK calls (already limited to files without call sites), with
 * their warnings and the number of files concerned.
 */
export function coverageOf(
  imports: Iterable<{ file: string; packages: readonly string[] }>,
  hasSites: (file: string) => boolean,
  unreadCalls: readonly UnreadCall[],
): { coverage: Coverage; warnings: ScanWarning[]; unreadFiles: number } {
  const byPackage = new Map<string, string[]>();
  const warnings: ScanWarning[] = [];
  for (const { file, packages } of imports) {
    if (!packages.length || hasSites(file)) continue;
    for (const pkg of packages) {
      const files = byPackage.get(pkg) ?? [];
      files.push(file);
      byPackage.set(pkg, files);
      warnings.push({ file, message: unreadPackageWarning(pkg) });
    }
  }
  const calls = distinctCalls(unreadCalls.filter((c) => !hasSites(c.file)));
  for (const c of calls) warnings.push({ file: c.file, line: c.line, message: unreadCallWarning(c) });
  const unreadPackages = [...byPackage.keys()].sort(byString).map((pkg) => ({ package: pkg, files: [...new Set(byPackage.get(pkg))].sort(byString) }));
  const files = new Set<string>([...unreadPackages.flatMap((p) => p.files), ...calls.map((c) => c.file)]);
  return { coverage: { unreadPackages, unreadCalls: calls }, warnings, unreadFiles: files.size };
}

/**
 * A result made of two: the coverage of `part`, plus the entries of `other` for the files `keep`
 * admits (the base of a diff analyses some files and reuses the head's result for the rest).
 */
export function mergeCoverage(part: Coverage, other: Coverage, keep: (file: string) => boolean): { coverage: Coverage; unreadFiles: number } {
  const byPackage = new Map<string, Set<string>>();
  const add = (pkg: string, file: string) => {
    const files = byPackage.get(pkg) ?? new Set<string>();
    files.add(file);
    byPackage.set(pkg, files);
  };
  for (const p of part.unreadPackages) for (const f of p.files) add(p.package, f);
  for (const p of other.unreadPackages) for (const f of p.files) if (keep(f)) add(p.package, f);
  const unreadPackages = [...byPackage.keys()].sort(byString).map((pkg) => ({ package: pkg, files: [...byPackage.get(pkg)!].sort(byString) }));
  const unreadCalls = distinctCalls([...part.unreadCalls, ...other.unreadCalls.filter((c) => keep(c.file))]);
  const files = new Set<string>([...unreadPackages.flatMap((p) => p.files), ...unreadCalls.map((c) => c.file)]);
  return { coverage: { unreadPackages, unreadCalls }, unreadFiles: files.size };
}

/** The short "not read" line of the reports, or null when nothing was missed. */
export function notReadLine(result: { coverage?: Coverage; stats: { unreadFiles?: number } }): string | null {
  const c = result.coverage;
  if (!c || (!c.unreadPackages.length && !c.unreadCalls.length)) return null;
  const parts: string[] = [];
  const files = result.stats.unreadFiles ?? 0;
  if (c.unreadPackages.length) parts.push(c.unreadPackages.map((p) => `${p.package} (${p.files.length})`).join(', '));
  if (c.unreadCalls.length) parts.push(`${c.unreadCalls.length} SDK call${c.unreadCalls.length === 1 ? '' : 's'} not recognised`);
  return `Not read: ${files} file${files === 1 ? '' : 's'} with calls tollgate cannot price: ${parts.join('; ')}.`;
}
