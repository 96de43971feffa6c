import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Bytes gathered before they go to the stream in one write. */
const FLUSH_AT = 256 * 1024;
/**
 * Bytes the stream may hold before packing waits for it. A stream's own highWaterMark is
 * usually 16 KiB, less than one chunk: waiting for 'drain' at each chunk made the reading
 * and the writing take turns instead of overlapping.
 */
const QUEUED_AT_MOST = 4 * FLUSH_AT;

/**
 * Gathers what pack writes in one buffer — text copied in, no buffer per piece — and hands
 * it to the stream in large chunks, honouring backpressure. Hashing happens in bulk too,
 * a chunk at a time, for the trailer's SHA-256.
 */
export class PackWriter {
  readonly #hash = createHash('sha256');
  /**
   * Buffers a file stream has written and let go of, used again: a fresh buffer for every
   * chunk cost a page fault per 4 KiB. Only a file stream is known to keep nothing of a
   * chunk once its write is done (a PassThrough, say, hands the chunk itself on).
   */
  readonly #spare: Buffer[] | undefined;
  #buf: Buffer = Buffer.allocUnsafe(2 * FLUSH_AT);
  #used = 0;
  #hashed = 0;

  constructor(readonly out: Writable) {
    if (out instanceof WriteStream) this.#spare = [];
  }

  /** Copies text (UTF-8) or bytes in. */
  put(part: Uint8Array | string): void {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8.
    const most = typeof part === 'string' ? part.length * 3 : part.length;
    if (most > this.#buf.length - this.#used) this.#grow(most);
    if (typeof part === 'string') this.#used += this.#buf.write(part, this.#used);
    else {
      this.#buf.set(part, this.#used);
      this.#used += part.length;
    }
  }

  /** True when enough is gathered that the caller should `await flush()`. */
  get full(): boolean {
    return this.#used >= FLUSH_AT;
  }

  /** The SHA-256 (hex) of everything put so far. */
  digest(): string {
    this.#hashPending();
    return this.#hash.copy().digest('hex');
  }

  /** Hands what is gathered to the stream; waits while the stream is behind. */
  async flush(): Promise<void> {
    if (this.#used === 0) return;
    this.#hashPending();
    // The stream keeps the chunk until it is written: the next one goes into another buffer.
    const buf = this.#buf;
    const chunk = buf.subarray(0, this.#used);
    const spare = this.#spare;
    this.#buf = spare?.pop() ?? Buffer.allocUnsafe(2 * FLUSH_AT);
    this.#used = 0;
    this.#hashed = 0;
    const ok = spare
      ? this.out.write(chunk, (error) => {
          if (!error && buf.length === 2 * FLUSH_AT) spare.push(buf);
        })
      : this.out.write(chunk);
    if (!ok && this.out.writableLength > QUEUED_AT_MOST) await once(this.out, 'drain');
  }

  #hashPending(): void {
    this.#hash.update(this.#buf.subarray(this.#hashed, this.#used));
    this.#hashed = this.#used;
  }

  #grow(most: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.#buf.length, this.#used + most));
    this.#buf.copy(bigger, 0, 0, this.#used);
    this.#buf = bigger;
  }
}
