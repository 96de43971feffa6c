import type { ResourceLimits, Worker } from 'node:worker_threads';
import { decodeError, type EncodedError, OptionError, startTimer, startWorker, type WaitOptions } from '@sys/core';
import { sourceOf, specOf } from './_job.js';
import { recoverQueues } from './_journal.js';
import { encodeShared } from './_shareable.js';
import type { ThreadJob } from './_thread-worker.js';
import { deadlineOf } from './_wait.js';
import { ThreadExitError, ThreadStateError } from './errors.js';
import type { Target } from './target.js';

const SCRIPT = new URL('./_thread-worker.js', import.meta.url);
let counter = 0;

/** How to make a Thread. */
export interface ThreadOptions {
  /** What to run: a self-contained function, or `{ module, export }`. Omit in the subclass form. */
  target?: Target;
  /** Arguments for the target: structured-cloned; locks, queues and the like are shared. */
  args?: unknown[];
  /** @default `Thread-N` */
  name?: string;
  /** A daemon thread does not keep the process alive. @default false */
  daemon?: boolean;
  /** Heap limits for the worker (Node's `resourceLimits`). */
  resourceLimits?: ResourceLimits;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: EncodedError };

/**
 * A thread of control, as Python's `threading.Thread`: `start()` runs the target (or the
 * subclass's `run()`) in a worker thread; `join()` resolves with its result or rejects with its
 * error (stack and `code` kept). The target, and `run` with the subclass's other methods, travel
 * as source, so they may use only their arguments, `this`'s data, globals and `import()`.
 */
export class Thread {
  /** The thread's name (`Thread-N` unless given). */
  name: string;
  /** A daemon thread does not keep the process alive; set before `start()`. */
  daemon: boolean;
  readonly #options: ThreadOptions;
  #worker: Worker | undefined;
  #done: Promise<unknown> | undefined;
  #ended: Promise<void> | undefined;
  #alive = false;
  #ident: number | undefined;
  /** The queues this thread was given: if it dies inside one, its internal lock is freed. */
  readonly #queues = new Set<SharedArrayBuffer>();
  /** join() calls waiting now: while any does, even a daemon thread keeps the process alive. */
  #joiners = 0;

  constructor(options: ThreadOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new OptionError('options', 'must be an object');
    this.#options = options;
    this.name = options.name ?? `Thread-${++counter}`;
    this.daemon = options.daemon ?? false;
  }

  /** The subclass form's body; the base class runs the `target` instead. */
  run(): unknown {
    return undefined;
  }

