import * as fs from 'fs';
import * as path from 'path';

// The scanned tree is untrusted (a fork's pull request). Every read of a file that comes from it goes
// through here, and obeys one rule: only regular files whose real path lies inside the scanned root,
// and never more than a byte limit. A link out of the tree, a device, a FIFO or a socket is refused
// before a byte of it is read, so its content can reach no report; and a read never blocks, because
// nothing but a regular file is read and the read stops at limit + 1 bytes whatever stat says.

/** Why a path was not read. Texts are pinned by tests: they are what users see in warnings. */
export type Refusal =
  | { kind: 'leaves' }
  | { kind: 'link-outside' }
  | { kind: 'not-regular' }
  | { kind: 'folder' }
  | { kind: 'broken-link' }
  | { kind: 'missing' }
  | { kind: 'too-large'; size: number }
  | { kind: 'error'; code: string };

export const NOT_READ = {
  leaves: 'not read: the path leaves the scanned folder',
  linkOutside: 'not read: a symlink to a path outside the scanned folder',
  notRegular: 'not read: not a regular file (a device, socket or FIFO)',
  folder: 'not read: a folder, not a file',
  brokenLink: 'not read: a broken symlink (its target does not exist)',
  missing: 'not read: no such file',
} as const;

/** The refusal as a warning's message; sizes are given by the caller, which knows its limit. */
export function refusalText(r: Refusal, limit?: number): string {
  switch (r.kind) {
    case 'leaves':
      return NOT_READ.leaves;
    case 'link-outside':
      return NOT_READ.linkOutside;
    case 'not-regular':
      return NOT_READ.notRegular;
    case 'folder':
      return NOT_READ.folder;
    case 'broken-link':
      return NOT_READ.brokenLink;
    case 'missing':
      return NOT_READ.missing;
    case 'too-large':
      return `not read: larger than the ${formatLimit(limit ?? r.size)} limit`;
    case 'error':
      return `not read: ${r.code}`;
  }
}

function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export type ConfinedRead = { ok: true; bytes: Buffer } | { ok: false; refusal: Refusal };

/** Whether `child` is `parent` or below it (both absolute, normalised). */
export function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

// O_NOFOLLOW makes the open itself refuse a link in the last component (Windows has no such flag: an
// lstat stands in). O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer.
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | NOFOLLOW;

const errCode = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? String((err as Error)?.message ?? err);

/**
 * One scanned root and the reads inside it. Paths are absolute or relative to the current folder, as
 * everywhere in node (a root-relative path is joined to the root by the caller). Folders' real paths are remembered (a scan reads many files
 * per folder; resolving each file's whole path costs as much as reading it); `forget` drops them, for a
 * long-lived holder (the editor session) whose tree can change under it.
 */
export class ConfinedRoot {
  /** The root as given, resolved: the paths callers hold are under it. */
  readonly root: string;
  /** The root with every link resolved: what a real path must lie under. */
  readonly realRoot: string;
  private readonly realDirs = new Map<string, string | Refusal>();

  constructor(root: string) {
    this.root = path.resolve(root);
    let real = this.root;
    try {
      real = fs.realpathSync.native(this.root);
    } catch {
      // A root that does not exist holds no file: every read below says "no such file".
    }
    this.realRoot = real;
  }

  forget(): void {
    this.realDirs.clear();
  }

  /** Whether the path, as written, stays inside the root (no `..` out, no absolute path elsewhere). */
  contains(abs: string): boolean {
    const p = path.resolve(abs);
    return isWithin(this.root, p) || isWithin(this.realRoot, p);
  }

