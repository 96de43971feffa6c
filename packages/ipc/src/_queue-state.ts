// The items and the waiting getters and putters of a bounded FIFO queue, in the process
// that owns it. Remote callers reach it through Queue's protocol; waits end with Empty/Full,
// or with the error `close()` was given.
import { Fifo, startTimer, type Timer } from '@sys/core';
import { Empty, Full } from './errors.js';

/** How one call may wait: `block: false` never waits; `timeout` in ms (checked by the caller); neither waits for ever. */
export interface StateWait {
  block?: boolean;
  timeout?: number | undefined;
  /** Ends the wait with the signal's reason. */
  signal?: AbortSignal | undefined;
}

interface Waiter {
  /** Ends the wait: with an item (getters), with room (putters), or with an error. */
  settle(error: Error | null, value?: unknown): void;
  timer?: Timer;
  /** Removes the listener this wait added to its AbortSignal. */
  unlisten?: () => void;
  /** Who asked: null for this process, else the remote connection whose waits end with it. */
  owner: unknown;
  /** Settled, timed out or forgotten: skipped when its turn comes. */
  done: boolean;
}

interface Putter extends Waiter {
  item: unknown;
}

/** A bounded FIFO with blocking get/put, as Python's queue.Queue, for one process's event loop. */
export class QueueState {
  readonly #items = new Fifo<unknown>();
  #getters = new Fifo<Waiter>();
  #putters = new Fifo<Putter>();
  #closed: Error | null = null;
  /** Local waits with no timeout: while there are any, something must hold the process open. */
  #forever = 0;
  #keepAlive: NodeJS.Timeout | null = null;

  constructor(readonly maxsize: number) {}

  get size(): number {
    return this.#items.length;
  }

  /** Adds `item`, waiting for room as `options` allow; rejects with Full. */
  put(item: unknown, options: StateWait = {}, owner: unknown = null): Promise<void> {
    if (this.#closed) return Promise.reject(this.#closed);
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.#handOver(item)) return Promise.resolve();
    if (this.maxsize <= 0 || this.size < this.maxsize) {
      this.#items.push(item);
      return Promise.resolve();
    }
    if (options.block === false) return Promise.reject(new Full());
    return new Promise((resolve, reject) => {
      const putter: Putter = { item, owner, done: false, settle: (error) => (error ? reject(error) : resolve()) };
      this.#wait(this.#putters, putter, options, () => new Full());
    });
  }

  /** Removes and returns the oldest item, waiting for one as `options` allow; rejects with Empty. */
  get(options: StateWait = {}, owner: unknown = null): Promise<unknown> {
    if (this.#closed) return Promise.reject(this.#closed);
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.size > 0) return Promise.resolve(this.#take());
    if (options.block === false) return Promise.reject(new Empty());
    return new Promise((resolve, reject) => {
      const getter: Waiter = {
        owner,
        done: false,
        settle: (error, value) => (error ? reject(error) : resolve(value)),
      };
      this.#wait(this.#getters, getter, options, () => new Empty());
    });
  }

  /** Puts back, at the front and in their order, items a client was handed but never confirmed. */
  putBack(items: unknown[]): void {
    const left = items.filter((item) => !this.#handOver(item));
    this.#items.unshift(...left);
  }

  /** Ends the waits of `owner` (a remote connection that went away) without giving them items. */
  forget(owner: unknown): void {
    for (const list of [this.#getters, this.#putters] as Fifo<Waiter>[])
      for (const waiter of list) if (waiter.owner === owner) this.#finish(waiter);
    this.#compact();
  }

  /** Ends every wait with `error`; later calls fail with it too. */
  close(error: Error): void {
    this.#closed ??= error;
    for (const list of [this.#getters, this.#putters] as Fifo<Waiter>[])
      for (const waiter of list.drain()) if (!waiter.done) this.#finish(waiter, error);
    this.#holdOpen();
  }

  /** Gives `item` to the oldest waiting getter; false when none waits. */
  #handOver(item: unknown): boolean {
    const getter = this.#next(this.#getters);
    if (!getter) return false;
    this.#finish(getter, null, item);
    return true;
  }

  #take(): unknown {
    const item = this.#items.shift();
    const putter = this.#next(this.#putters);
    if (putter) {
      this.#items.push(putter.item);
      this.#finish(putter, null);
    }
    return item;
  }

  /** The oldest waiter still waiting, taken off the list. */
  #next<W extends Waiter>(list: Fifo<W>): W | undefined {
    for (let waiter = list.shift(); waiter; waiter = list.shift()) if (!waiter.done) return waiter;
    return undefined;
  }

  #wait<W extends Waiter>(list: Fifo<W>, waiter: W, options: StateWait, expired: () => Error): void {
    const { timeout, signal } = options;
    list.push(waiter);
    if (signal) {
      const onAbort = () => {
        this.#finish(waiter, signal.reason);
        this.#compact();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiter.unlisten = () => signal.removeEventListener('abort', onAbort);
    }
    if (timeout !== undefined && timeout !== Number.POSITIVE_INFINITY) {
      waiter.timer = startTimer(timeout, () => {
        this.#finish(waiter, expired());
        this.#compact();
      });
      // Serving others must not keep this process alive; its own waits do.
      if (waiter.owner !== null) waiter.timer.unref();
    } else if (waiter.owner === null) this.#forever++;
    this.#holdOpen();
  }

  /** Settles a waiter once; a forgotten one (no error, no value) is only marked done. */
  #finish(waiter: Waiter, error?: Error | null, value?: unknown): void {
    if (waiter.done) return;
    waiter.done = true;
    waiter.unlisten?.();
    if (waiter.timer) waiter.timer.clear();
    else if (waiter.owner === null) this.#forever--;
    if (error !== undefined) waiter.settle(error, value);
    this.#holdOpen();
  }

  /** Drops finished waiters that timed out or were forgotten, so polling with timeouts cannot grow the lists. */
  #compact(): void {
    this.#getters = live(this.#getters);
    this.#putters = live(this.#putters);
  }

  #holdOpen(): void {
    const local = this.#forever > 0;
    if (local && this.#keepAlive === null) this.#keepAlive = setInterval(() => {}, 2 ** 31 - 1);
    else if (!local && this.#keepAlive !== null) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = null;
    }
  }
}

function live<W extends Waiter>(list: Fifo<W>): Fifo<W> {
  const kept = new Fifo<W>();
  for (const waiter of list) if (!waiter.done) kept.push(waiter);
  return kept;
}
