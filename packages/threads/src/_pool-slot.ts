import type { ResourceLimits, Transferable, Worker } from 'node:worker_threads';
import { startTimer, startWorker, type Timer } from '@sys/core';
import type { TargetSpec } from './_job.js';
import { recoverQueues } from './_journal.js';
import type { FromWorker, TaskWire, ToWorker } from './_pool-worker.js';

const SCRIPT = new URL('./_pool-worker.js', import.meta.url);

/** A task as the pool keeps it until it settles. */
export interface Task {
  id: number;
  fn: number;
  spec: TargetSpec;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  transfer?: readonly Transferable[];
  /** Set once the task's promise is settled (results that come later are dropped). */
  settled?: boolean;
  /** The queues among its arguments (freed if the worker dies holding their lock). */
  queues?: Set<SharedArrayBuffer>;
}

/** What a slot tells its pool. */
export interface SlotEvents {
  /** Results, in the order the tasks were sent, and the time they took. */
  results(slot: Slot, done: FromWorker): void;
  /** The worker ended: `error` is what it threw, if anything. */
  exit(slot: Slot, code: number, error: Error | undefined): void;
}

/**
 * One worker of a pool: the tasks sent to it in order, the functions it already knows, and a
 * shared counter of tasks it started (read when it dies, to tell finished from unstarted).
 */
export class Slot {
  readonly worker: Worker;
  /** Tasks sent and not yet answered, oldest first. */
  readonly inflight: Task[] = [];
  /** Answers received since the worker started (its progress counter counts from 0 too). */
  answered = 0;
  /** Running a task that has an AbortSignal: nothing else is sent meanwhile. */
  exclusive = false;
  /** Ended, or being ended: no more tasks. */
  retired = false;
  /** Ended by the pool (idle, aborted, terminated), not by a failure of its own. */
  retiredByPool = false;
  idleTimer: Timer | undefined;
  readonly #known = new Set<number>();
  /** Queues that tasks sent here were given: if the worker dies inside one, its lock is freed. */
  readonly #queues = new Set<SharedArrayBuffer>();
  readonly #threadId: number;
  readonly #progress = new Int32Array(new SharedArrayBuffer(4));
  #refd = true;

  constructor(events: SlotEvents, resourceLimits: ResourceLimits | undefined) {
    this.worker = startWorker(SCRIPT, { workerData: { progress: this.#progress.buffer }, resourceLimits });
    let failure: Error | undefined;
    this.worker.on('message', (m: FromWorker) => events.results(this, m));
    this.worker.on('error', (error) => {
      failure = error;
    });
    this.#threadId = this.worker.threadId;
    this.worker.on('exit', (code) => {
      recoverQueues(this.#queues, this.#threadId);
      events.exit(this, code, failure);
    });
    this.#ref(false);
  }

  /** Tasks the worker has started since it began. */
  get started(): number {
    return Atomics.load(this.#progress, 0);
  }

  // An idle worker must not keep the process alive; a busy one must.
  #ref(on: boolean): void {
    if (on === this.#refd) return;
    this.#refd = on;
    if (on) this.worker.ref();
    else this.worker.unref();
  }

  /**
   * Sends tasks (and the functions they need that this worker has not seen) in one message.
   * Throws what postMessage throws (arguments that cannot be cloned), having sent nothing.
   */
  send(tasks: Task[]): void {
    const wire: TaskWire[] = [];
    const defs: [number, TargetSpec][] = [];
    const transfer: Transferable[] = [];
    for (const task of tasks) {
      if (!this.#known.has(task.fn) && !defs.some(([fn]) => fn === task.fn)) defs.push([task.fn, task.spec]);
      if (task.transfer) transfer.push(...task.transfer);
      wire.push([task.id, task.fn, task.args, task.signal !== undefined]);
    }
    this.worker.postMessage({ defs: defs.length > 0 ? defs : undefined, tasks: wire } satisfies ToWorker, transfer);
    for (const [fn] of defs) this.#known.add(fn);
    for (const task of tasks) if (task.queues) for (const q of task.queues) this.#queues.add(q);
    this.inflight.push(...tasks);
    this.idleTimer?.clear();
    this.#ref(true);
  }

  /** Asks the worker to abort the task's AbortSignal. */
  cancel(id: number): void {
    this.worker.postMessage({ cancel: id } satisfies ToWorker);
  }

  /** Marks the worker idle: unref'd, and ended after `idleTimeout` ms if still idle. */
  idle(idleTimeout: number, end: () => void): void {
    this.#ref(false);
    if (Number.isFinite(idleTimeout)) this.idleTimer = startTimer(idleTimeout, end).unref();
  }
}
