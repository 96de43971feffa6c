import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import {
  checkTimeout,
  type Deferred,
  decodeError,
  deferred,
  moduleUrl,
  OptionError,
  ordered,
  startTimer,
  type Timer,
  type WaitOptions,
} from '@sys/core';
import { type Forked, type ForkOptions, forkRunner, startError } from './_fork.js';
import type { DoneMessage, ReadyMessage, TaskMessage, TaskRef } from './_remote.js';
import { ChildExitError, ChildStartError, PoolClosedError, PoolStateError, TaskTimeoutError } from './errors.js';

/** Options for a Pool. */
export interface PoolOptions extends ForkOptions {
  /** The module whose exports tasks name by a string (a path, a `file:` URL or a URL object). */
  module?: string | URL;
}

/** A task's function: an export of the pool's module by name, or of any module. */
export type TaskFunction = string | { module: string | URL; export: string };

/** Per-task options: how long the caller waits for one task, and what cancels it. */
export type TaskOptions = WaitOptions;

/** Options for `map`: the chunk size, and each chunk's task options. */
export interface MapOptions extends TaskOptions {
  /** Items per message to a worker. @default about four chunks per worker */
  chunksize?: number;
}

/** Options for `imap`. */
export interface ImapOptions extends TaskOptions {
  /** Items per message to a worker. @default 1 */
  chunksize?: number;
  /** Chunks submitted ahead of what was yielded. @default 2 × processes */
  inFlight?: number;
}

// Workers that die before they start, in a row, before the pool stops starting them.
const FAILED_STARTS = 3;

interface Job {
  ref: TaskRef;
  /** Argument lists (apply), or single arguments (map, imap). */
  work: { calls: unknown[][] } | { items: unknown[] };
  done: Deferred<unknown[]>;
  settled: boolean;
  worker?: Worker;
  timer?: Timer;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Worker extends Forked {
  job?: Job;
  /** Its runner said it was ready: a death after this is a task's, not a start's. */
  ready: boolean;
  /** We ended it (a task's timeout or abort): its death says nothing of starting. */
  ended?: boolean;
}

/**
 * A pool of child Node processes (multiprocessing's Pool): `apply`, `map`, `imap`, then
 * `close()` or `terminate()` and `join()`. Arguments and results cross as structured clones.
 * A worker that dies mid-task fails that task with a ChildExitError and is replaced. Idle
 * workers do not keep the program alive.
 */
export class Pool {
  readonly #options: PoolOptions;
  readonly #module: string | undefined;
  readonly #workers = new Set<Worker>();
  readonly #queue: Job[] = [];
  #state: 'running' | 'closed' | 'terminated' = 'running';
  #nextId = 1;
  #failedStarts = 0;
  /** Set once workers kept dying before they started: every task fails with it. */
  #broken: ChildStartError | undefined;
  readonly #allGone = deferred<void>();

  constructor(
    /** How many worker processes. @default os.availableParallelism() */
    readonly processes: number = availableParallelism(),
    options: PoolOptions = {},
  ) {
    if (!Number.isInteger(processes) || processes < 1)
      throw new OptionError('processes', `expected a positive integer, got ${processes}`);
    this.#options = options;
    this.#module = options.module === undefined ? undefined : moduleUrl(options.module);
    for (let i = 0; i < processes; i++) this.#spawn();
  }

  /** Calls `fn(...args)` in a worker; resolves with its return value or rejects with its error. */
  async apply<T = unknown>(fn: TaskFunction, args: unknown[] = [], options: TaskOptions = {}): Promise<T> {
    const [value] = await this.#submit(fn, { calls: [args] }, options);
    return value as T;
  }

