import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsync,
  futimesSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { promisify } from 'node:util';
import { describeErrno } from './errno.js';
import { SysError } from './errors.js';
import { type FsPath, pathText } from './fs-path.js';
import { tempPathFor } from './temp-files.js';
import { utimesSeconds } from './times.js';

/** Options of `atomicWrite`. */
export interface AtomicWriteOptions {
  /** Permission bits of the new file (setuid, setgid and sticky included). @default 0o666 less the umask */
  mode?: number;
  /** Owner of the new file. Where the system refuses (only root may give a file away) the writer keeps it. @default the writer */
  owner?: { uid: number; gid: number };
  /** Access and modification times: Dates, or bigint nanoseconds as `stat(path, { bigint: true })` gives (kept to the microsecond, libuv's limit). @default now */
  times?: { atime: Date | bigint; mtime: Date | bigint };
  /** fsync before the rename, so a crash leaves the old file or the new one, never a torn one. @default true */
  fsync?: boolean;
  /** Aborting stops the write: the temp file goes, the target stays, and the promise rejects with the reason. */
  signal?: AbortSignal;
}

/** Writes a file's bytes to the open descriptor of the temp file; its result is `atomicWrite`'s. */
export type FillTemp<T> = (fd: number, signal: AbortSignal | undefined) => T | Promise<T>;

/** A step of an atomic write failed; the target is as it was and the temp file is gone. */
export class AtomicWriteError extends SysError {
  /** The target, as text (U+FFFD for bytes that are not UTF-8). */
  declare readonly path: string;

  constructor(
    target: FsPath,
    /** What went wrong, without the path. */
    readonly reason: string,
    cause?: unknown,
  ) {
    const path = pathText(target);
    super('ERR_SYS_ATOMIC_WRITE', `${path}: ${reason}`, { path, cause });
  }
}

// Only fsync goes to the thread pool: it waits on the disk, and several files' fsyncs overlap
// there. The other steps take microseconds, less than a round trip to the pool would.
const fsyncFd = promisify(fsync);

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function writeAll(fd: number, data: Uint8Array): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

/** Refuses to rename over a directory, device, fifo or socket: only a file or a symlink is replaced. */
function checkTarget(path: FsPath): void {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile() && !st.isSymbolicLink()) {
    const what = st.isDirectory() ? 'a directory' : 'not a regular file';
    throw new AtomicWriteError(path, `${what}: only a file or a symlink is replaced`);
  }
}

/** Opens a new temp file beside `path`, O_EXCL: a name in use (by anyone) is never reused. */
function createTemp(path: FsPath, mode: number): { temp: FsPath; fd: number } {
  for (let tries = 0; ; tries++) {
    const temp = tempPathFor(path);
    try {
      return { temp, fd: openSync(temp, CREATE, mode) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= 8) {
        throw new AtomicWriteError(path, `cannot create a temp file beside it: ${describeErrno(error)}`, error);
      }
    }
  }
}

/** Runs one of our own steps, turning its failure into an AtomicWriteError about `path`. */
async function step<T>(path: FsPath, what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new AtomicWriteError(path, `${what}: ${describeErrno(error)}`, error);
  }
}

export function atomicWrite(path: FsPath, data: string | Uint8Array, options?: AtomicWriteOptions): Promise<void>;
export function atomicWrite<T>(path: FsPath, fill: FillTemp<T>, options?: AtomicWriteOptions): Promise<T>;
/**
 * Replaces `path` in one step: writes `data` (or lets `fill` write) into a temp file created
 * with O_EXCL in the same directory, gives it the mode, owner and times asked, fsyncs it and
 * renames it over `path`. Readers see the old file or the new one, never part of one; on any
 * failure or abort the temp file is removed and `path` is untouched. `path` may be bytes, for
 * a name that is not valid UTF-8: every fs call then gets the bytes. Errors thrown by `fill`
 * come through as they are; failures of the write's own steps are `AtomicWriteError`s.
 */
export async function atomicWrite<T>(
  path: FsPath,
  content: string | Uint8Array | FillTemp<T>,
  options: AtomicWriteOptions = {},
): Promise<T | undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  checkTarget(path);
  // Private until complete when a mode is given; otherwise the umask decides, as for any new file.
  const { temp, fd } = createTemp(path, options.mode === undefined ? 0o666 : 0o600);
  let open = true;
  let renamed = false;
  try {
    let value: T | undefined;
    if (typeof content === 'function') value = await content(fd, signal);
    else
      await step(path, 'cannot write', () =>
        writeAll(fd, typeof content === 'string' ? Buffer.from(content) : content),
      );
    signal?.throwIfAborted();
    const { owner, mode, times } = options;
    if (owner) {
      try {
        fchownSync(fd, owner.uid, owner.gid);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') {
          throw new AtomicWriteError(path, `cannot set the owner: ${describeErrno(error)}`, error);
        }
      }
    }
    // After chown, which clears setuid and setgid bits.
    if (mode !== undefined) await step(path, 'cannot set the mode', () => fchmodSync(fd, mode & 0o7777));
    if (times)
      await step(path, 'cannot set the times', () =>
        futimesSync(fd, utimesSeconds(times.atime), utimesSeconds(times.mtime)),
      );
    if (options.fsync !== false) await step(path, 'cannot sync', () => fsyncFd(fd));
    open = false;
    await step(path, 'cannot write', () => closeSync(fd));
    signal?.throwIfAborted();
    await step(path, 'cannot replace it', () => renameSync(temp, path));
    renamed = true;
    return value;
  } finally {
    if (!renamed) {
      if (open) {
        try {
          closeSync(fd);
        } catch {}
      }
      rmSync(temp, { force: true });
    }
  }
}
