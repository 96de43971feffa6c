import { Transform, type TransformCallback } from 'node:stream';
import { countJs } from './_count-bytes.js';
import { compactToLf, SIMD_MIN, type Tally } from './_simd.js';
import type { Counts } from './counts.js';
import { BINARY_SNIFF_BYTES, bomOf, isBinary, isWideBom } from './detect.js';
import { ConverterStateError, UnknownTargetError } from './errors.js';

/** The two line-ending forms, by their own names or by the chapter's. */
export type Target = 'lf' | 'crlf' | 'tounix' | 'todos';

const CR = 13;
const LF = 10;
const EMPTY = new Uint8Array(0);

/** 'tounix' -> 'lf', 'todos' -> 'crlf'; throws UnknownTargetError for anything else. */
export function normalizeTarget(target: string): 'lf' | 'crlf' {
  if (target === 'lf' || target === 'tounix') return 'lf';
  if (target === 'crlf' || target === 'todos') return 'crlf';
  throw new UnknownTargetError(target);
}

/**
 * Converts chunk after chunk, carrying what a chunk's end leaves open (CRs that may belong to
 * an LF in the next chunk). The rule, the same for every chunking:
 * - to LF: a run of CRs right before an LF is part of that ending and goes; other CRs stay.
 *   (dos2unix and git drop only the last CR of such a run, so running them twice can change a
 *   file again; dropping the run makes conversion idempotent.)
 * - to CRLF: an LF with no CR before it gets one; everything else stays.
 */
export class Converter {
  readonly to: 'lf' | 'crlf';
  /** CRs withheld at the end of the last chunk (to LF). */
  #pendingCRs = 0;
  /** The last byte seen was a CR (to CRLF). */
  #afterCR = false;
  /** How many bytes the conversion changed so far: 0 means the output equals the input. */
  edits = 0;
  /** The input's CR bytes, LF bytes and CR-LF pairs so far, when counting (to LF only). */
  #tally: Tally | undefined;

  /**
   * `count`: to LF, also count the input's line endings while converting (see `counts`), in
   * the same pass over the bytes.
   */
  constructor(to: Target, options: { count?: boolean } = {}) {
    this.to = normalizeTarget(to);
    if (options.count && this.to === 'lf') this.#tally = { cr: 0, lf: 0, pairs: 0 };
  }

  /** The input's line endings so far, as `detect` counts them (a converter made with `count`, to LF). */
  counts(): Counts | undefined {
    const t = this.#tally;
    return t && { crlf: t.pairs, lf: t.lf - t.pairs, cr: t.cr - t.pairs };
  }

  /**
   * Converts `src[0, length)`, writing into `dst` and returning the bytes written (with any
   * withheld CRs that turned out to stay first). To LF, `dst` may be `src` itself; to CRLF it
   * needs room for `length * 2 + pending`.
   */
  push(src: Uint8Array, length: number, dst: Uint8Array): number {
    return this.to === 'lf' ? this.#toLf(src, length, dst) : this.#toCrlf(src, length, dst);
  }

  /** Room `push` may need in `dst` for a chunk of `length` bytes. */
  room(length: number): number {
    return this.to === 'lf' ? length + this.#pendingCRs : length * 2;
  }

  /** Ends the stream: returns the CRs still withheld, which belong to no LF and so stay. */
  flush(): Uint8Array {
    const out = Buffer.alloc(this.#pendingCRs, CR);
    this.#pendingCRs = 0;
    return out;
  }

  #toLf(src: Uint8Array, length: number, dst: Uint8Array): number {
    let w = 0;
    let r = 0;
    const tally = this.#tally;
    if (this.#pendingCRs > 0) {
      // The withheld run may go on into this chunk: its fate is the byte after all of it.
      while (r < length && src[r] === CR) r++;
      if (r === length) {
        this.#pendingCRs += length;
        if (tally) tally.cr += length;
        return 0;
      }
      if (src[r] === LF) {
        this.edits += this.#pendingCRs + r;
        // Counted here, as they are dropped; the LF is counted with the rest of the chunk.
        if (tally) {
          tally.cr += r;
          tally.pairs++;
        }
      } else if (dst === src) {
        throw new ConverterStateError('write lead(chunk) before converting a chunk in place');
      } else {
        dst.fill(CR, 0, this.#pendingCRs);
        w = this.#pendingCRs;
        r = 0;
      }
      this.#pendingCRs = 0;
    }
    // A run of CRs at the chunk's end waits: whether it goes depends on the next chunk.
    let end = length;
    while (end > r && src[end - 1] === CR) end--;
    this.#pendingCRs = length - end;
    if (tally) tally.cr += length - end; // counted now; their fate waits
    const out = end - r >= SIMD_MIN ? compactToLf(src, r, end, dst, w, tally) : -1;
    if (out >= 0) {
      this.edits += end - r - (out - w);
      return out;
    }
    if (tally) {
      const [crs, lfs, pairs] = countJs(src, r, end);
      tally.cr += crs;
      tally.lf += lfs;
      tally.pairs += pairs;
    }
    return this.#toLfJs(src, r, end, dst, w);
  }

  /** The JS path of #toLf over `src[r, end)`, where `src[end - 1]` is no CR. */
  #toLfJs(src: Uint8Array, r: number, end: number, dst: Uint8Array, w: number): number {
    for (let cr = src.indexOf(CR, r); cr !== -1 && cr < end; ) {
      let after = cr + 1;
      while (src[after] === CR) after++; // stops inside: the last byte is no CR
      if (src[after] === LF) {
        w = copy(src, r, cr, dst, w);
        this.edits += after - cr;
        r = after;
      }
      cr = src.indexOf(CR, after);
    }
    return copy(src, r, end, dst, w);
  }

