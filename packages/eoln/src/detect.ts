import { open } from 'node:fs/promises';
import { BINARY_SNIFF_BYTES, type FsPath, isBinary } from '@sys/core';
import { countJs } from './_count-bytes.js';
import { countBytes, SIMD_MIN } from './_simd.js';
import { isUtf16, Utf16Counter } from './_utf16.js';
import type { Bom, Counts } from './counts.js';

// git's binary rule lives in @sys/core, shared with @sys/pack.
export { BINARY_SNIFF_BYTES, isBinary };

/** What a buffer or file holds: its line endings, whether it is binary, its BOM. */
export interface Detection extends Counts {
  /** A NUL byte in the first 8000 bytes, as git decides. */
  binary: boolean;
  bom: Bom | undefined;
  /** The only kind of ending present, 'mixed' for several, 'none' for none. */
  style: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
}

const CR = 13;
const LF = 10;
const CHUNK = 1 << 20;

/** Counts endings chunk by chunk; a CR that ends one chunk pairs with an LF that starts the next. */
export class EndingCounter implements Counts {
  crlf = 0;
  lf = 0;
  cr = 0;
  #pendingCR = false;

  /** Counts one more chunk. */
  add(buf: Uint8Array): void {
    if (buf.length === 0) return;
    let start = 0;
    if (this.#pendingCR) {
      this.#pendingCR = false;
      if (buf[0] === LF) {
        this.crlf++;
        start = 1;
      } else this.cr++;
    }
    const counts = (buf.length - start >= SIMD_MIN && countBytes(buf, start, buf.length)) || countJs(buf, start);
    let crs = counts[0];
    const [, lfs, pairs] = counts;
    if (buf.length > start && buf[buf.length - 1] === CR) {
      this.#pendingCR = true; // settled by the next chunk, or by end()
      crs--;
    }
    this.crlf += pairs;
    this.cr += crs - pairs;
    this.lf += lfs - pairs;
  }

  /** Settles a CR left at the very end and returns the totals. */
  end(): Counts {
    if (this.#pendingCR) this.cr++;
    this.#pendingCR = false;
    return { crlf: this.crlf, lf: this.lf, cr: this.cr };
  }
}

function styleOf({ crlf, lf, cr }: Counts): Detection['style'] {
  const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'cr';
}

/** The byte-order mark at the start of `buf`, if any. */
export function bomOf(buf: Uint8Array): Bom | undefined {
  const [a, b, c, d] = buf;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf8';
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? 'utf32le' : 'utf16le';
  if (a === 0xfe && b === 0xff) return 'utf16be';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf32be';
  return undefined;
}

/** True for a BOM of a 16- or 32-bit encoding, whose CR and LF are not single bytes. */
export function isWideBom(bom: Bom | undefined): boolean {
  return bom !== undefined && bom !== 'utf8';
}

/** Counts CRLF, LF and lone CR in a buffer and tells binary, BOM and the dominant style. */
export function detectBuffer(buf: Uint8Array): Detection {
  const bom = bomOf(buf);
  // UTF-16 text counts 16-bit endings, as dos2unix -i does; its NUL bytes do not make it binary.
  const counter = isUtf16(bom) ? new Utf16Counter(bom) : new EndingCounter();
  counter.add(buf);
  const counts = counter.end();
  const binary = counter instanceof Utf16Counter ? counter.binary : isBinary(buf);
  return { ...counts, binary, bom, style: styleOf(counts) };
}

/** Detects a buffer, or a file read as a stream in constant memory. */
export async function detect(input: Uint8Array | string): Promise<Detection> {
  return typeof input === 'string' ? detectFile(input) : detectBuffer(input);
}

/** Detects a file read as a stream in constant memory; its path may be bytes, for a name that is not UTF-8. */
export async function detectFile(path: FsPath): Promise<Detection> {
  const file = await open(path, 'r');
  try {
    let counter: EndingCounter | Utf16Counter = new EndingCounter();
    const buf = Buffer.allocUnsafe(CHUNK);
    let head: Buffer | undefined;
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      if (!head) {
        head = Buffer.from(chunk.subarray(0, BINARY_SNIFF_BYTES));
        const bom = bomOf(head);
        if (isUtf16(bom)) counter = new Utf16Counter(bom);
      }
      counter.add(chunk);
    }
    const counts = counter.end();
    const first = head ?? Buffer.alloc(0);
    const binary = counter instanceof Utf16Counter ? counter.binary : isBinary(first);
    return { ...counts, binary, bom: bomOf(first), style: styleOf(counts) };
  } finally {
    await file.close();
  }
}
