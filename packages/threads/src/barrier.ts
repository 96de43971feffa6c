import type { WaitOptions } from '@sys/core';
import { adopt, rebuilding } from './_internals.js';
import { checkCount, deadlineOf, waitUntil, waitUntilAsync } from './_wait.js';
import { BrokenBarrierError } from './errors.js';

const ARRIVED = 0;
const GENERATION = 1;
const BROKEN = 2;
const RESETS = 3;
const PARTIES = 4;

/**
 * A barrier in shared memory for `parties` threads: each `wait()` blocks until all have
 * arrived, then all go on together and the barrier is ready for the next round. Rebuild with
 * `Barrier.from(buffer)`. A timeout, `abort()` or `reset()` breaks the waiting round
 * (BrokenBarrierError).
 */
export class Barrier {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;

  constructor(parties: number) {
    const memory = adopt();
    this.buffer = memory?.buffer ?? new SharedArrayBuffer(20);
    this.#cells = new Int32Array(this.buffer, 0, 5);
    if (memory === undefined) this.#cells[PARTIES] = checkCount('parties', parties, 1);
  }

  /** Rebuilds a barrier from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer): Barrier {
    return rebuilding(buffer, () => new Barrier(0));
  }

  /** How many threads must arrive to pass. */
  get parties(): number {
    return this.#cells[PARTIES] as number;
  }

  /** How many threads are waiting in the current round. */
  get nWaiting(): number {
    return Atomics.load(this.#cells, ARRIVED);
  }

  /** True after a timeout or `abort()`, until `reset()`. */
  get broken(): boolean {
    return Atomics.load(this.#cells, BROKEN) === 1;
  }

  /** Counts this thread in; the last to arrive opens the round. */
  #arrive(): [index: number, generation: number, resets: number] {
    const cells = this.#cells;
    if (this.broken) throw new BrokenBarrierError();
    const generation = Atomics.load(cells, GENERATION);
    const resets = Atomics.load(cells, RESETS);
    const index = Atomics.add(cells, ARRIVED, 1);
    if (index === this.parties - 1) {
      Atomics.store(cells, ARRIVED, 0);
      Atomics.add(cells, GENERATION, 1);
      Atomics.notify(cells, GENERATION);
    }
    return [index, generation, resets];
  }

  #passed(generation: number, resets: number): boolean {
    const cells = this.#cells;
    if (Atomics.load(cells, RESETS) !== resets) throw new BrokenBarrierError();
    if (Atomics.load(cells, GENERATION) !== generation) return true;
    if (this.broken) throw new BrokenBarrierError();
    return false;
  }

  #breakOnTimeout(): never {
    this.abort();
    throw new BrokenBarrierError();
  }

  /** Blocks until every party arrived; returns this thread's arrival index (0 .. parties-1). */
  wait(options?: number | WaitOptions): number {
    const deadline = deadlineOf(options);
    const [index, generation, resets] = this.#arrive();
    while (!this.#passed(generation, resets)) {
      if (!waitUntil(this.#cells, GENERATION, generation, deadline) && !this.#passed(generation, resets)) {
        this.#breakOnTimeout();
      }
    }
    return index;
  }

  /** `wait` without blocking the event loop. */
  async waitAsync(options?: number | WaitOptions): Promise<number> {
    const deadline = deadlineOf(options);
    const [index, generation, resets] = this.#arrive();
    while (!this.#passed(generation, resets)) {
      let woke: boolean;
      try {
        woke = await waitUntilAsync(this.#cells, GENERATION, generation, deadline);
      } catch (reason) {
        // Aborted: the round cannot complete without this thread, so it breaks as on a timeout.
        this.abort();
        throw reason;
      }
      if (!woke && !this.#passed(generation, resets)) this.#breakOnTimeout();
    }
    return index;
  }

  /** Breaks the barrier: every waiter, and every later `wait()` until `reset()`, throws. */
  abort(): void {
    Atomics.store(this.#cells, BROKEN, 1);
    Atomics.notify(this.#cells, GENERATION);
  }

  /** Returns the barrier to its empty state; threads waiting now get BrokenBarrierError. */
  reset(): void {
    const cells = this.#cells;
    Atomics.add(cells, RESETS, 1);
    Atomics.store(cells, ARRIVED, 0);
    Atomics.store(cells, BROKEN, 0);
    Atomics.add(cells, GENERATION, 1);
    Atomics.notify(cells, GENERATION);
  }
}
