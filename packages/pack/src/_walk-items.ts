import { lstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describeErrno } from '@sys/core';
import type { walkSync } from '@sys/find';

/** One thing a walk gives pack, in the order the pack lists it. */
export interface PackItem {
  kind: 'file' | 'dir' | 'skip';
  path: string;
  /** The entry name; for a skip, why. */
  name: string;
  cause?: unknown;
  /** Asked of the reader thread: its result is the next one it hands back. */
  read?: boolean;
}

/** The entry name of `path` below `base`, with '/' between parts ('' for the base itself). */
export function entryName(base: string, path: string): string {
  const rel = relative(base, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * A directory's walk as pack lists it: each directory, then its files and symlinks to
 * directories, names sorted, subdirectories visited in sorted order. Walk errors come as
 * skips where the walk met them, so they are reported in the same order however far ahead
 * this is pulled.
 */
export function* walkItems(
  walk: typeof walkSync,
  root: string,
  base: string,
  prune: readonly string[] | undefined,
): Generator<PackItem, void, undefined> {
  const errors: PackItem[] = [];
  const entries = walk(root, {
    prune,
    onError: (e) => errors.push({ kind: 'skip', path: String(e.path), name: describeErrno(e.cause ?? e), cause: e }),
  });
  for (;;) {
    const step = entries.next();
    if (errors.length > 0) yield* errors.splice(0);
    if (step.done) return;
    const { dir, dirs, files } = step.value;
    // A symlink to a directory is listed with the directories (os.walk does so) and packed as the symlink it is.
    // `dirs` is sorted before anything is handed on: the walk descends in its order.
    const links = dirs.filter((d) => lstatSync(join(dir, d), { throwIfNoEntry: false })?.isSymbolicLink());
    const real = dirs.filter((d) => !links.includes(d));
    dirs.splice(0, dirs.length, ...real.sort());
    const name = entryName(base, dir);
    if (name !== '') yield { kind: 'dir', path: dir, name };
    const prefix = name === '' ? '' : `${name}/`;
    // The walk's paths are normalized and names hold no separator: join()'s normalizing is not needed.
    const into = dir.endsWith(sep) ? dir : `${dir}${sep}`;
    const names = links.length > 0 ? [...files, ...links] : files;
    for (const f of names.sort()) yield { kind: 'file', path: into + f, name: prefix + f };
  }
}
