import { isUtf8 } from 'node:buffer';
import { lstatSync, type Stats } from 'node:fs';
import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import { atomicWrite, describeErrno, type FsPath, pathText } from '@sys/core';
import { countsAfter, replaceOptions } from './_replace.js';
import { convertSmall, SMALL } from './_small-file.js';
import { CHUNK, needsChange, pump } from './_stream-file.js';
import { Converter, refuses, type Target } from './convert.js';
import { ConvertError } from './errors.js';
import type { FileOptions, FileResult } from './file-options.js';

/** Why a step failed, for a ConvertError; an abort is no failure of the file and goes through as it is. */
function failure(path: FsPath, error: unknown, signal: AbortSignal | undefined): unknown {
  if (error instanceof ConvertError) return error;
  if (signal?.aborted && error === signal.reason) return error;
  // AtomicWriteError says which step failed ('cannot replace it: ...'): keep its words.
  const own = typeof error === 'object' && error !== null ? (error as { reason?: unknown }).reason : undefined;
  const reason = typeof own === 'string' ? own : describeErrno(error);
  return new ConvertError(path, reason, { cause: error });
}

/** Converts one file; see `convertFile`. Does not look for stale temp files. */
export async function convertOne(path: FsPath, to: Target, options: FileOptions = {}): Promise<FileResult> {
  const result = await convertAs(pathText(path), path, to, options);
  // Added after the fact, to the rare result that needs it: a spread into every result made a
  // tree run of 10,000 files take 5 MiB more memory.
  if (typeof path !== 'string' && !isUtf8(path)) result.bytePath = path;
  return result;
}

/** convertOne, with `shown` (the path as text) in the result. */
async function convertAs(shown: string, path: FsPath, to: Target, options: FileOptions): Promise<FileResult> {
  const converter = new Converter(to, { count: true }); // throws for a bad target before anything is touched
  const { signal } = options;
  signal?.throwIfAborted();
  let target = path;
  let st: Stats;
  try {
    // Blocking: microseconds, where a trip to the thread pool (busy with fsyncs) can wait long.
    st = lstatSync(path);
    if (st.isSymbolicLink()) {
      if (!options.followSymlinks) return { path: shown, status: 'skipped', reason: 'symlink', changed: false };
      target = await realpathOf(path);
      st = await stat(target);
    }
  } catch (error) {
    throw failure(path, error, signal);
  }
  if (!st.isFile()) return { path: shown, status: 'skipped', reason: 'not a regular file', changed: false };
  if ((st.mode & 0o222) === 0) throw new ConvertError(path, 'read-only file (no write permission bits); left as it is');
  try {
    if (st.size <= SMALL) return await convertSmall(shown, target, st, converter, options);
    return await convertLarge(shown, target, st, converter, options);
  } catch (error) {
    throw failure(path, error, signal);
  }
}

/** Where a symlink leads, as bytes when a name on the way is not UTF-8 (as text it would name another file). */
async function realpathOf(path: FsPath): Promise<FsPath> {
  const text = await realpath(path);
  return text.includes('\uFFFD') ? realpath(path, { encoding: 'buffer' }) : text;
}

/** A file too big to read whole: streamed, and left alone as soon as it is known not to change. */
async function convertLarge(
  path: string,
  target: FsPath,
  st: Stats,
  converter: Converter,
  options: FileOptions,
): Promise<FileResult> {
  const input: FileHandle = await open(target, 'r');
  try {
    const head = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(st.size, 1)));
    const { bytesRead } = await input.read(head, 0, head.length, 0);
    const refused = refuses(head.subarray(0, bytesRead));
    if (refused && !options.convertBinary) return { path, status: 'skipped', reason: refused, changed: false };
    if (!(await needsChange(input, converter.to, head, bytesRead)))
      return { path, status: 'unchanged', changed: false };
    if (options.dryRun) {
      const before = await pump(input, undefined, converter, st.size, options.signal);
      return { path, status: 'changed', before, after: countsAfter(before, converter), changed: false };
    }
    const before = await atomicWrite(
      target,
      (fd, signal) => pump(input, fd, converter, st.size, signal),
      replaceOptions(target, st, options),
    );
    return { path, status: 'changed', before, after: countsAfter(before, converter), changed: true };
  } finally {
    await input.close();
  }
}
