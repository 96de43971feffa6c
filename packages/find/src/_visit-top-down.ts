import { pull } from '@sys/core';
import { type DirTask, joinPath } from './_listing.js';
import { ReadAhead, type Taken } from './_read-ahead.js';
import { children, enter, type Plan, reportUnreadable, rootTask, type Step, stepOf } from './_step.js';

/** A read-ahead for an ordered walk: it never reads below pruned names nor past `maxDepth`. */
export function readAheadFor(plan: Plan): ReadAhead {
  const { options, maxDepth, skipDir } = plan;
  return new ReadAhead({
    enter: (task) => enter(task, options),
    follow: options.followSymlinks === true,
    ahead: (task, listing) => {
      if (task.depth >= maxDepth) return [];
      const names = skipDir ? listing.dirs.filter((name) => !skipDir(name)) : listing.dirs;
      return children(task, listing, names, options);
    },
  });
}

/** A directory handed over by the read-ahead as a step, or undefined (reported) when unreadable. */
export function takenStep({ task, outcome }: Taken, plan: Plan): Step | undefined {
  if ('error' in outcome) {
    reportUnreadable(task, outcome.error, plan.options);
    return undefined;
  }
  return outcome.listing && stepOf(task, outcome.listing, plan);
}

/** Steers a `visitTopDown`. */
export interface VisitControl {
  /** Settles when the walk is over (rejects with the abort reason or an error of `visit`). */
  done: Promise<void>;
  /** Goes on after `visit` returned false. */
  resume(): void;
  /** Ends the walk for good: nothing more is read or visited, and `done` resolves. */
  stop(): void;
}

/**
 * The async top-down walk without a promise per directory: `visit` runs synchronously for each
 * step, in walk order, as soon as its listing is in; it may prune `step.entry.dirs`, and return
 * false to pause until `resume()` (the step's `dirs` may still be pruned while paused).
 */
export function visitTopDown(root: string, plan: Plan, visit: (step: Step) => boolean): VisitControl {
  const { options, maxDepth, skipDir } = plan;
  const reader = readAheadFor(plan);
  const stack: DirTask[] = [rootTask(root)];
  let paused = false;
  let over = false;
  /** The step last visited, with the names it was listed with: its children go on the stack at the next turn, after the visitor (or, paused, the caller) has pruned. */
  let last: { step: Step; listed: string[] } | undefined;
  let settle!: (error?: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      over = true;
      stack.length = 0;
      if (error === undefined) resolve();
      else reject(error);
    };
  });
  const descend = () => {
    if (!last) return;
    const { step, listed } = last;
    last = undefined;
    const { entry, listing, task } = step;
    if (task.depth >= maxDepth) return;
    if (entry.dirs.length !== listed.length || entry.dirs.some((name, i) => name !== listed[i])) {
      // Reads ahead below names the caller pruned would hold the read-ahead's room for nothing.
      const kept = new Set(entry.dirs);
      for (const name of listed) if (!kept.has(name) && !skipDir?.(name)) reader.drop(joinPath(task.path, name));
    }
    const next = children(task, listing, entry.dirs, options);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as DirTask);
  };
  const run = (): void => {
    try {
      while (!paused && !over) {
        descend();
        const task = stack.at(-1);
        if (!task) {
          settle();
          return;
        }
        options.signal?.throwIfAborted();
        const taken = reader.poll(task, run);
        if (!taken) return; // run again when the read is in
        stack.pop();
        const step = takenStep(taken, plan);
        if (!step) continue;
        last = { step, listed: step.entry.dirs.slice() };
        paused = !visit(step);
      }
    } catch (error) {
      settle(error);
    }
  };
  run();
  return {
    done,
    resume() {
      if (!paused || over) return;
      paused = false;
      run();
    },
    stop() {
      if (over) return;
      reader.close();
      settle();
    },
  };
}

/**
 * The top-down walk as an async iterator: `take` turns each step into an item (or nothing),
 * and the walk pauses while `backlog` items (or what `weigh` counts) wait for the consumer, so a slow consumer holds it
 * back and one that leaves early stops it.
 */
export function topDownItems<T>(
  root: string,
  plan: Plan,
  take: (step: Step) => T | undefined,
  backlog: number,
  weigh?: (item: T) => number,
): AsyncGenerator<T, void, undefined> {
  return pull<T>(
    (sink) => {
      const walk = visitTopDown(root, plan, (step) => {
        const item = take(step);
        return item === undefined || sink.push(item);
      });
      walk.done.then(() => sink.end(), sink.end);
      return walk;
    },
    { backlog, weigh },
  );
}
