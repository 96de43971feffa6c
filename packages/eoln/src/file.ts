import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsync,
  futimesSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  write,
  writeSync,
} from 'node:fs';
import { type FileHandle, lstat, open, readdir, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Converter, type ConvertOptions, refuses, type Target } from './convert.js';
import { type Counts, EndingCounter } from './detect.js';
import { ConvertError } from './errors.js';

/** Options of `convertFile`. */
export interface FileOptions extends ConvertOptions {
  /** Keep the file's modification (and access) time. @default false */
  keepMtime?: boolean;
  /** Convert the file a symlink points to; otherwise symlinks are skipped. @default false */
  followSymlinks?: boolean;
  /** Work out what would change, change nothing. @default false */
  dryRun?: boolean;
}

/** What happened to one file. */
export interface FileResult {
  path: string;
  /** 'changed' (or would be, on a dry run), 'unchanged', or 'skipped' with a reason. */
  status: 'changed' | 'unchanged' | 'skipped';
  reason?: 'binary' | 'utf-16/32' | 'symlink' | 'not a regular file';
  before?: Counts;
  after?: Counts;
  /** true: the file's bytes changed on disk (false on a dry run or when nothing changed). */
  changed: boolean;
}

const CHUNK = 1 << 20;
const TEMP = /^\.(.+)\.(\d+)-[0-9a-f]{8}-\d+\.sys-eoln\.tmp$/;
/** Random once per process; with the pid and a counter it names temp files uniquely and cheaply. */
const RUN = randomBytes(4).toString('hex');
let made = 0;

