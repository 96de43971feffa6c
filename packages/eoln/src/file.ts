import { type FsPath, parentOf, removeStaleTemps } from '@sys/core';
import { convertOne } from './_convert-one.js';
import type { Target } from './convert.js';
import type { Counts } from './detect.js';

/** Options of `convertFile`. */
export interface FileOptions {
  /** Convert binary (NUL in the first 8000 bytes) and UTF-16/32 files too (this was `force`). @default false */
  convertBinary?: boolean;
  /** Keep the file's modification and access times (to the microsecond). @default false */
  keepMtime?: boolean;
  /** Convert the file a symlink points to; otherwise symlinks are skipped. @default false */
  followSymlinks?: boolean;
  /** Work out what would change, change nothing. @default false */
  dryRun?: boolean;
  /** Stops the conversion: the temp file goes, the file stays as it was, the promise rejects with the reason. */
  signal?: AbortSignal;
}

/** What happened to one file. */
export interface FileResult {
  /** The file as text: a byte of its path that is not UTF-8 shows as U+FFFD (see `bytePath`). */
  path: string;
  /** Only when the path was given as bytes that are not valid UTF-8: those bytes, which fs needs. */
  bytePath?: Buffer;
  /** 'changed' (or would be, on a dry run), 'unchanged', or 'skipped' with a reason. */
  status: 'changed' | 'unchanged' | 'skipped';
  reason?: 'binary' | 'utf-16/32' | 'symlink' | 'not a regular file';
  before?: Counts;
  after?: Counts;
  /** true: the file's bytes changed on disk (false on a dry run or when nothing changed). */
  changed: boolean;
}

/**
 * Converts one file to LF or CRLF in place, safely: it is rewritten only when its bytes
 * change, through `atomicWrite` (a temp file in the same directory, fsync'ed and renamed over
 * the original), so a crash leaves the old file or the new one, never a mix. Mode (and owner,
 * when allowed) are kept; `keepMtime` keeps the times. Binary and UTF-16/32 files and symlinks
 * are skipped unless asked. Temp files of killed earlier runs in the file's directory are removed.
 * `path` may be a Buffer, for a name that is not valid UTF-8: every fs call then gets its bytes.
 * Throws ConvertError (original untouched) when the file cannot be read or replaced.
 */
export async function convertFile(path: FsPath, to: Target, options: FileOptions = {}): Promise<FileResult> {
  options.signal?.throwIfAborted();
  await removeStaleTemps(parentOf(path));
  return convertOne(path, to, options);
}
