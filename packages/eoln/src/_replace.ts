import { type Stats, statSync } from 'node:fs';
import type { AtomicWriteOptions, FsPath } from '@sys/core';
import type { Converter } from './convert.js';
import type { Counts } from './counts.js';
import type { FileOptions } from './file-options.js';

/** How a converted file replaces the original: its mode and owner, its times when asked, the run's signal. */
export function replaceOptions(target: FsPath, st: Stats, options: FileOptions): AtomicWriteOptions {
  const replace: AtomicWriteOptions = { mode: st.mode & 0o7777, owner: { uid: st.uid, gid: st.gid } };
  if (options.signal) replace.signal = options.signal;
  if (options.keepMtime) {
    // In nanoseconds: a Date would round the times to the millisecond.
    const ns = statSync(target, { bigint: true });
    replace.times = { atime: ns.atimeNs, mtime: ns.mtimeNs };
  }
  return replace;
}

/** The counts after conversion, derived from those before and what the converter did. */
export function countsAfter(before: Counts, converter: Converter): Counts {
  if (converter.to === 'crlf') return { crlf: before.crlf + before.lf, lf: 0, cr: before.cr };
  // Dropped CRs beyond one per CRLF were lone CRs in runs before an LF.
  return { crlf: 0, lf: before.lf + before.crlf, cr: before.cr - (converter.edits - before.crlf) };
}
