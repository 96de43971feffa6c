import { lstatSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describeErrno } from '@sys/core';
import { EntryPacker, type PackCounts } from './_entries.js';
import { PackWriter } from './_output.js';
import { NothingToPackError, PackSkipError } from './errors.js';
import { HEADER, trailerLine } from './format.js';

/** Options of `pack`. */
export interface PackOptions {
  /** fnmatch patterns of directory names (and symlinks to directories) left out. @default [] */
  prune?: readonly string[];
  /** Relative input paths are taken from here. @default process.cwd() */
  cwd?: string;
  /**
   * Called for what cannot be packed (a missing input, fifos, sockets, devices, unreadable
   * files, names that are not UTF-8), with a PackSkipError naming the path; packing goes on.
   */
  onError?: (error: PackSkipError) => void;
  /** End `out` when the pack is complete (and resolve only once it has flushed). @default true */
  end?: boolean;
  /** Absolute paths never to pack, such as the file the pack is being written to. */
  exclude?: readonly string[];
  /** Record each entry's modification time (`mtime=`, to the microsecond); unpack restores it. @default false */
  times?: boolean;
  /** Stops between entries; rejects with the signal's reason (what was written stays written). */
  signal?: AbortSignal;
}

/** What `pack` wrote. */
export type PackSummary = PackCounts;

/**
 * Packs files and directories (walked with @sys/find, names sorted) into `out` in the
 * @sys/pack format, streaming: memory stays the same however large the tree or its files.
 * Packing `src` gives entries `src/...`; packing `.` gives the folder's contents.
 * Throws a NothingToPackError, writing nothing, when no input exists.
 */
export async function pack(paths: readonly string[], out: Writable, options: PackOptions = {}): Promise<PackSummary> {
  const cwd = options.cwd ?? process.cwd();
  const inputs = paths.map((input) => {
    const full = resolve(cwd, input);
    return { input, full, st: lstatSync(full, { throwIfNoEntry: false }) };
  });
  if (!inputs.some((i) => i.st)) throw new NothingToPackError(paths);
  const writer = new PackWriter(out);
  const summary: PackSummary = { entries: 0, files: 0, dirs: 0, symlinks: 0, skipped: 0 };
  const excluded = new Set(options.exclude);
  const skip = (path: string, reason: string, cause?: unknown) => {
    summary.skipped++;
    options.onError?.(new PackSkipError(path, reason, cause));
  };
  const packer = new EntryPacker(writer, summary, skip, options.times);
  const file = (path: string, name: string) =>
    excluded.has(path) ? packer.skip(path, 'excluded (the pack being written)') : packer.add(path, name);
  writer.put(`${HEADER}\n`);
  for (const { input, full, st } of inputs) {
    // The entry names start at the input's own name (or inside it, for '.').
    const base = input === '.' || input.endsWith(`${sep}.`) ? full : resolve(full, '..');
    if (!st) {
      packer.skip(input, 'no such file or directory');
      continue;
    }
    if (!st.isDirectory()) {
      await file(full, entryName(base, full));
      continue;
    }
    // The blocking walk: packing reads every file with blocking calls anyway (see EntryPacker).
    // Loaded here: unpack and list, which load this module too, have no use for a walker.
    const { walkSync } = await import('@sys/find');
    const walk = walkSync(full, {
      prune: options.prune,
      onError: (e) => packer.skip(String(e.path), describeErrno(e.cause ?? e), e),
    });
    for (const { dir, dirs, files } of walk) {
      const name = entryName(base, dir);
      if (name !== '') await packer.add(dir, name, true);
      const prefix = name === '' ? '' : `${name}/`;
      // The walk's paths are normalized and names hold no separator: join()'s normalizing is not needed.
      const into = dir.endsWith(sep) ? dir : `${dir}${sep}`;
      // A symlink to a directory is listed with the directories (os.walk does so) and packed as the symlink it is.
      const links = dirs.filter((d) => lstatSync(join(dir, d), { throwIfNoEntry: false })?.isSymbolicLink());
      const real = dirs.filter((d) => !links.includes(d));
      dirs.splice(0, dirs.length, ...real.sort());
      const names = links.length > 0 ? [...files, ...links] : files;
      for (const f of names.sort()) {
        options.signal?.throwIfAborted();
        const pending = file(into + f, prefix + f);
        if (pending) await pending;
      }
    }
  }
  writer.put(`${trailerLine(summary.entries, writer.digest())}\n`);
  await writer.flush();
  if (options.end ?? true) await finished(out.end());
  return summary;
}

/** The entry name of `path` below `base`, with '/' between parts ('' for the base itself). */
function entryName(base: string, path: string): string {
  const rel = relative(base, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
