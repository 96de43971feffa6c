import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder, writeHeader } from '../dist/_frames.js';
import { FrameError, FrameTooLargeError } from '../dist/index.js';

function encode(payloads: Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of payloads) {
    const header = Buffer.alloc(4);
    writeHeader(header, 0, p.length);
    parts.push(header, Buffer.from(p));
  }
  return Buffer.concat(parts);
}

function decodeInPieces(bytes: Buffer, cuts: number[], max = 1 << 20): Buffer[] {
  const decoder = new FrameDecoder(max);
  const out: Buffer[] = [];
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, bytes.length]) {
    decoder.push(bytes.subarray(from, to), (frame) => out.push(Buffer.from(frame)));
    from = to;
  }
  expect(decoder.pending).toBe(0);
  return out;
}

describe('frame decoding', () => {
  it('decodes the same messages however the byte stream is split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (payloads, cuts) => {
          const got = decodeInPieces(encode(payloads), cuts);
          expect(got.map((b) => b.toString('hex'))).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads the long header Python writes for payloads over 0x7fffffff', () => {
    const header = Buffer.alloc(12);
    expect(writeHeader(header, 0, 0x80000000)).toBe(12);
    expect(header.toString('hex')).toBe('ffffffff0000000080000000');
    // A small payload behind a long header still decodes (Python reads either form).
    const long = Buffer.from('ffffffff0000000000000003616263', 'hex');
    expect(decodeInPieces(long, [1, 5, 11, 13]).map(String)).toEqual(['abc']);
  });

  it.each([
    ['4 GiB in the long form', 'ffffffff0000000100000000'],
    ['2^63 in the long form', 'ffffffff8000000000000000'],
    ['2 GiB - 1 in the short form', '7fffffff'],
    ['just over the limit', '00100001'],
  ])('rejects a length prefix of %s before allocating anything', (_name, hex) => {
    const decoder = new FrameDecoder(1 << 20);
    expect(() => decoder.push(Buffer.from(hex, 'hex'), () => {})).toThrow(FrameTooLargeError);
  });

  it('rejects a negative length other than -1', () => {
    const decoder = new FrameDecoder(1 << 20);
    expect(() => decoder.push(Buffer.from('fffffffe', 'hex'), () => {})).toThrow(FrameError);
  });

  it('holds only the bytes that arrived of a frame that claims more', () => {
    const decoder = new FrameDecoder(64 << 20);
    decoder.push(Buffer.from('03ffffff', 'hex'), () => {});
    decoder.push(Buffer.alloc(10), () => {});
    expect(decoder.pending).toBe(14);
  });
});
