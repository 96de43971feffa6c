import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { OptionError } from '@sys/core';
import { joinPath } from './_listing.js';
import { type Plan, planWalk, type Step, type WalkOptions } from './_step.js';
import { topDownItems, visitTopDown } from './_visit-top-down.js';
import { stepsSync } from './_walk-sync.js';
import { compile } from './fnmatch.js';

/** Entry types `find` can keep. */
export type EntryType = 'file' | 'dir' | 'symlink';

/** Options of `find`, `findSync` and `findList`. */
export interface FindOptions extends Pick<WalkOptions, 'onError' | 'followSymlinks' | 'signal' | 'prune'> {
  /** Keep only files, directories or symlinks (followed links count as what they point at). @default every type */
  type?: EntryType;
  /** The deepest level to report: 1 is the root's own entries, 0 reports nothing. @default Infinity */
  maxDepth?: number;
  /** Match the path relative to the root with a glob (picomatch, dotfiles included) instead of the name with fnmatch. @default false */
  glob?: boolean;
}

/** A match: its path and what it is ('other' for fifos, sockets and devices). */
export interface Found {
  path: string;
  type: EntryType | 'other';
}

const TYPES: ReadonlySet<unknown> = new Set<EntryType | undefined>(['file', 'dir', 'symlink', undefined]);

function findPlan(options: FindOptions): Plan {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  if (!(maxDepth >= 0)) throw new OptionError('maxDepth', `must be 0 or more, not ${options.maxDepth}`);
  if (!TYPES.has(options.type))
    throw new OptionError('type', `must be 'file', 'dir' or 'symlink', not '${options.type}'`);
  // find reports entries one level below the directories it reads.
  return planWalk({ ...options, topDown: true, maxDepth: Math.max(0, maxDepth - 1) });
}

/** picomatch, loaded on first use: most finds match names, and loading it costs start-up time. */
function globMatcher(pattern: string): (path: string) => boolean {
  const picomatch = createRequire(import.meta.url)('picomatch') as typeof import('picomatch');
  return picomatch(pattern, { dot: true });
}

/**
 * Turns each walk step into matches (the walk has already left pruned directories out).
 * One function serves the sync and async forms so they cannot drift apart.
 */
function selector(pattern: string, root: string, options: FindOptions): (step: Step) => Found[] {
  const want = options.type;
  const follow = options.followSymlinks === true;
  const skip = (options.maxDepth ?? 1) < 1;
  const relStart = root.endsWith(sep) ? root.length : root.length + 1;
  let test: (name: string, path: string) => boolean;
  if (options.glob) {
    const isMatch = globMatcher(pattern);
    test = (_name, path) => isMatch(path.slice(relStart));
  } else {
    const match = compile(pattern);
    test = (name) => match(name);
  }
  return ({ entry, listing }) => {
    const out: Found[] = [];
    if (skip) {
      entry.dirs.length = 0;
      return out;
    }
    if (want !== 'file') {
      for (const name of entry.dirs) {
        const type: EntryType = !follow && listing.linkDirs?.has(name) ? 'symlink' : 'dir';
        if (want !== undefined && want !== type) continue;
        const path = joinPath(entry.dir, name);
        if (test(name, path)) out.push({ path, type });
      }
    }
    if (want !== 'dir') {
      const { files } = entry;
      for (let i = 0; i < files.length; i++) {
        const type = listing.fileKinds[i] as Found['type'];
        if (want !== undefined && want !== type) continue;
        const name = files[i] as string;
        // Build the path only when needed: most names do not match.
        if (options.glob) {
          const path = joinPath(entry.dir, name);
          if (test(name, path)) out.push({ path, type });
        } else if (test(name, '')) out.push({ path: joinPath(entry.dir, name), type });
      }
    }
    return out;
  };
}

/** Matches that may wait for a slow consumer: a wide directory's are kept, but the walk pauses. */
const BACKLOG = 256;

/** Yields every file and directory under `root` whose name matches `pattern` (fnmatch), in walk order, with its type. */
export function findEntries(
  pattern: string,
  root = '.',
  options: FindOptions = {},
): AsyncGenerator<Found, void, undefined> {
  return topDownItems(root, () => ({ plan: findPlan(options), take: selector(pattern, root, options) }), BACKLOG);
}

/** The blocking form of `findEntries`. */
export function* findEntriesSync(
  pattern: string,
  root = '.',
  options: FindOptions = {},
): Generator<Found, void, undefined> {
  const select = selector(pattern, root, options);
  for (const step of stepsSync(root, findPlan(options))) yield* select(step);
}

/** Yields the path of every file and directory under `root` whose name matches `pattern`, in walk order. */
export function find(pattern: string, root = '.', options: FindOptions = {}): AsyncGenerator<string, void, undefined> {
  return topDownItems(
    root,
    () => {
      const select = selector(pattern, root, options);
      return { plan: findPlan(options), take: (step) => select(step).map((found) => found.path) };
    },
    BACKLOG,
  );
}

/** The blocking form of `find`. */
export function* findSync(pattern: string, root = '.', options: FindOptions = {}): Generator<string, void, undefined> {
  for (const found of findEntriesSync(pattern, root, options)) yield found.path;
}

/** All of `find`'s matches as an array, sorted when `sort` is set (the chapter's findlist). */
export async function findList(
  pattern: string,
  root = '.',
  options: FindOptions & { sort?: boolean } = {},
): Promise<string[]> {
  const select = selector(pattern, root, options);
  const out: string[] = [];
  // Collected straight from the walk: no per-path generator round trip.
  await visitTopDown(root, findPlan(options), select, (found = []) => {
    for (const { path } of found) out.push(path);
    return true;
  }).done;
  return options.sort ? out.sort() : out;
}
