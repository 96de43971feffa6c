import {
  chmodSync,
  fchmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  unlinkSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { OpenDir } from './_dirfd.js';
import type { Stage } from './_stage.js';
import { PackExistsError, UnsafePathError } from './errors.js';

/** What moving staged entries into place needs to know. */
export interface CommitOptions {
  dest: string;
  force?: boolean;
}

/**
 * Moves a complete staged tree into the destination. A destination that did not exist is
 * the staging directory renamed, in one step. Otherwise each staged name is moved into the
 * destination directory it belongs in, reached through an open descriptor (`OpenDir`):
 * whatever a concurrent writer renames or swaps for a symlink meanwhile, an entry lands in
 * the directory that was checked. Existing directories are entered, never replaced, and
 * keep their modes unless `force`; files are linked into place (link(2) fails on an
 * existing name, so nothing is overwritten without `force`) or, with `force`, renamed
 * over what is there (replacing a symlink, never following it).
 */
export function commit(stage: Stage, options: CommitOptions): void {
  const { path, dir } = stage.root;
  if (stage.wholeDest) {
    mkdirSync(dirname(options.dest), { recursive: true });
    try {
      renameSync(path, options.dest);
      dir.close();
      return;
    } catch (error) {
      // Made meanwhile by someone else: merge into it as into any existing destination.
      if (!['EEXIST', 'ENOTEMPTY', 'ENOTDIR', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) {
        throw error;
      }
    }
  }
  const dest = OpenDir.open(options.dest, true);
  try {
    merge(dir, dest, '', { force: options.force, staging: dir.identity() });
  } finally {
    dest.close();
  }
  stage.removeRoot();
}

interface MergeState {
  force: boolean | undefined;
  /** The staging directory itself, which a pack's entry must never be merged into. */
  staging: { dev: number; ino: number };
}

/** Moves every entry of the staged directory `from` into the destination directory `into`. */
function merge(from: OpenDir, into: OpenDir, prefix: string, state: MergeState): void {
  for (const name of readdirSync(from.at)) {
    const source = `${from.at}/${name}`;
    const target = `${into.at}/${name}`;
    const entry = prefix + name;
    const staged = lstatSync(source);
    const there = lstatSync(target, { throwIfNoEntry: false });
    if (there && there.ino === state.staging.ino && there.dev === state.staging.dev) {
      throw new UnsafePathError(entry, 0, 'it names the staging directory');
    }
    if (!staged.isDirectory()) {
      place(source, target, entry, there, state.force);
      continue;
    }
    if (!there) {
      // Nothing there: the whole staged subtree moves in one rename.
      renameSync(source, target);
      continue;
    }
    if (there.isSymbolicLink()) throw new UnsafePathError(entry, 0, 'a symlink is in the way of this directory');
    if (!there.isDirectory()) throw new PackExistsError(entry, 0);
    enter(source, target, entry, staged.mode & 0o7777, state);
  }
}

/** Merges a staged directory into the existing one at `target`, opened so that it cannot be swapped. */
function enter(source: string, target: string, entry: string, mode: number, state: MergeState): void {
  let into: OpenDir;
  try {
    into = OpenDir.open(target, false);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'ELOOP') {
      throw new UnsafePathError(entry, 0, 'it was replaced by something not a directory while unpacking');
    }
    throw error;
  }
  try {
    if (state.force) fchmodSync(into.fd, mode);
    chmodSync(source, 0o700); // its entries move out of it
    const from = OpenDir.open(source, false);
    try {
      merge(from, into, `${entry}/`, state);
    } finally {
      from.close();
    }
    rmdirSync(source);
  } finally {
    into.close();
  }
}

/** Puts a staged file or symlink at `target`: never over anything without `force`. */
function place(
  source: string,
  target: string,
  entry: string,
  there: ReturnType<typeof lstatSync>,
  force: boolean | undefined,
): void {
  if (there?.isDirectory()) throw new PackExistsError(entry, 0);
  if (there && !force) throw new PackExistsError(entry, 0);
  if (force || lstatSync(source).isSymbolicLink()) {
    // rename(2) replaces the name, never follows it. (link(2) of a symlink follows it on some systems.)
    renameSync(source, target);
    return;
  }
  try {
    linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new PackExistsError(entry, 0);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
    renameSync(source, target); // a file system without hard links: checked above, not atomically
    return;
  }
  unlinkSync(source);
}
