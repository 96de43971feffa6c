import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { PackInput } from './read-options.js';

/** An input opened for reading, and the way to let go of it early. */
export interface OpenedInput {
  chunks: AsyncIterable<Buffer | string>;
  /** Ends a stream at once, even one waiting for data (stdin, a pipe). */
  close(reason?: Error): void;
}

/**
 * Opens a pack input: a path becomes a file stream. An aborted signal ends a stream at once
 * with the signal's reason — also while it waits for data — and any other iterable at its
 * next chunk.
 */
export function openInput(input: PackInput, signal?: AbortSignal): OpenedInput {
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  const close = (reason?: Error) => {
    if (stream instanceof Readable) stream.destroy(reason);
  };
  if (!signal) return { chunks: stream, close };
  const onAbort = () => close(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks = (async function* () {
    try {
      for await (const chunk of stream) {
        signal.throwIfAborted();
        yield chunk;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  })();
  return { chunks, close };
}
