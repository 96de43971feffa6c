import type { Bom, Counts } from './counts.js';

const CR = 13;
const LF = 10;
/** git's 8000 bytes, in 16-bit code units. */
const SNIFF_UNITS = 4000;

/** True for the BOM of UTF-16 text, whose line endings are 16-bit code units. */
export function isUtf16(bom: Bom | undefined): bom is 'utf16le' | 'utf16be' {
  return bom === 'utf16le' || bom === 'utf16be';
}

/**
 * Counts the line endings of UTF-16 text code unit by code unit, as `dos2unix -i` does, chunk
 * by chunk: a code unit or a CR+LF pair split between chunks is counted once. It also tells
 * binary as git would for bytes: a NUL code unit in the first 4000.
 */
export class Utf16Counter implements Counts {
  crlf = 0;
  lf = 0;
  cr = 0;
  binary = false;
  readonly #high: 0 | 1;
  #units = 0;
  #odd: number | undefined;
  #pendingCR = false;

  constructor(bom: 'utf16le' | 'utf16be') {
    this.#high = bom === 'utf16le' ? 1 : 0;
  }

  /** Counts one more chunk. */
  add(buf: Uint8Array): void {
    let i = 0;
    if (this.#odd !== undefined && buf.length > 0) {
      const pair = [this.#odd, buf[0] as number];
      this.#unit(((pair[this.#high] as number) << 8) | (pair[1 - this.#high] as number));
      this.#odd = undefined;
      i = 1;
    }
    const high = this.#high;
    for (; i + 1 < buf.length; i += 2) this.#unit(((buf[i + high] as number) << 8) | (buf[i + 1 - high] as number));
    if (i < buf.length) this.#odd = buf[i];
  }

  #unit(unit: number): void {
    if (unit === 0 && this.#units < SNIFF_UNITS) this.binary = true;
    this.#units++;
    if (this.#pendingCR) {
      this.#pendingCR = false;
      if (unit === LF) {
        this.crlf++;
        return;
      }
      this.cr++;
    }
    if (unit === CR) this.#pendingCR = true;
    else if (unit === LF) this.lf++;
  }

  /** Settles a CR left at the very end and returns the totals (a lone last byte is no code unit). */
  end(): Counts {
    if (this.#pendingCR) this.cr++;
    this.#pendingCR = false;
    return { crlf: this.crlf, lf: this.lf, cr: this.cr };
  }
}
