import { stat, statSync } from 'node:fs';
import { Crawler, IN_FLIGHT, type Taken } from './_crawler.js';
import { type Chain, childTask, type DirTask, joinPath, type Listing, list, listSync } from './_listing.js';
import { FindOptionError, SymlinkLoopError } from './errors.js';

/** One directory of a walk, in os.walk's shape. */
export interface WalkEntry {
  /** The directory's path: the root, then root + separator + names. */
  dir: string;
  /** Names of its subdirectories. Top-down, remove names here to keep the walk out of them. */
  dirs: string[];
  /** Names of everything else in it. */
  files: string[];
}

/** Options of `walk` and `walkSync`. */
export interface WalkOptions {
  /** Yield a directory before those below it (and let the caller prune `dirs`). @default true */
  topDown?: boolean;
  /** Called with the error for a directory that cannot be read; the walk goes on. @default skip silently */
  onError?: (error: NodeJS.ErrnoException | SymlinkLoopError) => void;
  /** Enter symlinks to directories; loops are detected by device and inode. @default false */
  followSymlinks?: boolean;
  /** The deepest directory level to read: 0 reads only the root. @default Infinity */
  maxDepth?: number;
  /** Stops the walk: it throws the signal's reason at the next directory. */
  signal?: AbortSignal;
}

/** A walk entry with what the walk read to make it; `find` needs the entry kinds. */
export interface Step {
  entry: WalkEntry;
  listing: Listing;
  task: DirTask;
}

interface Frame {
  step: Step;
  /** The subdirectories still to walk before this directory is yielded. */
  pending: DirTask[];
  next: number;
}

function checkOptions(options: WalkOptions): Required<Pick<WalkOptions, 'maxDepth'>> {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  if (!(maxDepth >= 0)) throw new FindOptionError(`maxDepth must be 0 or more, not ${options.maxDepth}`);
  return { maxDepth };
}

function rootTask(root: string): DirTask {
  return { path: root, fsPath: root, depth: 0, chain: undefined };
}

function keyOf(st: { dev: number; ino: number }): string {
  return `${st.dev}:${st.ino}`;
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
  const key = keyOf(st);
  if (inChain(task.chain, key)) {
    options.onError?.(new SymlinkLoopError(task.path));
    return false;
  }
  task.chain = { key, parent: task.chain };
  return true;
}

function enterSync(task: DirTask, options: WalkOptions): boolean {
  return !options.followSymlinks || admit(task, statSync(task.fsPath, { throwIfNoEntry: false }), options);
}

function enter(task: DirTask, options: WalkOptions): Promise<boolean> {
  return new Promise((resolve) => stat(task.fsPath, (err, st) => resolve(admit(task, err ? undefined : st, options))));
}

/** The subdirectories of a yielded entry the walk should enter, in order. */
function children(task: DirTask, listing: Listing, names: string[], options: WalkOptions): DirTask[] {
  const out: DirTask[] = [];
  for (const name of names) {
    if (!options.followSymlinks && listing.linkDirs?.has(name)) continue;
    // A name the caller added that was never listed is still entered, as os.walk would.
    out.push(childTask(task, listing, name));
  }
  return out;
}

function readSync(task: DirTask, options: WalkOptions): Listing | undefined {
  options.signal?.throwIfAborted();
  if (!enterSync(task, options)) return undefined;
  try {
    return listSync(task, options.followSymlinks === true);
  } catch (error) {
    options.onError?.(error as NodeJS.ErrnoException);
    return undefined;
  }
}

/** Walks a tree as os.walk does, blocking the thread: the fastest way for scripts and CLIs. */
export function* walkSync(root: string, options: WalkOptions = {}): Generator<WalkEntry, void, undefined> {
  for (const step of stepsSync(root, options)) yield step.entry;
}

