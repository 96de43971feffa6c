import { stat, statSync } from 'node:fs';
import { OptionError } from '@sys/core';
import { type Chain, childTask, type DirTask, type Listing, listSync } from './_listing.js';
import { SymlinkLoopError, UnreadableDirError } from './errors.js';
import { compile } from './fnmatch.js';
import type { WalkEntry, WalkOptions } from './walk-options.js';

/** A walk entry with what the walk read to make it; `find` needs the entry kinds. */
export interface Step {
  entry: WalkEntry;
  listing: Listing;
  task: DirTask;
}

/** A walk's options checked once, with the prune patterns compiled. */
export interface Plan {
  options: WalkOptions;
  maxDepth: number;
  /** True for a directory name `prune` keeps out; undefined when nothing is pruned. */
  skipDir: ((name: string) => boolean) | undefined;
}

/** A test for directory names that `patterns` exclude, or undefined when there are none. */
export function pruner(patterns: readonly string[] | undefined): ((name: string) => boolean) | undefined {
  const tests = (patterns ?? []).map((p) => compile(p));
  if (tests.length === 0) return undefined;
  return (name) => tests.some((test) => test(name));
}

/** Checks a walk's options (OptionError for a bad one) and compiles its prune patterns. */
export function planWalk(options: WalkOptions): Plan {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  if (!(maxDepth >= 0)) throw new OptionError('maxDepth', `must be 0 or more, not ${options.maxDepth}`);
  return { options, maxDepth, skipDir: pruner(options.prune) };
}

/** The first directory of a walk. */
export function rootTask(root: string): DirTask {
  return { path: root, fsPath: root, depth: 0, chain: undefined };
}

/** The step for a directory just read: its entry lists only the subdirectories `prune` keeps. */
export function stepOf(task: DirTask, listing: Listing, plan: Plan): Step {
  const { skipDir } = plan;
  const { bytes } = listing;
  let dirs = listing.dirs;
  let dirBytes = bytes?.dirs;
  if (skipDir) {
    dirs = [];
    dirBytes = bytes && [];
    for (let i = 0; i < listing.dirs.length; i++) {
      const name = listing.dirs[i] as string;
      if (skipDir(name)) continue;
      dirs.push(name);
      dirBytes?.push(bytes?.dirs[i] as Buffer);
    }
  }
  const entry: WalkEntry = { dir: task.path, dirs, files: listing.files };
  // Set only when there are some: entries of ordinary directories keep their three fields.
  if (bytes && dirBytes) entry.bytePaths = { dirs: dirBytes, files: bytes.files };
  return { entry, listing, task };
}

/** Reports a directory that could not be read. */
export function reportUnreadable(task: DirTask, error: unknown, options: WalkOptions): void {
  options.onError?.(new UnreadableDirError(task.path, error));
}

function inChain(chain: Chain | undefined, key: string): boolean {
  for (let c = chain; c; c = c.parent) if (c.key === key) return true;
  return false;
}

/**
 * The loop check for a directory about to be entered when following symlinks, given its stat:
 * false (and an error reported) when it is one of its own ancestors.
 */
function admit(task: DirTask, st: { dev: number; ino: number } | undefined, options: WalkOptions): boolean {
  if (!st) return true; // readdir reports the real error
  const key = `${st.dev}:${st.ino}`;
  if (inChain(task.chain, key)) {
    options.onError?.(new SymlinkLoopError(task.path));
    return false;
  }
  task.chain = { key, parent: task.chain };
  return true;
}

/** Whether to read `task`, following symlinks (the loop check): on the thread pool. */
export function enter(task: DirTask, options: WalkOptions): Promise<boolean> {
  return new Promise((resolve) => stat(task.fsPath, (err, st) => resolve(admit(task, err ? undefined : st, options))));
}

/** The subdirectories of a step the walk should enter, in order: those left in `names`. */
export function children(task: DirTask, listing: Listing, names: string[], options: WalkOptions): DirTask[] {
  const out: DirTask[] = [];
  // Names that show alike (bytes that are not UTF-8) are told apart by order: the k-th such
  // name left in `names` is the k-th listed.
  const from = listing.bytes && new Map<string, number>();
  for (const name of names) {
    if (!options.followSymlinks && listing.linkDirs?.has(name)) continue;
    let bytes: Buffer | undefined;
    if (from) {
      const at = listing.dirs.indexOf(name, from.get(name) ?? 0);
      from.set(name, at + 1);
      bytes = listing.bytes?.dirs[at];
    }
    // A name the caller added that was never listed is still entered, as os.walk would.
    out.push(childTask(task, name, bytes));
  }
  return out;
}

/** Reads one directory with blocking calls; undefined (reported) when it cannot be walked. */
export function readSync(task: DirTask, plan: Plan): Step | undefined {
  const { options } = plan;
  options.signal?.throwIfAborted();
  if (options.followSymlinks && !admit(task, statSync(task.fsPath, { throwIfNoEntry: false }), options)) {
    return undefined;
  }
  try {
    return stepOf(task, listSync(task, options.followSymlinks === true), plan);
  } catch (error) {
    reportUnreadable(task, error, options);
    return undefined;
  }
}
