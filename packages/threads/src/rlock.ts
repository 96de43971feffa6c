import { Acquirable } from './_acquirable.js';
import { FUTEX_CELLS, isLocked, lockSlow, lockSlowAsync, tryLock, unlock } from './_futex.js';
import { deadlineOf, SELF, type WaitOptions } from './_wait.js';
import { LockNotHeldError } from './errors.js';

const STATE = 0;
const OWNER = FUTEX_CELLS;
const COUNT = FUTEX_CELLS + 1;
/** Bytes an RLock needs in a SharedArrayBuffer. */
export const RLOCK_BYTES = 4 * (FUTEX_CELLS + 2);

/**
 * A reentrant lock in shared memory: the thread that holds it may acquire it again, and must
 * release it as many times. Only the owner may release it. Rebuild with `RLock.from(buffer)`.
 */
export class RLock extends Acquirable {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(RLOCK_BYTES), byteOffset = 0) {
    super();
    this.buffer = buffer;
    this.#cells = new Int32Array(buffer, byteOffset, FUTEX_CELLS + 2);
  }

  /** Rebuilds a reentrant lock from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer, byteOffset = 0): RLock {
    return new RLock(buffer, byteOffset);
  }

  /** Blocks until this thread holds the lock (at once if it already does); false on timeout. */
  acquire(options?: WaitOptions): boolean {
    const cells = this.#cells;
    // Only this thread ever writes SELF into OWNER, so a plain read is enough to see our own.
    if (cells[OWNER] === SELF) {
      cells[COUNT] = (cells[COUNT] as number) + 1;
      return true;
    }
    if (!tryLock(cells, STATE)) {
      const deadline = deadlineOf(options);
      if (deadline === 0 || !lockSlow(cells, STATE, deadline)) return false;
    }
    this.#own(1);
    return true;
  }

  /** `acquire` without blocking the event loop. */
  async acquireAsync(options?: WaitOptions): Promise<boolean> {
    const cells = this.#cells;
    if (cells[OWNER] === SELF) {
      cells[COUNT] = (cells[COUNT] as number) + 1;
      return true;
    }
    const deadline = deadlineOf(options);
    if (!tryLock(cells, STATE) && (deadline === 0 || !(await lockSlowAsync(cells, STATE, deadline)))) return false;
    this.#own(1);
    return true;
  }

  #own(count: number): void {
    Atomics.store(this.#cells, OWNER, SELF);
    this.#cells[COUNT] = count;
  }

  /** Undoes one `acquire`; the lock is free when every acquire is undone. Owner only. */
  release(): void {
    const cells = this.#cells;
    if (cells[OWNER] !== SELF) throw new LockNotHeldError('release() of an RLock this thread does not hold');
    const count = (cells[COUNT] as number) - 1;
    cells[COUNT] = count;
    if (count > 0) return;
    Atomics.store(cells, OWNER, 0);
    unlock(cells, STATE);
  }

  /** True while some thread holds the lock. */
  get locked(): boolean {
    return isLocked(this.#cells, STATE);
  }

  /** The `threadId` of the holder, or undefined when free. */
  get owner(): number | undefined {
    const owner = Atomics.load(this.#cells, OWNER);
    return owner === 0 ? undefined : owner - 1;
  }

  /** For Condition: does this thread hold it? */
  _isOwned(): boolean {
    return this.#cells[OWNER] === SELF;
  }

  /** For Condition: release every level at once, returning the depth. */
  _saveRelease(): number {
    const count = this.#cells[COUNT] as number;
    this.#cells[COUNT] = 1;
    this.release();
    return count;
  }

  /** For Condition: take the lock back at the saved depth. */
  _restore(saved: number): void {
    this.acquire();
    this.#cells[COUNT] = saved;
  }

  /** For Condition: `_restore` without blocking the event loop. */
  async _restoreAsync(saved: number): Promise<void> {
    await this.acquireAsync();
    this.#cells[COUNT] = saved;
  }
}
