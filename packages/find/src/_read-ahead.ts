import { sep } from 'node:path';
import { Heap } from './_heap.js';
import { type DirTask, type Listing, list } from './_listing.js';

/** How many directory reads the thread pool gets at once. */
export const IN_FLIGHT = 16;
/** How many directories may be read (or being read) ahead of the walk, waiting for it. */
const HELD = 1024;
/** How many names the listings read ahead may hold in all: wide directories count for what they hold. */
const HELD_NAMES = 1 << 16;

/** A directory's place in depth-first order: the child indexes from the root. */
type Position = readonly number[];

function before(a: Position, b: Position): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return a.length < b.length;
}

/**
 * What reading one directory gave: what `prepare` made of its listing with the listing's size
 * in names (nothing when the loop check skipped it), or the fs error.
 */
export type Outcome<P> = { ready: P | undefined; names: number } | { error: unknown };

/** A directory handed over to the walk: the task as read (with its loop-check chain) and its outcome. */
export interface Taken<P> {
  task: DirTask;
  outcome: Outcome<P>;
}

interface Node<P> {
  task: DirTask;
  pos: Position;
  state: 'queued' | 'reading' | 'done' | 'dropped';
  outcome?: Outcome<P>;
  settle?: () => void;
}

/** Hooks the walk gives the read-ahead. */
export interface ReadAheadHooks<P> {
  /** Runs before a directory is read; false skips it (a symlink loop). */
  enter(task: DirTask): Promise<boolean>;
  /**
   * Turns a listing into what the walk will take, as soon as it is read: work done here fills
   * the time the walk would otherwise spend waiting for the next directory in its order.
   */
  prepare(task: DirTask, listing: Listing): P;
  /** Which children of a prepared directory may be read ahead, in the walk's order. */
  ahead(ready: P): DirTask[];
  follow: boolean;
}

/**
 * Reads directories on the thread pool ahead of a depth-first walk, many at once, always the
 * ones the walk will reach first (a queue ordered by depth-first position). The walk takes
 * listings strictly in its own order; reads below a directory it prunes are dropped unseen, and
 * the number held ahead is bounded, so memory does not grow with the tree.
 */
export class ReadAhead<P> {
  readonly #nodes = new Map<string, Node<P>>();
  readonly #queue = new Heap<Node<P>>((a, b) => before(a.pos, b.pos));
  #reading = 0;
  #held = 0;

  /** Names in the listings read and not yet handed over. */
  #names = 0;

  constructor(
    readonly hooks: ReadAheadHooks<P>,
    /** The bounds on what waits for the walk (smaller ones in tests). */
    readonly bounds: { dirs: number; names: number } = { dirs: HELD, names: HELD_NAMES },
  ) {}

  /**
   * The listing of `task` if it has been read (and then it is handed over); otherwise starts
   * the read if needed, arranges for `wake` to run when it is done, and returns undefined.
   */
  poll(task: DirTask, wake: () => void): Taken<P> | undefined {
    let node = this.#nodes.get(task.path);
    if (!node) {
      node = { task, pos: [], state: 'queued' };
      this.#nodes.set(task.path, node);
    }
    // The walk is waiting on this one: it skips the queue and the cap.
    if (node.state === 'queued') this.#read(node);
    if (node.state !== 'done') {
      node.settle = wake;
      return undefined;
    }
    this.#nodes.delete(task.path);
    this.#held--;
    const outcome = node.outcome as Outcome<P>;
    this.#names -= names(outcome);
    // A node the walk read itself may still sit in the queue: it must not keep the listing alive.
    node.outcome = undefined;
    node.state = 'dropped';
    this.#pump();
    return { task: node.task, outcome };
  }

  /** Waits for a directory's listing; gives back the task as read and what came of it. */
  take(task: DirTask): Promise<Taken<P>> {
    return new Promise((resolve) => {
      const attempt = () => {
        const taken = this.poll(task, attempt);
        if (taken) resolve(taken);
      };
      attempt();
    });
  }

  /** Forgets everything read or queued at and below `dir`, which the walk will not enter. */
  drop(dir: string): void {
    const below = dir + sep;
    for (const [path, node] of this.#nodes) if (path === dir || path.startsWith(below)) this.#forget(path, node);
    this.#pump();
  }

  /** Forgets everything and reads nothing more: the walk is over. */
  close(): void {
    for (const [path, node] of this.#nodes) this.#forget(path, node);
  }

  #forget(path: string, node: Node<P>): void {
    this.#nodes.delete(path);
    if (node.state === 'done') {
      this.#held--;
      this.#names -= names(node.outcome);
    }
    node.state = 'dropped';
  }

  #pump(): void {
    while (this.#reading < IN_FLIGHT && this.#held < this.bounds.dirs && this.#names < this.bounds.names) {
      const node = this.#queue.pop();
      if (!node) return;
      if (node.state === 'queued') this.#read(node);
    }
  }

  #read(node: Node<P>): void {
    node.state = 'reading';
    this.#reading++;
    this.#held++;
    const { task } = node;
    const follow = this.hooks.follow;
    const finish = (outcome: Outcome<P>) => {
      this.#reading--;
      // The walk may have pruned it while it was being read.
      if ((node.state as Node<P>['state']) === 'dropped') {
        this.#held--;
      } else {
        node.state = 'done';
        node.outcome = outcome;
        this.#names += names(outcome);
        if ('ready' in outcome && outcome.ready !== undefined) this.#discover(node, outcome.ready);
        node.settle?.();
      }
      this.#pump();
    };
    const read = () =>
      list(task, follow, (error, listing) => {
        if (error || !listing) return finish({ error });
        finish({ ready: this.hooks.prepare(task, listing), names: listing.dirs.length + listing.files.length });
      });
    // Entering only checks for loops when following symlinks.
    if (!follow) {
      read();
      return;
    }
    this.hooks.enter(task).then(
      (entered) => (entered ? read() : finish({ ready: undefined, names: 0 })),
      (error) => finish({ error }),
    );
  }

  #discover(parent: Node<P>, ready: P): void {
    const kids = this.hooks.ahead(ready);
    for (let i = 0; i < kids.length; i++) {
      const task = kids[i] as DirTask;
      if (this.#nodes.has(task.path)) continue;
      const node: Node<P> = { task, pos: [...parent.pos, i], state: 'queued' };
      this.#nodes.set(task.path, node);
      this.#queue.push(node);
    }
  }
}

/** How many names a read directory's listing holds. */
function names(outcome: Outcome<unknown> | undefined): number {
  return outcome && 'names' in outcome ? outcome.names : 0;
}
