// The script every ThreadPool worker runs: keeps the functions it was sent, runs batches of
// tasks in order, and posts results back in batches.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeError } from '@sys/core';
import { load, type TargetSpec } from './_job.js';
import { decodeShared } from './_shareable.js';

/** One task on the wire: id, function id, arguments, whether it has an AbortSignal. */
export type TaskWire = [id: number, fn: number, args: unknown[], cancellable: boolean];
/** A result on the wire: id, 1 and the value, or 0 and the error's record. */
export type ResultWire = [id: number, ok: 0 | 1, value: unknown];
/** What the pool sends: new functions and tasks, or the id of a task to abort. */
export interface ToWorker {
  defs?: [number, TargetSpec][];
  tasks?: TaskWire[];
  cancel?: number;
}
/** What a worker sends back: results in task order and the time spent on them. */
export interface FromWorker {
  done: ResultWire[];
  busy: number;
}

// Results of quick tasks wait to travel together, but never longer than this.
const FLUSH_MS = 1;
const port = parentPort;
const functions = new Map<number, Promise<(...args: unknown[]) => unknown>>();
const ready = new Map<number, (...args: unknown[]) => unknown>();
const controllers = new Map<number, AbortController>();
/** [tasks started]: the pool reads it if this thread dies, to know which task killed it. */
const progress = new Int32Array(workerData.progress as SharedArrayBuffer);
let queue: TaskWire[] = [];
let running = false;
/** Results computed and not yet sent. */
let done: ResultWire[] = [];
let since = performance.now();

function hasObjects(args: unknown[]): boolean {
  for (const a of args) if (typeof a === 'object' && a !== null) return true;
  return false;
}

async function fnOf(id: number): Promise<(...args: unknown[]) => unknown> {
  const fn = await (functions.get(id) as Promise<(...args: unknown[]) => unknown>);
  ready.set(id, fn);
  return fn;
}

function flush(): void {
  const now = performance.now();
  const message = { done, busy: now - since } satisfies FromWorker;
  try {
    port?.postMessage(message);
  } catch {
    // Some result cannot be cloned (a function, a symbol...): that task alone fails, saying why.
    for (const result of done) {
      if (result[1] === 0) continue;
      try {
        structuredClone(result[2]);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        result[1] = 0;
        result[2] = encodeError(
          new DOMException(`the task's result cannot be copied to the caller: ${why}`, 'DataCloneError'),
        );
      }
    }
    port?.postMessage(message);
  }
  done = [];
  since = now;
}

// A task that calls process.exit() (or throws outside any task) ends this thread: the results
// computed before it still go out, so only the task that ended the thread is lost.
process.on('exit', () => {
  if (done.length > 0) flush();
});

async function drain(): Promise<void> {
  running = true;
  since = performance.now();
  // Tasks that arrive while one awaits are pushed onto `queue` and run in the same pass.
  for (let i = 0; i < queue.length; i++) {
    const [id, fnId, rawArgs, cancellable] = queue[i] as TaskWire;
    Atomics.add(progress, 0, 1);
    try {
      const fn = ready.get(fnId) ?? (await fnOf(fnId));
      const args = hasObjects(rawArgs) ? (decodeShared(rawArgs) as unknown[]) : rawArgs;
      let value: unknown;
      if (cancellable) {
        const controller = new AbortController();
        controllers.set(id, controller);
        value = fn.apply({ signal: controller.signal }, args);
      } else value = fn(...args);
      if (value instanceof Promise) {
        if (done.length > 0) flush();
        value = await value;
      }
      done.push([id, 1, value]);
    } catch (error) {
      done.push([id, 0, encodeError(error)]);
    } finally {
      if (cancellable) controllers.delete(id);
    }
    if (performance.now() - since > FLUSH_MS) flush();
  }
  queue = [];
  if (done.length > 0) flush();
  running = false;
}

port?.on('message', (m: ToWorker) => {
  if (m.cancel !== undefined) {
    controllers.get(m.cancel)?.abort();
    return;
  }
  for (const [id, spec] of m.defs ?? []) {
    const fn = load(spec);
    fn.catch(() => {}); // reported by the first task that uses it
    functions.set(id, fn);
  }
  if (m.tasks) {
    queue.push(...m.tasks);
    if (!running) void drain();
  }
});
