import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isWithin } from './confined-fs';

// What tollgate writes into a repository (tollgate.yml from `init`, `usage sync`, the editor's "create
// tollgate.yml") is written under one rule: a regular file, in a folder whose real path lies inside the
// folder tollgate was asked to work in, never through a link (a link, even a dangling one, could point
// at a shell start-up file), and atomically: the text goes to a new temporary file beside the target,
// which then takes the target's name, so a crash leaves the old file or the new one, never half of one.

/** `create`: the file must not exist (nothing is ever overwritten); `replace`: create or overwrite. */
export type WriteMode = 'create' | 'replace';

export class WriteRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: not written: ${reason}`);
  }
}

export const NOT_WRITTEN = {
  link: 'it is a symlink (tollgate writes only regular files, never through a link)',
  notRegular: 'it is not a regular file',
  exists: 'it already exists',
  noFolder: 'its folder does not exist',
} as const;

const outsideText = (root: string, throughLink: boolean) => `its folder is outside ${root}${throughLink ? ' (through a symlink)' : ''}`;

interface Target {
  /** The folder, links resolved, and the file's name in it. */
  dir: string;
  name: string;
  /** The mode of the file being replaced, or null when it is new. */
  mode: number | null;
}

/**
 * Why writing `file` inside `root` would be refused, or where the write goes. `shown` names the file in
 * the error (as the user typed it); `shownRoot` the folder.
 */
function locateTarget(root: string, file: string, mode: WriteMode, shown: string, shownRoot: string): Target | WriteRefusedError {
  const abs = path.resolve(file);
  if (!isWithin(path.resolve(root), path.dirname(abs))) return new WriteRefusedError(shown, outsideText(shownRoot, false));
  let realRoot: string;
  let dir: string;
  try {
    realRoot = fs.realpathSync.native(path.resolve(root));
    dir = fs.realpathSync.native(path.dirname(abs));
  } catch {
    return new WriteRefusedError(shown, NOT_WRITTEN.noFolder);
  }
  if (!isWithin(realRoot, dir)) return new WriteRefusedError(shown, outsideText(shownRoot, true));
  const name = path.basename(abs);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(path.join(dir, name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { dir, name, mode: null };
    return new WriteRefusedError(shown, (err as NodeJS.ErrnoException).code ?? (err as Error).message);
  }
  if (st.isSymbolicLink()) return new WriteRefusedError(shown, NOT_WRITTEN.link);
  if (!st.isFile()) return new WriteRefusedError(shown, NOT_WRITTEN.notRegular);
  if (mode === 'create') return new WriteRefusedError(shown, NOT_WRITTEN.exists);
  return { dir, name, mode: st.mode & 0o7777 };
}

/** The refusal a write would meet, or null when it may go ahead: to refuse before any work is done. */
export function writeRefusal(root: string, file: string, mode: WriteMode, shown = file, shownRoot = root): WriteRefusedError | null {
  const t = locateTarget(root, file, mode, shown, shownRoot);
  return t instanceof WriteRefusedError ? t : null;
}

/** Writes `text` to `file` under the rule above; throws WriteRefusedError when the rule forbids it. */
export function writeInsideRoot(root: string, file: string, text: string, mode: WriteMode, shown = file, shownRoot = root): void {
  const t = locateTarget(root, file, mode, shown, shownRoot);
  if (t instanceof WriteRefusedError) throw t;
  const target = path.join(t.dir, t.name);
  const tmp = path.join(t.dir, `.${t.name}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fail = (err: unknown) => new WriteRefusedError(shown, (err as NodeJS.ErrnoException).code ?? (err as Error).message);
  try {
    // 'wx': the temporary name is new; if anything is there (even a link), the open fails.
    const fd = fs.openSync(tmp, 'wx', t.mode ?? 0o666);
    try {
      fs.writeFileSync(fd, text);
      if (t.mode !== null) fs.fchmodSync(fd, t.mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw fail(err);
  }
  try {
    if (mode === 'replace') fs.renameSync(tmp, target);
    else createOnly(tmp, target, shown);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err instanceof WriteRefusedError ? err : fail(err);
  }
}

/**
 * Gives the temporary file the target's name only if that name is free: a hard link fails when
 * anything (a file, a link) took it since the check. A file system without hard links falls back to
 * a rename after checking the name once more.
 */
function createOnly(tmp: string, target: string, shown: string): void {
  try {
    fs.linkSync(tmp, target);
    fs.rmSync(tmp, { force: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteRefusedError(shown, NOT_WRITTEN.exists);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
  }
  let taken = true;
  try {
    fs.lstatSync(target);
  } catch {
    taken = false;
  }
  if (taken) throw new WriteRefusedError(shown, NOT_WRITTEN.exists);
  fs.renameSync(tmp, target);
}
