// Packs made by hand, and streams that cut them anywhere: for tests and benchmarks alike (no vitest here).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** A stream of `data` cut at the given places, to exercise chunk boundaries. */
export function chunked(data: Buffer, cuts: number[] = []): Readable {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const cut of at) {
    parts.push(data.subarray(from, cut));
    from = cut;
  }
  parts.push(data.subarray(from));
  return Readable.from(parts.filter((p) => p.length > 0));
}

/** A pack in our format from a body of lines, with a correct trailer (as an attacker would write it). */
export function craft(body: string, entries: number): Buffer {
  const text = `::::::\tsys-pack 1\n${body}`;
  const sha = createHash('sha256').update(text).digest('hex');
  return Buffer.from(`${text}::::::\tend entries=${entries} sha256=${sha}\n`);
}
