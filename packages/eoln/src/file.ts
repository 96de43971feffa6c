import { type FsPath, parentOf, removeStaleTemps } from '@sys/core';
import { convertOne } from './_convert-one.js';
import type { Target } from './convert.js';
import type { FileOptions, FileResult } from './file-options.js';

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
