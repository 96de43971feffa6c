import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect, detectBuffer, EndingCounter } from '../dist/index.js';
import { chunks } from './_chunks.js';
import { folder } from './_files.js';

const b = (s: string) => Buffer.from(s, 'latin1');

/** Short runs of CR, LF and text: chunks often end on a CR, and repeated cuts make empty chunks. */
const crRich = fc.uint8Array({ maxLength: 40 }).map((a) => a.map((x) => [13, 10, 13, 97][x % 4] as number));

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

  it('counts the same however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), crRich), fc.array(fc.nat(300)), (bytes, cuts) => {
        const counter = new EndingCounter();
        for (const piece of chunks(bytes, cuts)) counter.add(piece);
        const whole = detectBuffer(bytes);
        expect(counter.end()).toEqual({ crlf: whole.crlf, lf: whole.lf, cr: whole.cr });
        expect(whole.crlf + whole.cr).toBe(bytes.filter((x) => x === 13).length);
        expect(whole.crlf + whole.lf).toBe(bytes.filter((x) => x === 10).length);
      }),
    );
  });
});

describe('detect', () => {
  it('streams a file larger than one read, pairing a CR and LF split across reads', async () => {
    const dir = folder();
    const path = join(dir, 'big.txt');
    const text = Buffer.concat([Buffer.alloc((1 << 20) - 1, 97), b('\r\nend\n')]);
    writeFileSync(path, text);
    expect(await detect(path)).toMatchObject({ crlf: 1, lf: 1, cr: 0, binary: false, style: 'mixed' });
  });
});
