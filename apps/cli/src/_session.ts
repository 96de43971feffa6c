import { forgetListings } from './_bytes.js';
import { wantsColour } from './_colour.js';
import { RecordWriter } from './_output.js';
import { Progress } from './_progress.js';
import { Reporter } from './_report.js';
import { OutputError, PipeClosed } from './errors.js';
import type { Io } from './io.js';

/**
 * One run of one command: its streams, the signal that stops it (Ctrl-C, SIGTERM, or the
 * reader of stdout going away), its stderr reporter and progress line.
 */
export class Session {
  readonly signal: AbortSignal;
  readonly progress: Progress;
  readonly report: Reporter;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly #stop = new AbortController();
  readonly #writers: RecordWriter[] = [];

  constructor(
    readonly command: string,
    readonly io: Io,
  ) {
    this.env = io.env ?? process.env;
    forgetListings();
    this.signal = io.signal ? AbortSignal.any([io.signal, this.#stop.signal]) : this.#stop.signal;
    this.progress = new Progress(io.stderr);
    this.signal.addEventListener('abort', () => this.progress.close(), { once: true });
    this.report = new Reporter(command, io.stderr, wantsColour(io.stderr, this.env), this.progress);
    io.stdout.on('error', (error: NodeJS.ErrnoException) => this.#outputFailed(error));
  }

  /** Relative paths on the command line are taken from here. */
  get cwd(): string {
    return this.io.cwd;
  }

  /** True when stdout is a terminal: names printed there have their control characters escaped. */
  get terminal(): boolean {
    return this.io.stdout.isTTY === true;
  }

  /** A writer of records to stdout, each followed by `end`. */
  output(end = '\n'): RecordWriter {
    // Only when stdout is the terminal too: a progress line above output sent elsewhere stays.
    const writer = new RecordWriter(this.io.stdout, this.signal, end, () => this.terminal && this.progress.clear());
    this.#writers.push(writer);
    return writer;
  }

  /** Sends what the writers still hold and clears the progress line for good. */
  finish(): void {
    for (const w of this.#writers) w.flush();
    this.progress.close();
    // A last write that met a reader gone (EPIPE) is known to the stream at once; its 'error'
    // event would come a turn later, once the exit code is chosen.
    const { errored } = this.io.stdout as { errored?: NodeJS.ErrnoException | null };
    if (errored) this.#outputFailed(errored);
  }

  #outputFailed(error: NodeJS.ErrnoException): void {
    if (this.#stop.signal.aborted) return;
    this.#stop.abort(error.code === 'EPIPE' ? new PipeClosed(error) : new OutputError(error));
  }
}
