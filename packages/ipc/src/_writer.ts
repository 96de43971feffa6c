// Writes frames to a stream, batching small ones: the first frame after data arrived (or
// after the last batch went out) is written at once, so a request or an answer loses no
// time; the frames that follow it in the same turn of the event loop are copied into one
// buffer and reach the stream as one write (one syscall) when the turn ends.
import type { Writable } from 'node:stream';
import { headerSize, writeHeader } from './_frames.js';

/** Frames at least this big go to the stream as they are, not copied into the batch. */
const DIRECT = 16 * 1024;
/** Size of a batch buffer; a full batch is written at once instead of waiting for the turn to end. */
const BATCH = 64 * 1024;

/**
 * Batches frames into a stream and reports backpressure: `write*` return false when the
 * caller should wait for `drained()` before writing more.
 *
 * Whether the stream is full is asked of the stream itself (`writableNeedDrain`), never
 * remembered: a batch flushed at the end of a turn may fill the stream with no one
 * waiting, and its 'drain' then comes and goes unheard; a flag set by that flush stayed
 * set for ever and the next send waited for a 'drain' that had already happened.
 */
export class FrameWriter {
  #stream: Writable;
  #batch: Buffer | null = null;
  #used = 0;
  #scheduled = false;
  /** True until a frame was written in this turn of the event loop. */
  #direct = true;
  #drained: Promise<void> | null = null;
  /** Why nothing more can be written (the stream broke or closed); null while it can. */
  readonly #failure: () => Error | null;
  #flushLater = () => {
    this.#scheduled = false;
    this.flush();
    this.#direct = true;
  };

  constructor(stream: Writable, failure: () => Error | null) {
    this.#stream = stream;
    this.#failure = failure;
  }

  /** The stream holds more than it wants: wait for `drained()`. */
  get #full(): boolean {
    return this.#stream.writableNeedDrain;
  }

  /** Queues a frame holding `text` as UTF-8; false when the stream is full. */
  writeString(text: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 >= DIRECT) return this.writeBytes(Buffer.from(text, 'utf8'));
    const batch = this.#room(4 + text.length * 3);
    const length = batch.write(text, this.#used + 4, 'utf8');
    batch.writeInt32BE(length, this.#used);
    this.#used += 4 + length;
    return this.#queued();
  }

  /** Queues a frame holding `bytes`; false when the stream is full. */
  writeBytes(bytes: Uint8Array): boolean {
    const length = bytes.byteLength;
    if (length >= DIRECT) {
      this.flush();
      const header = Buffer.allocUnsafe(headerSize(length));
      writeHeader(header, 0, length);
      this.#stream.write(header);
      this.#write(bytes);
      return !this.#full;
    }
    const batch = this.#room(4 + length);
    batch.writeInt32BE(length, this.#used);
    batch.set(bytes, this.#used + 4);
    this.#used += 4 + length;
    return this.#queued();
  }

  /** Hands the batch to the stream now. */
  flush(): void {
    if (this.#used === 0 || this.#batch === null) return;
    const out = this.#batch.subarray(0, this.#used);
    this.#batch = this.#batch.length - this.#used >= 1024 ? this.#batch.subarray(this.#used) : null;
    this.#used = 0;
    this.#write(out);
  }

  /**
   * Resolves when the stream has room again (at once when it has); rejects with the
   * failure when the stream breaks or closes first (what was waiting was not delivered).
   */
  drained(): Promise<void> {
    const failure = this.#failure();
    if (failure) return Promise.reject(failure);
    if (!this.#full) return Promise.resolve();
    this.#drained ??= new Promise<void>((resolve, reject) => {
      this.#wake = () => {
        this.#wake = null;
        this.#stream.off('drain', onDrain);
        this.#drained = null;
        const failed = this.#failure();
        if (failed) reject(failed);
        else resolve();
      };
      // Settled a moment after 'drain': a reader that refused what it was given (a frame
      // over its limit) has ended its side by then, and the wait fails instead of passing.
      const onDrain = () => setImmediate(() => this.#wake?.());
      this.#stream.on('drain', onDrain);
    });
    return this.#drained;
  }

  /** Settles a pending `drained()`: the owner calls it when the stream breaks or the peer goes. */
  wake(): void {
    this.#wake?.();
  }

  #wake: (() => void) | null = null;

  #room(size: number): Buffer {
    if (this.#batch !== null && this.#batch.length - this.#used >= size) return this.#batch;
    this.flush();
    this.#batch = Buffer.allocUnsafe(Math.max(BATCH, size));
    return this.#batch;
  }

  /** Data arrived: a new turn of the event loop has begun, so the next frame may go at once. */
  newTurn(): void {
    if (this.#used === 0) this.#direct = true;
  }

  #queued(): boolean {
    if (this.#direct) {
      // The answer to a request (or a lone message) goes now, and needs no timer after it.
      this.#direct = false;
      this.flush();
      return !this.#full;
    }
    if (this.#used >= BATCH / 2) this.flush();
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flushLater);
    }
    return !this.#full;
  }

  #write(bytes: Uint8Array): void {
    // Nothing goes to a stream that cannot take it: a write after end would be an error event.
    if (this.#failure() === null) this.#stream.write(bytes);
  }
}
