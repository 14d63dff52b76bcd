import * as fs from 'fs';
import * as path from 'path';
import type { GitRepository } from './runner';

// A revision's files written into a folder from git's object database: the tree is listed
// (ls-tree) and each blob read as stored (cat-file --batch). `git archive` would apply
// export-subst and export-ignore from the revision's own .gitattributes and hand over symbolic
// links for tar to recreate; here no attribute applies, no filter runs, and only regular files
// are written. Tree paths are data: git refuses to record absolute paths, `..` or `.git`, but a
// hostile object database can hold anything, so each path is checked again before it is used.

/** Bounds on what one revision may put on disk. */
export interface RevisionLimits {
  bytes: number;
  files: number;
}
export const REVISION_LIMITS: RevisionLimits = { bytes: 1024 * 1024 * 1024, files: 500_000 };
/** Blobs read per cat-file call: its whole output is held in memory. */
const BATCH_BYTES = 64 * 1024 * 1024;

export interface RevisionNote {
  /** The path in the revision, / separators, relative to the repository's top. */
  path: string;
  message: string;
}

/** A revision that cannot be written out; the message says why. */
export class RevisionError extends Error {}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  size: number;
  path: string;
}

const REGULAR = new Set(['100644', '100755', '100664']);

/**
 * Writes the regular files of commit `sha` under `dest` (an empty folder of ours). Entries it
 * does not write come back as notes: symbolic links and submodules are never materialised, so no
 * read can follow one out of the revision.
 */
export function materialiseRevision(repo: GitRepository, sha: string, dest: string, limits: RevisionLimits = REVISION_LIMITS): RevisionNote[] {
  const short = sha.slice(0, 12);
  const notes: RevisionNote[] = [];
  const note = (p: string, what: string) => notes.push({ path: p, message: `not read: ${what} in revision ${short}` });
  const files: TreeEntry[] = [];
  let bytes = 0;
  for (const entry of listTree(repo, sha)) {
    if (!safeTreePath(entry.path)) note(entry.path, 'an unsafe path (absolute, or with an empty, ".", ".." or ".git" segment)');
    else if (entry.mode === '120000') note(entry.path, 'a symlink');
    else if (entry.mode === '160000' || entry.type === 'commit') note(entry.path, 'a submodule');
    else if (entry.type !== 'blob' || !REGULAR.has(entry.mode)) note(entry.path, `an entry of mode ${entry.mode}`);
    else {
      files.push(entry);
      bytes += entry.size;
    }
  }
  // Checked before anything is written: a tree of small objects can stand for gigabytes.
  if (files.length > limits.files) throw new RevisionError(`revision ${short} has ${files.length} files, more than the ${limits.files} tollgate reads`);
  if (bytes > limits.bytes) throw new RevisionError(`revision ${short} holds ${bytes} bytes of files, more than the ${limits.bytes} tollgate reads`);

  const byOid = new Map<string, TreeEntry[]>();
  for (const f of files) {
    const list = byOid.get(f.oid);
    if (list) list.push(f);
    else byOid.set(f.oid, [f]);
  }
  const destReal = fs.realpathSync(dest);
  for (const batch of batches([...byOid.values()])) {
    for (const { oid, content } of readBlobs(repo, short, batch.map((b) => b[0]))) {
      for (const f of byOid.get(oid)!) {
        if (!writeNew(destReal, f.path, content)) note(f.path, 'a path that clashes with another one');
      }
    }
  }
  return notes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function listTree(repo: GitRepository, sha: string): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const line of repo.run('ls-tree', ['-r', '-z', '-l', '--full-tree', sha]).split('\0')) {
    if (!line) continue;
    const m = /^(\d{6}) (\w+) ([0-9a-f]{40,64}) +(\d+|-)\t([\s\S]*)$/.exec(line);
    if (!m) throw new RevisionError(`revision ${sha.slice(0, 12)}: git listed a tree entry tollgate cannot read: ${JSON.stringify(line.slice(0, 200))}`);
    out.push({ mode: m[1], type: m[2], oid: m[3], size: m[4] === '-' ? 0 : Number(m[4]), path: m[5] });
  }
  return out;
}

/** A relative path of plain segments: nothing that climbs out, starts at the root, or names a repository. */
export function safeTreePath(p: string): boolean {
  if (!p || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return false;
  // A backslash separates folders on Windows: checked as one there, harmless to refuse elsewhere.
  return p.split(/[\\/]/).every((seg) => seg !== '' && seg !== '.' && seg !== '..' && seg.toLowerCase() !== '.git');
}

/** Entries grouped so that each cat-file call returns at most BATCH_BYTES (a larger blob alone). */
function batches(groups: TreeEntry[][]): TreeEntry[][][] {
  const out: TreeEntry[][][] = [];
  let current: TreeEntry[][] = [];
  let size = 0;
  for (const g of groups) {
    if (current.length && size + g[0].size > BATCH_BYTES) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(g);
    size += g[0].size;
  }
  if (current.length) out.push(current);
  return out;
}

/** Each blob's bytes, checked against what the tree listing said. */
function readBlobs(repo: GitRepository, short: string, entries: TreeEntry[]): Array<{ oid: string; content: Buffer }> {
  const total = entries.reduce((n, e) => n + e.size, 0);
  const buf = repo.runRaw('cat-file', ['--batch'], { input: entries.map((e) => e.oid).join('\n') + '\n', maxBuffer: total + entries.length * 100 + 1024 });
  const out: Array<{ oid: string; content: Buffer }> = [];
  let at = 0;
  for (const e of entries) {
    const nl = buf.indexOf(0x0a, at);
    const header = nl < 0 ? '' : buf.subarray(at, nl).toString('utf8');
    if (header !== `${e.oid} blob ${e.size}`) {
      throw new RevisionError(`revision ${short}: cannot read ${e.path} (blob ${e.oid.slice(0, 12)}): git answered "${header.slice(0, 200)}"${/ missing$/.test(header) ? ' (a partial or shallow clone without it?)' : ''}`);
    }
    const start = nl + 1;
    out.push({ oid: e.oid, content: buf.subarray(start, start + e.size) });
    at = start + e.size + 1;
  }
  return out;
}

/**
 * Creates dest/rel with the bytes, exclusively (never through an existing file or link), in
 * folders created here; false when the path is taken (two tree entries that name the same file
 * on a case-insensitive disk, or a file where a folder must go).
 */
function writeNew(dest: string, rel: string, content: Buffer): boolean {
  const abs = path.resolve(dest, ...rel.split('/'));
  if (!abs.startsWith(dest + path.sep)) return false;
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    // Only folders this function made lie between dest and the file; check it once more anyway.
    if (fs.realpathSync(path.dirname(abs)) !== path.dirname(abs)) return false;
    const fd = fs.openSync(abs, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o644);
    try {
      for (let done = 0; done < content.length; ) done += fs.writeSync(fd, content, done, content.length - done);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'ELOOP') return false;
    throw err;
  }
}
