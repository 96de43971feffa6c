import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBuffer } from '../src/index.js';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('detectBuffer', () => {
  it.each([
    ['a\r\nb\r\n', { crlf: 2, lf: 0, cr: 0, style: 'crlf' }],
    ['a\nb\n', { crlf: 0, lf: 2, cr: 0, style: 'lf' }],
    ['a\rb\r', { crlf: 0, lf: 0, cr: 2, style: 'cr' }],
    ['a\r\nb\nc\r', { crlf: 1, lf: 1, cr: 1, style: 'mixed' }],
    ['\r\r\n', { crlf: 1, lf: 0, cr: 1, style: 'mixed' }],
    ['no ending', { crlf: 0, lf: 0, cr: 0, style: 'none' }],
  ])('counts the endings of %j', (text, expected) => {
    expect(detectBuffer(b(text))).toMatchObject(expected);
  });

  it('calls a buffer binary when a NUL is in the first 8000 bytes only', () => {
    expect(detectBuffer(b('a\0b')).binary).toBe(true);
    expect(detectBuffer(Buffer.concat([Buffer.alloc(8000, 97), Buffer.from([0])])).binary).toBe(false);
  });

  it.each([
    [[0xef, 0xbb, 0xbf, 0x61], 'utf8'],
    [[0xff, 0xfe, 0x61, 0x00], 'utf16le'],
    [[0xfe, 0xff, 0x00, 0x61], 'utf16be'],
    [[0xff, 0xfe, 0x00, 0x00], 'utf32le'],
    [[0x00, 0x00, 0xfe, 0xff], 'utf32be'],
    [[0x61, 0x62], undefined],
  ])('recognises the BOM of %j', (bytes, bom) => {
    expect(detectBuffer(Buffer.from(bytes)).bom).toBe(bom);
  });

  it('counts every CR and LF byte exactly once, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const d = detectBuffer(bytes);
        const crs = bytes.filter((x) => x === 13).length;
        const lfs = bytes.filter((x) => x === 10).length;
        expect(d.crlf + d.cr).toBe(crs);
        expect(d.crlf + d.lf).toBe(lfs);
      }),
    );
  });
});
