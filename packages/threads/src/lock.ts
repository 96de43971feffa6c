const UNLOCKED = 0;
const LOCKED = 1;

/** Releasing a lock that is not held (Python's RuntimeError for `release()`). */
export class LockNotHeldError extends Error {
  readonly code = 'ERR_SYS_LOCK_NOT_HELD';
  constructor() {
    super('release() called on an unlocked lock');
    this.name = 'LockNotHeldError';
  }
}

/**
 * A mutual-exclusion lock in shared memory: pass `lock.buffer` to a worker and rebuild it there
 * with `Lock.from(buffer)`; both sides then exclude each other.
 */
export class Lock {
  readonly buffer: SharedArrayBuffer;
  readonly #state: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.buffer = buffer;
    this.#state = new Int32Array(buffer, 0, 1);
  }

  /** Rebuilds a lock from the buffer of one made in another thread. */
  static from(buffer: SharedArrayBuffer): Lock {
    return new Lock(buffer);
  }

  /** Takes the lock if it is free, without waiting; true when taken. */
  tryAcquire(): boolean {
    return Atomics.compareExchange(this.#state, 0, UNLOCKED, LOCKED) === UNLOCKED;
  }

  /** Blocks this thread until the lock is taken or `timeoutMs` passes; true when taken. */
  acquire(timeoutMs = Number.POSITIVE_INFINITY): boolean {
    const deadline = performance.now() + timeoutMs;
    while (!this.tryAcquire()) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.#state, 0, LOCKED, left);
    }
    return true;
  }

  /** Waits without blocking the event loop until the lock is taken or `timeoutMs` passes. */
  async acquireAsync(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!this.tryAcquire()) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      const wait = Atomics.waitAsync(this.#state, 0, LOCKED, left);
      if (wait.async) await wait.value;
    }
    return true;
  }

  /** Frees the lock and wakes one waiter; throws LockNotHeldError if it was free. */
  release(): void {
    if (Atomics.compareExchange(this.#state, 0, LOCKED, UNLOCKED) !== LOCKED) throw new LockNotHeldError();
    Atomics.notify(this.#state, 0, 1);
  }

  /** True while some thread holds the lock. */
  get locked(): boolean {
    return Atomics.load(this.#state, 0) === LOCKED;
  }
}
