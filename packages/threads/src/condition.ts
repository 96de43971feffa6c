import { OptionError, type WaitOptions } from '@sys/core';
import { adopt, IS_OWNED, RESTORE, RESTORE_ASYNC, rebuilding, SAVE_RELEASE } from './_internals.js';
import { checkCount, deadlineOf, left, waitUntil, waitUntilAsync } from './_wait.js';
import { Acquirable, type AcquireOptions } from './acquirable.js';
import { LockNotHeldError } from './errors.js';
import { Lock } from './lock.js';
import { RLOCK_BYTES, RLock } from './rlock.js';

// Counters, all changed only while the condition's lock is held: waits started, wake-ups granted,
// wake-ups taken, and the word sleepers wait on. A waiter takes a wake-up only if one was
// granted after it started waiting and is not yet taken, so notify(n) wakes at most n.
const KIND = 0; // 0: own RLock at OWN_LOCK, 1: own Lock at OWN_LOCK, 2: a lock given separately
const WAITS = 1;
const GRANTED = 2;
const TAKEN = 3;
const FUTEX = 4;
const OWN_LOCK = 24;
const BYTES = OWN_LOCK + RLOCK_BYTES;

type CondLock = Lock | RLock;

/**
 * A condition variable in shared memory, tied to a Lock or RLock (an RLock of its own by
 * default, in the same buffer). `wait` releases the lock, sleeps until notified, and takes the
 * lock back. Rebuild with `Condition.from(buffer)`, or `Condition.from(buffer, lock)` when it was
 * made with a lock of yours.
 */
export class Condition extends Acquirable {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  /** The lock this condition releases while waiting. */
  readonly lock: CondLock;
  readonly #cells: Int32Array;

  constructor(lock?: CondLock) {
    super();
    const memory = adopt();
    this.buffer = memory?.buffer ?? new SharedArrayBuffer(BYTES);
    this.#cells = new Int32Array(this.buffer, 0, 5);
    if (memory === undefined) this.#cells[KIND] = lock === undefined ? 0 : 2;
    const kind = this.#cells[KIND];
    if (lock !== undefined) this.lock = lock;
    else if (kind === 0) this.lock = rebuilding(this.buffer, () => new RLock(), OWN_LOCK);
    else if (kind === 1) this.lock = rebuilding(this.buffer, () => new Lock(), OWN_LOCK);
    else
      throw new OptionError(
        'lock',
        'this condition was made with a separate lock: pass it to Condition.from(buffer, lock)',
      );
  }

  /** A condition with a plain (non-reentrant) Lock of its own in the same buffer. */
  static withPlainLock(): Condition {
    const buffer = new SharedArrayBuffer(BYTES);
    new Int32Array(buffer)[KIND] = 1;
    return rebuilding(buffer, () => new Condition());
  }

  /** Rebuilds a condition from its buffer (and its lock, if it was made with one given). */
  static from(buffer: SharedArrayBuffer, lock?: CondLock): Condition {
    return rebuilding(buffer, () => new Condition(lock));
  }

  /** Acquires the underlying lock. */
  acquire(options?: number | AcquireOptions): boolean {
    return this.lock.acquire(options);
  }

  /** Acquires the underlying lock without blocking the event loop. */
  acquireAsync(options?: number | AcquireOptions): Promise<boolean> {
    return this.lock.acquireAsync(options);
  }

  /** Releases the underlying lock. */
  release(): void {
    this.lock.release();
  }

