import { lstat, lstatSync, type Stats, stat, statSync } from 'node:fs';
import { OptionError } from '@sys/core';
import { TopN } from './_heap.js';
import { entryFsPath, joinPath } from './_listing.js';
import { planWalk, type Step } from './_step.js';
import { stepsSync } from './_walk-sync.js';
import { walkUnordered } from './_walk-unordered.js';
import { compile } from './fnmatch.js';
import type { WalkOptions } from './walk-options.js';

/** A file and its size in bytes. */
export interface SizedFile {
  path: string;
  size: number;
}

/** Options of `largest` and `largestSync`. */
export interface LargestOptions extends Omit<WalkOptions, 'topDown'> {
  /** Only files whose name matches this fnmatch pattern. @default every file */
  pattern?: string;
  /** Called now and then with the number of files looked at so far (for a progress line). */
  onProgress?: (filesSeen: number) => void;
}

/** Bigger first; equal sizes in path order, so results do not depend on listing order. */
function bySize(a: SizedFile, b: SizedFile): number {
  return a.size - b.size || (a.path < b.path ? 1 : a.path > b.path ? -1 : 0);
}

function plan(n: number, options: LargestOptions) {
  if (!(Number.isInteger(n) && n >= 0)) throw new OptionError('n', `must be a whole number 0 or more, not ${n}`);
  const match = options.pattern === undefined ? undefined : compile(options.pattern);
  const follow = options.followSymlinks === true;
  const walk = planWalk({ ...options, topDown: true });
  let seen = 0;
  let reported = 0;
  /** The candidates of one walk step: regular files (and followed links) whose name matches. */
  const candidates = ({ entry, listing }: Step): number[] => {
    seen += entry.files.length;
    if (options.onProgress && seen - reported >= 1024) {
      reported = seen;
      options.onProgress(seen);
    }
    const out: number[] = [];
    const { files } = entry;
    for (let i = 0; i < files.length; i++) {
      const kind = listing.fileKinds[i];
      if (kind !== 'file') continue;
      if (match && !match(files[i] as string)) continue;
      out.push(i);
    }
    return out;
  };
  return { heap: new TopN<SizedFile>(n, bySize), walk, candidates, follow };
}

/**
 * The `n` largest files under `root`, biggest first, keeping only `n` in memory (a bounded heap).
 * Directories are read on the thread pool in whatever order they finish (the answer does not
 * depend on it), and each file's lstat goes to the pool as a plain callback (a promise per
 * file costs more than the system call); the pool's queue interleaves the stats with the next
 * reads, so only a few directories' files wait at a time.
 */
export async function largest(root: string, n: number, options: LargestOptions = {}): Promise<SizedFile[]> {
  const { heap, walk, candidates, follow } = plan(n, options);
  const statOf = follow ? stat : lstat;
  let pending = 0;
  let settle: (() => void) | undefined;
  await walkUnordered(root, walk, (step) => {
    for (const i of candidates(step)) {
      const name = step.entry.files[i] as string;
      const path = joinPath(step.entry.dir, name);
      pending++;
      statOf(entryFsPath(step.task, step.listing, i), (err, st) => {
        if (!err) heap.offer({ path, size: st.size });
        if (--pending === 0) settle?.();
      });
    }
  });
  if (pending > 0) await new Promise<void>((resolve) => (settle = resolve));
  return heap.sorted();
}

/** A file that vanished since the listing, or cannot be stat'ed, is simply not counted. */
function sizeOrNothing(statFile: () => Stats): Stats | undefined {
  try {
    return statFile();
  } catch {
    return undefined;
  }
}

/** The blocking form of `largest`. */
export function largestSync(root: string, n: number, options: LargestOptions = {}): SizedFile[] {
  const { heap, walk, candidates, follow } = plan(n, options);
  const statOf = follow ? statSync : lstatSync;
  for (const step of stepsSync(root, walk)) {
    for (const i of candidates(step)) {
      const name = step.entry.files[i] as string;
      const st = sizeOrNothing(() => statOf(entryFsPath(step.task, step.listing, i)));
      if (st) heap.offer({ path: joinPath(step.entry.dir, name), size: st.size });
    }
  }
  return heap.sorted();
}
