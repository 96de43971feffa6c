import { PackFormatError } from './errors.js';

const LF = 10;
/** The longest separator, name or base64 line accepted: anything longer is malformed. */
export const MAX_LINE = 64 * 1024;

/** Said by a look at the buffer that cannot be answered before more input is read. */
export const MORE = Symbol('more input needed');

/** A line as `lineAt` finds it: its bytes without the LF, and where the next one starts. */
export interface Line {
  text: Buffer;
  next: number;
}

/**
 * A byte stream seen through a window: `buf` from `pos` holds what is not consumed yet, and
 * grows only as far as a caller asks to look ahead. `line` is the number of the line at
 * `pos`, kept by the caller as it consumes.
 */
export class Window {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  line = 1;
  eof = false;
  readonly #input: AsyncIterator<Buffer | string>;

  constructor(source: AsyncIterable<Buffer | string>) {
    this.#input = source[Symbol.asyncIterator]();
  }

  /** Throws PackFormatError for the current line (or `at`). */
  fail(reason: string, at = this.line): never {
    throw new PackFormatError(at, reason);
  }

  /** Reads more input after what is not consumed yet; false at the end of the stream. */
  async more(): Promise<boolean> {
    if (this.eof) return false;
    const next = await this.#input.next();
    if (next.done) {
      this.eof = true;
      return false;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    return true;
  }

  /** The whole line starting at `from` (default `pos`), reading more if needed; undefined at the end of input. */
  async wholeLine(from = this.pos): Promise<Line | undefined> {
    for (;;) {
      const line = this.lineAt(from);
      if (line !== MORE) return line;
      // Reading more moves what is kept to the buffer's start.
      const offset = from - this.pos;
      await this.more();
      from = this.pos + offset;
    }
  }

  /**
   * The whole line starting at `from` if the buffer holds it; undefined at the end of input;
   * MORE when more input must be read first (nothing is consumed).
   */
  lineAt(from = this.pos): Line | undefined | typeof MORE {
    const lf = this.buf.indexOf(LF, from);
    if (lf !== -1) {
      if (lf - from > MAX_LINE) this.fail('line too long');
      return { text: this.buf.subarray(from, lf), next: lf + 1 };
    }
    if (this.buf.length - from > MAX_LINE) this.fail('line too long');
    return this.eof ? undefined : MORE;
  }

  /** Whether the bytes at `pos` start with `prefix` (ASCII), or MORE when the buffer is too short to tell. */
  startsWithNow(prefix: string): boolean | typeof MORE {
    // Compared byte by byte: a string made for every line that starts with ':' cost more than the test.
    const { buf, pos } = this;
    const have = Math.min(prefix.length, buf.length - pos);
    for (let i = 0; i < have; i++) if (buf[pos + i] !== prefix.charCodeAt(i)) return false;
    return have === prefix.length || (this.eof ? false : MORE);
  }

  /** Lets go of the input when it was not read to its end (an error, or a consumer that left). */
  async close(): Promise<void> {
    if (!this.eof) await this.#input.return?.();
  }
}

/** The LFs in `buf` from `from` up to `to`. */
export function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}
