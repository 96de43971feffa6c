import type { Writable } from 'node:stream';
import { quoteName } from './_quote.js';

/** A terminal stream as Node gives it: `isTTY` and `columns` when it is one. */
export type TerminalStream = Writable & { isTTY?: boolean; columns?: number };

/**
 * Shows "what is going on" on one line of stderr, at most ten times a second, only when
 * stderr is a terminal; a pipe or a file gets nothing. Names in it are quoted, and the line
 * is cut to the terminal's width so it never wraps.
 */
export class Progress {
  readonly #tty: boolean;
  #last = 0;
  #shown = false;
  #closed = false;
  constructor(readonly stream: TerminalStream) {
    this.#tty = stream.isTTY === true;
  }

  /** True when updates are shown (stderr is a terminal). */
  get active(): boolean {
    return this.#tty;
  }

  /** Shows `text()` (called only when it will be shown); `name` is quoted and put after it. */
  update(text: () => string, name?: string): void {
    if (!this.#tty || this.#closed) return;
    const now = Date.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    this.#shown = true;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = name === undefined ? text() : `${text()} ${quoteName(name, width)}`;
    this.stream.write(`\r\x1b[2K${Array.from(line).slice(0, width).join('')}`);
  }

  /** Clears the line for good: work still in flight after a stop cannot draw it again. */
  close(): void {
    this.clear();
    this.#closed = true;
  }

  /** Clears the line, so a message or the end of the run starts on a clean one. */
  clear(): void {
    if (this.#shown) this.stream.write('\r\x1b[2K');
    this.#shown = false;
    this.#last = 0;
  }
}
