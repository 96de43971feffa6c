import { lstat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { compile, walk } from '@sys/find';
import { normalizeTarget, type Target } from './convert.js';
import { ConvertError } from './errors.js';
import { convertOne, type FileOptions, type FileResult, isStaleTemp, removeStaleTemps } from './file.js';

/** Options of `convertTree`. */
export interface TreeOptions extends FileOptions {
  /** fnmatch patterns of file names to convert. @default every file (text files only, unless forced) */
  patterns?: readonly string[];
  /** fnmatch patterns of directory names not to enter. @default DEFAULT_PRUNE */
  prune?: readonly string[];
  /** Stops the run at the next file; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with each file's result as soon as it is known. */
  onFile?: (result: TreeFileResult) => void;
}

/** One file of a tree run: a result, or the error that stopped it (the file is untouched). */
export type TreeFileResult = FileResult | { path: string; status: 'failed'; error: ConvertError; changed: false };

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
 * @sys/find) and reports each: changed, unchanged, skipped (and why) or failed (and why).
 * A file that fails does not stop the run. Temp files of killed earlier runs are removed.
 */
export async function convertTree(
  roots: string | readonly string[],
  to: Target,
  options: TreeOptions = {},
): Promise<TreeSummary> {
  normalizeTarget(to);
  const summary: TreeSummary = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  const wanted = (options.patterns ?? []).map((p) => compile(p));
  const prune = (options.prune ?? DEFAULT_PRUNE).map((p) => compile(p));
  const running = new Set<Promise<void>>();
  const one = async (path: string) => {
    let result: TreeFileResult;
    try {
      result = await convertOne(path, to, options);
    } catch (error) {
      if (!(error instanceof ConvertError)) throw error;
      result = { path, status: 'failed', error, changed: false };
    }
    summary[result.status]++;
    options.onFile?.(result);
  };
  // Files are converted a few at a time: each waits on fsync and rename, which overlap well.
  const schedule = async (path: string) => {
    options.signal?.throwIfAborted();
    while (running.size >= PARALLEL) await Promise.race(running);
    const task = one(path).finally(() => running.delete(task));
    running.add(task);
  };
  for (const root of typeof roots === 'string' ? [roots] : roots) {
    const st = await lstat(root).catch((error: NodeJS.ErrnoException) => error);
    if (st instanceof Error || !st.isDirectory()) {
      if (!(st instanceof Error)) await removeStaleTemps(dirname(root), basename(root));
      await schedule(root); // a file, a symlink or a missing path: convertOne says what it is
      continue;
    }
    const onError = (error: NodeJS.ErrnoException) => {
      const path = String(error.path ?? root);
      summary.failed++;
      options.onFile?.({
        path,
        status: 'failed',
        error: new ConvertError(path, error.message, { cause: error }),
        changed: false,
      });
    };
    for await (const { dir, dirs, files } of walk(root, { onError, signal: options.signal })) {
      dirs.splice(0, dirs.length, ...dirs.filter((name) => !prune.some((p) => p(name))));
      for (const name of files) {
        if (isStaleTemp(name)) {
          await unlink(join(dir, name)).catch(() => {});
          continue;
        }
        if (wanted.length > 0 && !wanted.some((p) => p(name))) continue;
        await schedule(join(dir, name));
      }
    }
  }
  await Promise.all(running);
  return summary;
}