/** Walks a tree as os.walk does, reading directories on the thread pool, several at a time. */
export async function* walk(root: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry, void, undefined> {
  if (options.topDown === false) {
    for await (const step of bottomUp(root, options)) yield step.entry;
    return;
  }
  // One directory at a time: the drive waits until the caller has seen it (and pruned `dirs`).
  yield* driven(root, options, undefined, (step) => step.entry, 1);
}

/** The sync walk itself; the caller may edit `step.entry.dirs` before asking for the next step. */
export function* stepsSync(root: string, options: WalkOptions): Generator<Step, void, undefined> {
  const { maxDepth } = checkOptions(options);
  if (options.topDown === false) {
    yield* bottomUpSync(root, options, maxDepth);
    return;
  }
  const stack: DirTask[] = [rootTask(root)];
  for (let task = stack.pop(); task; task = stack.pop()) {
    const listing = readSync(task, options);
    if (!listing) continue;
    const entry: WalkEntry = { dir: task.path, dirs: listing.dirs, files: listing.files };
    yield { entry, listing, task };
    if (task.depth >= maxDepth) continue;
    const next = children(task, listing, entry.dirs, options);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as DirTask);
  }
}

function* bottomUpSync(root: string, options: WalkOptions, maxDepth: number): Generator<Step, void, undefined> {
  const frames: Frame[] = [];
  const open = (task: DirTask) => {
    const listing = readSync(task, options);
    if (listing) frames.push(frameOf(task, listing, options, maxDepth));
  };
  open(rootTask(root));
  while (frames.length > 0) {
    const frame = frames.at(-1) as Frame;
    const child = frame.pending[frame.next++];
    if (child) open(child);
    else {
      frames.pop();
      yield frame.step;
    }
  }
}

function frameOf(task: DirTask, listing: Listing, options: WalkOptions, maxDepth: number): Frame {
  const entry = { dir: task.path, dirs: listing.dirs, files: listing.files };
  // Bottom-up, the subdirectories are fixed when the directory is read: editing dirs changes nothing.
  const pending = task.depth < maxDepth ? children(task, listing, listing.dirs, options) : [];
  return { step: { entry, listing, task }, pending, next: 0 };
}

function crawler(options: WalkOptions, maxDepth: number, skipDir: ((name: string) => boolean) | undefined): Crawler {
  return new Crawler({
    enter: (task) => enter(task, options),
    follow: options.followSymlinks === true,
    ahead: (task, listing) => {
      if (task.depth >= maxDepth) return [];
      const names = skipDir ? listing.dirs.filter((name) => !skipDir(name)) : listing.dirs;
      return children(task, listing, names, options);
    },
  });
}

/** Turns a directory handed over by the crawler into a step, or reports its error. */
function stepOf({ task, outcome }: Taken, options: WalkOptions): Step | undefined {
  if ('error' in outcome) {
    options.onError?.(outcome.error as NodeJS.ErrnoException);
    return undefined;
  }
  const { listing } = outcome;
  return listing && { entry: { dir: task.path, dirs: listing.dirs, files: listing.files }, listing, task };
}

async function read(reader: Crawler, task: DirTask, options: WalkOptions): Promise<Step | undefined> {
  options.signal?.throwIfAborted();
  return stepOf(await reader.take(task), options);
}

/** Controls a `drive`: it runs until done, or until `visit` asks for a pause. */
export interface Drive {
  /** Settles when the walk is over (rejects with the abort reason or an error of `visit`). */
  done: Promise<void>;
  /** Goes on after `visit` returned false. */
  resume(): void;
}

/**
 * The async top-down walk without a promise per directory: `visit` runs synchronously for each
 * step, in walk order, as soon as its listing is in; it may prune `step.entry.dirs`, and return
 * false to pause until `resume()` (the step's `dirs` may still be pruned while paused).
 * `walk`, `find` and `findList` run on this.
 */
export function drive(
  root: string,
  options: WalkOptions,
  skipDir: ((name: string) => boolean) | undefined,
  visit: (step: Step) => boolean,
): Drive {
  const { maxDepth } = checkOptions(options);
  const reader = crawler(options, maxDepth, skipDir);
  const stack: DirTask[] = [rootTask(root)];
  let paused = false;
  /** The step last visited, with the names it was listed with: its children go on the stack at the next turn, after the visitor (or, paused, the caller) has pruned. */
  let last: { step: Step; listed: string[] } | undefined;
  let settle!: (error?: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  const descend = () => {
    if (!last) return;
    const { step, listed } = last;
    last = undefined;
    const { entry, listing, task } = step;
    if (task.depth >= maxDepth) return;
    if (entry.dirs !== listing.dirs || entry.dirs.length !== listed.length) {
      // Reads ahead below pruned names would hold the crawler's room for nothing.
      const kept = new Set(entry.dirs);
      for (const name of listed) if (!kept.has(name) && !skipDir?.(name)) reader.drop(joinPath(task.path, name));
    }
    const next = children(task, listing, entry.dirs, options);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as DirTask);
  };
  const run = (): void => {
    try {
      while (!paused) {
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
        const step = stepOf(taken, options);
        if (!step) continue;
        last = { step, listed: step.entry.dirs.slice() };
        paused = !visit(step);
      }
    } catch (error) {
      stack.length = 0;
      settle(error);
    }
  };
  run();
  return {
    done,
    resume() {
      if (!paused) return;
      paused = false;
      run();
    },
  };
}

