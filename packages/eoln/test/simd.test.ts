import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SIMD_MIN, useSimd } from '../dist/_simd.js';
import { WINDOW } from '../dist/_simd-wasm.js';
import { Converter, EndingCounter } from '../dist/index.js';
import { chunks } from './_chunks.js';

const latin1 = (x: Uint8Array) => Buffer.from(x.buffer, x.byteOffset, x.length).toString('latin1');
/** The rule, written the slow obvious way: a run of CRs right before an LF goes. */
function reference(x: Uint8Array): Buffer {
  const out = Buffer.alloc(x.length);
  let w = 0;
  for (let i = 0; i < x.length; ) {
    let j = i;
    while (x[j] === 13) j++;
    if (x[j] !== 10) out.fill(13, w, w + j - i);
    if (x[j] !== 10) w += j - i;
    if (j < x.length) out[w++] = x[j] as number;
    i = j + 1;
  }
  return out.subarray(0, w);
}

// Pieces that put CRs and LFs at every position of a 16-byte block and across blocks: lone
// CRs, CRLF, CRCRLF, runs, and filler of lengths that shift what follows by one.
const piece = fc.constantFrom('\r\n', '\r', '\n', '\r\r\n', '\r\r\r', 'a', 'xyz', 'p'.repeat(15), 'q'.repeat(17));
const lines = fc.array(piece, { minLength: 40, maxLength: 400 }).map((p) => Buffer.from(p.join(''), 'latin1'));
const dense = fc
  .uint8Array({ minLength: SIMD_MIN, maxLength: 2000 })
  .map((a) => a.map((x) => [13, 10, 13, 97, 0xff, 32][x % 6] as number));
const input = fc.oneof(lines, dense);
const cutsOf = fc.array(fc.nat(4000), { maxLength: 4 });

/** Converts chunk by chunk into fresh buffers (the stream's way). */
function toLf(parts: Uint8Array[]): { out: Buffer; edits: number } {
  const converter = new Converter('lf');
  const out: Uint8Array[] = [];
  for (const part of parts) {
    const dst = Buffer.alloc(converter.room(part.length));
    out.push(dst.subarray(0, converter.push(part, part.length, dst)));
  }
  out.push(converter.flush());
  return { out: Buffer.concat(out), edits: converter.edits };
}

/** Converts each chunk in place, withheld CRs written first (the file pump's way). */
function toLfInPlace(parts: Uint8Array[]): Buffer {
  const converter = new Converter('lf');
  const out: Uint8Array[] = [];
  for (const part of parts) {
    const chunk = Buffer.from(part);
    out.push(converter.lead(chunk, chunk.length));
    out.push(Buffer.from(chunk.subarray(0, converter.push(chunk, chunk.length, chunk))));
  }
  out.push(converter.flush());
  return Buffer.concat(out);
}

/** Converts chunk by chunk in place with a counting converter: its counts. */
function countedWhileConverting(parts: Uint8Array[]) {
  const converter = new Converter('lf', { count: true });
  for (const part of parts) {
    const chunk = Buffer.from(part);
    converter.lead(chunk, chunk.length);
    converter.push(chunk, chunk.length, chunk);
  }
  converter.flush();
  return converter.counts();
}

function counted(parts: Uint8Array[]) {
  const counter = new EndingCounter();
  for (const part of parts) counter.add(part);
  return counter.end();
}

/** Runs `f` with the kernels on, then with the JS path. */
function both<T>(f: () => T): [T, T] {
  useSimd(true);
  const simd = f();
  useSimd(false);
  return [simd, f()];
}

afterEach(() => {
  useSimd(true);
});

describe('the WebAssembly SIMD kernels', () => {
  it('load on this Node (so the comparisons below compare two paths)', () => {
    expect(useSimd(true)).toBe(true);
    expect(useSimd(false)).toBe(false);
  });

  it('convert to LF exactly as the JS path and the rule do, for any input and chunking', () => {
    fc.assert(
      fc.property(input, cutsOf, (data, cuts) => {
        const [simd, js] = both(() => toLf(chunks(data, cuts)));
        expect(latin1(simd.out)).toBe(latin1(reference(data)));
        expect(simd).toEqual(js);
      }),
    );
  });

  it('convert in place, withheld CRs first, exactly as the JS path does', () => {
    fc.assert(
      fc.property(input, cutsOf, (data, cuts) => {
        const [simd, js] = both(() => toLfInPlace(chunks(data, cuts)));
        expect(latin1(simd)).toBe(latin1(reference(data)));
        expect(latin1(simd)).toBe(latin1(js));
      }),
    );
  });

  it('count CRLF, LF and lone CR exactly as the JS path does, for any chunking', () => {
    fc.assert(
      fc.property(input, cutsOf, (data, cuts) => {
        const [simd, js] = both(() => counted(chunks(data, cuts)));
        expect(simd).toEqual(js);
      }),
    );
  });

  it('count while converting to LF exactly as EndingCounter counts, for any chunking, on either path', () => {
    fc.assert(
      fc.property(input, cutsOf, (data, cuts) => {
        const parts = chunks(data, cuts);
        const [simd, js] = both(() => countedWhileConverting(parts));
        expect(simd).toEqual(counted(parts));
        expect(js).toEqual(simd);
      }),
    );
  });

  // Inputs longer than the kernel's memory go through it a window at a time.
  it.each([
    ['a CRLF split by the window edge', WINDOW - 1, '\r\n'],
    ['a run of CRs across the window edge, ending in LF', WINDOW - 3, '\r\r\r\r\r\n'],
    ['a run of CRs across the window edge, ending in text', WINDOW - 3, '\r\r\r\r\rx'],
    ['more than a window of CRs, then LF', 0, `${'\r'.repeat(WINDOW + 5)}\n`],
    ['more than a window of CRs, then text', 0, `${'\r'.repeat(WINDOW + 5)}x`],
  ])('agree on %s', (_name, at, middle) => {
    const data = Buffer.alloc(2 * WINDOW + 100, 'ab\r\ncd\rxy\n', 'latin1');
    data.write(middle, at, 'latin1');
    const [simd, js] = both(() => ({
      counts: counted([data]),
      countedWhileConverting: countedWhileConverting([data]),
      out: toLf([data]),
      inPlace: toLfInPlace([data]),
    }));
    expect(simd.out.out.equals(reference(data))).toBe(true);
    expect(simd.inPlace.equals(reference(data))).toBe(true);
    expect(simd.counts).toEqual(js.counts);
    expect(simd.countedWhileConverting).toEqual(js.counts);
    expect(simd.out.edits).toBe(js.out.edits);
  });
});
