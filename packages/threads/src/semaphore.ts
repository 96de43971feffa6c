import { adopt, rebuilding } from './_internals.js';
import { checkCount, deadlineOf, waitUntil, waitUntilAsync } from './_wait.js';
import { Acquirable, type AcquireOptions } from './acquirable.js';
import { SemaphoreOverflowError } from './errors.js';

const VALUE = 0;
const WAITERS = 1;
const BOUND = 2; // -1: unbounded
const BYTES = 12;

/**
 * A counting semaphore in shared memory: `acquire` takes one unit (waiting while there are
 * none), `release(n)` gives units back. Rebuild in another thread with `Semaphore.from(buffer)`.
 */
export class Semaphore extends Acquirable {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  protected readonly cells: Int32Array;

  /** Made on memory that already existed (`from`): its value and bound are already there. */
  protected readonly rebuilt: boolean;

  constructor(value = 1) {
    super();
    const memory = adopt();
    this.rebuilt = memory !== undefined;
    this.buffer = memory?.buffer ?? new SharedArrayBuffer(BYTES);
    this.cells = new Int32Array(this.buffer, 0, 3);
    if (!this.rebuilt) {
      this.cells[VALUE] = checkCount('value', value, 0);
      this.cells[BOUND] = -1;
    }
  }

  /** Rebuilds a semaphore from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer): Semaphore {
    return rebuilding(buffer, () => new Semaphore(0));
  }

  /** The units available now. */
  get value(): number {
    return Atomics.load(this.cells, VALUE);
  }

  #take(): boolean {
    const cells = this.cells;
    for (let v = Atomics.load(cells, VALUE); v > 0; v = Atomics.load(cells, VALUE)) {
      if (Atomics.compareExchange(cells, VALUE, v, v - 1) === v) return true;
    }
    return false;
  }

  /** Takes one unit, blocking this thread while there is none; false on timeout. */
  acquire(options?: number | AcquireOptions): boolean {
    const deadline = deadlineOf(options, true);
    if (this.#take()) return true;
    const cells = this.cells;
    for (;;) {
      Atomics.add(cells, WAITERS, 1);
      const woke = waitUntil(cells, VALUE, 0, deadline);
      Atomics.sub(cells, WAITERS, 1);
      if (this.#take()) return true;
      if (!woke) return false;
    }
  }

  /** Takes one unit without blocking the event loop; false on timeout. */
  async acquireAsync(options?: number | AcquireOptions): Promise<boolean> {
    const deadline = deadlineOf(options, true);
    if (this.#take()) return true;
    const cells = this.cells;
    for (;;) {
      Atomics.add(cells, WAITERS, 1);
      let woke: boolean;
      try {
        woke = await waitUntilAsync(cells, VALUE, 0, deadline);
      } finally {
        Atomics.sub(cells, WAITERS, 1);
      }
      if (this.#take()) return true;
      if (!woke) return false;
    }
  }

  /** Gives back `n` units and wakes as many waiters. */
  release(n = 1): void {
    checkCount('n', n, 1);
    const cells = this.cells;
    const bound = Atomics.load(cells, BOUND);
    if (bound < 0) Atomics.add(cells, VALUE, n);
    else {
      for (let v = Atomics.load(cells, VALUE); ; v = Atomics.load(cells, VALUE)) {
        if (v + n > bound) throw new SemaphoreOverflowError(bound);
        if (Atomics.compareExchange(cells, VALUE, v, v + n) === v) break;
      }
    }
    if (Atomics.load(cells, WAITERS) > 0) Atomics.notify(cells, VALUE, n);
  }
}

/** A semaphore that refuses to be released above its initial value (SemaphoreOverflowError). */
export class BoundedSemaphore extends Semaphore {
  constructor(value = 1) {
    super(value);
    if (!this.rebuilt) this.cells[BOUND] = value;
  }

  /** Rebuilds a bounded semaphore from the buffer of one made in another thread. */
  static override from(buffer: SharedArrayBuffer): BoundedSemaphore {
    return rebuilding(buffer, () => new BoundedSemaphore(0));
  }
}
