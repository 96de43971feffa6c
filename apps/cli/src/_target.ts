import { lstatSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { OutputTargetError } from './errors.js';

/** Where `-o FILE` output goes, decided before any work starts. */
export type Target =
  /** stdout (`-o -`, or no -o) */
  | { kind: 'stdout' }
  /** a device or a fifo: written straight into, never replaced */
  | { kind: 'stream'; path: string }
  /** a regular file or a missing one: written under a temp name beside it, then renamed over it */
  | { kind: 'file'; path: string; shown: string };

function refuse(shown: string, reason: string): never {
  throw new OutputTargetError(shown, reason);
}

function kindOf(path: string, st: Stats, shown: string): Target {
  if (st.isFile()) return { kind: 'file', path, shown };
  if (st.isDirectory()) refuse(shown, 'is a directory (give a file name for -o)');
  if (st.isFIFO() || st.isCharacterDevice() || st.isBlockDevice()) return { kind: 'stream', path };
  return refuse(shown, 'is a socket, which cannot be written to');
}

/**
 * What `-o FILE` means: `-` is stdout; a device or a fifo is written straight into (a temp and
 * a rename would replace /dev/null with a file); a symlink is followed, so the file it points
 * to is the one replaced and the link stays; a regular or missing file is replaced whole at
 * the end. A missing parent folder, a directory or a dangling link is refused now, before
 * anything is walked.
 */
export function outputTarget(file: string | undefined, cwd: string): Target {
  if (file === undefined || file === '-') return { kind: 'stdout' };
  const path = resolve(cwd, file);
  let st: Stats | undefined;
  try {
    st = lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') refuse(file, `not a directory: ${dirname(file)}`);
    throw Object.assign(error as Error, { path: file });
  }
  if (!st) {
    const parent = statSync(dirname(path), { throwIfNoEntry: false });
    if (!parent) refuse(file, `no such directory: ${dirname(file)}`);
    if (!parent.isDirectory()) refuse(file, `not a directory: ${dirname(file)}`);
    if (basename(path) === '') refuse(file, 'is not a file name');
    return { kind: 'file', path, shown: file };
  }
  if (!st.isSymbolicLink()) return kindOf(path, st, file);
  const target = statSync(path, { throwIfNoEntry: false });
  if (!target) refuse(file, 'is a symlink to a missing file');
  return kindOf(realpathSync(path), target, file);
}
