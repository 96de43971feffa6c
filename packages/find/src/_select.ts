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
