import { availableParallelism } from 'node:os';
import type { ResourceLimits, Transferable } from 'node:worker_threads';
import {
  checkTimeout,
  type Deferred,
  decodeError,
  deferred,
  type EncodedError,
  Fifo,
  OptionError,
  ordered,
  startTimer,
} from '@sys/core';
import { specOf } from './_job.js';
import { Slot, type SlotEvents, type Task } from './_pool-slot.js';
import type { FromWorker } from './_pool-worker.js';
import { encodeShared } from './_shareable.js';
import { checkCount } from './_wait.js';
import { PoolClosedError, ThreadExitError } from './errors.js';
import type { Target } from './target.js';

/** How a ThreadPool runs its workers. */
export interface ThreadPoolOptions {
  /** Milliseconds an idle worker lives before it ends (Infinity: until close). @default 5000 */
  idleTimeout?: number;
  /** Heap limits for each worker (Node's `resourceLimits`). */
  resourceLimits?: ResourceLimits;
  /** Milliseconds an aborted task has to stop by itself before its worker is replaced. @default 500 */
  abortGrace?: number;
}

/** Options for one task. */
export interface TaskOptions {
  /** Aborts the task: it rejects with `signal.reason`; the task sees it as `this.signal`. */
  signal?: AbortSignal;
  /** Objects to move to the worker instead of copying (ArrayBuffers, ports). */
  transfer?: readonly Transferable[];
}

/** Options for `map` and `imap`. */
export interface MapOptions {
  /** The most tasks submitted and not yet yielded at a time. @default 32 per thread */
  inFlight?: number;
}

// Quick tasks travel in batches: enough per worker to keep it busy this long between replies.
const BATCH_MS = 2;
const MAX_BATCH = 256;
// Workers that die before running anything, this many times in a row, will not start: the
// queued tasks are failed instead of starting workers for ever.
const MAX_START_FAILURES = 3;

function hasObjects(args: unknown[]): boolean {
  for (const a of args) if (typeof a === 'object' && a !== null) return true;
  return false;
}

/**
 * A pool of worker threads that run functions (self-contained, sent once as source and kept by
 * each worker) or module exports. Quick tasks are batched, so a pool of tiny tasks costs little
 * more than their messages; idle workers end after `idleTimeout` and never keep the process alive.
 * A task that throws fails alone; a worker that dies loses only the task it was running.
 */
