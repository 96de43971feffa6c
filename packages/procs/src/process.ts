import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { OptionError, SysError } from '@sys/core';
import { type ForkOptions, forkRunner, moduleUrl } from './_fork.js';
import { type DoneMessage, fromShape, IN_CHILD, PROCESS_BRAND, type TaskMessage } from './_remote.js';
import { returnCode } from './_status.js';
import { ChildExitError } from './errors.js';

/** What a Process runs: an exported function of an ES module, and its arguments. */
export interface ProcessOptions extends ForkOptions {
  /** The module (a path, a file URL or a package specifier). A subclass passes its own `import.meta.url`. */
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
  }

  /** The child's pid once started (in the child itself: its own pid). */
  get pid(): number | undefined {
    return this.#child?.pid ?? (inChild() ? process.pid : undefined);
  }

  /** Starts the child. A Process starts once. */
  start(): this {
    if (this.#child) throw new SysError('ERR_SYS_PROCESS_STATE', 'a Process can be started only once');
    const child = forkRunner(this.#options);
    this.#child = child;
    let settle: { resolve(v: T): void; reject(e: unknown): void } | undefined;
    this.#result = new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.#result.catch(() => {}); // read through result(); never an unhandled rejection
    child.on('message', (m: DoneMessage | { t: 'user'; value: unknown }) => {
      if (m.t === 'user') this.emit('message', m.value);
      else if (m.ok) settle?.resolve(m.values[0] as T);
      else settle?.reject(fromShape(m.error));
    });
    this.#exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitcode = returnCode(code, signal);
        settle?.reject(new ChildExitError(code, signal)); // no effect once it has answered
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
      module: moduleUrl(this.#options.module),
      export: this.#options.export ?? 'default',
      calls: [this.#options.args ?? []],
      once: true,
    };
    child.send(task);
    return this;
  }

  /** Waits for the child to exit and resolves with its exit code (minus the signal number). */
  async join(): Promise<number | null> {
    if (!this.#exit) throw new SysError('ERR_SYS_PROCESS_STATE', 'join() before start()');
    return this.#exit;
  }

  /** The function's return value, or its error (a RemoteError with the child's stack). */
  result(): Promise<T> {
    if (!this.#result) return Promise.reject(new SysError('ERR_SYS_PROCESS_STATE', 'result() before start()'));
    return this.#result;
  }

  /** True from start() until the child exits. */
  isAlive(): boolean {
    return this.#child !== undefined && this.exitcode === null;
  }

  /** Ends the child with SIGTERM. */
  terminate(): void {
    this.#child?.kill('SIGTERM');
  }

  /** Ends the child with SIGKILL. */
  kill(): void {
    this.#child?.kill('SIGKILL');
  }

  /** In the child: posts a value (a structured clone) to the parent, which emits it as 'message'. */
  send(value: unknown): void {
    if (!inChild() || !process.send) throw new SysError('ERR_SYS_PROCESS_STATE', 'send() works in the child process');
    process.send({ t: 'user', value });
  }

  /** What the child runs; a subclass overrides it. */
  run(): unknown {
    throw new SysError('ERR_SYS_PROCESS_STATE', `${this.constructor.name} has no run() of its own`);
  }
}

Object.defineProperty(Process.prototype, PROCESS_BRAND, { value: true });
