import type { Writable } from 'node:stream';

const FLUSH_AT = 64 * 1024;

/**
 * Writes records (paths, lines) to a stream in large chunks: one write per record costs more
 * than the walk that found it. Each record is followed by `end` ('\n', or '\0' for -0).
 */
export class RecordWriter {
  #buffer = '';
  constructor(
    readonly stream: Writable,
    readonly end = '\n',
  ) {}

  write(record: string): void {
    this.#buffer += record + this.end;
    if (this.#buffer.length >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.#buffer.length === 0) return;
    this.stream.write(this.#buffer);
    this.#buffer = '';
  }
}

/**
 * Shows "what is going on" on stderr, at most ten times a second, only when stderr is a
 * terminal; `done` clears the line. A pipe or a file gets nothing.
 */
export class Progress {
  readonly #tty: boolean;
  #last = 0;
  #shown = false;
  constructor(readonly stream: Writable & { isTTY?: boolean }) {
    this.#tty = stream.isTTY === true;
  }

  update(text: () => string): void {
    if (!this.#tty) return;
    const now = Date.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    this.#shown = true;
    this.stream.write(`\r\x1b[2K${text()}`);
  }

  done(): void {
    if (this.#shown) this.stream.write('\r\x1b[2K');
    this.#shown = false;
  }
}
