import { readFileSync, type Stats, writeSync } from 'node:fs';
import { atomicWrite, type FsPath } from '@sys/core';
import { countsAfter, replaceOptions } from './_replace.js';
import { type Converter, refuses } from './convert.js';
import type { Counts } from './counts.js';
import { EndingCounter } from './detect.js';
import type { FileOptions, FileResult } from './file-options.js';

/** Files up to this size are read, converted and written to their temp file in one go. */
export const SMALL = 256 * 1024;

/**
 * The small-file path, most files of a tree: read, check and convert with blocking calls
 * (microseconds each, where a thread-pool round trip costs more than the work); only the
 * fsync waits on the pool.
 */
export async function convertSmall(
  path: string,
  target: FsPath,
  st: Stats,
  converter: Converter,
  options: FileOptions,
): Promise<FileResult> {
  const data = readFileSync(target);
  const refused = refuses(data);
  if (refused && !options.convertBinary) return { path, status: 'skipped', reason: refused, changed: false };
  const out = Buffer.allocUnsafe(converter.room(data.length) + 1);
  // To LF the converter counts as it converts; to CRLF the counts decide first whether to convert.
  const before = converter.to === 'lf' ? undefined : counted(data);
  if (before?.lf === 0) return { path, status: 'unchanged', changed: false };
  const n = converter.push(data, data.length, out);
  const tail = converter.flush();
  if (converter.edits === 0) return { path, status: 'unchanged', changed: false };
  const counts = before ?? (converter.counts() as Counts);
  const after = countsAfter(counts, converter);
  if (options.dryRun) return { path, status: 'changed', before: counts, after, changed: false };
  await atomicWrite(
    target,
    (fd) => {
      writeSync(fd, out, 0, n);
      if (tail.length > 0) writeSync(fd, tail);
    },
    replaceOptions(target, st, options),
  );
  return { path, status: 'changed', before: counts, after, changed: true };
}

function counted(data: Uint8Array): Counts {
  const counter = new EndingCounter();
  counter.add(data);
  return counter.end();
}
