import { OptionError, type WaitOptions } from '@sys/core';
import { type Encoded, encode, finish } from './_codec.js';
import { adopt, rebuilding } from './_internals.js';
import { begin, end } from './_journal.js';
import { NONE, QueueCore } from './_queue-core.js';
import { C, CELLS, FIFO, HEADER_BYTES, LIFO, PRIORITY } from './_queue-layout.js';
import { Ring } from './_ring.js';
import { checkCount, type Deadline, deadlineOf } from './_wait.js';
import { Empty, Full, TaskDoneError } from './errors.js';

/** Sizes of a queue's shared memory. */
export interface QueueOptions {
  /** Bytes reserved at first for values. @default 65536 */
  initialBytes?: number;
  /** The most memory the queue may grow to, header included. @default 1 GiB */
  maxBytes?: number;
}

/** How `get` waits: core's `{ timeout, signal }` and Python's `block`. */
export interface GetOptions extends WaitOptions {
  /** false: Empty at once when there is no item (Python's `block=False`). @default true */
  block?: boolean;
}

/** How `put` waits: core's `{ timeout, signal }` and Python's `block` (false: Full at once). */
export type PutOptions = GetOptions;

// A blocking get() first watches the count for a few microseconds: a reply that comes that soon
// costs no sleep and wake-up. Measured: 20,000 round trips 1,168 ms without, 213 ms with.
const SPIN_GET = 3000;

function deadlineFor(options: GetOptions | undefined): Deadline {
  if (options === undefined) return deadlineOf(undefined);
  if (typeof options !== 'object' || options === null) throw new OptionError('options', 'must be an object');
  return deadlineOf({ blocking: options.block ?? true, timeout: options.timeout, signal: options.signal });
}

/**
 * A FIFO queue shared between threads (Python's `queue.Queue`): values are encoded into a ring
 * buffer in shared memory, so `put` in one thread and `get` in another pass no message.
 * `maxsize` (0: unbounded) bounds the items; memory grows as needed up to `maxBytes`.
 * Rebuild it in another thread with `Queue.from(buffer)`.
 */
export class Queue<T = unknown> {
  /** The shared memory to send to other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #c: Int32Array;
  readonly #ring: Ring;
  readonly #core: QueueCore<T>;

  constructor(maxsize = 0, options: QueueOptions = {}) {
    let buffer = adopt()?.buffer;
    if (buffer === undefined) {
      // As in Python, a maxsize of 0 or less means no bound.
      maxsize = Math.max(0, checkCount('maxsize', maxsize, -(2 ** 31)));
      const initial = checkCount('initialBytes', options.initialBytes ?? 65536, 64) & ~7;
      const most = checkCount('maxBytes', options.maxBytes ?? 2 ** 30, HEADER_BYTES + initial, 2 ** 31);
      buffer = new SharedArrayBuffer(HEADER_BYTES + initial, { maxByteLength: most });
      const c = new Int32Array(buffer, 0, CELLS);
      c[C.KIND] = this.kind();
      c[C.MAXSIZE] = maxsize;
      c[C.CAP] = initial;
    } else if (!buffer.growable) throw new OptionError('buffer', 'not the buffer of a Queue');
    this.buffer = buffer;
    this.#c = new Int32Array(buffer, 0, CELLS);
    this.#ring = new Ring(buffer, this.#c);
    this.#core = new QueueCore(this.#c, this.#ring);
  }

  /** Rebuilds a queue (of any kind) from the buffer of one made in another thread. */
  static from<T = unknown>(buffer: SharedArrayBuffer): Queue<T> {
    return rebuilding(buffer, () => new this<T>());
  }

  /** The order values come out in; subclasses choose. */
  protected kind(): number {
    return FIFO;
  }

  /** The bound on items (0: none). */
  get maxsize(): number {
    return this.#c[C.MAXSIZE] as number;
  }

