import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { decodeError, moduleUrl, OptionError } from '@sys/core';
import { type ForkOptions, forkRunner, startError } from './_fork.js';
import { type DoneMessage, IN_CHILD, PROCESS_BRAND, type ReadyMessage, type TaskMessage } from './_remote.js';
import { returnCode } from './_status.js';
import { ChildExitError, ProcessStateError } from './errors.js';

/** What a Process runs: an exported function of an ES module, and its arguments. */
export interface ProcessOptions extends ForkOptions {
  /**
   * The module: a path, a `file:` URL or a URL object (a package by `import.meta.resolve('pkg')`:
   * a bare specifier is refused, since it resolves differently from each module). A subclass
   * passes its own `import.meta.url`.
   */
  module: string | URL;
  /** The exported function, or the exported Process subclass whose `run()` is called. @default 'default' */
  export?: string;
  /** Arguments of the function (or of the subclass's constructor), as structured clones. */
  args?: unknown[];
}

const inChild = () => (globalThis as Record<symbol, unknown>)[IN_CHILD] === true;

/**
 * A function run in a child Node process (multiprocessing's Process): `start()`, `join()`,
 * `exitcode`, `pid`, `terminate()`, and `result()` for its return value or error. Subclass
 * it and override `run()` to run a method instead: the child imports your module, builds
 * the subclass with `args` and calls `run()`. In the child, `send(value)` posts a message
 * that the parent's Process emits as `'message'`.
 */
export class Process<T = unknown> extends EventEmitter {
  readonly #options: ProcessOptions;
  readonly #module: string;
  /** terminate() or kill() was called: a death before it was ready is ours, not a failed start. */
  #ended = false;
  #child: ChildProcess | undefined;
  #exit: Promise<number | null> | undefined;
  #result: Promise<T> | undefined;
  /** Exit code, or minus the signal number; null until it has exited. */
  exitcode: number | null = null;

  constructor(options: ProcessOptions) {
    super();
    if (!options || (typeof options.module !== 'string' && !(options.module instanceof URL))) {
      throw new OptionError('module', 'a Process needs the module that exports its function');
    }
    this.#options = options;
    this.#module = moduleUrl(options.module);
  }

  /** The child's pid once started (in the child itself: its own pid). */
  get pid(): number | undefined {
    return this.#child?.pid ?? (inChild() ? process.pid : undefined);
  }

  /** Starts the child. A Process starts once. */
  start(): this {
    if (this.#child) throw new ProcessStateError('a Process can be started only once');
    const { child, lastStderrLine } = forkRunner(this.#options);
    this.#child = child;
    let ready = false;
    let settle: { resolve(v: T): void; reject(e: unknown): void } | undefined;
    this.#result = new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.#result.catch(() => {}); // read through result(); never an unhandled rejection
    child.on('message', (m: DoneMessage | ReadyMessage | { t: 'user'; value: unknown }) => {
      if (m.t === 'ready') ready = true;
      else if (m.t === 'user') this.emit('message', m.value);
      else if (m.ok) settle?.resolve(m.values[0] as T);
      else settle?.reject(decodeError(m.error));
    });
    this.#exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitcode = returnCode(code, signal);
        // No effect once it has answered.
        if (ready || this.#ended) settle?.reject(new ChildExitError(code, signal));
        else lastStderrLine((line) => settle?.reject(startError(code, signal, line)));
        this.emit('exit', this.exitcode);
        resolve(this.exitcode);
      });
      child.once('error', (error) => {
        if (child.pid !== undefined) return;
        settle?.reject(error);
        resolve(null);
      });
    });
    const task: TaskMessage = {
      t: 'task',
      id: 0,
      module: this.#module,
      export: this.#options.export ?? 'default',
      calls: [this.#options.args ?? []],
      once: true,
    };
    // A child that died at once: its 'exit' tells why, not an EPIPE from this write.
    child.send(task, (error: Error | null) => error && undefined);
    return this;
  }

  /** Waits for the child to exit and resolves with its exit code (minus the signal number). */
  async join(): Promise<number | null> {
    if (!this.#exit) throw new ProcessStateError('join() before start()');
    return this.#exit;
  }

  /** The function's return value, or its error (a RemoteError with the child's stack). */
  result(): Promise<T> {
    if (!this.#result) return Promise.reject(new ProcessStateError('result() before start()'));
    return this.#result;
  }

  /** True from start() until the child exits. */
  isAlive(): boolean {
    return this.#child !== undefined && this.exitcode === null;
  }

  /** Ends the child with SIGTERM. */
  terminate(): void {
    this.#ended = true;
    this.#child?.kill('SIGTERM');
  }

  /** Ends the child with SIGKILL. */
  kill(): void {
    this.#ended = true;
    this.#child?.kill('SIGKILL');
  }

  /** In the child: posts a value (a structured clone) to the parent, which emits it as 'message'. */
  send(value: unknown): void {
    if (!inChild() || !process.send) throw new ProcessStateError('send() works in the child process');
    process.send({ t: 'user', value });
  }

  /** What the child runs; a subclass overrides it. */
  run(): unknown {
    throw new ProcessStateError(`${this.constructor.name} has no run() of its own`);
  }

  /** Ends the child (SIGTERM) if it still runs and waits for it to exit; idempotent. */
  async close(): Promise<void> {
    if (!this.#exit) return;
    if (this.isAlive()) this.terminate();
    await this.#exit;
  }

  /** `await using p = new Process(...)`: close() when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

Object.defineProperty(Process.prototype, PROCESS_BRAND, { value: true });
