import { Acquirable } from './_acquirable.js';
import { FUTEX_CELLS, isLocked, lockSlow, lockSlowAsync, tryLock, unlockContended } from './_futex.js';
import { deadlineOf, SELF, type WaitOptions } from './_wait.js';
import { LockNotHeldError } from './errors.js';

const STATE = 0;
const OWNER = FUTEX_CELLS;
/** Bytes a Lock needs in a SharedArrayBuffer. */
export const LOCK_BYTES = 4 * (FUTEX_CELLS + 1);

/**
 * A mutual-exclusion lock in shared memory: pass `lock.buffer` to another thread and rebuild it
 * there with `Lock.from(buffer)`; both sides then exclude each other. Any thread may release it,
 * as in Python. A thread that dies holding it leaves it held (as in Python); `owner` tells who.
 */
export class Lock extends Acquirable {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(LOCK_BYTES), byteOffset = 0) {
    super();
    this.buffer = buffer;
    this.#cells = new Int32Array(buffer, byteOffset, FUTEX_CELLS + 1);
  }

  /** Rebuilds a lock from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer, byteOffset = 0): Lock {
    return new Lock(buffer, byteOffset);
  }

  /** Takes the lock if it is free, without waiting; true when taken. */
  tryAcquire(): boolean {
    if (!tryLock(this.#cells, STATE)) return false;
    this.#cells[OWNER] = SELF;
    return true;
  }

  /** Blocks this thread until the lock is taken or the timeout (ms) passes; true when taken. */
  acquire(options?: WaitOptions): boolean {
    const cells = this.#cells;
    // The uncontended path, inline: one compare-and-swap.
    if (Atomics.compareExchange(cells, STATE, 0, 1) === 0 || this.#slow(options)) {
      cells[OWNER] = SELF;
      return true;
    }
    return false;
  }

  #slow(options: WaitOptions | undefined): boolean {
    const deadline = deadlineOf(options);
    return deadline !== 0 && lockSlow(this.#cells, STATE, deadline);
  }

  /** Waits without blocking the event loop until the lock is taken or the timeout passes. */
  async acquireAsync(options?: WaitOptions): Promise<boolean> {
    const deadline = deadlineOf(options);
    const taken =
      tryLock(this.#cells, STATE) || (deadline !== 0 && (await lockSlowAsync(this.#cells, STATE, deadline)));
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

  /** For Condition: is the lock held (a plain Lock has no owner in Python's sense)? */
  _isOwned(): boolean {
    return this.locked;
  }

  /** For Condition: release completely, returning what `_restore` needs. */
  _saveRelease(): number {
    this.release();
    return 0;
  }

  /** For Condition: take the lock back after a wait. */
  _restore(_saved: number): void {
    this.acquire();
  }

  /** For Condition: take the lock back without blocking the event loop. */
  async _restoreAsync(_saved: number): Promise<void> {
    await this.acquireAsync();
  }
}
