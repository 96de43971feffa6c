import { availableParallelism } from 'node:os';
import type { ResourceLimits, Transferable } from 'node:worker_threads';
import { errorOf, specOf, type Target } from './_job.js';
import { Slot, type SlotEvents, type Task } from './_pool-slot.js';
import type { FromWorker } from './_pool-worker.js';
import { encodeShared } from './_shareable.js';
import { checkCount } from './_wait.js';
import { PoolClosedError, ThreadExitError } from './errors.js';

/** How a ThreadPool runs its workers. */
export interface PoolOptions {
  /** Milliseconds an idle worker lives before it ends (Infinity: until close). @default 5000 */
  idleTimeout?: number;
  /** Heap limits for each worker (Node's `resourceLimits`). */
  resourceLimits?: ResourceLimits;
  /** Milliseconds an aborted task has to stop by itself before its worker is replaced. @default 500 */
  abortGrace?: number;
}

/** Options for one task. */
export interface RunOptions {
  /** Aborts the task: it rejects with `signal.reason`; the task sees it as `this.signal`. */
  signal?: AbortSignal;
  /** Objects to move to the worker instead of copying (ArrayBuffers, ports). */
  transfer?: readonly Transferable[];
}

// Quick tasks travel in batches: enough per worker to keep it busy this long between replies.
const BATCH_MS = 2;
const MAX_BATCH = 256;

function hasObjects(args: unknown[]): boolean {
  for (const a of args) if (typeof a === 'object' && a !== null) return true;
  return false;
}

/**
 * A pool of worker threads that run functions (self-contained, sent once as source and kept by
 * each worker) or module exports. Quick tasks are batched, so a pool of tiny tasks costs little
 * more than their messages; idle workers end after `idleTimeout` and never keep the process alive.
 */
