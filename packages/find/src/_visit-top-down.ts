import { type ProducerControl, type PushSink, pull } from '@sys/core';
import { type DirTask, joinPath, type Listing } from './_listing.js';
import { ReadAhead, type Taken } from './_read-ahead.js';
import { children, enter, type Plan, reportUnreadable, rootTask, type Step, stepOf } from './_step.js';

/** A directory read and prepared for the walk, before the walk reaches it. */
export interface Ready<T> {
  step: Step;
  /** What the walk's `prepare` made of the step (nothing when it threw: see `failure`). */
  item: T | undefined;
  /** What `prepare` threw: the walk throws it when it reaches this directory, in order. */
  failure: { error: unknown } | undefined;
  /** The step's subdirectories as listed (after `prune`): a caller that edits `dirs` is told apart by them. */
  listed: string[];
  /** The directories to enter below it if `dirs` is left as listed, in order. */
  kids: DirTask[];
}

/**
 * A read-ahead for an ordered walk: it never reads below pruned names nor past `maxDepth`, and
 * runs `prepare` on each step as its listing arrives, whatever the walk's order.
 */
export function readAheadFor<T>(plan: Plan, prepare?: (step: Step) => T | undefined): ReadAhead<Ready<T>> {
  const { options, maxDepth } = plan;
  return new ReadAhead<Ready<T>>({
    enter: (task) => enter(task, options),
    follow: options.followSymlinks === true,
    prepare: (task: DirTask, listing: Listing) => {
      const step = stepOf(task, listing, plan);
      const listed = step.entry.dirs.slice();
      const kids = task.depth < maxDepth ? children(task, listing, listed, options) : [];
      let item: T | undefined;
      let failure: Ready<T>['failure'];
      try {
        item = prepare?.(step);
      } catch (error) {
        failure = { error };
      }
      return { step, item, failure, listed, kids };
    },
    ahead: (ready) => ready.kids,
  });
}

/** A directory handed over by the read-ahead, or undefined (reported) when unreadable or skipped. */
export function takenReady<T>({ task, outcome }: Taken<Ready<T>>, plan: Plan): Ready<T> | undefined {
  if ('error' in outcome) {
    reportUnreadable(task, outcome.error, plan.options);
    return undefined;
  }
  return outcome.ready;
}

/** Steers a `visitTopDown`. */
export interface VisitControl {
  /** Settles when the walk is over (rejects with the abort reason or an error of `visit`). */
  done: Promise<void>;
  /** Goes on after `visit` returned false. */
  resume(): void;
  /** Ends the walk for good: nothing more is read or visited, and `done` resolves. */
  stop(): void;
  /**
   * Ends the walk here and gives back the directories it has yet to visit, in walk order: the
   * trees below them, one after another, are the rest of the walk (undefined once it is over).
   */
  detach(): DirTask[] | undefined;
}

/**
 * The async top-down walk without a promise per directory: `prepare` runs on each step as soon
 * as its listing is in, in any order; `visit` then runs synchronously with what it made, in walk
 * order; it may prune `step.entry.dirs`, and return false to pause until `resume()` (the step's
 * `dirs` may still be pruned while paused).
 */
export function visitTopDown<T>(
  root: string,
  plan: Plan,
  prepare: (step: Step) => T | undefined,
  visit: (item: T | undefined, step: Step) => boolean,
): VisitControl {
  const { options, maxDepth, skipDir } = plan;
  const reader = readAheadFor(plan, prepare);
  const stack: DirTask[] = [rootTask(root)];
  let paused = false;
  let over = false;
  /** The directory last visited: its children go on the stack at the next turn, after the visitor (or, paused, the caller) has pruned. */
  let last: Ready<T> | undefined;
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
    let next = last.kids;
    last = undefined;
    const { entry, listing, task } = step;
    if (task.depth >= maxDepth) return;
    if (entry.dirs.length !== listed.length || entry.dirs.some((name, i) => name !== listed[i])) {
      // Reads ahead below names the caller pruned would hold the read-ahead's room for nothing.
      const kept = new Set(entry.dirs);
      for (const name of listed) if (!kept.has(name) && !skipDir?.(name)) reader.drop(joinPath(task.path, name));
      next = children(task, listing, entry.dirs, options);
    }
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
        const ready = takenReady(taken, plan);
        if (!ready) continue;
        if (ready.failure) throw ready.failure.error;
        last = ready;
        paused = !visit(ready.item, ready.step);
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
    detach() {
      if (over) return undefined;
      descend();
      const rest = stack.toReversed();
      reader.close();
      settle();
      return rest;
    },
  };
}

/** Another walker, started to take over the rest of a walk (a worker thread: see `_handoff.ts`). */
export interface OtherWalker {
  /** Resolves true once it can take over, false if it cannot (the walk then goes on here). */
  ready: Promise<boolean>;
  /** Walks the trees below `rest`, one after another, pushing to the same sink. */
  begin(rest: DirTask[]): ProducerControl;
  /** Lets go of it, begun or not. */
  cancel(): void;
}

/** When and how a walk hands itself over. */
export interface Handoff<T> {
  /** Milliseconds the walk runs here before the other walker is started; 0 leaves the whole walk to it. */
  after: number;
  /** Starts the other walker, which pushes what it finds to `sink` once it has begun. */
  start(sink: PushSink<T>): OtherWalker;
}

/** What a walk of items needs, made when iteration starts (so bad options throw there, as a generator's would). */
export interface ItemsSetup<T> {
  plan: Plan;
  /** Turns a step into its items (or nothing), as soon as the step is read. */
  take: (step: Step) => readonly T[] | undefined;
  /** Hand a walk still going to another walker (none: the walk stays here). */
  handoff?: Handoff<T>;
}

/**
 * The top-down walk as an async iterator of items, one by one in walk order. The walk pauses
 * while `backlog` items wait for the consumer, so a slow consumer holds it back and one that
 * leaves early stops it. With a `handoff`, a walk still going after a while moves to another
 * walker, which goes on from the directories this one had yet to visit.
 */
export function topDownItems<T>(
  root: string,
  setup: () => ItemsSetup<T>,
  backlog: number,
): AsyncGenerator<T, void, undefined> {
  return pull<T>(
    (sink) => {
      const { plan, take, handoff } = setup();
      let control: ProducerControl | undefined;
      let other: OtherWalker | undefined;
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      const walkHere = () => {
        const walk = visitTopDown(root, plan, take, (items = []) => {
          let more = true;
          for (const item of items) more = sink.push(item);
          return more;
        });
        control = walk;
        const ended = (error?: unknown) => {
          // A walk detached for the other walker settles too: only its own end ends the sink.
          if (control !== walk) return;
          clearTimeout(timer);
          other?.cancel();
          sink.end(error);
        };
        walk.done.then(() => ended(), ended);
        return walk;
      };
      if (!handoff) return walkHere();
      const startOther = (here: VisitControl | undefined) => {
        const started = handoff.start(sink);
        other = started;
        started.ready.then((ok) => {
          if (stopped) return;
          const rest = !ok ? undefined : here ? here.detach() : [rootTask(root)];
          if (rest) control = started.begin(rest);
          else {
            started.cancel();
            if (!here) walkHere();
          }
        });
      };
      if (handoff.after === 0) startOther(undefined);
      else {
        const here = walkHere();
        timer = setTimeout(() => startOther(here), handoff.after);
        timer.unref();
      }
      return {
        resume: () => control?.resume?.(),
        stop: () => {
          stopped = true;
          clearTimeout(timer);
          other?.cancel();
          control?.stop?.();
        },
      };
    },
    { backlog },
  );
}
