import { readFileSync, type Stats, writeSync } from 'node:fs';
import { atomicWrite } from '@sys/core';
import { countsAfter, replaceOptions } from './_replace.js';
import { type Converter, refuses } from './convert.js';
import { EndingCounter } from './detect.js';
import type { FileOptions, FileResult } from './file.js';

/** Files up to this size are read, converted and written to their temp file in one go. */
export const SMALL = 256 * 1024;

/**
 * The small-file path, most files of a tree: read, check and convert with blocking calls
 * (microseconds each, where a thread-pool round trip costs more than the work); only the
 * fsync waits on the pool.
 */
export async function convertSmall(
  path: string,
  target: string,
  st: Stats,
  converter: Converter,
  options: FileOptions,
): Promise<FileResult> {
  const data = readFileSync(target);
  const refused = refuses(data);
  if (refused && !options.convertBinary) return { path, status: 'skipped', reason: refused, changed: false };
  const counter = new EndingCounter();
  counter.add(data);
  const before = counter.end();
  if (converter.to === 'lf' ? before.crlf === 0 : before.lf === 0) return { path, status: 'unchanged', changed: false };
  const out = Buffer.allocUnsafe(converter.room(data.length) + 1);
  const n = converter.push(data, data.length, out);
  const tail = converter.flush();
  const after = countsAfter(before, converter);
  if (options.dryRun) return { path, status: 'changed', before, after, changed: false };
  await atomicWrite(
    target,
    (fd) => {
      writeSync(fd, out, 0, n);
      if (tail.length > 0) writeSync(fd, tail);
    },
    replaceOptions(target, st, options),
  );
  return { path, status: 'changed', before, after, changed: true };
}
