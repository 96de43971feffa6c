import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The lines of a byte stream, without their line endings (`\n` or `\r\n`), as they arrive. */
export async function* lines(stream: Readable): AsyncGenerator<string, void, undefined> {
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    yield* reader;
  } finally {
    reader.close();
  }
}