  #toCrlf(src: Uint8Array, length: number, dst: Uint8Array): number {
    let w = 0;
    let r = 0;
    for (let lf = src.indexOf(LF); lf !== -1 && lf < length; lf = src.indexOf(LF, lf + 1)) {
      const hasCR = lf > 0 ? src[lf - 1] === CR : this.#afterCR;
      if (hasCR) continue;
      w = copy(src, r, lf, dst, w);
      dst[w++] = CR;
      this.edits++;
      r = lf;
    }
    if (length > 0) this.#afterCR = src[length - 1] === CR;
    return copy(src, r, length, dst, w);
  }

  /**
   * Before an in-place push: the withheld CRs that stay because their run, carried on by the
   * CRs `src` starts with, ends in something other than LF; write them out first. Empty
   * otherwise (they are dropped, still undecided, or there are none).
   */
  lead(src: Uint8Array, length: number): Uint8Array {
    if (this.#pendingCRs === 0) return EMPTY;
    let r = 0;
    while (r < length && src[r] === CR) r++;
    // Still undecided (the chunk is all CRs), or dropped: nothing to write.
    if (r === length || src[r] === LF) return EMPTY;
    return this.flush();
  }
}

/** Moves src[from, to) to dst[at...]; called once per line, so it allocates nothing (no subarray). */
function copy(src: Uint8Array, from: number, to: number, dst: Uint8Array, at: number): number {
  if (to > from) {
    if (src === dst) {
      if (at !== from) dst.copyWithin(at, from, to);
    } else copyBytes.call(src, dst, at, from, to);
  }
  return at + (to - from);
}

const copyBytes = Buffer.prototype.copy as (
  this: Uint8Array,
  target: Uint8Array,
  at: number,
  from: number,
  to: number,
) => number;

/** Options of `convertBuffer` and `createConverter`. */
export interface ConvertOptions {
  /** Convert even binary (NUL in the first 8000 bytes) or UTF-16/32 input. @default false */
  force?: boolean;
}

/** True when input that starts with `head` is left alone unless forced. */
export function refuses(head: Uint8Array): 'binary' | 'utf-16/32' | undefined {
  if (isWideBom(bomOf(head))) return 'utf-16/32';
  if (isBinary(head)) return 'binary';
  return undefined;
}

/** Converts a whole buffer to LF or CRLF; binary and UTF-16/32 input comes back as it is unless forced. */
export function convertBuffer(buf: Uint8Array, to: Target, options: ConvertOptions = {}): Buffer {
  const converter = new Converter(to);
  if (!options.force && refuses(buf)) return Buffer.from(buf);
  const out = Buffer.allocUnsafe(converter.room(buf.length));
  const n = converter.push(buf, buf.length, out);
  const tail = converter.flush();
  return Buffer.concat([out.subarray(0, n), tail]);
}

/**
 * A Transform stream converting line endings as bytes pass through, in constant memory,
 * correct when a CR ends one chunk and its LF begins the next. It looks at the first 8000
 * bytes before converting anything: binary or UTF-16/32 input passes through unchanged.
 */
export function createConverter(to: Target, options: ConvertOptions = {}): Transform {
  const converter = new Converter(to);
  let head: Buffer[] | undefined = [];
  let headLength = 0;
  let passThrough = false;
  const convert = (chunk: Buffer, push: (b: Buffer) => void) => {
    if (passThrough) return push(chunk);
    const out = Buffer.allocUnsafe(converter.room(chunk.length) + 1);
    const n = converter.push(chunk, chunk.length, out);
    if (n > 0) push(out.subarray(0, n));
  };
  const decide = (push: (b: Buffer) => void) => {
    const all = Buffer.concat(head ?? []);
    head = undefined;
    passThrough = !options.force && refuses(all) !== undefined;
    convert(all, push);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const push = (b: Buffer) => this.push(b);
      if (head) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength >= BINARY_SNIFF_BYTES) decide(push);
      } else convert(chunk, push);
      done();
    },
    flush(done: TransformCallback) {
      const push = (b: Buffer) => this.push(b);
      if (head) decide(push);
      const tail = converter.flush();
      if (tail.length > 0) this.push(tail);
      done();
    },
  });
}
