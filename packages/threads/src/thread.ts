import type { ResourceLimits, Worker } from 'node:worker_threads';
import { OptionError, startWorker } from '@sys/core';
import { type ErrorRecord, errorOf, sourceOf, specOf, type Target } from './_job.js';
import { encodeShared } from './_shareable.js';
import type { ThreadJob } from './_thread-worker.js';
import { ThreadExitError, ThreadStateError } from './errors.js';

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

type Outcome = { ok: true; value: unknown } | { ok: false; error: ErrorRecord };

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
  #alive = false;

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
        if (outcome?.ok) resolve(outcome.value);
        else if (outcome) reject(errorOf(outcome.error));
        else if (failure) reject(failure);
        else reject(new ThreadExitError(`thread ${this.name} exited with code ${code} before returning`, code));
      });
    });
    // After the listeners: adding a 'message' listener refs the worker again.
    if (this.daemon) worker.unref();
    // join() may never be called (a fire-and-forget thread): its failure must not crash the program.
    this.#done.catch(() => {});
    return this;
  }

  #job(): ThreadJob {
    const args = encodeShared(this.#options.args ?? []) as unknown[];
    if (this.run !== Thread.prototype.run) return { args, self: { data: this.#data(), methods: this.#methods() } };
    if (this.#options.target === undefined)
      throw new OptionError('target', 'give a target, or subclass and define run()');
    return { args, target: specOf(this.#options.target) };
  }

  #data(): Record<string, unknown> {
    return encodeShared({ ...this }) as Record<string, unknown>;
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
  join(): Promise<unknown> {
    if (!this.#done) return Promise.reject(new ThreadStateError('cannot join a thread before it is started'));
    return this.#done;
  }

  /** True from `start()` until the thread has ended. */
  get isAlive(): boolean {
    return this.#alive;
  }

  /** The worker's `threadId` once started (what `Lock.owner` reports), else undefined. */
  get ident(): number | undefined {
    return this.#worker?.threadId;
  }

  /** Stops the thread at once (Python has no such thing; workers do). Its join() rejects. */
  async terminate(): Promise<void> {
    await this.#worker?.terminate();
  }
}

/**
 * Starts `fn(...args)` in a new thread and returns the started Thread: the chapter's
 * `_thread.start_new_thread`. `fn` must be self-contained (it travels as source).
 */
export function startThread<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Thread {
  return new Thread({ target: fn as (...args: never[]) => unknown, args }).start();
}
