import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { decodeError, type PushSink, startWorker } from '@sys/core';
import type { DirTask } from './_listing.js';
import type { Handoff, OtherWalker } from './_visit-top-down.js';
import { type FromWorker, type Job, SEPARATOR, toWireTask } from './_wire.js';
import { FindWorkerError, type WalkError } from './errors.js';
import type { FindOptions } from './find-options.js';

/**
 * How long a walk runs on the thread pool before a worker is started to take it over. Most
 * trees are walked by then; a worker costs ~30 ms to start and pays on big trees, where
 * blocking reads on one thread beat thread-pool round trips in walk order.
 */
const AFTER_MS = 10;

let script: URL | null | undefined;

/** The worker's script, beside this module; null when it is not there (a bundle that left it out), and then no worker is tried. */
function workerScript(): URL | null {
  if (script === undefined) {
    const url = new URL('./_find-worker.js', import.meta.url);
    script = existsSync(url) ? url : null;
  }
  return script;
}

/**
 * The handoff of an async find to a worker thread, or undefined when it stays on the thread
 * pool: `thread: false`, or `'auto'` with followSymlinks (the loop check's ancestor chains of
 * a walk under way do not cross threads). `decode` turns a sent record into an item.
 */
export function workerHandoff<T>(
  pattern: string,
  root: string,
  options: FindOptions,
  decode: ((record: string) => T) | undefined,
): Handoff<T> | undefined {
  const thread = options.thread ?? 'auto';
  if (thread === false || (thread === 'auto' && options.followSymlinks)) return undefined;
  const { onError, signal, thread: _, ...plain } = options;
  return {
    after: thread === true ? 0 : AFTER_MS,
    start: (sink) =>
      new FindThread(
        {
          pattern,
          root,
          options: plain,
          entries: decode !== undefined,
          reportErrors: onError !== undefined,
          credit: new Int32Array(new SharedArrayBuffer(4)),
        },
        options,
        decode ?? ((record) => record as T),
        sink,
      ),
  };
}

/** A worker thread walking the rest of a find, its matches pushed to the find's sink. */
class FindThread<T> implements OtherWalker {
  readonly ready: Promise<boolean>;
  readonly #worker: Worker | undefined;
  #state: 'starting' | 'ready' | 'walking' | 'over' = 'starting';
  /** Batches taken while the consumer was behind: their credit goes back when it catches up. */
  #held = 0;
  #onAbort = () => this.#fail(this.options.signal?.reason);

  constructor(
    readonly job: Job,
    readonly options: FindOptions,
    readonly decode: (record: string) => T,
    readonly sink: PushSink<T>,
  ) {
    let resolveReady!: (ok: boolean) => void;
    this.ready = new Promise((resolve) => {
      resolveReady = resolve;
    });
    const file = workerScript();
    try {
      this.#worker = file ? startWorker(file, { workerData: job }) : undefined;
    } catch {
      this.#worker = undefined;
    }
    if (!this.#worker) {
      // No worker to be had (no script, resource limits): the walk goes on where it is.
      this.#state = 'over';
      resolveReady(false);
      return;
    }
    const worker = this.#worker;
    worker.once('message', () => {
      if (this.#state !== 'starting') return;
      this.#state = 'ready';
      resolveReady(true);
    });
    worker.on('error', (error) => {
      if (this.#state === 'starting') resolveReady(false);
      this.#fail(error);
    });
    worker.on('exit', (code) => {
      if (this.#state === 'starting') resolveReady(false);
      this.#fail(new FindWorkerError(code));
    });
  }

  begin(rest: DirTask[]) {
    const worker = this.#worker as Worker;
    if (this.#state !== 'ready') {
      this.sink.end(new FindWorkerError());
      return {};
    }
    this.#state = 'walking';
    worker.on('message', (message: FromWorker) => this.#receive(message));
    const { signal } = this.options;
    if (signal?.aborted) this.#onAbort();
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
    worker.postMessage(rest.map(toWireTask));
    // Stopping it is `cancel`, which the walk calls for this walker begun or not.
    return { resume: () => this.#resume() };
  }

  cancel(): void {
    if (this.#state === 'over') return;
    this.#state = 'over';
    this.options.signal?.removeEventListener('abort', this.#onAbort);
    this.#worker?.terminate();
  }

  #receive(message: FromWorker): void {
    if (this.#state !== 'walking') return;
    if ('items' in message) {
      let more = true;
      for (const record of message.items.split(SEPARATOR)) more = this.sink.push(this.decode(record));
      if (more) this.#give(1);
      else {
        this.#held++;
        // Paused for a consumer that may never come back: the worker must not keep the process alive.
        this.#worker?.unref();
      }
    } else if ('error' in message) {
      try {
        this.options.onError?.(decodeError(message.error) as WalkError);
      } catch (error) {
        this.#fail(error);
      }
    } else if ('done' in message) {
      this.cancel();
      this.sink.end();
    }
  }

  #resume(): void {
    if (this.#state !== 'walking') return;
    this.#worker?.ref();
    this.#give(this.#held);
    this.#held = 0;
  }

  /** Gives back credit for `n` batches taken, waking the worker if it waits for room. */
  #give(n: number): void {
    if (n === 0) return;
    Atomics.sub(this.job.credit, 0, n);
    Atomics.notify(this.job.credit, 0);
  }

  #fail(error: unknown): void {
    if (this.#state === 'over') return;
    const walking = this.#state === 'walking';
    this.cancel();
    if (walking) this.sink.end(error);
  }
}
