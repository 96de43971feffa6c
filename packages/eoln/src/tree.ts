import { lstat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type FsPath, isStaleTemp, isTempName, removeStaleTemps, type SysError } from '@sys/core';
import { convertOne } from './_convert-one.js';
import { normalizeTarget, type Target } from './convert.js';
import { ConvertError } from './errors.js';
import type { FileOptions, FileResult } from './file-options.js';

/** Options of `convertTree`. */
export interface TreeOptions extends FileOptions {
  /** fnmatch patterns of file names to convert. @default every file (text files only, unless `convertBinary`) */
  patterns?: readonly string[];
  /** fnmatch patterns of directory names not to enter. @default DEFAULT_PRUNE */
  prune?: readonly string[];
  /**
   * Stops the run: no new file is started, the files being converted stop and keep their old
   * bytes, and the promise rejects with the signal's reason once none of them is writing.
   */
  signal?: AbortSignal;
  /** Called with each file's result as soon as it is known: changed, unchanged or skipped. */
  onFile?: (result: FileResult) => void;
  /**
   * Called for each file that could not be converted (a `ConvertError`, the file untouched) and
   * each directory that could not be walked (find's `UnreadableDirError` or `SymlinkLoopError`);
   * every one is a SysError with `path` and, from the file system, `cause`. The run goes on.
   */
  onError?: (error: SysError) => void;
}

/** Totals of a tree run. */
export interface TreeSummary {
  changed: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

const PARALLEL = 8;

/** Directories a tree run does not enter unless told otherwise. */
export const DEFAULT_PRUNE: readonly string[] = ['.git', 'node_modules'];

/**
 * Converts every matching text file under `roots` (files or directories, walked with
 * @sys/find) and reports each: changed, unchanged, skipped (and why) to `onFile`, failed (and
 * why) to `onError`. A file that fails does not stop the run. Temp files of killed earlier runs
 * met on the way are removed. Files whose names are not UTF-8 are converted through their bytes.
 */
export async function convertTree(
  roots: string | readonly string[],
  to: Target,
  options: TreeOptions = {},
): Promise<TreeSummary> {
  normalizeTarget(to);
  const { signal } = options;
  signal?.throwIfAborted();
  const summary: TreeSummary = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  // @sys/find is loaded only for patterns or a directory: converting one file needs neither.
  const find = () => import('@sys/find');
  const patterns = options.patterns ?? [];
  const compile = patterns.length > 0 ? (await find()).compile : undefined;
  const wanted = compile ? patterns.map((p) => compile(p)) : [];
  const failed = (error: SysError) => {
    summary.failed++;
    options.onError?.(error);
  };
  const running = new Set<Promise<void>>();
  let stopped: { reason: unknown } | undefined;
  const one = async (path: FsPath) => {
    try {
      const result = await convertOne(path, to, options);
      summary[result.status]++;
      options.onFile?.(result);
    } catch (error) {
      if (error instanceof ConvertError) failed(error);
      else stopped ??= { reason: error }; // an abort, or a callback that threw: the run ends
    }
  };
  // Files are converted a few at a time: each waits on fsync and rename, which overlap well.
  const schedule = async (path: FsPath) => {
    while (running.size >= PARALLEL) await Promise.race(running);
    if (stopped) throw stopped.reason;
    signal?.throwIfAborted();
    const task = one(path).finally(() => running.delete(task));
    running.add(task);
  };
  try {
    for (const root of typeof roots === 'string' ? [roots] : roots) {
      const st = await lstat(root).catch(() => undefined);
      if (!st?.isDirectory()) {
        if (st) await removeStaleTemps(dirname(root));
        await schedule(root); // a file, a symlink or a missing path: convertOne says what it is
        continue;
      }
      const prune = options.prune ?? DEFAULT_PRUNE;
      const { walk } = await find();
      for await (const entry of walk(root, { prune, signal, onError: failed })) {
        const { dir, files, bytePaths } = entry;
        for (let i = 0; i < files.length; i++) {
          const name = files[i] as string;
          // Its bytes, where its name is not UTF-8 (as text it would name another file).
          const path = bytePaths?.files[i] ?? join(dir, name);
          // A temp file is never converted: a killed run's goes, a write in flight's (ours, when
          // a folder is walked twice, or another process's) is its writer's.
          if (isTempName(name)) {
            if (isStaleTemp(name)) await unlink(path).catch(() => {});
            continue;
          }
          if (wanted.length > 0 && !wanted.some((p) => p(name))) continue;
          await schedule(path);
        }
      }
    }
  } finally {
    // Whatever ends the run, it ends only when no conversion is writing any more.
    await Promise.all(running);
  }
  if (stopped) throw stopped.reason;
  return summary;
}