export class ThreadPool {
  /** The most workers that run at once. */
  readonly size: number;
  readonly #options: Required<Omit<ThreadPoolOptions, 'resourceLimits'>> & ThreadPoolOptions;
  readonly #slots: Slot[] = [];
  readonly #pending = new Fifo<Task>();
  readonly #fnIds = new Map<string, number>();
  #nextTask = 1;
  #depth = 8;
  #scheduled = false;
  #closed = false;
  #terminated = false;
  #startFailures = 0;
  #closing: Deferred<void> | undefined;
  readonly #events: SlotEvents = {
    results: (slot, m) => this.#results(slot, m),
    exit: (slot, code, error) => this.#exit(slot, code, error),
  };

  constructor(size = availableParallelism(), options: ThreadPoolOptions = {}) {
    this.size = checkCount('size', size, 1, 1024);
    if (typeof options !== 'object' || options === null) throw new OptionError('options', 'must be an object');
    this.#options = { idleTimeout: 5000, abortGrace: 500, ...options };
    checkTimeout('idleTimeout', this.#options.idleTimeout);
    checkTimeout('abortGrace', this.#options.abortGrace);
  }

  /** Runs `fn(...args)` on a worker; resolves with its result (Python's `executor.submit`). */
  submit<A extends unknown[], R>(fn: ((...args: A) => R) | Target, ...args: A): Promise<Awaited<R>> {
    return this.run(fn as Target, args) as Promise<Awaited<R>>;
  }

  /** `submit` with options: an AbortSignal, objects to transfer. */
  run(fn: Target, args: unknown[] = [], options: TaskOptions = {}): Promise<unknown> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    const spec = specOf(fn, 'fn');
    if (!Array.isArray(args)) throw new OptionError('args', 'must be an array');
    const { signal, transfer } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal))
      throw new OptionError('signal', 'must be an AbortSignal');
    if (signal?.aborted) return Promise.reject(signal.reason);
    const key = 'source' in spec ? spec.source : `${spec.module}#${spec.export}`;
    let fnId = this.#fnIds.get(key);
    if (fnId === undefined) {
      fnId = this.#fnIds.size + 1;
      this.#fnIds.set(key, fnId);
    }
    const result = deferred<unknown>();
    let queues: Set<SharedArrayBuffer> | undefined;
    if (hasObjects(args)) queues = new Set();
    const wire = queues ? (encodeShared(args, queues) as unknown[]) : args;
    const task: Task = {
      id: this.#nextTask++,
      fn: fnId,
      spec,
      args: wire,
      resolve: result.resolve,
      reject: result.reject,
      signal,
      transfer,
      queues: queues?.size ? queues : undefined,
    };
    if (signal) {
      const onAbort = () => this.#abort(task);
      signal.addEventListener('abort', onAbort, { once: true });
      // The listener goes with the task: one signal shared by many tasks must not pile them up.
      task.resolve = (value) => {
        signal.removeEventListener('abort', onAbort);
        result.resolve(value);
      };
      task.reject = (reason) => {
        signal.removeEventListener('abort', onAbort);
        result.reject(reason);
      };
    }
    this.#pending.push(task);
    this.#schedule();
    return result.promise;
  }

  /**
   * Runs `fn(item)` for every item (of an iterable or async iterable) and resolves with the
   * results in order, as Python's `executor.map`; rejects with the first error (in order).
   * At most `inFlight` tasks are submitted at a time.
   */
  async map<T, R>(
    fn: ((item: T) => R) | Target,
    items: Iterable<T> | AsyncIterable<T>,
    options: MapOptions = {},
  ): Promise<Awaited<R>[]> {
    const results: Awaited<R>[] = [];
    for await (const result of this.imap(fn, items, options)) results.push(result);
    return results;
  }

  /**
   * `map` as an async generator: yields the results in order as they come, with at most
   * `inFlight` tasks submitted at a time (a consumer that stops early stops the submitting).
   */
  imap<T, R>(
    fn: ((item: T) => R) | Target,
    items: Iterable<T> | AsyncIterable<T>,
    options: MapOptions = {},
  ): AsyncGenerator<Awaited<R>, void, undefined> {
    const inFlight = checkCount('inFlight', options.inFlight ?? this.size * 32, 1);
    return ordered(items, (item) => this.run(fn as Target, [item]) as Promise<R>, inFlight);
  }

  /** Workers running now. */
  get threads(): number {
    return this.#slots.length;
  }

  /** Tasks waiting for a worker. */
  get pending(): number {
    return this.#pending.length;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #next(): Task | undefined {
    while (this.#pending.peek()?.settled) this.#pending.shift();
    return this.#pending.peek();
  }

  /** The least busy worker that can take `task` now, starting one if there is room. */
  #slotFor(task: Task): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.#slots) {
      if (slot.retired || slot.exclusive) continue;
      if (task.signal ? slot.inflight.length > 0 : slot.inflight.length >= this.#depth) continue;
      if (!best || slot.inflight.length < best.inflight.length) best = slot;
    }
    if ((!best || best.inflight.length > 0) && this.#slots.length < this.size) {
      best = new Slot(this.#events, this.#options.resourceLimits);
      this.#slots.push(best);
    }
    return best;
  }

  #pump(): void {
    for (let task = this.#next(); task; task = this.#next()) {
      let slot: Slot | undefined;
      try {
        slot = this.#slotFor(task);
      } catch (error) {
        // new Worker() threw (a flag or option a worker refuses): this task fails with it.
        this.#pending.shift();
        this.#startFailed(task, error, -1);
        continue;
      }
      if (!slot) break;
      const batch: Task[] = [];
      if (task.signal) {
        slot.exclusive = true;
        batch.push(this.#pending.shift() as Task);
      } else {
        const room = this.#depth - slot.inflight.length;
        for (let t: Task | undefined = task; t && !t.signal && batch.length < room; t = this.#next()) {
          batch.push(this.#pending.shift() as Task);
        }
      }
      this.#send(slot, batch);
    }
    this.#maybeClosed();
  }

  /** Sends a batch; when some argument cannot be cloned, the tasks go one by one and only those fail. */
  #send(slot: Slot, batch: Task[]): void {
    try {
      slot.send(batch);
      return;
    } catch {
      // found out below, task by task
    }
    for (const task of batch) {
      try {
        slot.send([task]);
      } catch (error) {
        task.settled = true;
        task.reject(error);
      }
    }
    if (slot.inflight.length === 0) slot.exclusive = false;
  }

  #results(slot: Slot, { done, busy }: FromWorker): void {
    this.#startFailures = 0;
    for (const [id, ok, value] of done) {
      const task = slot.inflight.shift();
      slot.answered++;
      if (!task || task.id !== id || task.settled) continue;
      task.settled = true;
      if (ok) task.resolve(value);
      else task.reject(decodeError(value as EncodedError));
    }
    // Batch so that a worker gets about BATCH_MS of work per message.
    const perTask = busy / Math.max(1, done.length);
    const target = Math.max(1, Math.min(MAX_BATCH, Math.round(BATCH_MS / Math.max(perTask, 1e-3))));
    this.#depth = Math.max(1, Math.round((this.#depth * 3 + target) / 4));
    if (slot.inflight.length === 0) {
      slot.exclusive = false;
      slot.idle(this.#options.idleTimeout, () => this.#retire(slot));
    }
    this.#pump();
  }

  #retire(slot: Slot): void {
    if (slot.retired || slot.inflight.length > 0) return;
    this.#end(slot);
  }

  /** A worker could not start: `task` fails with the reason; after a few in a row, so does every queued task. */
  #startFailed(task: Task, error: unknown, code: number): void {
    const message = error instanceof Error ? error.message : `exit code ${code}`;
    const failure = new ThreadExitError(`a pool worker could not start: ${message}`, code, { cause: error });
    if (!task.settled) {
      task.settled = true;
      task.reject(failure);
    }
    if (++this.#startFailures < MAX_START_FAILURES) return;
    for (let t = this.#next(); t; t = this.#next()) {
      this.#pending.shift();
      t.settled = true;
      t.reject(failure);
    }
  }

  #exit(slot: Slot, code: number, error: Error | undefined): void {
    slot.retired = true;
    this.#slots.splice(this.#slots.indexOf(slot), 1);
    slot.idleTimer?.clear();
    const lost = slot.inflight.splice(0);
    // Tasks run in order, and a worker sends what it computed before it ends: those answered
    // are gone from `lost`; the first left is the one that ended the worker (none if it died
    // before starting any), those after it never started and run elsewhere.
    const running = slot.started - slot.answered - 1;
    const again: Task[] = [];
    lost.forEach((task, k) => {
      if (k > running && !this.#terminated) again.push(task);
      else if (task.settled) return;
      else if (k > running) {
        task.settled = true;
        task.reject(new PoolClosedError());
      } else if (k === running) {
        task.settled = true;
        task.reject(error ?? new ThreadExitError(`the pool's worker ended with code ${code}`, code));
      } else {
        task.settled = true;
        task.reject(new ThreadExitError(`the pool's worker ended before reporting the result`, code, { cause: error }));
      }
    });
    if (slot.started === 0 && slot.answered === 0 && !slot.retiredByPool) {
      const first = again.shift();
      if (first) this.#startFailed(first, error, code);
    }
    this.#pending.unshift(...again);
    this.#pump();
  }

  #abort(task: Task): void {
    if (task.settled) return;
    task.settled = true;
    task.reject(task.signal?.reason);
    const slot = this.#slots.find((s) => s.inflight.includes(task));
    if (!slot) return; // still pending: skipped when its turn comes
    slot.cancel(task.id);
    // A task that ignores its signal is stopped the only way there is: its worker is replaced.
    startTimer(this.#options.abortGrace, () => {
      if (slot.inflight.includes(task)) this.#end(slot);
    }).unref();
  }

  /** Ends a worker on purpose (its exit is no start failure). */
  #end(slot: Slot): void {
    slot.retired = true;
    slot.retiredByPool = true;
    void slot.worker.terminate();
  }

  #maybeClosed(): void {
    if (!this.#closing || this.pending > 0 || this.#slots.some((s) => s.inflight.length > 0)) return;
    for (const slot of this.#slots) this.#retire(slot);
    if (this.#slots.length === 0) this.#closing.resolve();
  }

  /** Takes no more tasks, finishes those queued, then ends every worker (idempotent). */
  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= deferred();
    this.#maybeClosed();
    return this.#closing.promise;
  }

  /** `close()`, for `await using pool = new ThreadPool()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Ends every worker now: queued tasks reject with PoolClosedError, running ones with ThreadExitError. */
  async terminate(): Promise<void> {
    this.#closed = true;
    this.#terminated = true;
    for (let task = this.#next(); task; task = this.#next()) {
      this.#pending.shift();
      task.settled = true;
      task.reject(new PoolClosedError());
    }
    for (const slot of this.#slots) {
      slot.retired = true;
      slot.retiredByPool = true;
    }
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
    this.#closing?.resolve();
  }
}
