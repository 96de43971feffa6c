import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Converter,
  ConverterStateError,
  convertBuffer,
  createConverter,
  normalizeTarget,
  UnknownTargetError,
} from '../dist/index.js';
import { chunks } from './_chunks.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const s = (x: Uint8Array) => Buffer.from(x).toString('latin1');
/** Bytes rich in CR and LF, never NUL: text as far as binary detection goes. */
const texty = fc.uint8Array({ maxLength: 400 }).map((a) => a.map((x) => [13, 10, 13, 97, 98][x % 5] as number));

async function viaStream(input: Uint8Array, to: 'lf' | 'crlf', cuts: number[], force = false): Promise<Buffer> {
  const pieces = chunks(input, cuts).map((piece) => Buffer.from(piece));
  return buffer(Readable.from(pieces).pipe(createConverter(to, { force })));
}

describe('convertBuffer', () => {
  it.each([
    ['a\r\nb\r\n', 'lf', 'a\nb\n'],
    ['a\nb\n', 'crlf', 'a\r\nb\r\n'],
    ['a\r\nb\nc', 'crlf', 'a\r\nb\r\nc'],
    ['lone\rcr\r', 'lf', 'lone\rcr\r'],
    ['run\r\r\n', 'lf', 'run\n'],
    ['run\r\r\n', 'crlf', 'run\r\r\n'],
    ['\n\n', 'todos', '\r\n\r\n'],
    ['\r\n', 'tounix', '\n'],
    ['', 'lf', ''],
  ] as const)('%j to %s is %j', (input, to, expected) => {
    expect(s(convertBuffer(b(input), to))).toBe(expected);
  });

  it('leaves binary and UTF-16 input alone unless forced', () => {
    expect(s(convertBuffer(b('a\0\r\n'), 'lf'))).toBe('a\0\r\n');
    expect(s(convertBuffer(b('a\0\r\n'), 'lf', { force: true }))).toBe('a\0\n');
    const utf16 = Buffer.from('\ufeffa\r\n', 'utf16le');
    expect(convertBuffer(utf16, 'lf').equals(utf16)).toBe(true);
  });

  it('rejects an unknown target', () => {
    expect(() => convertBuffer(b('x'), 'mac' as 'lf')).toThrow(UnknownTargetError);
    expect(normalizeTarget('todos')).toBe('crlf');
  });

  it('is idempotent, and LF -> CRLF -> LF equals LF once (any bytes)', () => {
    fc.assert(
      fc.property(texty, (input) => {
        const lf = convertBuffer(input, 'lf');
        const crlf = convertBuffer(input, 'crlf');
        expect(convertBuffer(lf, 'lf').equals(lf)).toBe(true);
        expect(convertBuffer(crlf, 'crlf').equals(crlf)).toBe(true);
        expect(convertBuffer(convertBuffer(lf, 'crlf'), 'lf').equals(lf)).toBe(true);
        // Only endings change: the text without CR and LF is the same.
        expect(s(lf).replace(/[\r\n]/g, '')).toBe(s(input).replace(/[\r\n]/g, ''));
      }),
      { numRuns: 500 },
    );
  });

  it('never modifies binary input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(299), (input, at) => {
        const bytes = Buffer.from(input.length > 0 ? input : [1]);
        bytes[at % bytes.length] = 0;
        for (const to of ['lf', 'crlf'] as const) expect(convertBuffer(bytes, to).equals(bytes)).toBe(true);
      }),
    );
  });
});

describe('createConverter', () => {
  it('gives the same bytes as convertBuffer however the input is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(texty, fc.array(fc.nat(400), { maxLength: 8 }), async (input, cuts) => {
        for (const to of ['lf', 'crlf'] as const) {
          const streamed = await viaStream(input, to, cuts);
          expect(s(streamed)).toBe(s(convertBuffer(input, to)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles a CR that ends one chunk and the LF that begins the next', async () => {
    expect(s(await viaStream(b('a\r\nb'), 'lf', [2]))).toBe('a\nb');
    expect(s(await viaStream(b('a\r\r\r\nb'), 'lf', [2, 3, 4]))).toBe('a\nb');
    expect(s(await viaStream(b('a\r\nb'), 'crlf', [2]))).toBe('a\r\nb');
    expect(s(await viaStream(b('a\r'), 'lf', [1]))).toBe('a\r');
  });

  it('passes binary through untouched, decided on the first 8000 bytes', async () => {
    const input = Buffer.concat([Buffer.from('\0'), Buffer.alloc(20_000, '\r\n')]);
    expect((await viaStream(input, 'lf', [1, 5000, 9000])).equals(input)).toBe(true);
  });
});

describe('Converter', () => {
  it('refuses, with a ConverterStateError, a chunk converted in place after a CR without lead()', () => {
    const converter = new Converter('lf');
    const first = Buffer.from('a\r');
    converter.push(first, first.length, first);
    const next = Buffer.from('b\n');
    const error = (() => {
      try {
        converter.push(next, next.length, next);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConverterStateError);
    expect(error).toMatchObject({ code: 'ERR_SYS_EOLN_CONVERTER_STATE' });
  });

  it('converts in place to LF, counting its edits', () => {
    const c = new Converter('lf');
    const buf = b('x\r\ny\r\n');
    const n = c.push(buf, buf.length, buf);
    expect(s(buf.subarray(0, n))).toBe('x\ny\n');
    expect(c.edits).toBe(2);
  });
});
