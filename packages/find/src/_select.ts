import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { OptionError } from '@sys/core';
import { joinPath } from './_listing.js';
import { type Plan, planWalk, type Step } from './_step.js';
import type { EntryType, FindOptions, Found } from './find-options.js';
import { compile } from './fnmatch.js';

const TYPES: ReadonlySet<unknown> = new Set<EntryType | undefined>(['file', 'dir', 'symlink', undefined]);
const THREADS: ReadonlySet<unknown> = new Set([true, false, 'auto', undefined]);

/** Checks find's options (OptionError for a bad one) and plans its walk. */
export function findPlan(options: FindOptions): Plan {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  if (!(maxDepth >= 0)) throw new OptionError('maxDepth', `must be 0 or more, not ${options.maxDepth}`);
  if (!TYPES.has(options.type))
    throw new OptionError('type', `must be 'file', 'dir' or 'symlink', not '${options.type}'`);
  if (!THREADS.has(options.thread))
    throw new OptionError('thread', `must be true, false or 'auto', not ${String(options.thread)}`);
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
export function selector(pattern: string, root: string, options: FindOptions): (step: Step) => Found[] {
  const want = options.type;
  const follow = options.followSymlinks === true;
  const skip = (options.maxDepth ?? 1) < 1;
  const relStart = root.endsWith(sep) ? root.length : root.length + 1;
  // fnmatch tests the name alone, and a path is built only for a name that matches (most do
  // not); a glob tests the path below the root. Which of the two is chosen here, once.
  const add = options.glob ? globAdder(globMatcher(pattern), relStart) : nameAdder(compile(pattern));
  return ({ entry, listing }) => {
    const out: Found[] = [];
    if (skip) {
      entry.dirs.length = 0;
      return out;
    }
    const { dir, dirs, files } = entry;
    if (want !== 'file') {
      const links = follow ? undefined : listing.linkDirs;
      for (let i = 0; i < dirs.length; i++) {
        const name = dirs[i] as string;
        const type: EntryType = links?.has(name) ? 'symlink' : 'dir';
        if (want === undefined || want === type) add(out, dir, name, type);
      }
    }
    if (want !== 'dir') {
      const kinds = listing.fileKinds;
      for (let i = 0; i < files.length; i++) {
        const type = kinds[i] as Found['type'];
        if (want === undefined || want === type) add(out, dir, files[i] as string, type);
      }
    }
    return out;
  };
}

/** Puts an entry among a step's matches when it matches. */
type Adder = (out: Found[], dir: string, name: string, type: Found['type']) => void;

function nameAdder(match: (name: string) => boolean): Adder {
  return (out, dir, name, type) => {
    if (match(name)) out.push({ path: joinPath(dir, name), type });
  };
}

function globAdder(isMatch: (path: string) => boolean, relStart: number): Adder {
  return (out, dir, name, type) => {
    const path = joinPath(dir, name);
    if (isMatch(path.slice(relStart))) out.push({ path, type });
  };
}
