import { workerHandoff } from './_handoff.js';
import { findPlan, selector } from './_select.js';
import { rootTask } from './_step.js';
import { topDownItems } from './_visit-top-down.js';
import { stepsFrom } from './_walk-sync.js';
import { decodeFound } from './_wire.js';
import type { FindOptions, Found } from './find-options.js';

/** Matches that may wait for a slow consumer: a wide directory's are kept, but the walk pauses. */
const BACKLOG = 256;

/** Yields every file and directory under `root` whose name matches `pattern` (fnmatch), in walk order, with its type. */
export function findEntries(
  pattern: string,
  root = '.',
  options: FindOptions = {},
): AsyncGenerator<Found, void, undefined> {
  return topDownItems(
    root,
    () => ({
      plan: findPlan(options),
      take: selector(pattern, root, options),
      handoff: workerHandoff(pattern, root, options, decodeFound),
    }),
    BACKLOG,
  );
}

/** The blocking form of `findEntries`. */
export function* findEntriesSync(
  pattern: string,
  root = '.',
  options: FindOptions = {},
): Generator<Found, void, undefined> {
  const select = selector(pattern, root, options);
  // find walks top-down only, so stepsFrom directly: one generator between the reads and the
  // caller, not two, and matches yielded by index rather than through yield*'s iterator. A short
  // walk (a CLI's) ends before V8 has optimized its layers: each one costs (~2% of a cold run).
  for (const step of stepsFrom([rootTask(root)], findPlan(options))) {
    const found = select(step);
    for (let i = 0; i < found.length; i++) yield found[i] as Found;
  }
}

/** Yields the path of every file and directory under `root` whose name matches `pattern`, in walk order. */
export function find(pattern: string, root = '.', options: FindOptions = {}): AsyncGenerator<string, void, undefined> {
  return topDownItems(
    root,
    () => {
      const select = selector(pattern, root, options);
      return {
        plan: findPlan(options),
        take: (step) => select(step).map((found) => found.path),
        handoff: workerHandoff<string>(pattern, root, options, undefined),
      };
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
  const out: string[] = [];
  for await (const path of find(pattern, root, options)) out.push(path);
  return options.sort ? out.sort() : out;
}
