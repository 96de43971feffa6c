import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeName, encodeName } from '../dist/_bytes.js';
import { MAX_SHOWN, quoteName, safeText } from '../dist/_quote.js';

// What a terminal acts on: C0 and C1 controls, DEL, bidi overrides, lone surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

describe('quoteName', () => {
  it.each([
    ['plain.txt', 'plain.txt'],
    ['é 😀 名前', 'é 😀 名前'],
    ['a\nb', '"a\\nb"'],
    ['\u001b]0;owned\u0007\u001b[2Jx', '"\\u001b]0;owned\\u0007\\u001b[2Jx"'],
    ['a\n../../etc/passwd', '"a\\n../../etc/passwd"'],
    ['tab\t"q"', '"tab\\t\\"q\\""'],
    ['\udcff\udcfebad', '"\\xff\\xfebad"'],
    ['evil\u202etxt.exe', '"evil\\u202etxt.exe"'],
  ])('shows %j as %s', (name, shown) => {
    expect(quoteName(name)).toBe(shown);
  });

  it('never lets a control character through, and keeps a name on one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const shown = quoteName(name);
        expect(shown).not.toMatch(DANGEROUS);
        expect(safeText(name)).not.toMatch(DANGEROUS);
      }),
    );
  });

  it('keeps both ends of a very long name, so a 10,000-level path is not a 20 KB line', () => {
    const deep = `${'d/'.repeat(10_000)}end`;
    const shown = quoteName(deep);
    expect(Array.from(shown).length).toBeLessThanOrEqual(MAX_SHOWN);
    expect(shown.startsWith('d/d/')).toBe(true);
    expect(shown.endsWith('d/end')).toBe(true);
    expect(shown).toContain('…');
  });
});

describe('decodeName / encodeName', () => {
  it('gives back the very bytes of any name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(encodeName(decodeName(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('decodes valid UTF-8 as itself and marks each other byte', () => {
    expect(decodeName(Buffer.from('naïve 😀'))).toBe('naïve 😀');
    expect(decodeName(Buffer.from([0xff, 0xfe, 0x62]))).toBe('\udcff\udcfeb');
    // An overlong encoding and a lone continuation byte are not UTF-8.
    expect(decodeName(Buffer.from([0xc0, 0xaf, 0x80]))).toBe('\udcc0\udcaf\udc80');
  });
});
