import { FUTEX_CELLS, isLocked, lockSlow, lockSlowAsync, tryLock, unlock } from './_futex.js';
import { adopt, IS_OWNED, RESTORE, RESTORE_ASYNC, rebuilding, SAVE_RELEASE } from './_internals.js';
import { deadlineOf, SELF } from './_wait.js';
import { Acquirable, type AcquireOptions } from './acquirable.js';
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

  constructor() {
    super();
    const memory = adopt();
    this.buffer = memory?.buffer ?? new SharedArrayBuffer(RLOCK_BYTES);
    this.#cells = new Int32Array(this.buffer, memory?.byteOffset ?? 0, FUTEX_CELLS + 2);
  }

  /** Rebuilds a reentrant lock from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer): RLock {
    return rebuilding(buffer, () => new RLock());
  }

  /**
   * Blocks until this thread holds the lock (at once if it already does); false on timeout.
   * `timeout: -1` is no timeout, as in Python.
   */
  acquire(options?: number | AcquireOptions): boolean {
    const cells = this.#cells;
    const deadline = options === undefined ? undefined : deadlineOf(options, true);
    // Only this thread ever writes SELF into OWNER, so a plain read is enough to see our own.
    if (cells[OWNER] === SELF) {
      cells[COUNT] = (cells[COUNT] as number) + 1;
      return true;
    }
    if (!tryLock(cells, STATE)) {
      const d = deadline ?? deadlineOf(undefined);
      if (d.at === 0 || !lockSlow(cells, STATE, d)) return false;
    }
    this.#own(1);
    return true;
  }

  /** `acquire` without blocking the event loop. */
  async acquireAsync(options?: number | AcquireOptions): Promise<boolean> {
    const cells = this.#cells;
    const deadline = deadlineOf(options, true);
    if (cells[OWNER] === SELF) {
      cells[COUNT] = (cells[COUNT] as number) + 1;
      return true;
    }
    if (!tryLock(cells, STATE) && (deadline.at === 0 || !(await lockSlowAsync(cells, STATE, deadline)))) return false;
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

  // For Condition: owned means held by this thread; a wait releases every level at once.
  [IS_OWNED](): boolean {
    return this.#cells[OWNER] === SELF;
  }

  [SAVE_RELEASE](): number {
    const count = this.#cells[COUNT] as number;
    this.#cells[COUNT] = 1;
    this.release();
    return count;
  }

  [RESTORE](saved: number): void {
    this.acquire();
    this.#cells[COUNT] = saved;
  }

  async [RESTORE_ASYNC](saved: number): Promise<void> {
    await this.acquireAsync();
    this.#cells[COUNT] = saved;
  }
}