  /**
   * Where a read of `abs` would land: the real path of a regular file inside the root, or why not.
   * Opens nothing: for callers that only need to know (module resolution, "is there a CODEOWNERS").
   */
  locate(abs: string): { real: string } | { refusal: Refusal } {
    const p = path.resolve(abs);
    if (!this.contains(p)) return { refusal: { kind: 'leaves' } };
    const dir = this.realDir(path.dirname(p));
    if (typeof dir !== 'string') return { refusal: dir };
    const candidate = path.join(dir, path.basename(p));
    let st: fs.Stats;
    try {
      st = fs.lstatSync(candidate);
    } catch (err) {
      return { refusal: errCode(err) === 'ENOENT' || errCode(err) === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'error', code: errCode(err) } };
    }
    if (st.isSymbolicLink()) return this.followLink(candidate);
    const kind = typeOf(st);
    return kind ? { refusal: kind } : { real: candidate };
  }

  /** Whether `abs` is a regular file inside the root (through links that stay inside). */
  isFile(abs: string): boolean {
    return 'real' in this.locate(abs);
  }

  /**
   * The file's bytes, at most `limit` of them; a file that holds more is refused as too large (its
   * size from fstat when that says so, else the bytes seen: a stat size of 0 is not trusted).
   */
  read(abs: string, limit: number): ConfinedRead {
    const p = path.resolve(abs);
    if (!this.contains(p)) return refuse({ kind: 'leaves' });
    const dir = this.realDir(path.dirname(p));
    if (typeof dir !== 'string') return refuse(dir);
    let target = path.join(dir, path.basename(p));
    if (!NOFOLLOW) {
      const where = this.locate(p);
      if ('refusal' in where) return refuse(where.refusal);
      target = where.real;
    }
    let fd: number;
    try {
      fd = fs.openSync(target, OPEN_FLAGS);
    } catch (err) {
      const code = errCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') return refuse({ kind: 'missing' });
      // ELOOP (EMLINK on FreeBSD): the last component is a link. Resolve it and open where it lands.
      const where = this.locate(p);
      if ('refusal' in where) return refuse(where.refusal);
      try {
        fd = fs.openSync(where.real, OPEN_FLAGS);
      } catch (again) {
        return refuse({ kind: 'error', code: errCode(again) });
      }
    }
    return readOpened(fd, limit);
  }

  /** The file as UTF-8 text (invalid bytes replaced), or why it was not read. */
  readText(abs: string, limit: number): { ok: true; text: string } | { ok: false; refusal: Refusal } {
    const r = this.read(abs, limit);
    return r.ok ? { ok: true, text: r.bytes.toString('utf8') } : r;
  }

  private followLink(link: string): { real: string } | { refusal: Refusal } {
    let real: string;
    try {
      real = fs.realpathSync.native(link);
    } catch (err) {
      const code = errCode(err);
      return { refusal: code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR' ? { kind: 'broken-link' } : { kind: 'error', code } };
    }
    if (!isWithin(this.realRoot, real)) return { refusal: { kind: 'link-outside' } };
    try {
      const kind = typeOf(fs.statSync(real));
      return kind ? { refusal: kind } : { real };
    } catch (err) {
      return { refusal: { kind: 'error', code: errCode(err) } };
    }
  }

  /** A folder's real path when it lies inside the root; a folder reached through a link out is refused. */
  private realDir(dir: string): string | Refusal {
    let hit = this.realDirs.get(dir);
    if (hit === undefined) {
      try {
        const real = fs.realpathSync.native(dir);
        hit = isWithin(this.realRoot, real) ? real : { kind: 'link-outside' };
      } catch (err) {
        const code = errCode(err);
        hit = code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'error', code };
      }
      this.realDirs.set(dir, hit);
    }
    return hit;
  }
}

/**
 * A file the user named outside any scanned tree (`--config ../team.yml`): links are followed, since
 * the user chose the path, but only a regular file is read, bounded, and opening it never blocks.
 */
export function readRegularFile(abs: string, limit: number): ConfinedRead {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = errCode(err);
    return refuse(code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'error', code });
  }
  return readOpened(fd, limit);
}

/** Checks what an open descriptor is, reads it if it is a regular file, and closes it. */
function readOpened(fd: number, limit: number): ConfinedRead {
  try {
    const st = fs.fstatSync(fd);
    const kind = typeOf(st);
    if (kind) return refuse(kind);
    if (st.size > limit) return refuse({ kind: 'too-large', size: st.size });
    return readBounded(fd, st.size, limit);
  } catch (err) {
    return refuse({ kind: 'error', code: errCode(err) });
  } finally {
    fs.closeSync(fd);
  }
}

function refuse(refusal: Refusal): ConfinedRead {
  return { ok: false, refusal };
}

function typeOf(st: fs.Stats): Refusal | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return { kind: 'folder' };
  return { kind: 'not-regular' };
}

/** Reads to the end or to limit + 1 bytes, whichever comes first; more than `limit` is "too large". */
function readBounded(fd: number, sizeHint: number, limit: number): ConfinedRead {
  let buf = Buffer.allocUnsafe(Math.min(sizeHint, limit) + 1);
  let got = 0;
  for (;;) {
    if (got === buf.length) {
      if (got > limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit + 1));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) break;
    got += n;
  }
  if (got > limit) return refuse({ kind: 'too-large', size: Math.max(got, sizeHint) });
  return { ok: true, bytes: buf.subarray(0, got) };
}
