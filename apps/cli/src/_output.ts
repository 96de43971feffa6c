import { once } from 'node:events';
import type { Writable } from 'node:stream';

const FLUSH_AT = 64 * 1024;
/** A record waits at most this long for company, so `| head -1` sees the first match soon. */
const FLUSH_AFTER_MS = 50;

/**
 * Writes records (paths, lines) to stdout in large chunks, streaming: nothing is kept past
 * the next chunk, so memory does not grow with the number of lines. Each record is followed
 * by `end` ('\n', or '\0' for -0). Once the run is stopped (a closed pipe, Ctrl-C) `write`
 * throws the reason, which ends the caller's loop at once.
 */
export class RecordWriter {
  #buffer = '';
  #timer: NodeJS.Timeout | undefined;
  constructor(
    readonly stream: Writable,
    readonly signal: AbortSignal,
    readonly end = '\n',
  ) {}

  /** Queues one record; a Buffer is written as raw bytes (names that are not UTF-8). */
  write(record: string | Buffer): void {
    this.signal.throwIfAborted();
    if (typeof record !== 'string') {
      this.flush();
      this.stream.write(Buffer.concat([record, Buffer.from(this.end)]));
      return;
    }
    this.#buffer += record + this.end;
    if (this.#buffer.length >= FLUSH_AT) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  /** True when the reader is behind: await `room()` before writing more. */
  get blocked(): boolean {
    return this.stream.writableNeedDrain;
  }

  /** Resolves when the reader has caught up (or throws the reason the run was stopped). */
  async room(): Promise<void> {
    if (!this.blocked) return;
    await once(this.stream, 'drain', { signal: this.signal });
  }

  /** Sends what is queued now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#buffer.length === 0 || this.signal.aborted) return;
    this.stream.write(this.#buffer);
    this.#buffer = '';
  }
}
