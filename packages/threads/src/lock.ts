import { FUTEX_CELLS, isLocked, lockSlow, lockSlowAsync, tryLock, unlockContended } from './_futex.js';
import { adopt, IS_OWNED, RESTORE, RESTORE_ASYNC, rebuilding, SAVE_RELEASE } from './_internals.js';
import { deadlineOf, SELF } from './_wait.js';
import { Acquirable, type AcquireOptions } from './acquirable.js';
import { LockNotHeldError } from './errors.js';

const STATE = 0;
const OWNER = FUTEX_CELLS;
/** Bytes a Lock needs in a SharedArrayBuffer. */
export const LOCK_BYTES = 4 * (FUTEX_CELLS + 1);

/**
 * A mutual-exclusion lock in shared memory: pass it (or `lock.buffer`) to another thread and
 * rebuild it there with `Lock.from(buffer)`; both sides then exclude each other. Any thread may
 * release it, as in Python. A thread that dies holding it leaves it held (as in Python); `owner`
 * tells who.
 */
export class Lock extends Acquirable {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;

  constructor() {
    super();
    const memory = adopt();
    this.buffer = memory?.buffer ?? new SharedArrayBuffer(LOCK_BYTES);
    this.#cells = new Int32Array(this.buffer, memory?.byteOffset ?? 0, FUTEX_CELLS + 1);
  }

  /** Rebuilds a lock from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer): Lock {
    return rebuilding(buffer, () => new Lock());
  }

  /** Takes the lock if it is free, without waiting; true when taken. */
  tryAcquire(): boolean {
    if (!tryLock(this.#cells, STATE)) return false;
    this.#cells[OWNER] = SELF;
    return true;
  }

  /**
   * Blocks this thread until the lock is taken or the timeout (ms) passes; true when taken.
   * `timeout: -1` is no timeout, as in Python.
   */
  acquire(options?: number | AcquireOptions): boolean {
    const cells = this.#cells;
    // Options are checked before anything is tried; none given costs nothing on the fast path.
    const deadline = options === undefined ? undefined : deadlineOf(options, true);
    // The uncontended path, inline: one compare-and-swap.
    if (
      Atomics.compareExchange(cells, STATE, 0, 1) === 0 ||
      (deadline?.at !== 0 && lockSlow(cells, STATE, deadline ?? deadlineOf(undefined)))
    ) {
      cells[OWNER] = SELF;
      return true;
    }
    return false;
  }

  /** Waits without blocking the event loop until the lock is taken or the timeout passes. */
  async acquireAsync(options?: number | AcquireOptions): Promise<boolean> {
    const deadline = deadlineOf(options, true);
    const taken =
      tryLock(this.#cells, STATE) || (deadline.at !== 0 && (await lockSlowAsync(this.#cells, STATE, deadline)));
    if (taken) this.#cells[OWNER] = SELF;
    return taken;
  }

  /** Frees the lock and wakes one waiter; throws LockNotHeldError if it was free. */
  release(): void {
    const cells = this.#cells;
    cells[OWNER] = 0;
    if (Atomics.compareExchange(cells, STATE, 1, 0) !== 1 && !unlockContended(cells, STATE)) {
      throw new LockNotHeldError();
    }
  }

  /** True while some thread holds the lock. */
  get locked(): boolean {
    return isLocked(this.#cells, STATE);
  }

  /** The `threadId` of the thread that holds the lock, or undefined when it is free. */
  get owner(): number | undefined {
    const owner = Atomics.load(this.#cells, OWNER);
    return owner === 0 || !this.locked ? undefined : owner - 1;
  }

  // For Condition. A plain Lock has no owner in Python's sense: held is enough.
  [IS_OWNED](): boolean {
    return this.locked;
  }

  [SAVE_RELEASE](): number {
    this.release();
    return 0;
  }

  [RESTORE](_saved: number): void {
    this.acquire();
  }

  async [RESTORE_ASYNC](_saved: number): Promise<void> {
    await this.acquireAsync();
  }
}