export class ThreadPool {
  /** The most workers that run at once. */
  readonly size: number;
  readonly #options: Required<Omit<PoolOptions, 'resourceLimits'>> & PoolOptions;
  readonly #slots: Slot[] = [];
  #pending: Task[] = [];
  #head = 0;
  readonly #fnIds = new Map<string, number>();
  #nextTask = 1;
  #depth = 8;
  #scheduled = false;
  #closed = false;
  #closing: { promise: Promise<void>; resolve: () => void } | undefined;
  readonly #events: SlotEvents = {
    results: (slot, m) => this.#results(slot, m),
    exit: (slot, code, error) => this.#exit(slot, code, error),
  };

  constructor(size = availableParallelism(), options: PoolOptions = {}) {
    this.size = checkCount('size', size, 1, 1024);
    this.#options = { idleTimeout: 5000, abortGrace: 500, ...options };
  }

  /** Runs `fn(...args)` on a worker; resolves with its result (Python's `executor.submit`). */
  submit<A extends unknown[], R>(fn: ((...args: A) => R) | Target, ...args: A): Promise<Awaited<R>> {
    return this.run(fn as Target, args) as Promise<Awaited<R>>;
  }

  /** `submit` with options: an AbortSignal, objects to transfer. */
  run(fn: Target, args: unknown[] = [], options: RunOptions = {}): Promise<unknown> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    const spec = specOf(fn, 'fn');
    const key = 'source' in spec ? spec.source : `${spec.module}#${spec.export}`;
    let fnId = this.#fnIds.get(key);
    if (fnId === undefined) {
      fnId = this.#fnIds.size + 1;
      this.#fnIds.set(key, fnId);
    }
    const { signal, transfer } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const wire = hasObjects(args) ? (encodeShared(args) as unknown[]) : args;
      const task: Task = { id: this.#nextTask++, fn: fnId, spec, args: wire, resolve, reject, signal, transfer };
      if (signal) signal.addEventListener('abort', () => this.#abort(task), { once: true });
      this.#pending.push(task);
      this.#schedule();
    });
  }

  /**
   * Runs `fn(item)` for every item (of an iterable or async iterable) and yields the results in
   * order, with at most `inFlight` tasks submitted at a time.
   */
  async *map<T, R>(
    fn: ((item: T) => R) | Target,
    items: Iterable<T> | AsyncIterable<T>,
    options: { inFlight?: number } = {},
  ): AsyncGenerator<Awaited<R>> {
    const inFlight = checkCount('inFlight', options.inFlight ?? this.size * 32, 1);
    const window: Promise<unknown>[] = [];
    for await (const item of items) {
      const result = this.run(fn as Target, [item]);
      result.catch(() => {}); // rejections surface when their turn comes
      window.push(result);
      if (window.length >= inFlight) yield (await window.shift()) as Awaited<R>;
    }
    while (window.length > 0) yield (await window.shift()) as Awaited<R>;
  }

  /** Workers running now. */
  get threads(): number {
    return this.#slots.length;
  }

  /** Tasks waiting for a worker. */
  get pending(): number {
    return this.#pending.length - this.#head;
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
    while (this.#head < this.#pending.length && (this.#pending[this.#head] as Task).settled) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#pending.length) {
      this.#pending = this.#pending.slice(this.#head);
      this.#head = 0;
    }
    return this.#pending[this.#head];
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
      const slot = this.#slotFor(task);
      if (!slot) break;
      const batch: Task[] = [];
      if (task.signal) {
        slot.exclusive = true;
        batch.push(task);
        this.#head++;
      } else {
        const room = this.#depth - slot.inflight.length;
        for (let t: Task | undefined = task; t && !t.signal && batch.length < room; t = this.#next()) {
          batch.push(t);
          this.#head++;
        }
      }
      slot.send(batch);
    }
    this.#maybeClosed();
  }

  #results(slot: Slot, { done, busy }: FromWorker): void {
    for (const [id, ok, value] of done) {
      const task = slot.inflight.shift();
      slot.answered++;
      if (!task || task.id !== id || task.settled) continue;
      task.settled = true;
      if (ok) task.resolve(value);
      else task.reject(errorOf(value as Parameters<typeof errorOf>[0]));
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
    slot.retired = true;
    void slot.worker.terminate();
  }

  #exit(slot: Slot, code: number, error: Error | undefined): void {
    slot.retired = true;
    this.#slots.splice(this.#slots.indexOf(slot), 1);
    clearTimeout(slot.idleTimer);
    const lost = slot.inflight.splice(0);
    // Tasks run in order: those before the one running had finished (their results never came),
    // the one running is the one that ended the worker, those after never started.
    const running = slot.started - slot.answered - 1;
    const again: Task[] = [];
    lost.forEach((task, k) => {
      if (k > running && !this.#closed) again.push(task);
      else if (!task.settled) {
        task.settled = true;
        const why = k < running ? 'before reporting the result' : `with code ${code}`;
        if (k > running) task.reject(new PoolClosedError());
        else if (k === running && error) task.reject(error);
        else task.reject(new ThreadExitError(`the pool's worker ended ${why}`, code, error));
      }
    });
    if (again.length > 0) {
      this.#pending = [...again, ...this.#pending.slice(this.#head)];
      this.#head = 0;
    }
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
    const timer = setTimeout(() => {
      if (slot.inflight.includes(task)) {
        slot.retired = true;
        void slot.worker.terminate();
      }
    }, this.#options.abortGrace);
    timer.unref();
  }

  #maybeClosed(): void {
    if (!this.#closing || this.pending > 0 || this.#slots.some((s) => s.inflight.length > 0)) return;
    for (const slot of this.#slots) this.#retire(slot);
    if (this.#slots.length === 0) this.#closing.resolve();
  }

  /** Takes no more tasks, finishes those queued, then ends every worker. */
  close(): Promise<void> {
    this.#closed = true;
    if (!this.#closing) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#closing = { promise, resolve };
    }
    this.#maybeClosed();
    return this.#closing.promise;
  }

  /** Ends every worker now: queued tasks reject with PoolClosedError, running ones with ThreadExitError. */
  async terminate(): Promise<void> {
    this.#closed = true;
    for (let task = this.#next(); task; task = this.#next()) {
      this.#head++;
      task.settled = true;
      task.reject(new PoolClosedError());
    }
    for (const slot of this.#slots) slot.retired = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
    this.#closing?.resolve();
  }
}
