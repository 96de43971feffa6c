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
  write,
  writeSync,
} from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
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
const writeFd = promisify(write);

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

/**
 * The temp files of this process's writes in flight. The writer owns them: each is renamed
 * or removed by its write, and those still here when the process exits (process.exit() after
 * a signal, say) are removed then, so no exit leaves one behind. Only SIGKILL and the like
 * can; removeStaleTemps clears those.
 */
const live = new Set<FsPath>();
let exitHooked = false;

function removeLive(): void {
  for (const temp of live) {
    try {
      rmSync(temp, { force: true });
    } catch {} // a folder made unwritable meanwhile: the others still go, and the exit is not stopped
  }
  live.clear();
}

/** Removes a temp file that will not be renamed, now. */
function drop(temp: FsPath): void {
  live.delete(temp);
  rmSync(temp, { force: true });
}

/** Opens a new temp file beside `path`, O_EXCL: a name in use (by anyone) is never reused. */
function createTemp(path: FsPath, mode: number): { temp: FsPath; fd: number } {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', removeLive);
  }
  for (let tries = 0; ; tries++) {
    const temp = tempPathFor(path);
    try {
      const fd = openSync(temp, CREATE, mode);
      live.add(temp);
      return { temp, fd };
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
  options.signal?.throwIfAborted();
  checkTarget(path);
  // Private until complete when a mode is given; otherwise the umask decides, as for any new file.
  const { temp, fd } = createTemp(path, options.mode === undefined ? 0o666 : 0o600);
  let value: T | undefined;
  try {
    if (typeof content === 'function') value = await content(fd, options.signal);
    else
      await step(path, 'cannot write', () =>
        writeAll(fd, typeof content === 'string' ? Buffer.from(content) : content),
      );
  } catch (error) {
    closeQuietly(fd);
    drop(temp);
    throw error;
  }
  await settle(path, temp, fd, options);
  return value;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {}
}

/**
 * The steps after the bytes are in the temp file: owner, mode, times, fsync, close, rename.
 * On any failure or abort the descriptor is closed and the temp file removed.
 */
async function settle(path: FsPath, temp: FsPath, fd: number, options: AtomicWriteOptions): Promise<void> {
  const { owner, mode, times, signal } = options;
  let open = true;
  try {
    signal?.throwIfAborted();
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
    live.delete(temp);
  } catch (error) {
    if (open) closeQuietly(fd);
    drop(temp);
    throw error;
  }
}

/** An atomic write fed as a stream: see `atomicWriteStream`. */
export interface AtomicWriteStream {
  /** Where the bytes go. A failed write fails the stream with an AtomicWriteError. */
  readonly stream: Writable;
  /** The temp file being written (so a walk of its folder can leave it out). */
  readonly temp: FsPath;
  /** Ends the stream, waits for its writes, then sets owner, mode and times, fsyncs and renames, as `atomicWrite` does. */
  commit(): Promise<void>;
  /** Ends writing at once (writes not done fail) and removes the temp file; the target stays as it was. Any time, any number of times. */
  discard(): void;
}

/**
 * `atomicWrite` for bytes that come over time: the temp file is created now (O_EXCL,
 * O_NOFOLLOW, beside `path`), filled through `stream`, and becomes `path` only at `commit()`
 * (fsync, then rename). `discard()`, a failed commit or the `signal` removes it; so does the
 * process exiting first.
 */
export function atomicWriteStream(path: FsPath, options: AtomicWriteOptions = {}): AtomicWriteStream {
  const { signal } = options;
  signal?.throwIfAborted();
  checkTarget(path);
  const { temp, fd } = createTemp(path, options.mode === undefined ? 0o666 : 0o600);
  // The write in flight, if any (a Writable hands over one chunk at a time): the descriptor is
  // closed only after it, or its number could be reused by another open and the write land there.
  let writing: Promise<unknown> = Promise.resolve();
  let state: 'open' | 'settling' | 'over' = 'open';
  let committed = false;
  const gone = () => (signal?.aborted ? signal.reason : new AtomicWriteError(path, 'the write was discarded'));
  // A discard or an abort while the commit settles stops it before the rename; settle removes the temp.
  const settling = new AbortController();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const done = (async () => {
        for (let at = 0; at < chunk.length; ) at += (await writeFd(fd, chunk, at, chunk.length - at)).bytesWritten;
      })();
      writing = done.catch(() => {});
      done.then(
        () => callback(),
        (error) => callback(new AtomicWriteError(path, `cannot write: ${describeErrno(error)}`, error)),
      );
    },
  });
  const discard = () => {
    if (state === 'settling') settling.abort(gone());
    if (state !== 'open') return;
    state = 'over';
    signal?.removeEventListener('abort', discard);
    stream.destroy();
    drop(temp);
    void writing.then(() => closeQuietly(fd));
  };
  signal?.addEventListener('abort', discard, { once: true });
  return {
    stream,
    temp,
    async commit() {
      if (committed) throw new AtomicWriteError(path, 'committed already');
      if (state !== 'open') throw gone();
      committed = true;
      if (!stream.writableEnded) stream.end();
      try {
        await finished(stream);
      } catch (error) {
        const wasOpen = state === 'open';
        discard();
        throw wasOpen && !signal?.aborted ? error : gone();
      }
      if (state !== 'open') throw gone();
      state = 'settling';
      try {
        await settle(path, temp, fd, { ...options, signal: settling.signal });
      } finally {
        signal?.removeEventListener('abort', discard);
      }
      state = 'over';
    },
    discard,
  };
}