/** The async bottom-up walk: each directory after everything below it. */
async function* bottomUp(root: string, options: WalkOptions): AsyncGenerator<Step, void, undefined> {
  const { maxDepth } = checkOptions(options);
  const reader = crawler(options, maxDepth, undefined);
  const frames: Frame[] = [];
  const open = async (task: DirTask) => {
    const step = await read(reader, task, options);
    if (step) frames.push(frameOf(step.task, step.listing, options, maxDepth));
  };
  await open(rootTask(root));
  while (frames.length > 0) {
    const frame = frames.at(-1) as Frame;
    const child = frame.pending[frame.next++];
    if (child) await open(child);
    else {
      frames.pop();
      yield frame.step;
    }
  }
}

/**
 * Every directory in no particular order, as fast as the thread pool reads them: for callers
 * whose result does not depend on the order (`largest`). `visit` runs synchronously for each
 * directory as its listing arrives and may prune `step.entry.dirs`.
 */
export function crawl(
  root: string,
  options: WalkOptions,
  skipDir: ((name: string) => boolean) | undefined,
  visit: (step: Step) => void,
): Promise<void> {
  const { maxDepth } = checkOptions(options);
  const follow = options.followSymlinks === true;
  return new Promise((resolve, reject) => {
    const waiting: DirTask[] = [rootTask(root)];
    let reading = 0;
    let failed = false;
    const fail = (error: unknown) => {
      failed = true;
      reject(error);
    };
    const pump = () => {
      if (failed) return;
      if (options.signal?.aborted) return fail(options.signal.reason);
      while (reading < IN_FLIGHT && waiting.length > 0) start(waiting.pop() as DirTask);
      if (reading === 0 && waiting.length === 0) resolve();
    };
    const read = (task: DirTask) =>
      list(task, follow, (error, listing) => {
        reading--;
        if (failed) return;
        try {
          if (error) options.onError?.(error);
          else if (listing) {
            const entry: WalkEntry = { dir: task.path, dirs: listing.dirs, files: listing.files };
            visit({ entry, listing, task });
            if (task.depth < maxDepth) {
              const names = skipDir ? entry.dirs.filter((name) => !skipDir(name)) : entry.dirs;
              waiting.push(...children(task, listing, names, options));
            }
          }
        } catch (thrown) {
          return fail(thrown);
        }
        pump();
      });
    const start = (task: DirTask) => {
      reading++;
      if (!follow) return read(task);
      enter(task, options).then((entered) => {
        if (entered) return read(task);
        reading--;
        pump();
      }, fail);
    };
    pump();
  });
}

/**
 * A drive handed out as an async generator: `take` turns each step into an item (or nothing),
 * and the drive pauses while `backlog` items wait for the consumer, so a slow consumer holds
 * the walk back and one that stops early stops it.
 */
export async function* driven<T>(
  root: string,
  options: WalkOptions,
  skipDir: ((name: string) => boolean) | undefined,
  take: (step: Step) => T | undefined,
  backlog: number,
): AsyncGenerator<T, void, undefined> {
  const ready: T[] = [];
  let stopped = false;
  let over = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const run = drive(root, options, skipDir, (step) => {
    const item = take(step);
    if (item !== undefined) {
      ready.push(item);
      wake?.();
    }
    return !stopped && ready.length < backlog;
  });
  const end = (error?: unknown) => {
    failure = error;
    over = true;
    wake?.();
  };
  run.done.then(() => end(), end);
  try {
    for (;;) {
      if (ready.length > 0) {
        yield ready.shift() as T;
        run.resume();
      } else if (over) {
        if (failure !== undefined) throw failure;
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
  } finally {
    stopped = true; // the consumer left early: the drive stays paused for good
  }
}
