import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { OptionError, SysError } from '@sys/core';
import { type ForkOptions, forkRunner, moduleUrl } from './_fork.js';
import { type DoneMessage, fromShape, type TaskMessage, type TaskRef } from './_remote.js';
import { ChildExitError } from './errors.js';

/** Options for a Pool. */
export interface PoolOptions extends ForkOptions {
  /** The module whose exports tasks name by a string. */
  module?: string | URL;
}

/** A task's function: an export of the pool's module by name, or of any module. */
export type TaskFunction = string | { module: string | URL; export: string };

interface Job {
  ref: TaskRef;
  /** Argument lists (apply), or single arguments (map, imap). */
  work: { calls: unknown[][] } | { items: unknown[] };
  resolve(values: unknown[]): void;
  reject(error: unknown): void;
}

interface Worker {
  child: ChildProcess;
  job?: Job;
}

/**
 * A pool of child Node processes (multiprocessing's Pool): `apply`, `map`, `imap`, then
 * `close()` or `terminate()` and `join()`. Arguments and results cross as structured clones.
 * A worker that dies mid-task fails that task with a ChildExitError and is replaced.
 */
export class Pool {
  readonly #options: PoolOptions;
  readonly #workers = new Set<Worker>();
  readonly #queue: Job[] = [];
  #state: 'running' | 'closed' | 'terminated' = 'running';
  #nextId = 1;
  #allGone: { promise: Promise<void>; resolve(): void };

  constructor(
    /** How many worker processes. @default os.availableParallelism() */
    readonly processes: number = availableParallelism(),
    options: PoolOptions = {},
  ) {
    if (!Number.isInteger(processes) || processes < 1)
      throw new OptionError('processes', `expected a positive integer, got ${processes}`);
    this.#options = options;
    let resolve = () => {};
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    this.#allGone = { promise, resolve };
    for (let i = 0; i < processes; i++) this.#spawn();
  }

  /** Calls `fn(...args)` in a worker; resolves with its return value or rejects with its error. */
  async apply<T = unknown>(fn: TaskFunction, args: unknown[] = []): Promise<T> {
    const [value] = await this.#submit(fn, { calls: [args] });
    return value as T;
  }

  /**
   * Calls `fn(item)` for every item, in chunks of `chunksize` items per message (by default
   * about four chunks per worker, as Python does); resolves with the results in order.
   */
  async map<T = unknown>(
    fn: TaskFunction,
    items: Iterable<unknown>,
    options: { chunksize?: number } = {},
  ): Promise<T[]> {
    const all = [...items];
    const size = options.chunksize ?? Math.max(1, Math.ceil(all.length / (this.processes * 4)));
    const chunks: Promise<unknown[]>[] = [];
    for (let i = 0; i < all.length; i += size) chunks.push(this.#submit(fn, { items: all.slice(i, i + size) }));
    return (await Promise.all(chunks)).flat() as T[];
  }

  /**
   * Calls `fn(item)` for items as they come (an iterable or async iterable) and yields the
   * results in order as they are ready, with at most `inFlight` chunks submitted at once.
   */
  async *imap<T = unknown>(
    fn: TaskFunction,
    items: Iterable<unknown> | AsyncIterable<unknown>,
    options: { chunksize?: number; inFlight?: number } = {},
  ): AsyncGenerator<T, void, undefined> {
    const size = options.chunksize ?? 1;
    const inFlight = options.inFlight ?? this.processes * 2;
    const pending: Promise<unknown[]>[] = [];
    let chunk: unknown[] = [];
    const push = () => {
      const p = this.#submit(fn, { items: chunk });
      p.catch(() => {}); // awaited in order below
      pending.push(p);
      chunk = [];
    };
    try {
      for await (const item of items) {
        chunk.push(item);
        if (chunk.length === size) push();
        while (pending.length >= inFlight) yield* (await pending.shift()) as T[];
      }
      if (chunk.length > 0) push();
      while (pending.length > 0) yield* (await pending.shift()) as T[];
    } finally {
      pending.length = 0;
    }
  }

  /** Takes no more tasks; the workers exit once the queued ones are done. */
  close(): void {
    if (this.#state !== 'running') return;
    this.#state = 'closed';
    this.#dispatch();
  }

  /** Ends the workers now; queued tasks are rejected, running ones fail with a ChildExitError. */
  terminate(): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    for (const job of this.#queue.splice(0)) job.reject(closedError());
    for (const w of this.#workers) w.child.kill('SIGTERM');
    this.#checkGone();
  }

  /** Waits until every worker has exited; call close() or terminate() first. */
  join(): Promise<void> {
    if (this.#state === 'running')
      throw new SysError('ERR_SYS_POOL_STATE', 'join() needs close() or terminate() first');
    return this.#allGone.promise;
  }

  /** The pids of the current workers. */
  get pids(): number[] {
    return [...this.#workers].map((w) => w.child.pid as number);
  }

  #submit(fn: TaskFunction, work: Job['work']): Promise<unknown[]> {
    if (this.#state !== 'running') return Promise.reject(closedError());
    let ref: TaskRef;
    if (typeof fn === 'string') {
      if (this.#options.module === undefined) {
        return Promise.reject(new OptionError('fn', `'${fn}' names an export, but the Pool has no module`));
      }
      ref = { module: moduleUrl(this.#options.module), export: fn };
    } else ref = { module: moduleUrl(fn.module), export: fn.export };
    return new Promise((resolve, reject) => {
      this.#queue.push({ ref, work, resolve, reject });
      this.#dispatch();
    });
  }

  #spawn(): void {
    const worker: Worker = { child: forkRunner(this.#options) };
    this.#workers.add(worker);
    worker.child.on('message', (m: DoneMessage) => {
      const job = worker.job;
      if (m?.t !== 'done' || !job) return;
      worker.job = undefined;
      if (m.ok) job.resolve(m.values);
      else job.reject(fromShape(m.error));
      this.#dispatch();
    });
    worker.child.once('exit', (code, signal) => {
      this.#workers.delete(worker);
      worker.job?.reject(new ChildExitError(code, signal));
      worker.job = undefined;
      const needed = this.#state === 'running' || (this.#state === 'closed' && this.#queue.length > 0);
      if (needed) this.#spawn();
      this.#dispatch();
      this.#checkGone();
    });
  }

  #dispatch(): void {
    for (const w of this.#workers) {
      if (w.job || !w.child.connected) continue;
      const job = this.#queue.shift();
      if (!job) {
        // Closed and nothing left: an idle worker goes (it exits when its channel closes).
        if (this.#state === 'closed') w.child.disconnect();
        continue;
      }
      const message: TaskMessage = { t: 'task', id: this.#nextId++, ...job.ref, ...job.work, once: false };
      try {
        w.child.send(message);
        w.job = job;
      } catch (error) {
        job.reject(error); // arguments that cannot be cloned
      }
    }
  }

  #checkGone(): void {
    if (this.#state !== 'running' && this.#workers.size === 0) this.#allGone.resolve();
  }
}

function closedError(): SysError {
  return new SysError('ERR_SYS_POOL_CLOSED', 'the Pool is closed: it takes no more tasks');
}