  /** Items in the queue now (approximate while other threads use it, as in Python). */
  qsize(): number {
    return Atomics.load(this.#c, C.COUNT);
  }

  /** True when no item is in the queue now. */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** True when the queue holds `maxsize` items now. */
  full(): boolean {
    return this.maxsize > 0 && this.qsize() >= this.maxsize;
  }

  /**
   * Puts an item, blocking this thread while the queue is full (or `block: false`: Full at
   * once; `timeout`: Full after it). ShutDown after `shutdown()`.
   */
  put(item: T, options?: PutOptions): void {
    const deadline = deadlineFor(options);
    const encoded = encode(item);
    const key = this.#core.keyOf(item);
    if (!this.#core.lock(deadline)) throw new Full();
    try {
      while (!this.#core.tryPut(encoded, key)) {
        if (!this.#core.sleep(C.PUTTERS, C.NOT_FULL, deadline) && !this.#core.tryPut(encoded, key)) throw new Full();
      }
    } finally {
      this.#core.unlock();
    }
  }

  /** `put` without blocking the event loop. */
  async putAsync(item: T, options?: PutOptions): Promise<void> {
    const deadline = deadlineFor(options);
    const encoded = encode(item);
    const key = this.#core.keyOf(item);
    if (!(await this.#core.lockAsync(deadline))) throw new Full();
    try {
      while (!this.#core.tryPut(encoded, key)) {
        if (!(await this.#core.sleepAsync(C.PUTTERS, C.NOT_FULL, deadline)) && !this.#core.tryPut(encoded, key)) {
          throw new Full();
        }
      }
    } finally {
      this.#core.unlock();
    }
  }

  /** `put(item, { block: false })`. */
  putNowait(item: T): void {
    this.put(item, { block: false });
  }

  /**
   * Removes and returns the next item, blocking this thread while the queue is empty
   * (`block: false`: Empty at once; `timeout`: Empty after it). ShutDown once shut down and empty.
   */
  get(options?: GetOptions): T {
    const deadline = deadlineFor(options);
    if (deadline.at !== 0) for (let i = 0; i < SPIN_GET && Atomics.load(this.#c, C.COUNT) === 0; i++);
    return finish(this.#take(deadline)) as T;
  }

  // The bytes are copied out under the lock; decoding them waits until it is released.
  #take(deadline: Deadline): Encoded {
    if (!this.#core.lock(deadline)) throw new Empty();
    try {
      for (;;) {
        const value = this.#core.tryGet();
        if (value !== NONE) return value;
        if (!this.#core.sleep(C.GETTERS, C.NOT_EMPTY, deadline)) {
          const last = this.#core.tryGet();
          if (last === NONE) throw new Empty();
          return last;
        }
      }
    } finally {
      this.#core.unlock();
    }
  }

  /** `get` without blocking the event loop. */
  async getAsync(options?: GetOptions): Promise<T> {
    const deadline = deadlineFor(options);
    if (!(await this.#core.lockAsync(deadline))) throw new Empty();
    try {
      for (;;) {
        const value = this.#core.tryGet();
        if (value !== NONE) return finish(value) as T;
        if (!(await this.#core.sleepAsync(C.GETTERS, C.NOT_EMPTY, deadline))) {
          const last = this.#core.tryGet();
          if (last === NONE) throw new Empty();
          return finish(last) as T;
        }
      }
    } finally {
      this.#core.unlock();
    }
  }

  /** `get({ block: false })`. */
  getNowait(): T {
    return this.get({ block: false });
  }

  /** Marks one item taken by `get` as processed; `join()` returns when all are. */
  taskDone(): void {
    const c = this.#c;
    for (let n = Atomics.load(c, C.UNFINISHED); ; n = Atomics.load(c, C.UNFINISHED)) {
      if (n <= 0) throw new TaskDoneError();
      if (Atomics.compareExchange(c, C.UNFINISHED, n, n - 1) !== n) continue;
      if (n === 1) this.#allDone();
      return;
    }
  }

  #allDone(): void {
    Atomics.add(this.#c, C.ALL_DONE, 1);
    Atomics.notify(this.#c, C.ALL_DONE);
  }

  /** Blocks until every item put has been marked done with `taskDone()`. */
  join(): void {
    const c = this.#c;
    for (;;) {
      const seen = Atomics.load(c, C.ALL_DONE);
      if (Atomics.load(c, C.UNFINISHED) === 0) return;
      Atomics.wait(c, C.ALL_DONE, seen);
    }
  }

  /** `join` without blocking the event loop. */
  async joinAsync(): Promise<void> {
    const c = this.#c;
    for (;;) {
      const seen = Atomics.load(c, C.ALL_DONE);
      if (Atomics.load(c, C.UNFINISHED) === 0) return;
      const w = Atomics.waitAsync(c, C.ALL_DONE, seen);
      if (w.async) await w.value;
    }
  }

  /**
   * Shuts the queue down (Python 3.13): `put` throws ShutDown at once, `get` once the queue is
   * empty, and every blocked putter and getter wakes. `immediate` also drops the items left,
   * counting them done so `join()` returns.
   */
  shutdown(immediate = false): void {
    const c = this.#c;
    this.#core.lock();
    try {
      c[C.SHUT] = 1;
      if (immediate) {
        const dropped = c[C.COUNT] as number;
        begin(c);
        this.#ring.clear();
        Atomics.store(c, C.COUNT, 0);
        let left = 0;
        for (let n = Atomics.load(c, C.UNFINISHED); ; n = Atomics.load(c, C.UNFINISHED)) {
          left = Math.max(0, n - dropped);
          if (Atomics.compareExchange(c, C.UNFINISHED, n, left) === n) break;
        }
        end(c);
        if (left === 0) this.#allDone();
      }
      for (const word of [C.NOT_EMPTY, C.NOT_FULL]) {
        Atomics.add(c, word, 1);
        Atomics.notify(c, word);
      }
    } finally {
      this.#core.unlock();
    }
  }

  /** `shutdown()`: no more puts; gets take what is left, then throw ShutDown. Idempotent. */
  close(): void {
    if (!this.isShutdown) this.shutdown();
  }

  /** `close()`, for `await using q = new Queue()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  /** True after `shutdown()`. */
  get isShutdown(): boolean {
    return Atomics.load(this.#c, C.SHUT) !== 0;
  }
}

/** A last-in, first-out queue shared between threads (Python's `queue.LifoQueue`). */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override kind(): number {
    return LIFO;
  }
}

/**
 * A queue that hands out the lowest-keyed item first (Python's `queue.PriorityQueue`); items
 * with equal keys come out in the order they went in. The key is the item when it is a number,
 * else its first element: `put([priority, data])`.
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  protected override kind(): number {
    return PRIORITY;
  }
}
