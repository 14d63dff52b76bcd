// CODEOWNERS as GitHub reads it: the file's location, its syntax and "last matching pattern wins".
// Written from GitHub's documentation ("About code owners"), which defines patterns by gitignore's rules
// with three exceptions: no `\#` escape for a leading `#`, no `!` negation, no `[ ]` character ranges.
import * as fs from 'fs';
import * as path from 'path';
import type { ScanWarning } from '../types';
import { ConfinedRoot, refusalText } from '../project/confined-fs';
import { compilePattern, type PathMatcher } from './segment-glob';

/** GitHub looks in this order and uses the first file it finds. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** GitHub does not load a CODEOWNERS file of 3 MB or more. */
const MAX_BYTES = 3 * 1024 * 1024;

export interface CodeownersRule {
  pattern: string;
  /** Empty: the pattern clears ownership of what it matches. */
  owners: string[];
  line: number;
  /** Matches in time bounded by the path's length (segment-glob.ts), never a backtracking RegExp. */
  matcher: PathMatcher;
}

export interface Codeowners {
  /** Path of the file relative to the scanned root, posix separators. */
  file: string;
  rules: CodeownersRule[];
  warnings: ScanWarning[];
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function isOwner(token: string): boolean {
  return USER.test(token) || TEAM.test(token) || EMAIL.test(token);
}

/** Splits on whitespace that a backslash does not escape; `\ ` keeps a space inside a pattern. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[++i];
    } else if (c === ' ' || c === '\t') {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Parses CODEOWNERS text; a line GitHub would reject is skipped with a warning naming the file and line. */
export function parseCodeowners(text: string, file = 'CODEOWNERS'): Codeowners {
  const rules: CodeownersRule[] = [];
  const warnings: ScanWarning[] = [];
  const warn = (line: number, message: string) => warnings.push({ file, line, message: `CODEOWNERS: ${message}` });
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const toks = tokens(trimmed);
    // Everything from a token that starts with `#` is an inline comment.
    const hash = toks.findIndex((t) => t.startsWith('#'));
    const [pattern, ...owners] = hash >= 0 ? toks.slice(0, hash) : toks;
    if (pattern.startsWith('\\#')) return warn(line, `"${pattern}": GitHub does not support escaping a leading "#"; line skipped`);
    if (pattern.startsWith('!')) return warn(line, `"${pattern}": GitHub does not support negated patterns; line skipped`);
    if (/^\/+$/.test(pattern)) return warn(line, `"${pattern}" is not a file pattern; line skipped`);
    const bad = owners.filter((o) => !isOwner(o));
    if (bad.length) return warn(line, `${bad.map((o) => `"${o}"`).join(', ')} ${bad.length === 1 ? 'is not an owner' : 'are not owners'} (expected @user, @org/team or an email); line skipped`);
    if (/(^|[^\\])\[/.test(pattern)) warn(line, `"${pattern}": GitHub does not support [ ] character ranges; brackets match literally`);
    rules.push({ pattern, owners, line, matcher: compilePattern(pattern) });
  });
  return { file, rules, warnings };
}

/** The rule that decides a path's owners: the last one that matches, or null. */
export function matchRule(co: Codeowners, file: string): CodeownersRule | null {
  const rel = file.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  for (let i = co.rules.length - 1; i >= 0; i--) if (co.rules[i].matcher.test(rel)) return co.rules[i];
  return null;
}

/** The owners of a path; empty when no rule matches or the last matching rule has no owners. */
export function ownersOf(co: Codeowners, file: string): string[] {
  return matchRule(co, file)?.owners ?? [];
}

/** Reads the CODEOWNERS file GitHub would use for the scanned root, or null when there is none. */
export function loadCodeowners(root: string): Codeowners | null {
  const found = CODEOWNERS_LOCATIONS.filter((loc) => {
    try {
      return fs.statSync(path.join(root, loc)).isFile();
    } catch {
      return false;
    }
  });
  if (!found.length) return null;
  const [file, ...shadowed] = found;
  const extra: ScanWarning[] = shadowed.map((s) => ({ file: s, message: `CODEOWNERS: ignored, ${file} takes precedence (GitHub uses the first of ${CODEOWNERS_LOCATIONS.join(', ')})` }));
  const read = new ConfinedRoot(root).read(path.join(root, file), MAX_BYTES - 1);
  let co: Codeowners;
  if (read.ok) co = parseCodeowners(read.bytes.toString('utf8'), file);
  else if (read.refusal.kind === 'too-large') co = { file, rules: [], warnings: [{ file, message: 'CODEOWNERS: 3 MB or larger, which GitHub does not load; ignored' }] };
  else if (read.refusal.kind === 'error') co = { file, rules: [], warnings: [{ file, message: `CODEOWNERS: cannot be read (${read.refusal.code}); ignored` }] };
  else co = { file, rules: [], warnings: [{ file, message: refusalText(read.refusal) }] };
  co.warnings.push(...extra);
  return co;
}
