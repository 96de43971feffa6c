import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const FLUSH_AT = 256 * 1024;

/**
 * Writes to a stream in large chunks, honouring backpressure, hashing every byte on the way.
 * It keeps views of what it is given until it flushes: callers must not reuse those bytes.
 */
export class HashingWriter {
  readonly hash: Hash = createHash('sha256');
  #parts: Uint8Array[] = [];
  #size = 0;
  constructor(readonly out: Writable) {}

  async write(part: Uint8Array | string): Promise<void> {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    this.hash.update(bytes);
    this.#parts.push(bytes);
    this.#size += bytes.length;
    if (this.#size >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#size === 0) return;
    const chunk = Buffer.concat(this.#parts, this.#size);
    this.#parts = [];
    this.#size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}
