import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { anyGlob } from '../glob';
import type { ScanWarning } from '../types';
import { ConfinedRoot, isWithin, NOT_READ, refusalText } from './confined-fs';
import { compileGitignore, type GitignoreMatcher } from './gitignore';
import { FRAMEWORK_EXTENSIONS } from './frameworks';

/** Files of code. */
export const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Files the scan reads: code, and components whose script blocks are code (see frameworks.ts). */
export const SOURCE_EXTENSIONS = [...SCRIPT_EXTENSIONS, ...FRAMEWORK_EXTENSIONS];


/** Generated and vendored code, skipped unless an --include glob names it: folder names and file suffixes. */
const EXCLUDED_DIR_NAMES = new Set(['node_modules', 'dist', 'build', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.vercel', 'coverage']);
const EXCLUDED_FILE = /\.(min\.m?js|bundle\.js)$/;

/** A .gitignore larger than this is not read (its rules would cost more than they save). */
export const MAX_GITIGNORE_BYTES = 2 * 1024 * 1024;

/** The warning for a symlinked folder that points out of the scanned tree: it is not walked. */
export const NOT_WALKED_OUTSIDE = 'not walked: a symlink to a folder outside the scanned folder';

/** Declaration files describe types only: they never send a request. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

export interface DiscoverOptions {
  include?: string[];
  exclude?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface DiscoveredFile {
  abs: string;
  /** Path relative to the scan root, with / separators. */
  rel: string;
}

export interface Discovery {
  root: string;
  files: DiscoveredFile[];
  warnings: ScanWarning[];
}

interface IgnoreLayer {
  dir: string;
  /** The folder relative to the root ('' for the root itself). */
  rel: string;
  ig: GitignoreMatcher;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * Lists the source files under root. Never throws for one bad entry: a missing path, an
 * unreadable folder or a symlink loop becomes a warning and the walk goes on. Links are followed only
 * while they stay inside the root (real paths compared): a linked folder or source file elsewhere
 * (`/`, a home folder, /proc) is a warning and is neither walked nor listed.
 */
export function discover(rootArg: string, options: DiscoverOptions = {}): Discovery {
  const warnings: ScanWarning[] = [];
  const root = path.resolve(rootArg);
  let rootStat: fs.Stats;
  try {
    rootStat = fs.statSync(root);
  } catch {
    return { root, files: [], warnings: [{ file: rootArg, message: 'path does not exist' }] };
  }
  if (rootStat.isFile()) {
    const dir = path.dirname(root);
    return { root: dir, files: [{ abs: root, rel: toPosix(path.basename(root)) }], warnings };
  }

  const include = (options.include ?? []).filter(Boolean);
  const exclude = (options.exclude ?? []).filter(Boolean);
  // Matched in bounded time (shared/glob.ts): the globs and the paths both come from the repository.
  const isIncluded = include.length ? anyGlob(include, { dot: true }) : null;
  const isUserExcluded = exclude.length ? anyGlob(exclude, { dot: true }) : () => false;
  const includeBases = include.map((g) => picomatch.scan(g).base.replace(/\/$/, ''));
  // A default-excluded folder is still walked when an include glob points inside it.
  const includeReaches = (relDir: string) =>
    includeBases.some((b) => b === relDir || b.startsWith(relDir + '/'));

  const files: DiscoveredFile[] = [];
  const seenDirs = new Set<string>();
  const confined = new ConfinedRoot(root);
  const useGitignore = options.gitignore !== false;

  // Only symlinked folders can loop; others get their real path from their parent without a syscall.
  // Relative paths are built by joining names as the walk goes: path.relative per entry was a
  // measurable share of discovery on large trees.
  const walk = (dir: string, relDir: string, layers: IgnoreLayer[], knownReal: string | null) => {
    let real: string;
    try {
      real = knownReal ?? fs.realpathSync(dir);
    } catch (err) {
      warnings.push({ file: relDir || '.', message: `cannot resolve folder: ${(err as Error).message}` });
      return;
    }
    if (!isWithin(confined.realRoot, real)) {
      warnings.push({ file: relDir, message: NOT_WALKED_OUTSIDE });
      return;
    }
    if (seenDirs.has(real)) {
      warnings.push({ file: relDir, message: 'symlink loop or repeated folder: skipped' });
      return;
    }
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      warnings.push({ file: relDir || '.', message: `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      return;
    }
    let here = layers;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      // A .gitignore that cannot be read (or is refused: a link out, a FIFO) ignores nothing.
      const gitignoreRel = relDir ? relDir + '/.gitignore' : '.gitignore';
      const read = confined.read(path.join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
      if (read.ok) {
        const compiled = compileGitignore(read.bytes.toString('utf8'));
        if (compiled.matcher) here = [...layers, { dir, rel: relDir, ig: compiled.matcher }];
        else warnings.push({ file: gitignoreRel, message: `.gitignore ${compiled.problem}` });
      } else if (read.refusal.kind !== 'missing') warnings.push({ file: gitignoreRel, message: refusalText(read.refusal, MAX_GITIGNORE_BYTES) });
    }
    const gitIgnored = (rel: string, isDir: boolean) =>
      here.some((layer) => {
        const r = layer.rel ? rel.slice(layer.rel.length + 1) : rel;
        return layer.ig.ignores(isDir ? r + '/' : r);
      });
    // Inside a folder reached only through an include glob, the glob has the last word.
    const reachedByInclude = isIncluded !== null && includeReaches(relDir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const abs = dir + path.sep + entry.name;
      const rel = relDir ? relDir + '/' + entry.name : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          warnings.push({ file: rel, message: NOT_READ.brokenLink });
          continue;
        }
      }
      if (isDir) {
        const probe = rel + '/x';
        if (isUserExcluded(rel) || isUserExcluded(probe)) continue;
        if ((EXCLUDED_DIR_NAMES.has(entry.name) || gitIgnored(rel, true)) && !(isIncluded && includeReaches(rel))) continue;
        walk(abs, rel, here, isLink ? null : path.join(real, entry.name));
        continue;
      }
      if (!isFile) continue;
      if (!SOURCE_EXTENSIONS.includes(path.extname(entry.name)) || DECLARATION_FILE.test(entry.name)) continue;
      if (isUserExcluded(rel)) continue;
      if (isIncluded && !isIncluded(rel)) continue;
      if ((EXCLUDED_FILE.test(entry.name) || gitIgnored(rel, false)) && !reachedByInclude) continue;
      if (isLink) {
        const where = confined.locate(abs);
        if ('refusal' in where) {
          warnings.push({ file: rel, message: refusalText(where.refusal) });
          continue;
        }
      }
      files.push({ abs, rel });
    }
  };
  walk(root, '', [], null);
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { root, files, warnings };
}