  /**
   * Calls `fn(item)` for every item, in chunks of `chunksize` items per message (by default
   * about four chunks per worker, as Python does); resolves with the results in order.
   * `timeout` and `signal` apply to each chunk's task.
   */
  async map<T = unknown>(fn: TaskFunction, items: Iterable<unknown>, options: MapOptions = {}): Promise<T[]> {
    const all = [...items];
    const size = chunkSize(options.chunksize, Math.max(1, Math.ceil(all.length / (this.processes * 4))));
    const chunks: Promise<unknown[]>[] = [];
    for (let i = 0; i < all.length; i += size)
      chunks.push(this.#submit(fn, { items: all.slice(i, i + size) }, options));
    for (const c of chunks) c.catch(() => {}); // the first failure is reported by Promise.all
    return (await Promise.all(chunks)).flat() as T[];
  }

  /**
   * Calls `fn(item)` for items as they come (an iterable or async iterable) and yields the
   * results in order as they are ready, with at most `inFlight` chunks submitted at once.
   */
  async *imap<T = unknown>(
    fn: TaskFunction,
    items: Iterable<unknown> | AsyncIterable<unknown>,
    options: ImapOptions = {},
  ): AsyncGenerator<T, void, undefined> {
    const size = chunkSize(options.chunksize, 1);
    const inFlight = options.inFlight ?? this.processes * 2;
    const submit = (chunk: unknown[]) => this.#submit(fn, { items: chunk }, options);
    for await (const values of ordered(chunked(items, size), submit, inFlight)) yield* values as T[];
  }

  /** Takes no more tasks; the workers exit once the queued ones are done. Idempotent. */
  close(): void {
    if (this.#state !== 'running') return;
    this.#state = 'closed';
    this.#dispatch();
    this.#checkGone();
  }

  /** Ends the workers now; queued tasks are rejected, running ones fail with a ChildExitError. */
  terminate(): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    for (const job of this.#queue.splice(0)) this.#settle(job, new PoolClosedError('the Pool was terminated'));
    for (const w of this.#workers) {
      w.child.kill('SIGTERM');
      w.child.ref(); // join() may wait for its exit
    }
    this.#checkGone();
  }

  /** Waits until every worker has exited; call close() or terminate() first. */
  join(): Promise<void> {
    if (this.#state === 'running') throw new PoolStateError('join() needs close() or terminate() first');
    return this.#allGone.promise;
  }

  /** `await using pool = new Pool()`: terminate() and join() when the scope ends, as Python's `with`. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.terminate();
    await this.join();
  }

  /** The pids of the current workers. */
  get pids(): number[] {
    return [...this.#workers].map((w) => w.child.pid as number);
  }

  #submit(fn: TaskFunction, work: Job['work'], options: TaskOptions): Promise<unknown[]> {
    const timeout = checkTimeout('timeout', options.timeout);
    if (this.#state !== 'running') return Promise.reject(new PoolClosedError());
    if (this.#broken) return Promise.reject(this.#broken);
    let ref: TaskRef;
    if (typeof fn === 'string') {
      if (this.#module === undefined) {
        return Promise.reject(new OptionError('fn', `'${fn}' names an export, but the Pool has no module`));
      }
      ref = { module: this.#module, export: fn };
    } else ref = { module: moduleUrl(fn.module, 'fn.module'), export: fn.export };
    const job: Job = { ref, work, done: deferred<unknown[]>(), settled: false };
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (timeout !== undefined && timeout !== Number.POSITIVE_INFINITY) {
      job.timer = startTimer(timeout, () => this.#cancel(job, new TaskTimeoutError(timeout)));
    }
    if (signal) {
      job.signal = signal;
      job.onAbort = () => this.#cancel(job, signal.reason);
      signal.addEventListener('abort', job.onAbort, { once: true });
    }
    this.#queue.push(job);
    this.#dispatch();
    return job.done.promise;
  }

  /** Settles a job once, and lets go of its timer and abort listener. */
  #settle(job: Job, error: unknown, values?: unknown[]): void {
    if (job.settled) return;
    job.settled = true;
    job.timer?.clear();
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (values) job.done.resolve(values);
    else job.done.reject(error);
  }

  /** A task timed out or was aborted: out of the queue, or its worker ended (and replaced). */
  #cancel(job: Job, reason: unknown): void {
    this.#settle(job, reason);
    const at = this.#queue.indexOf(job);
    if (at >= 0) this.#queue.splice(at, 1);
    if (job.worker?.job === job) {
      job.worker.ended = true;
      job.worker.child.kill('SIGKILL');
    }
  }

  #spawn(): void {
    const worker: Worker = { ...forkRunner(this.#options), ready: false };
    const child = worker.child;
    this.#workers.add(worker);
    idle(child);
    child.on('message', (m: DoneMessage | ReadyMessage) => {
      if (m?.t === 'ready') {
        worker.ready = true;
        this.#failedStarts = 0;
        return;
      }
      const job = worker.job;
      if (m?.t !== 'done' || !job) return;
      worker.job = undefined;
      idle(child);
      if (m.ok) this.#settle(job, undefined, m.values);
      else this.#settle(job, decodeError(m.error));
      this.#dispatch();
    });
    child.once('exit', (code, signal) => {
      if (worker.ready || worker.ended || this.#state === 'terminated') {
        this.#gone(worker, new ChildExitError(code, signal), undefined);
      } else {
        // Why it never started is in the last of its stderr, which may arrive after the exit.
        worker.lastStderrLine((line) => this.#gone(worker, undefined, startError(code, signal, line)));
      }
    });
  }

  /** A worker has exited: its task fails, and it is replaced unless workers keep failing to start. */
  #gone(worker: Worker, exit: ChildExitError | undefined, start: ChildStartError | undefined): void {
    this.#workers.delete(worker);
    const job = worker.job;
    worker.job = undefined;
    if (job) this.#settle(job, exit ?? start);
    if (start && ++this.#failedStarts >= FAILED_STARTS && !this.#broken) this.#giveUp(start);
    const needed = this.#state === 'running' || (this.#state === 'closed' && this.#queue.length > 0);
    if (needed && !this.#broken) this.#spawn();
    this.#dispatch();
    this.#checkGone();
  }

  /** Workers keep dying before they start: stop starting them, and fail what waits. */
  #giveUp(last: ChildStartError): void {
    const reason = `${last.reason} (the Pool stopped starting workers after ${FAILED_STARTS} failed in a row)`;
    const error = new ChildStartError(reason, last.exitCode, last.signal, last.stderr);
    this.#broken = error;
    for (const job of this.#queue.splice(0)) this.#settle(job, error);
    // The others are starting, and would fail alike: their tasks fail with this error now.
    for (const w of this.#workers) {
      if (w.job) this.#settle(w.job, error);
      w.ended = true;
      w.child.kill('SIGTERM');
    }
  }

  #dispatch(): void {
    for (const w of this.#workers) {
      if (w.job || !w.child.connected) continue;
      const job = this.#queue.shift();
      if (!job) {
        // Closed and nothing left: an idle worker goes (it exits when its channel closes),
        // and join() may wait for that.
        if (this.#state === 'closed') {
          w.child.disconnect();
          w.child.ref();
        }
        continue;
      }
      const message: TaskMessage = { t: 'task', id: this.#nextId++, ...job.ref, ...job.work, once: false };
      try {
        // A worker that died meanwhile: its 'exit' fails the task, not an EPIPE from here.
        w.child.send(message, (error: Error | null) => error && undefined);
      } catch (error) {
        this.#settle(job, cloneError(error)); // arguments that cannot be cloned
        continue;
      }
      w.job = job;
      job.worker = w;
      busy(w.child);
    }
  }

  #checkGone(): void {
    if (this.#state !== 'running' && this.#workers.size === 0) this.#allGone.resolve();
  }
}

/** A worker with a task keeps the program alive until it answers. */
function busy(child: ChildProcess): void {
  child.ref();
  child.channel?.ref();
}

/** An idle worker does not: a Pool never closed lets the program end (the workers go with it). */
function idle(child: ChildProcess): void {
  child.unref();
  child.channel?.unref();
}

function chunkSize(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new OptionError('chunksize', `expected a whole number 1 or more, got ${String(value)}`);
  return value;
}

async function* chunked(items: Iterable<unknown> | AsyncIterable<unknown>, size: number): AsyncGenerator<unknown[]> {
  let chunk: unknown[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function cloneError(error: unknown): OptionError {
  const why = error instanceof Error ? error.message : String(error);
  return new OptionError('args', `cannot be sent to a child process (${why})`);
}
