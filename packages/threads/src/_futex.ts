import { type Deadline, SELF, waitUntil, waitUntilAsync } from './_wait.js';

// Drepper's three-state mutex ("Futexes Are Tricky", mutex 2) in cells[i]: 0 free, 1 held,
// 2 held and somebody may be waiting. Only a release that sees 2 pays for a notify.
// A barging mutex is fast but unfair: a thread that releases and re-acquires in a loop can keep
// a sleeper out for long. So, as Go's sync.Mutex does, a waiter that has waited longer than
// STARVE_MS counts itself in cells[i + 1]; while any does, a release hands the lock straight to
// a woken sleeper (a token in cells[i + 2]) instead of freeing it for whoever comes first.
// Node wakes Atomics waiters first-in first-out, so in that mode sleepers take turns.
/** Int32 cells a futex mutex takes: state, starving waiters, hand-off token. */
export const FUTEX_CELLS = 3;
const FREE = 0;
const HELD = 1;
const CONTENDED = 2;
const STARVING = 1;
const HANDOFF = 2;
const STARVE_MS = 2;
// No spinning before sleeping: measured with two threads hammering one lock, a 64-round spin
// made it 1.3-2x slower (the spinner keeps the cache line bouncing while the holder works).

/** Takes the mutex at `i` if it is free; true when taken. */
export function tryLock(cells: Int32Array, i: number): boolean {
  return Atomics.compareExchange(cells, i, FREE, HELD) === FREE;
}

/** One sleeper's bookkeeping between waits. */
class Waiter {
  readonly #since = performance.now();
  #starving = false;
  constructor(
    readonly cells: Int32Array,
    readonly i: number,
    readonly owner: number | undefined,
  ) {}

  /** After a wake-up: true when this waiter now owns the mutex (and is recorded in `owner`). */
  took(): boolean {
    const { cells, i } = this;
    if (
      (Atomics.load(cells, i + HANDOFF) === 1 && Atomics.compareExchange(cells, i + HANDOFF, 1, 0) === 1) ||
      Atomics.exchange(cells, i, CONTENDED) === FREE
    ) {
      // Recorded at once, with no call between: a thread ended later is known as the holder.
      if (this.owner !== undefined) cells[this.owner] = SELF;
      return true;
    }
    if (!this.#starving && performance.now() - this.#since > STARVE_MS) {
      this.#starving = true;
      Atomics.add(cells, i + STARVING, 1);
    }
    return false;
  }

  done<T>(result: T): T {
    if (this.#starving) Atomics.sub(this.cells, this.i + STARVING, 1);
    return result;
  }
}

/** Blocks until the mutex is taken or `deadline` passes; true when taken (then SELF is in cells[owner], if given). */
export function lockSlow(cells: Int32Array, i: number, deadline: Deadline, owner?: number): boolean {
  if (Atomics.exchange(cells, i, CONTENDED) === FREE) {
    if (owner !== undefined) cells[owner] = SELF;
    return true;
  }
  const w = new Waiter(cells, i, owner);
  for (;;) {
    const woke = waitUntil(cells, i, CONTENDED, deadline);
    if (w.took()) return w.done(true);
    if (!woke) return w.done(false);
  }
}

/** `lockSlow` without blocking the event loop; an abort throws the signal's reason. */
export async function lockSlowAsync(
  cells: Int32Array,
  i: number,
  deadline: Deadline,
  owner?: number,
): Promise<boolean> {
  if (Atomics.exchange(cells, i, CONTENDED) === FREE) {
    if (owner !== undefined) cells[owner] = SELF;
    return true;
  }
  const w = new Waiter(cells, i, owner);
  for (;;) {
    let woke: boolean;
    try {
      woke = await waitUntilAsync(cells, i, CONTENDED, deadline);
    } catch (reason) {
      // The mutex may have been freed or handed to us as the abort came: pass it on.
      if (w.took()) {
        if (owner !== undefined) cells[owner] = 0;
        unlockContended(cells, i);
      }
      throw w.done(reason);
    }
    if (w.took()) return w.done(true);
    if (!woke) return w.done(false);
  }
}

/** Frees the mutex (or hands it to a starving sleeper); false if it was not held. */
export function unlock(cells: Int32Array, i: number): boolean {
  // Held without waiters: nobody sleeps (a sleeper marks the lock contended first), so no
  // wake-up and no hand-off is owed.
  return Atomics.compareExchange(cells, i, HELD, FREE) === HELD || unlockContended(cells, i);
}

/** The release that may owe a wake-up (or a hand-off); false if the mutex was not held. */
export function unlockContended(cells: Int32Array, i: number): boolean {
  if (Atomics.load(cells, i) === FREE) return false;
  if (Atomics.load(cells, i + STARVING) > 0) {
    Atomics.store(cells, i, CONTENDED);
    Atomics.store(cells, i + HANDOFF, 1);
    if (Atomics.notify(cells, i, 1) > 0) return true;
    // Nobody was asleep after all: take the token back, unless somebody already took it.
    if (Atomics.compareExchange(cells, i + HANDOFF, 1, 0) !== 1) return true;
  }
  Atomics.store(cells, i, FREE);
  Atomics.notify(cells, i, 1);
  return true;
}

/** True while somebody holds the mutex. */
export function isLocked(cells: Int32Array, i: number): boolean {
  return Atomics.load(cells, i) !== FREE;
}