function tempName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${RUN}-${made++}.sys-eoln.tmp`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True for the name of a temp file a conversion left behind when it was killed. */
export function isStaleTemp(name: string): boolean {
  const m = TEMP.exec(name);
  return m !== null && !alive(Number(m[2]));
}

/** Removes temp files that killed conversions left in `dir` (for `base` only, if given). */
export async function removeStaleTemps(dir: string, base?: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!isStaleTemp(name) || (base !== undefined && TEMP.exec(name)?.[1] !== base)) continue;
    await unlink(join(dir, name)).catch(() => {});
  }
}

/** Converts one file; see `convertFile`. Does not look for stale temp files. */
export async function convertOne(path: string, to: Target, options: FileOptions = {}): Promise<FileResult> {
  const converter = new Converter(to); // throws for a bad target before anything is touched
  const fail = (reason: string, cause?: unknown): never => {
    throw new ConvertError(path, reason, { cause });
  };
  let target = path;
  let st: Stats;
  try {
    st = await lstat(path);
    if (st.isSymbolicLink()) {
      if (!options.followSymlinks) return { path, status: 'skipped', reason: 'symlink', changed: false };
      target = await realpath(path);
      st = await stat(target);
    }
  } catch (error) {
    return fail(describe(error), error);
  }
  if (!st.isFile()) return { path, status: 'skipped', reason: 'not a regular file', changed: false };
  if ((st.mode & 0o222) === 0) fail('read-only file (no write permission bits); left as it is');
  if (st.size <= SMALL) {
    try {
      return await convertSmall(path, target, st, converter, options);
    } catch (error) {
      return fail(describe(error), error);
    }
  }

  let input: FileHandle;
  try {
    input = await open(target, 'r');
  } catch (error) {
    return fail(describe(error), error);
  }
  try {
    const head = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(st.size, 1)));
    const { bytesRead } = await input.read(head, 0, head.length, 0);
    const refused = refuses(head.subarray(0, bytesRead));
    if (refused && !options.force) return { path, status: 'skipped', reason: refused, changed: false };
    if (!(await needsChange(input, converter.to, head, bytesRead)))
      return { path, status: 'unchanged', changed: false };
    if (options.dryRun) {
      const { counts } = await pump(input, undefined, converter, st.size);
      return { path, status: 'changed', before: counts, after: after(counts, converter), changed: false };
    }
    const counts = await replaceFile(
      target,
      st,
      options,
      async (fd) => (await pump(input, fd, converter, st.size)).counts,
    );
    return { path, status: 'changed', before: counts, after: after(counts, converter), changed: true };
  } catch (error) {
    if (error instanceof ConvertError) throw error;
    return fail(describe(error), error);
  } finally {
    await input.close();
  }
}

/**
 * Converts one file to LF or CRLF in place, safely: it is rewritten only when its bytes
 * change, through a temp file in the same directory that is fsync'ed and renamed over the
 * original, so a crash leaves the old file or the new one, never a mix. Mode (and owner, when
 * allowed) are kept; `keepMtime` keeps the times. Binary and UTF-16/32 files and symlinks are
 * skipped unless asked. Temp files of killed earlier runs beside the file are removed.
 * Throws ConvertError (original untouched) when the file cannot be read or replaced.
 */
export async function convertFile(path: string, to: Target, options: FileOptions = {}): Promise<FileResult> {
  await removeStaleTemps(dirname(path), basename(path));
  return convertOne(path, to, options);
}

/** Files up to this size are read, converted and written to their temp file in one go. */
const SMALL = 256 * 1024;

/**
 * The small-file path, most files of a tree: read, check and convert with blocking calls
 * (microseconds each, where a thread-pool round trip costs more than the work); only the
 * fsync waits on the pool.
 */
async function convertSmall(path: string, target: string, st: Stats, converter: Converter, options: FileOptions) {
  const data = readFileSync(target);
  const refused = refuses(data);
  if (refused && !options.force) return { path, status: 'skipped' as const, reason: refused, changed: false };
  const counter = new EndingCounter();
  counter.add(data);
  const before = counter.end();
  if (converter.to === 'lf' ? before.crlf === 0 : before.lf === 0)
    return { path, status: 'unchanged' as const, changed: false };
  const out = Buffer.allocUnsafe(converter.room(data.length) + 1);
  const n = converter.push(data, data.length, out);
  const tail = converter.flush();
  const result = {
    path,
    status: 'changed' as const,
    before,
    after: after(before, converter),
    changed: !options.dryRun,
  };
  if (options.dryRun) return result;
  await replaceFile(target, st, options, async (fd) => {
    writeSync(fd, out, 0, n);
    if (tail.length > 0) writeSync(fd, tail);
  });
  return result;
}

/** The counts after conversion, derived from those before and what the converter did. */
function after(before: Counts, converter: Converter): Counts {
  if (converter.to === 'crlf') return { crlf: before.crlf + before.lf, lf: 0, cr: before.cr };
  // Dropped CRs beyond one per CRLF were lone CRs in runs before an LF.
  return { crlf: 0, lf: before.lf + before.crlf, cr: before.cr - (converter.edits - before.crlf) };
}

/** Reads until it is sure the file changes (usually within the first chunk), or to the end. */
async function needsChange(input: FileHandle, to: 'lf' | 'crlf', head: Buffer, headLength: number): Promise<boolean> {
  const counter = new EndingCounter();
  const changes = () => (to === 'lf' ? counter.crlf > 0 : counter.lf > 0);
  counter.add(head.subarray(0, headLength));
  let offset = headLength;
  const buf = headLength === head.length ? head : Buffer.allocUnsafe(CHUNK);
  while (!changes()) {
    const { bytesRead } = await input.read(buf, 0, buf.length, offset);
    if (bytesRead === 0) break;
    counter.add(buf.subarray(0, bytesRead));
    offset += bytesRead;
  }
  counter.end(); // a CR at the very end settles as a lone CR: no change either way
  return changes();
}

/**
 * Streams the whole file through the converter into `output` (or nowhere, for a dry run),
 * with the next read in flight while a chunk is converted and the last one written.
 * Memory: three read buffers and, to CRLF, three output buffers, whatever the file's size.
 */
async function pump(input: FileHandle, output: number | undefined, converter: Converter, size: number) {
  const counter = new EndingCounter();
  const inPlace = converter.to === 'lf';
  // Small files get small buffers: most files in a tree are far below one chunk.
  const chunk = Math.min(CHUNK, size + 1);
  const reads = [0, 1, 2].map(() => Buffer.allocUnsafe(chunk));
  const outs = inPlace ? reads : [0, 1, 2].map(() => Buffer.allocUnsafe(converter.room(chunk) + 1));
  let offset = 0;
  let writing: Promise<unknown> = Promise.resolve();
  let next = input.read(reads[0] as Buffer, 0, chunk, 0);
  for (let i = 0; ; i++) {
    const { bytesRead } = await next;
    if (bytesRead === 0) break;
    offset += bytesRead;
    const src = reads[i % 3] as Buffer;
    next = input.read(reads[(i + 1) % 3] as Buffer, 0, chunk, offset);
    counter.add(src.subarray(0, bytesRead));
    const lead = inPlace ? converter.lead(src, bytesRead) : new Uint8Array(0);
    const dst = outs[i % 3] as Buffer;
    const n = converter.push(src, bytesRead, dst);
    await writing; // the buffer written two rounds ago is about to be read into again
    if (output !== undefined) writing = writeAll(output, lead, dst.subarray(0, n));
  }
  await writing;
  const tail = converter.flush();
  if (output !== undefined && tail.length > 0) await writeAll(output, tail);
  return { counts: counter.end() };
}

async function writeAll(fd: number, ...parts: Uint8Array[]): Promise<void> {
  for (const part of parts) {
    for (let at = 0; at < part.length; ) {
      at += await new Promise<number>((resolve, reject) =>
        write(fd, part, at, part.length - at, null, (err, written) => (err ? reject(err) : resolve(written))),
      );
    }
  }
}

/**
 * Writes a file's new bytes to a temp file beside it (`fill`), gives it the old file's mode,
 * owner (when allowed) and, on request, times, fsyncs it and renames it over the old one.
 * On any failure the temp file goes and the old file stays as it was.
 */
async function replaceFile<T>(
  target: string,
  st: Stats,
  options: FileOptions,
  fill: (fd: number) => Promise<T>,
): Promise<T> {
  const temp = tempName(target);
  const mode = st.mode & 0o7777;
  const fd = openSync(temp, 'wx', mode);
  let done = false;
  try {
    const value = await fill(fd);
    fchmodSync(fd, mode); // the umask may have narrowed the mode at open
    try {
      fchownSync(fd, st.uid, st.gid); // only root may give a file away
    } catch {}
    if (options.keepMtime) futimesSync(fd, st.atime, st.mtime);
    // On the pool: several files' fsyncs overlap in a tree run.
    await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
    closeSync(fd);
    done = true;
    renameSync(temp, target);
    return value;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {}
      rmSync(temp, { force: true });
    }
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file (it may have vanished)',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'is a directory',
    ENOSPC: 'no space left on device',
  };
  return (e?.code && reasons[e.code]) || (e instanceof Error ? e.message : String(error));
}
