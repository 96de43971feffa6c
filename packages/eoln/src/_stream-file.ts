import { fdatasync, write } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { lendSlots } from './_simd.js';
import { SLOT } from './_simd-wasm.js';
import type { Converter } from './convert.js';
import type { Counts } from './counts.js';
import { EndingCounter } from './detect.js';

/** Bytes read at a time from a file too big to read whole. */
export const CHUNK = 1 << 20;
/**
 * Every this many bytes written, an fdatasync starts in the background (one at a time): the
 * disk writes while later chunks are converted, and the fsync before the rename finds little
 * left to do (512 MiB: about 160 ms less at the end). It changes nothing of what a crash leaves.
 */
const EARLY_SYNC = 32 << 20;

/** Reads until it is sure the file changes (usually within the first chunk), or to the end. */
export async function needsChange(
  input: FileHandle,
  to: 'lf' | 'crlf',
  head: Buffer,
  headLength: number,
): Promise<boolean> {
  const counter = new EndingCounter();
  const changes = () => (to === 'lf' ? counter.crlf > 0 : counter.lf > 0);
  counter.add(head.subarray(0, headLength));
  let offset = headLength;
  const buf = headLength === head.length ? head : Buffer.allocUnsafe(CHUNK);
  while (!changes()) {
    const { bytesRead } = await input.read(buf, 0, buf.length, offset);
    if (bytesRead === 0) break;
    counter.add(buf.subarray(0, bytesRead));
    offset += bytesRead;
  }
  counter.end(); // a CR at the very end settles as a lone CR: no change either way
  return changes();
}

/**
 * Streams the whole file through the converter into `output` (or nowhere, for a dry run),
 * with the next read in flight while a chunk is converted and the last one written; an
 * aborted `signal` stops it between chunks, with nothing left being written. To LF the
 * converter must count (`new Converter('lf', { count: true })`): the endings are counted as
 * they are converted, and the chunks are read straight into the SIMD kernel's memory and
 * converted there, so no byte is copied between the reads and the writes.
 * Memory: three read buffers and, to CRLF, three output buffers, whatever the file's size.
 */
export async function pump(
  input: FileHandle,
  output: number | undefined,
  converter: Converter,
  size: number,
  signal: AbortSignal | undefined,
): Promise<Counts> {
  const inPlace = converter.to === 'lf';
  const counter = inPlace ? undefined : new EndingCounter();
  const lent = inPlace ? lendSlots() : undefined;
  // Small files get small buffers: most files in a tree are far below one chunk.
  const chunk = Math.min(lent ? SLOT : CHUNK, size + 1);
  const reads = lent ? lent.slots : [0, 1, 2].map(() => Buffer.allocUnsafe(chunk));
  const outs = inPlace ? reads : [0, 1, 2].map(() => Buffer.allocUnsafe(converter.room(chunk) + 1));
  let offset = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const early = output === undefined ? undefined : new EarlySync(output);
  let next = input.read(reads[0] as Buffer, 0, chunk, 0);
  try {
    for (let i = 0; ; i++) {
      const { bytesRead } = await next;
      if (bytesRead === 0) break;
      signal?.throwIfAborted();
      offset += bytesRead;
      const src = reads[i % 3] as Buffer;
      next = input.read(reads[(i + 1) % 3] as Buffer, 0, chunk, offset);
      counter?.add(src.subarray(0, bytesRead));
      const lead = inPlace ? converter.lead(src, bytesRead) : new Uint8Array(0);
      const dst = outs[i % 3] as Buffer;
      const n = converter.push(src, bytesRead, dst);
      await writing; // the buffer written two rounds ago is about to be read into again
      if (output !== undefined) writing = writeAll(output, lead, dst.subarray(0, n));
      early?.wrote(offset, writing);
    }
    await writing;
    await early?.settled();
  } finally {
    // Leaving early (an abort, an error): no read or write may still be running on our buffers.
    await Promise.allSettled([next, writing, early?.running]);
    lent?.release();
  }
  const tail = converter.flush();
  if (output !== undefined && tail.length > 0) await writeAll(output, tail);
  const counts = counter ? counter.end() : converter.counts();
  if (!counts) throw new TypeError('pump: a converter to LF must be made with { count: true }');
  return counts;
}

async function writeAll(fd: number, ...parts: Uint8Array[]): Promise<void> {
  for (const part of parts) {
    for (let at = 0; at < part.length; ) {
      at += await new Promise<number>((resolve, reject) =>
        write(fd, part, at, part.length - at, null, (err, written) => (err ? reject(err) : resolve(written))),
      );
    }
  }
}

/** The background fdatasyncs of `EARLY_SYNC`; a failure of one fails the pump. */
class EarlySync {
  running: Promise<void> | undefined;
  #synced = 0;
  #error: unknown;

  constructor(readonly fd: number) {}

  /** After a write is queued: starts the next sync once it is done, if EARLY_SYNC more bytes went in since the last. */
  wrote(offset: number, writing: Promise<unknown>): void {
    // An error must not be lost: once a sync has reported it, a later fsync on this fd would not.
    if (this.#error !== undefined) throw this.#error;
    if (this.running !== undefined || offset - this.#synced < EARLY_SYNC) return;
    this.#synced = offset;
    this.running = writing
      .then(() => new Promise<void>((resolve, reject) => fdatasync(this.fd, (err) => (err ? reject(err) : resolve()))))
      .catch((error: unknown) => {
        this.#error = error;
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for the sync under way; throws what any of them failed with. */
  async settled(): Promise<void> {
    await this.running;
    if (this.#error !== undefined) throw this.#error;
  }
}