  /** Starts the thread (once); returns it, for `new Thread(…).start()`. */
  start(): this {
    if (this.#worker) throw new ThreadStateError('threads can only be started once');
    const job = this.#job();
    const worker = startWorker(SCRIPT, {
      workerData: job,
      name: this.name,
      resourceLimits: this.#options.resourceLimits,
    });
    this.#worker = worker;
    this.#ident = worker.threadId;
    this.#alive = true;
    this.#done = new Promise((resolve, reject) => {
      let outcome: Outcome | undefined;
      let failure: Error | undefined;
      worker.on('message', (m: Outcome) => {
        outcome = m;
      });
      // Thrown outside the target (at load, out of memory): Node hands us the error itself.
      worker.on('error', (error) => {
        failure = error;
      });
      worker.on('exit', (code) => {
        this.#alive = false;
        recoverQueues(this.#queues, this.#ident as number);
        if (outcome?.ok) resolve(outcome.value);
        else if (outcome) reject(decodeError(outcome.error));
        else if (failure) reject(failure);
        else reject(new ThreadExitError(`thread ${this.name} exited with code ${code} before returning`, code));
      });
    });
    // After the listeners: adding a 'message' listener refs the worker again.
    if (this.daemon) worker.unref();
    // join() may never be called (a fire-and-forget thread): its failure must not crash the program.
    this.#ended = this.#done.then(
      () => {},
      () => {},
    );
    return this;
  }

  #job(): ThreadJob {
    const args = encodeShared(this.#options.args ?? [], this.#queues) as unknown[];
    if (this.run !== Thread.prototype.run) return { args, self: { data: this.#data(), methods: this.#methods() } };
    if (this.#options.target === undefined)
      throw new OptionError('target', 'give a target, or subclass and define run()');
    return { args, target: specOf(this.#options.target) };
  }

  #data(): Record<string, unknown> {
    return encodeShared({ ...this }, this.#queues) as Record<string, unknown>;
  }

  #methods(): Record<string, string> {
    const methods: Record<string, string> = {};
    for (let proto = Object.getPrototypeOf(this); proto !== Thread.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) {
        const desc = Object.getOwnPropertyDescriptor(proto, key);
        if (key === 'constructor' || key in methods || typeof desc?.value !== 'function') continue;
        methods[key] = sourceOf(desc.value, `${this.constructor.name}.${key}`);
      }
    }
    return methods;
  }

  /** Waits for the thread to end: resolves with what it returned, rejects with what it threw. */
  join(): Promise<unknown>;
  /**
   * Waits at most `timeout` ms (or until `signal` aborts: rejects with its reason) for the
   * thread to end; resolves true if it ended (`join()` then gives its result), false if not.
   */
  join(timeout: number | WaitOptions): Promise<boolean>;
  join(timeout?: number | WaitOptions): Promise<unknown> {
    if (timeout !== undefined) return this.#joinWithin(timeout);
    if (!this.#done) return Promise.reject(new ThreadStateError('cannot join a thread before it is started'));
    return this.#joining(this.#done);
  }

  async #joinWithin(options: number | WaitOptions): Promise<boolean> {
    const { at, signal } = deadlineOf(options);
    if (!this.#ended) throw new ThreadStateError('cannot join a thread before it is started');
    if (!this.#alive) return true;
    const ended = this.#ended.then(() => true);
    const waits: Promise<boolean>[] = [ended];
    let timer: ReturnType<typeof startTimer> | undefined;
    let onAbort: (() => void) | undefined;
    if (at !== Number.POSITIVE_INFINITY) {
      waits.push(
        new Promise((resolve) => (timer = startTimer(Math.max(0, at - performance.now()), () => resolve(false)))),
      );
    }
    if (signal) {
      waits.push(
        new Promise((_, reject) => {
          onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      );
    }
    try {
      return await this.#joining(Promise.race(waits));
    } finally {
      timer?.clear();
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  // `daemon` means the thread does not keep the process alive by itself; a join waiting on it does.
  async #joining<T>(wait: Promise<T>): Promise<T> {
    if (this.#joiners++ === 0) this.#worker?.ref();
    try {
      return await wait;
    } finally {
      if (--this.#joiners === 0 && this.daemon) this.#worker?.unref();
    }
  }

  /** True from `start()` until the thread has ended. */
  get isAlive(): boolean {
    return this.#alive;
  }

  /** The worker's `threadId` once started, kept after it ends (what `Lock.owner` reports), else undefined. */
  get ident(): number | undefined {
    return this.#ident;
  }

  /** Stops the thread at once (Python has no such thing; workers do). Its join() rejects. */
  async terminate(): Promise<void> {
    await this.#worker?.terminate();
  }

  /** Waits for the thread to end, whatever its outcome (join() still gives it); idempotent. */
  async close(): Promise<void> {
    if (this.#ended) await this.#joining(this.#ended);
  }

  /** `close()`, for `await using t = new Thread(…).start()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Starts `fn(...args)` in a new thread and returns the started Thread: the chapter's
 * `_thread.start_new_thread`. `fn` must be self-contained (it travels as source).
 */
export function startThread<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Thread {
  return new Thread({ target: fn as (...args: never[]) => unknown, args }).start();
}
