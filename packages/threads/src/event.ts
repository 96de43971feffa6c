import type { WaitOptions } from '@sys/core';
import { adopt, rebuilding } from './_internals.js';
import { deadlineOf, waitUntil, waitUntilAsync } from './_wait.js';

/**
 * A flag in shared memory that threads wait on: `set()` wakes every waiter, `clear()` resets it.
 * Rebuild in another thread with `Event.from(buffer)`.
 */
export class Event {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;

  constructor() {
    this.buffer = adopt()?.buffer ?? new SharedArrayBuffer(4);
    this.#cells = new Int32Array(this.buffer, 0, 1);
  }

  /** Rebuilds an event from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer): Event {
    return rebuilding(buffer, () => new Event());
  }

  /** True once set, until cleared. */
  isSet(): boolean {
    return Atomics.load(this.#cells, 0) === 1;
  }

  /** Sets the flag and wakes every thread waiting for it. */
  set(): void {
    Atomics.store(this.#cells, 0, 1);
    Atomics.notify(this.#cells, 0);
  }

  /** Resets the flag; later waits block until the next `set()`. */
  clear(): void {
    Atomics.store(this.#cells, 0, 0);
  }

  /** Blocks this thread until the flag is set; false if the timeout passed first. */
  wait(options?: number | WaitOptions): boolean {
    const deadline = deadlineOf(options);
    while (!this.isSet()) if (!waitUntil(this.#cells, 0, 0, deadline)) return this.isSet();
    return true;
  }

  /** Waits for the flag without blocking the event loop; false on timeout. */
  async waitAsync(options?: number | WaitOptions): Promise<boolean> {
    const deadline = deadlineOf(options);
    while (!this.isSet()) if (!(await waitUntilAsync(this.#cells, 0, 0, deadline))) return this.isSet();
    return true;
  }
}
