import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { lines, OptionError } from '@sys/core';
import { Capture, capLimit, type OutputEncoding } from './_capture.js';
import { checkStart, commandList, type StartOptions, spawnError, start } from './_spawn.js';
import { returnCode } from './_status.js';
import { type InputChoice, type OutputChoice, planStdio } from './_stdio.js';
import { endTree, signalTree } from './_tree.js';
import { type EndOptions, ending, type Failure, positive, watch } from './_watch.js';
import { ProcessError } from './errors.js';

/** Options for `new Popen()`: where each stream goes (a pipe is then `popen.stdin`/`stdout`/`stderr`). */
export interface PopenOptions extends StartOptions {
  /** @default 'inherit' */
  stdin?: InputChoice;
  /** @default 'inherit' */
  stdout?: OutputChoice;
  /** @default 'inherit' */
  stderr?: OutputChoice;
  /** Encoding of what `communicate` returns, or 'buffer' for bytes. @default 'utf8' */
  encoding?: OutputEncoding;
}

/** Options for `communicate`. */
export interface CommunicateOptions extends EndOptions {
  /** Bytes kept at most from each of stdout and stderr; past it the child is ended. @default no limit */
  maxBuffer?: number;
}

/** What `communicate` read: null for a stream that is not a pipe. */
export interface Communicated<T extends string | Buffer = string | Buffer> {
  stdout: T | null;
  stderr: T | null;
}

/**
 * A running child with Python's Popen interface: pipes, communicate, wait, returncode, signals.
 * Without a shell unless `shell: true`.
 */
export class Popen {
  /** The command as given. */
  readonly args: string[];
  /** The child's pid; undefined when it could not be started (then `wait()` rejects). */
  readonly pid: number | undefined;
  /** Writable end of the child's stdin, when it is a pipe. */
  readonly stdin: Writable | null;
  /** Readable end of the child's stdout, when it is a pipe. */
  readonly stdout: Readable | null;
  /** Readable end of the child's stderr, when it is a pipe. */
  readonly stderr: Readable | null;
  /** Exit code, minus the signal's number if a signal ended it, null while it runs. */
  returncode: number | null = null;
  /** The signal that ended it, if one did. */
  signalCode: NodeJS.Signals | null = null;
  readonly #child: ChildProcess;
  readonly #group: boolean;
  readonly #encoding: OutputEncoding;
  readonly #exited: Promise<number>;

  constructor(command: readonly string[] | string, options: PopenOptions = {}) {
    this.args = commandList(command);
    this.#encoding = options.encoding ?? 'utf8';
    checkStart(command, options);
    const plan = planStdio(options.stdin ?? 'inherit', options.stdout ?? 'inherit', options.stderr ?? 'inherit');
    const { child, group } = start(command, options, plan);
    this.#child = child;
    this.#group = group;
    this.pid = child.pid;
    this.stdin = plan.feed ? null : child.stdin;
    this.stdout = plan.sinks[0] ? null : child.stdout;
    this.stderr = plan.sinks[1] ? null : child.stderr;
    // 'exit', not 'close': a grandchild holding our pipes must not keep wait() from returning.
    this.#exited = new Promise((resolve, reject) => {
      child.once('exit', (code, signal) => {
        this.returncode = returnCode(code, signal);
        this.signalCode = signal;
        resolve(this.returncode);
      });
      child.once('error', (error) => {
        if (child.pid === undefined) reject(spawnError(this.args, error, options.cwd));
      });
    });
    this.#exited.catch(() => {}); // reported by wait() and communicate(), never as unhandled
  }

  /** The return code if the child has exited, else null (never waits). */
  poll(): number | null {
    return this.returncode;
  }

  /** Resolves with the return code when the child exits, even if its children still hold the pipes. */
  wait(): Promise<number> {
    return this.#exited;
  }

  /**
   * Writes `input` to stdin and closes it, reads stdout and stderr to their end at the same
   * time (so a child filling one pipe while we wait on the other never deadlocks), then waits
   * for the exit. With `timeout` or `signal`, ends the child's tree and rejects with a
   * ProcessError carrying what was read.
   */
  communicate(input?: string | Uint8Array, options: CommunicateOptions = {}): Promise<Communicated> {
    return new Promise((resolve, reject) => {
      const limit = capLimit(positive('maxBuffer', options.maxBuffer, Number.POSITIVE_INFINITY), this.#encoding);
      const ends = ending(options);
      let failure: Failure | undefined;
      const end = (f: Failure) => {
        if (failure) return;
        failure = f;
        endTree(this.#child, this.#group, ends.killSignal, ends.grace);
      };
      const grab = (s: Readable | null, name: string) =>
        s && new Capture(s, limit, () => end({ reason: 'maxBuffer', detail: `${limit} bytes on ${name}` }));
      const out = grab(this.stdout, 'stdout');
      const err = grab(this.stderr, 'stderr');
      const disarm = watch(ends, end);
      const drained = [this.stdout, this.stderr].map(
        (s) => new Promise<void>((done) => (!s || s.destroyed || s.readableEnded ? done() : s.once('close', done))),
      );
      this.stdin?.end(input);
      Promise.all([this.#exited, ...drained]).then(
        () => {
          disarm();
          const got = {
            stdout: out ? out.value(this.#encoding) : null,
            stderr: err ? err.value(this.#encoding) : null,
          };
          if (!failure) return resolve(got);
          const result = {
            command: this.args,
            stdout: got.stdout ?? '',
            stderr: got.stderr ?? '',
            code: this.#child.exitCode,
            signal: this.signalCode,
          };
          reject(new ProcessError(result, failure));
        },
        (error) => {
          disarm();
          reject(error);
        },
      );
    });
  }

  /** Sends `signal` to the child, or to its whole process group when it leads one. */
  sendSignal(signal: NodeJS.Signals | number): void {
    signalTree(this.#child, this.#group, signal);
  }

  /** Ends the child (and its group) with SIGTERM. */
  terminate(): void {
    this.sendSignal('SIGTERM');
  }

  /** Ends the child (and its group) with SIGKILL, or the signal given. */
  kill(signal: NodeJS.Signals | number = 'SIGKILL'): void {
    this.sendSignal(signal);
  }

  /**
   * Ends the child's tree if it still runs (SIGTERM, then SIGKILL after 5 s), lets go of our
   * pipe ends and waits for it to exit; idempotent.
   */
  async close(): Promise<void> {
    if (this.pid !== undefined && this.returncode === null) {
      const { killSignal, grace } = ending({}); // the defaults: SIGTERM, SIGKILL 5 s later
      endTree(this.#child, this.#group, killSignal, grace);
    }
    for (const s of [this.stdin, this.stdout, this.stderr]) s?.destroy();
    await this.#exited.catch(() => {});
  }

  /** `await using p = new Popen(...)`: close() when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** The lines of stdout (or stderr) as they arrive, without line endings. */
  lines(stream: 'stdout' | 'stderr' = 'stdout'): AsyncGenerator<string, void, undefined> {
    const s = stream === 'stdout' ? this.stdout : this.stderr;
    if (!s) throw new OptionError(stream, 'is not a pipe: start the Popen with that stream as a pipe');
    return lines(s);
  }

  /** `for await (const line of popen)`: the lines of stdout. */
  [Symbol.asyncIterator](): AsyncGenerator<string, void, undefined> {
    return this.lines('stdout');
  }
}
