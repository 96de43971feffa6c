import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';

const FLUSH_AT = 64 * 1024;
/** A record waits at most this long for company, so `| head -1` sees the first match soon. */
const FLUSH_AFTER_MS = 50;

/**
 * Writes records (paths, lines) to stdout in large chunks, streaming: nothing is kept past
 * the next chunk, so memory does not grow with the number of lines. Each record is followed
 * by `end` ('\n', or '\0' for -0). Once the run is stopped (a closed pipe, Ctrl-C) `write`
 * throws the reason, which ends the caller's loop at once.
 *
 * A producer that runs synchronously (a sync walk, the fastest) calls `settle()` whenever
 * `due` says so: after each chunk sent, it lets the event loop deliver what happened to the
 * output (EPIPE from a reader that left, a drain) before more is produced.
 */
export class RecordWriter {
  #buffer = '';
  #since = 0;
  #sent = false;
  #timer: NodeJS.Timeout | undefined;
  constructor(
    readonly stream: Writable,
    readonly signal: AbortSignal,
    readonly end = '\n',
    /** Called before each chunk goes out: clears a progress line that shares the terminal. */
    readonly beforeSend: () => unknown = () => {},
  ) {}

  /** Queues one record; a Buffer is written as raw bytes (names that are not UTF-8). */
  write(record: string | Buffer): void {
    this.signal.throwIfAborted();
    if (typeof record !== 'string') {
      this.flush();
      this.#send(Buffer.concat([record, Buffer.from(this.end)]));
      return;
    }
    if (this.#buffer.length === 0) {
      this.#since = performance.now();
      // For a producer that waits between records; a synchronous one is caught by the clock below.
      this.#timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
    }
    this.#buffer += record + this.end;
    if (this.#buffer.length >= FLUSH_AT || performance.now() - this.#since >= FLUSH_AFTER_MS) this.flush();
  }

  /** True when the producer should `await settle()` before going on. */
  get due(): boolean {
    return this.#sent || this.stream.writableNeedDrain;
  }

  /** Lets the output's events arrive and the reader catch up; throws if the run was stopped meanwhile. */
  async settle(): Promise<void> {
    this.#sent = false;
    await turn();
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain', { signal: this.signal });
    this.signal.throwIfAborted();
  }

  /** Sends what is queued now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#buffer.length === 0 || this.signal.aborted) return;
    this.#send(this.#buffer);
    this.#buffer = '';
  }

  #send(chunk: string | Buffer): void {
    this.beforeSend();
    this.stream.write(chunk);
    this.#sent = true;
  }
}
