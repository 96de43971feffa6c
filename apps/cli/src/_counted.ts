import { Writable } from 'node:stream';

/** A stream in front of another that counts what goes through, for a progress line. */
export interface Counted {
  stream: Writable;
  /** Resolves when everything written has reached the stream behind (which stays open). */
  flushed(): Promise<void>;
}

/**
 * Passes each chunk on to `inner` and reports the running total of bytes. A chunk is done
 * when `inner` has taken it, so the writer in front feels `inner`'s backpressure and errors.
 */
export function counted(inner: Writable, onBytes: (total: number) => void): Counted {
  let total = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      onBytes(total);
      inner.write(chunk, done);
    },
  });
  // Errors reach the writer through its write callbacks; an 'error' event with no listener would crash.
  stream.on('error', () => {});
  return {
    stream,
    flushed: () =>
      new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
  };
}