  #begin(): [seq: number, futex: number, saved: number] {
    if (!this.lock[IS_OWNED]()) throw new LockNotHeldError('wait() on a condition whose lock is not held');
    const cells = this.#cells;
    Atomics.add(cells, WAITS, 1);
    return [Atomics.load(cells, GRANTED), Atomics.load(cells, FUTEX), this.lock[SAVE_RELEASE]()];
  }

  /** With the lock held again: take a wake-up granted since `seq`, or give up on timeout. */
  #settle(seq: number, timedOut: boolean): boolean | undefined {
    const cells = this.#cells;
    const granted = Atomics.load(cells, GRANTED);
    if (granted !== seq && Atomics.load(cells, TAKEN) !== granted) {
      Atomics.add(cells, TAKEN, 1);
      return true;
    }
    if (!timedOut) return undefined;
    // Leave as if woken, so that WAITS - GRANTED still counts the sleepers.
    Atomics.add(cells, GRANTED, 1);
    Atomics.add(cells, TAKEN, 1);
    return false;
  }

  /** Releases the lock, blocks until notified or timed out, re-acquires; false on timeout. */
  wait(options?: number | WaitOptions): boolean {
    const deadline = deadlineOf(options);
    let [seq, futex, saved] = this.#begin();
    for (;;) {
      const timedOut = !waitUntil(this.#cells, FUTEX, futex, deadline);
      this.lock[RESTORE](saved);
      const done = this.#settle(seq, timedOut);
      if (done !== undefined) return done;
      futex = Atomics.load(this.#cells, FUTEX);
      saved = this.lock[SAVE_RELEASE]();
    }
  }

  /** `wait` without blocking the event loop. */
  async waitAsync(options?: number | WaitOptions): Promise<boolean> {
    const deadline = deadlineOf(options);
    let [seq, futex, saved] = this.#begin();
    for (;;) {
      let timedOut: boolean;
      let aborted: { reason: unknown } | undefined;
      try {
        timedOut = !(await waitUntilAsync(this.#cells, FUTEX, futex, deadline));
      } catch (reason) {
        timedOut = true;
        aborted = { reason };
      }
      // As in Python, a wait returns (or throws) holding the lock again.
      await this.lock[RESTORE_ASYNC](saved);
      const done = this.#settle(seq, timedOut);
      // Notified as the abort came: the wake-up is taken, so report it rather than lose it.
      if (aborted && done !== true) throw aborted.reason;
      if (done !== undefined) return done;
      futex = Atomics.load(this.#cells, FUTEX);
      saved = this.lock[SAVE_RELEASE]();
    }
  }

  /** Waits until `predicate()` is true (checked with the lock held); returns its last value. */
  waitFor(predicate: () => boolean, options?: number | WaitOptions): boolean {
    const deadline = deadlineOf(options);
    let ok = predicate();
    while (!ok) {
      const ms = left(deadline);
      if (ms <= 0) break;
      this.wait({ timeout: ms, signal: deadline.signal });
      ok = predicate();
    }
    return ok;
  }

  /** `waitFor` without blocking the event loop. */
  async waitForAsync(predicate: () => boolean, options?: number | WaitOptions): Promise<boolean> {
    const deadline = deadlineOf(options);
    let ok = predicate();
    while (!ok) {
      const ms = left(deadline);
      if (ms <= 0) break;
      await this.waitAsync({ timeout: ms, signal: deadline.signal });
      ok = predicate();
    }
    return ok;
  }

  /** Wakes up to `n` waiting threads (the lock must be held). */
  notify(n = 1): void {
    checkCount('n', n, 0);
    if (!this.lock[IS_OWNED]()) throw new LockNotHeldError('notify() on a condition whose lock is not held');
    const cells = this.#cells;
    const sleeping = Atomics.load(cells, WAITS) - Atomics.load(cells, GRANTED);
    const k = Math.min(n, sleeping);
    if (k <= 0) return;
    Atomics.add(cells, GRANTED, k);
    Atomics.add(cells, FUTEX, 1);
    // Wake every sleeper: one that was not entitled goes back to sleep, but none entitled is missed.
    Atomics.notify(cells, FUTEX);
  }

  /** Wakes every waiting thread (the lock must be held). */
  notifyAll(): void {
    this.notify(2 ** 31 - 1);
  }
}
