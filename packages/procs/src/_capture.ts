import { constants } from 'node:buffer';
import type { Readable } from 'node:stream';

/** Output kept as text in this encoding, or as bytes (`'buffer'`). */
export type OutputEncoding = BufferEncoding | 'buffer';

/**
 * Collects what a stream yields, up to `limit` bytes; past it, keeps exactly `limit` bytes,
 * stops listening and calls `overflow` once.
 */
export class Capture {
  private readonly chunks: Buffer[] = [];
  /** Bytes kept so far. */
  size = 0;

  constructor(
    private readonly stream: Readable,
    private readonly limit: number,
    private readonly overflow: () => void,
  ) {
    stream.on('data', this.onData);
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.size + chunk.length <= this.limit) {
      this.chunks.push(chunk);
      this.size += chunk.length;
      return;
    }
    this.chunks.push(chunk.subarray(0, this.limit - this.size));
    this.size = this.limit;
    this.stream.removeListener('data', this.onData);
    this.stream.destroy();
    this.overflow();
  };

  /** What was collected, as text or bytes. */
  value(encoding: OutputEncoding): string | Buffer {
    const bytes = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    return encoding === 'buffer' ? bytes : bytes.toString(encoding);
  }
}

/** The largest maxBuffer text output can have: past V8's longest string, decoding would throw. */
export function capLimit(maxBuffer: number, encoding: OutputEncoding): number {
  return encoding === 'buffer' ? maxBuffer : Math.min(maxBuffer, constants.MAX_STRING_LENGTH);
}

/** Empty output in the requested form. */
export function empty(encoding: OutputEncoding): string | Buffer {
  return encoding === 'buffer' ? Buffer.alloc(0) : '';
}
