import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf16Counter } from '../dist/_utf16.js';
import { detect, detectBuffer } from '../dist/index.js';
import { chunks } from './_chunks.js';
import { folder } from './_files.js';

const utf16 = (text: string, order: 'le' | 'be') => {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
};

const hasDos2unix = (() => {
  try {
    execFileSync('dos2unix', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('detect on UTF-16 text with a BOM', () => {
  it.each(['le', 'be'] as const)('counts 16-bit endings and calls it text (UTF-16%s)', async (order) => {
    const text = Array.from({ length: 59 }, (_, i) => `line ${i}\r\n`).join('');
    const buf = utf16(text, order);
    const expected = { crlf: 59, lf: 0, cr: 0, binary: false, bom: `utf16${order}`, style: 'crlf' };
    expect(detectBuffer(buf)).toMatchObject(expected);
    const path = join(folder(), `${order}.txt`);
    writeFileSync(path, buf);
    expect(await detect(path)).toMatchObject(expected);
  });

  it('counts as dos2unix -i counts, for any text', async () => {
    const dir = folder();
    // Text of line endings and a few characters, including ones whose UTF-16 bytes hold 0x0d or 0x0a.
    const text = fc
      .array(fc.constantFrom('\r', '\n', 'a', '\u0d0a', '\u0a0d', 'é', '😀'), { maxLength: 40 })
      .map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('le' as const, 'be' as const), async (t, order) => {
        const path = join(dir, 'sample.txt');
        writeFileSync(path, utf16(t, order));
        const d = await detect(path);
        const ours = { crlf: d.crlf, lf: d.lf, cr: d.cr };
        // Counted in JavaScript, by code unit.
        const crlf = t.split('\r\n').length - 1;
        expect(ours).toEqual({ crlf, lf: t.split('\n').length - 1 - crlf, cr: t.split('\r').length - 1 - crlf });
        if (hasDos2unix) {
          const [c, l, r] = execFileSync('dos2unix', ['-i', path], { encoding: 'utf8' })
            .trim()
            .split(/\s+/)
            .map(Number);
          expect(ours).toEqual({ crlf: c, lf: l, cr: r });
        }
      }),
      { numRuns: hasDos2unix ? 40 : 200 },
    );
  });

  it('pairs a CR and LF split across reads', async () => {
    const dir = folder();
    // The BOM is 2 bytes, so 'x' repeated fills the 1 MiB read but for one code unit or one byte.
    for (const pad of [(1 << 19) - 2, (1 << 19) - 1]) {
      const path = join(dir, `split-${pad}.txt`);
      writeFileSync(path, utf16(`${'x'.repeat(pad)}\r\nend\n`, 'le'));
      expect(await detect(path)).toMatchObject({ crlf: 1, lf: 1, cr: 0, binary: false });
    }
  });

  it('counts the same however the bytes are cut into chunks, odd cuts included', () => {
    const text = fc.array(fc.constantFrom('\r', '\n', 'a', '\u0d0a', '😀'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('le' as const, 'be' as const), fc.array(fc.nat(130)), (t, order, cuts) => {
        const bytes = utf16(t, order);
        const counter = new Utf16Counter(`utf16${order}`);
        for (const piece of chunks(bytes, cuts)) counter.add(piece);
        const whole = detectBuffer(bytes);
        expect(counter.end()).toEqual({ crlf: whole.crlf, lf: whole.lf, cr: whole.cr });
      }),
    );
  });

  it('still calls UTF-16 binary when it holds a NUL code unit, and UTF-16 without a BOM binary', () => {
    expect(detectBuffer(utf16('a\u0000b\r\n', 'le'))).toMatchObject({ binary: true, crlf: 1 });
    expect(detectBuffer(Buffer.from('a\r\nb\n', 'utf16le'))).toMatchObject({ binary: true, bom: undefined });
  });
});
