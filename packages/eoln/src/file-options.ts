import type { Counts } from './counts.js';

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
