// The items and the waiting getters and putters of a bounded FIFO queue, in the process
// that owns it. Remote callers reach it through Queue's protocol; waits end with Empty/Full.
import { Empty, Full } from './errors.js';

/** How long to wait: `block: false` never waits; `timeout` in ms; neither waits for ever. */
export interface WaitOptions {
  /** False: fail at once rather than wait. @default true */
  block?: boolean;
  /** Most ms to wait before Empty / Full. @default no limit */
  timeout?: number;
}

interface Waiter {
  settle(ok: boolean, value?: unknown): void;
  timer?: NodeJS.Timeout;
  /** Who asked: a remote connection's waits end when it goes away. */
  owner: unknown;
}

interface Putter extends Waiter {
  item: unknown;
}

function wait<W extends Waiter>(list: W[], waiter: W, timeout: number | undefined, onTimeout: () => void): void {
  list.push(waiter);
  if (timeout !== undefined) {
    waiter.timer = setTimeout(() => {
      const at = list.indexOf(waiter);
      if (at >= 0) list.splice(at, 1);
      onTimeout();
    }, timeout);
  }
}

/** A bounded FIFO with blocking get/put, as Python's queue.Queue, for one process's event loop. */
export class QueueState {
  #items: unknown[] = [];
  #head = 0;
  #getters: Waiter[] = [];
  #putters: Putter[] = [];
  /** While a local caller waits with no timeout, something must hold the process open. */
  #keepAlive: NodeJS.Timeout | null = null;

  constructor(readonly maxsize: number) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Adds `item`, waiting for room as `options` allow; rejects with Full. */
  put(item: unknown, options: WaitOptions = {}, owner: unknown = null): Promise<void> {
    const getter = this.#getters.shift();
    if (getter) {
      clearTimeout(getter.timer);
      getter.settle(true, item);
      return Promise.resolve();
    }
    if (this.maxsize <= 0 || this.size < this.maxsize) {
      this.#items.push(item);
      return Promise.resolve();
    }
    if (options.block === false) return Promise.reject(new Full());
    return new Promise((resolve, reject) => {
      const putter: Putter = {
        item,
        owner,
        settle: (ok) => {
          this.#holdOpen();
          return ok ? resolve() : reject(new Full());
        },
      };
      wait(this.#putters, putter, options.timeout, () => putter.settle(false));
      this.#holdOpen();
    });
  }

  /** Removes and returns the oldest item, waiting for one as `options` allow; rejects with Empty. */
  get(options: WaitOptions = {}, owner: unknown = null): Promise<unknown> {
    if (this.size > 0) return Promise.resolve(this.#take());
    if (options.block === false) return Promise.reject(new Empty());
    return new Promise((resolve, reject) => {
      const getter: Waiter = {
        owner,
        settle: (ok, value) => {
          this.#holdOpen();
          return ok ? resolve(value) : reject(new Empty());
        },
      };
      wait(this.#getters, getter, options.timeout, () => getter.settle(false));
      this.#holdOpen();
    });
  }

  /** Ends the waits of `owner` (a remote connection that went away) without giving them items. */
  forget(owner: unknown): void {
    for (const list of [this.#getters, this.#putters] as Waiter[][]) {
      for (let i = list.length - 1; i >= 0; i--) {
        const waiter = list[i] as Waiter;
        if (waiter.owner !== owner) continue;
        clearTimeout(waiter.timer);
        list.splice(i, 1);
      }
    }
    this.#holdOpen();
  }

  #take(): unknown {
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    const putter = this.#putters.shift();
    if (putter) {
      clearTimeout(putter.timer);
      this.#items.push(putter.item);
      putter.settle(true);
    }
    return item;
  }

  #holdOpen(): void {
    const local = [...this.#getters, ...this.#putters].some((w) => w.owner === null && w.timer === undefined);
    if (local && this.#keepAlive === null) this.#keepAlive = setInterval(() => {}, 2 ** 31 - 1);
    else if (!local && this.#keepAlive !== null) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = null;
    }
  }
}
