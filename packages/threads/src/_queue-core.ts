import type { Encoded } from './_codec.js';
import { lockSlow, lockSlowAsync, tryLock, unlockContended } from './_futex.js';
import { begin, end } from './_journal.js';
import { priorityKey } from './_priority-key.js';
import { C, PRIORITY } from './_queue-layout.js';
import type { Ring } from './_ring.js';
import { type Deadline, deadlineOf, SELF, waitUntil, waitUntilAsync } from './_wait.js';
import { ShutDown } from './errors.js';

/** What `tryGet` returns when there is nothing to take. */
export const NONE: unique symbol = Symbol('none');
const SPIN = 100;
const FOREVER = deadlineOf(undefined);

/**
 * The queue's machinery under its lock: the lock itself (a futex in cells 0-2), taking and
 * storing one item, and sleeping on a word until another thread signals it.
 */
export class QueueCore<T> {
  #wakes = 0;

  constructor(
    readonly c: Int32Array,
    readonly ring: Ring,
  ) {}

  /**
   * Takes the queue's lock (held only for microseconds, so blocking is brief); false if
   * `deadline` passed first (a holder that died is freed by _journal.ts's recover, not by time).
   */
  lock(deadline: Deadline = FOREVER): boolean {
    const c = this.c;
    if (!tryLock(c, 0)) {
      // Held for a few hundred nanoseconds at a time: worth a short spin before a sleep.
      let i = 0;
      while (i < SPIN && !(Atomics.load(c, 0) === 0 && tryLock(c, 0))) i++;
      if (i === SPIN && !lockSlow(c, 0, deadline, C.OWNER)) return false;
    }
    c[C.OWNER] = SELF;
    return true;
  }

  /** Takes the queue's lock without blocking the event loop; false if `deadline` passed first. */
  async lockAsync(deadline: Deadline = FOREVER): Promise<boolean> {
    if (!tryLock(this.c, 0) && !(await lockSlowAsync(this.c, 0, deadline, C.OWNER))) return false;
    this.c[C.OWNER] = SELF;
    return true;
  }

  /** Frees the queue's lock, then wakes the sleepers signalled while it was held. */
  unlock(): void {
    // Freed first, the owner cleared after (unless a new holder wrote itself in meanwhile): a
    // thread ended between the two leaves a free lock naming it, which recovery ignores, never a
    // held lock naming nobody, which nobody could recover.
    if (Atomics.compareExchange(this.c, 0, 1, 0) !== 1) unlockContended(this.c, 0);
    Atomics.compareExchange(this.c, C.OWNER, SELF, 0);
    // Woken only now: a sleeper woken while the lock is still held would find it taken and
    // sleep again, paying two wake-ups for one.
    const wakes = this.#wakes;
    if (wakes === 0) return;
    this.#wakes = 0;
    if (wakes & 1) Atomics.notify(this.c, C.NOT_EMPTY, 1);
    if (wakes & 2) Atomics.notify(this.c, C.NOT_FULL, 1);
  }

  /** With the lock held: marks one sleeper on `word` to be woken at unlock, if `waiters` counts any. */
  signal(waiters: number, word: number): void {
    const c = this.c;
    const signalled = waiters === C.GETTERS ? C.SIGNALLED_GETTERS : C.SIGNALLED_PUTTERS;
    if ((c[signalled] as number) >= (c[waiters] as number)) return;
    c[signalled] = (c[signalled] as number) + 1;
    Atomics.add(c, word, 1);
    this.#wakes |= word === C.NOT_EMPTY ? 1 : 2;
  }

  /** Lock held: a sleeper is back; it no longer needs a signal. */
  #back(waiters: number): void {
    const signalled = waiters === C.GETTERS ? C.SIGNALLED_GETTERS : C.SIGNALLED_PUTTERS;
    if ((this.c[signalled] as number) > 0) this.c[signalled] = (this.c[signalled] as number) - 1;
  }

  /** With the lock held: stores the item, or says why not. */
  tryPut(encoded: Encoded, key: Uint8Array | undefined): boolean {
    const c = this.c;
    if (c[C.SHUT] !== 0) throw new ShutDown();
    const max = c[C.MAXSIZE] as number;
    if (max > 0 && (c[C.COUNT] as number) >= max) return false;
    begin(c);
    try {
      if (!this.ring.push(encoded, key)) return false;
      Atomics.add(c, C.COUNT, 1);
      Atomics.add(c, C.UNFINISHED, 1);
    } finally {
      end(c);
    }
    this.signal(C.GETTERS, C.NOT_EMPTY);
    return true;
  }

  /** With the lock held: takes the next item, or NONE. */
  tryGet(): Encoded | typeof NONE {
    const c = this.c;
    if (c[C.COUNT] === 0) {
      if (c[C.SHUT] !== 0) throw new ShutDown();
      return NONE;
    }
    begin(c);
    const value = this.ring.pop();
    Atomics.sub(c, C.COUNT, 1);
    end(c);
    this.signal(C.PUTTERS, C.NOT_FULL);
    return value;
  }

  /** The sort key of an item (none unless the queue is a PriorityQueue). */
  // The kind is read from shared memory, so a queue rebuilt by Queue.from keeps its order.
  keyOf(item: T): Uint8Array | undefined {
    return this.c[C.KIND] === PRIORITY ? priorityKey(item) : undefined;
  }

  /** Lock held on entry and on return: sleeps on `word` until signalled; false on timeout. */
  sleep(waiters: number, word: number, deadline: Deadline): boolean {
    if (deadline.at === 0) return false;
    const c = this.c;
    const seen = Atomics.load(c, word);
    Atomics.add(c, waiters, 1);
    this.unlock();
    const woke = waitUntil(c, word, seen, deadline);
    this.lock();
    Atomics.sub(c, waiters, 1);
    this.#back(waiters);
    return woke;
  }

  /** `sleep` without blocking the event loop. */
  async sleepAsync(waiters: number, word: number, deadline: Deadline): Promise<boolean> {
    if (deadline.at === 0) return false;
    const c = this.c;
    const seen = Atomics.load(c, word);
    Atomics.add(c, waiters, 1);
    this.unlock();
    try {
      return await waitUntilAsync(c, word, seen, deadline);
    } finally {
      // Aborted or not, the caller goes on (or unwinds) holding the lock.
      await this.lockAsync();
      Atomics.sub(c, waiters, 1);
      this.#back(waiters);
    }
  }
}
