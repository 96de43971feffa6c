// Python's multiprocessing.connection framing: a 4-byte big-endian signed length, or -1
// followed by an 8-byte big-endian length for payloads over 0x7fffffff.
import { FrameError, FrameTooLargeError } from './errors.js';

/** Largest length the short header carries. */
export const SHORT_MAX = 0x7fffffff;

/** Bytes of the header in front of a payload of `length` bytes. */
export function headerSize(length: number): number {
  return length > SHORT_MAX ? 12 : 4;
}

/** Writes the header for `length` at `offset`; returns the offset after it. */
export function writeHeader(target: Buffer, offset: number, length: number): number {
  if (length <= SHORT_MAX) {
    target.writeInt32BE(length, offset);
    return offset + 4;
  }
  target.writeInt32BE(-1, offset);
  target.writeBigUInt64BE(BigInt(length), offset + 4);
  return offset + 12;
}

/**
 * Turns chunks of a byte stream into frames. Bytes are kept only as they arrive: a header
 * that announces more than `maxFrameSize` throws before anything is allocated, and an
 * unfinished frame holds only what was received so far.
 */
export class FrameDecoder {
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Header + payload bytes of the frame being gathered, once its header is known. */
  #frameEnd = -1;

  constructor(public maxFrameSize: number) {}

  /** Bytes received of a frame not yet complete (0 at a frame boundary). */
  get pending(): number {
    return this.#buffered;
  }

  /**
   * Feeds one chunk; calls `onFrame` with each complete payload (a view into the chunk, or
   * into the bytes gathered for it). A `reused` chunk is a buffer its owner writes again
   * after this call: what is kept of it for later is copied.
   */
  push(chunk: Buffer, onFrame: (payload: Buffer) => void, reused = false): void {
    let data = chunk;
    if (this.#buffered > 0) {
      this.#chunks.push(reused ? Buffer.from(chunk) : chunk);
      this.#buffered += chunk.length;
      if (this.#frameEnd >= 0 && this.#buffered < this.#frameEnd) return;
      data = this.#chunks.length === 1 ? chunk : Buffer.concat(this.#chunks, this.#buffered);
      this.#chunks = [];
      this.#buffered = 0;
      this.#frameEnd = -1;
    }
    let offset = 0;
    const end = data.length;
    while (end - offset >= 4) {
      let length = data.readInt32BE(offset);
      let header = 4;
      if (length < 0) {
        if (length !== -1) throw new FrameError(`bad frame length ${length}`);
        if (end - offset < 12) break;
        const long = data.readBigUInt64BE(offset + 4);
        if (long > BigInt(this.maxFrameSize)) throw new FrameTooLargeError(long, this.maxFrameSize);
        length = Number(long);
        header = 12;
      } else if (length > this.maxFrameSize) {
        throw new FrameTooLargeError(length, this.maxFrameSize);
      }
      if (end - offset - header < length) {
        this.#frameEnd = header + length;
        break;
      }
      const start = offset + header;
      offset = start + length;
      onFrame(data.subarray(start, offset));
    }
    if (offset < end) {
      const rest = offset === 0 ? data : data.subarray(offset);
      this.#chunks.push(reused && data === chunk ? Buffer.from(rest) : rest);
      this.#buffered = end - offset;
    }
  }
}
